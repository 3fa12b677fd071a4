"""A fetched page reduced to the text its facts were read from, so that a change of markup,
scripts or navigation is not a change of the page.

* HTML: scripts, styles, navigation, headers, footers, asides and forms are dropped; the
  ``<main>`` (else ``<article>``, else ``<body>``) becomes layout-aware text (inscriptis).
* Bytes become text by the byte-order mark, the header's charset, the page's own
  declaration, UTF-8, then windows-1252, in that order (see :func:`_decode`).
* JSON: canonical JSON (keys sorted, two-space indent), so a reordering is no change.
* Markdown and other text (``.md.txt`` pages): as they are.
* Anything else (a PDF, an image): one line with its type, size and SHA-256.

Every result has Unix newlines, no trailing spaces and at most one blank line in a row.
"""

from __future__ import annotations

import hashlib
import json
import re

DROPPED = ("script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form")


def _decode(body: bytes, content_type: str, html: bool = False) -> str:
    """``body`` as text: by its byte-order mark, else the header's ``charset``, else the
    page's own declaration (``<meta charset>``, an XML declaration; found by Beautiful Soup's
    EncodingDetector), else UTF-8, else windows-1252 (the web's legacy default). A name Python
    does not know, or one the bytes do not fit, is passed over; when none fits, UTF-8 with
    U+FFFD for what does not decode. Never a guess from statistics: the same bytes always
    give the same text."""
    from bs4.dammit import EncodingDetector

    data, bom = EncodingDetector.strip_byte_order_mark(body)
    header = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.I)
    declared = EncodingDetector.find_declared_encoding(data, is_html=html)
    for name in filter(None, (bom, header and header.group(1), declared, "utf-8", "windows-1252")):
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", errors="replace")


def _html_text(body: bytes, content_type: str) -> str:
    import lxml.etree
    import lxml.html
    from inscriptis import Inscriptis

    # lxml refuses text that still declares an encoding (an XHTML page's <?xml …?>)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", _decode(body, content_type, html=True))
    if not text.strip():
        return ""
    try:
        tree = lxml.html.document_fromstring(text)
    except lxml.etree.ParserError:  # a document with no element at all (only a comment)
        return ""
    for element in tree.iter(*DROPPED):
        element.drop_tree()
    found = (tree.find(f".//{tag}") for tag in ("main", "article", "body"))
    return Inscriptis(next((e for e in found if e is not None), tree)).get_text()


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n") + "\n"


def reduce(body: bytes, content_type: str, url: str) -> str:
    """The text of a page (see the module's rules). ``content_type`` is the answer's header
    (may be empty); ``url`` decides when it is empty or generic."""
    kind = content_type.split(";")[0].strip().lower()
    path = url.split("?")[0].lower()
    if kind in ("application/json", "text/json") or kind.endswith("+json") or path.endswith(".json"):
        try:
            return json.dumps(json.loads(body), sort_keys=True, indent=2, ensure_ascii=False) + "\n"
        except ValueError:
            pass
    if kind in ("text/html", "application/xhtml+xml") or (not kind and path.endswith((".html", ".htm", "/"))):
        return _tidy(_html_text(body, content_type))
    if kind.startswith("text/") or not kind or path.endswith((".md", ".txt")):
        return _tidy(_decode(body, content_type))
    return f"({kind}, {len(body):,} bytes, SHA-256 {hashlib.sha256(body).hexdigest()})\n"


def text_hash(text: str) -> str:
    """The SHA-256 of reduced text (64 hex digits)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
