"""A fetched page reduced to its text: what counts as a change, and how its bytes are read."""

from __future__ import annotations

import pytest

from generator.watch.text import reduce

TEXT = "0,25 € - café"  # € is in windows-1252 and ISO-8859-15, not in Latin-1
PAGE = "<html><head>{head}</head><body><nav>Menu</nav><main><h1>Veo</h1><p>{text}</p></main></body></html>"


def test_markup_scripts_and_navigation_are_no_change_of_the_text():
    before = reduce(PAGE.format(head="", text="$0.40 per second").encode(), "text/html", "https://x/veo")
    after = reduce(PAGE.format(head="<script>track()</script>", text="$0.40 <b>per</b> second")
                   .replace("Menu", "New menu").encode(), "text/html", "https://x/veo")
    assert before == after == "Veo\n\n$0.40 per second\n"


def test_json_is_compared_by_its_content_not_its_order():
    one = reduce(b'{"b": 2, "a": [1, "\\u00e9"]}', "application/json", "https://x/p")
    assert one == reduce(b'{"a":[1,"\xc3\xa9"],"b":2}', "", "https://x/p.json")
    assert one.startswith('{\n  "a": [\n    1,\n    "é"')


@pytest.mark.parametrize(("body", "content_type"), [
    (PAGE.format(head='<meta charset="windows-1252">', text=TEXT).encode("cp1252"), "text/html"),
    (PAGE.format(head='<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15">',
                 text=TEXT).encode("iso-8859-15"), "text/html"),
    (PAGE.format(head="", text=TEXT).encode(), "text/html"),
    (b"\xef\xbb\xbf" + PAGE.format(head="", text=TEXT).encode(), "text/html"),
    (PAGE.format(head='<meta charset="utf-8">', text=TEXT).encode("cp1252"), "text/html; charset=cp1252"),
    (PAGE.format(head="", text=TEXT).encode(), 'text/html; charset="no-such-charset"'),
    ('<?xml version="1.0" encoding="windows-1252"?>'.encode() + PAGE.format(head="", text=TEXT)
     .encode("cp1252"), "application/xhtml+xml"),
], ids=["meta charset", "http-equiv", "utf-8 undeclared", "byte-order mark", "header over meta",
        "unknown charset name", "xml declaration"])
def test_a_pages_characters_are_read_by_its_own_declarations(body, content_type):
    text = reduce(body, content_type, "https://x/veo")
    assert text == f"Veo\n\n{TEXT}\n"


def test_text_in_another_charset_a_wrong_header_and_undecodable_bytes_never_fail():
    assert reduce("# Prix\n\ncafé\n".encode("utf-16"), "text/plain", "https://x/a.md.txt") == "# Prix\n\ncafé\n"
    assert reduce("café".encode("latin-1"), "text/markdown; charset=iso-8859-1", "https://x/a.md") == "café\n"
    assert reduce("café".encode("latin-1"), "text/plain; charset=utf-8", "https://x/a.txt") == "café\n"
    assert reduce(b"ok \x81\xff", "text/plain; charset=utf-8", "https://x/a.txt") == "ok \ufffd\ufffd\n"
