"""What a fetch means for a source: the excerpt of a change, and the addresses recorded."""

from __future__ import annotations

from generator.watch.assess import excerpt, recordable


def test_a_pages_control_characters_never_reach_the_terminal():
    shown = excerpt("Price: $0.20", "Price: \x1b[31m$0.25\x1b[0m\x07")
    assert shown == ["- Price: $0.20", "+ Price: \ufffd[31m$0.25\ufffd[0m\ufffd"]


def test_only_http_addresses_without_credentials_are_recorded():
    assert recordable("https://bob:pw@example.com:8443/a?b#c") == "https://example.com:8443/a?b#c"
    assert recordable("http://[::1]:80/x") == "http://[::1]:80/x"
    assert [recordable(u) for u in ("ftp://example.com/x", "http://exa mple.com/", "http://example.com:99999/",
                                    "mailto:a@b.c", None)] == [None] * 5
