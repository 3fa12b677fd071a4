"""A fetched page reduced to the text its facts were read from, so that a change of markup,
scripts or navigation is not a change of the page.

* HTML: scripts, styles, navigation, headers, footers, asides and forms are dropped; the
  ``<main>`` (else ``<article>``, else ``<body>``) becomes layout-aware text (inscriptis).
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


def _decode(body: bytes, content_type: str) -> str:
    match = re.search(r"charset=([\w.:-]+)", content_type, re.I)
    try:
        return body.decode(match.group(1) if match else "utf-8", errors="replace")
    except LookupError:  # an unknown charset name
        return body.decode("utf-8", errors="replace")


def _html_text(body: bytes, content_type: str) -> str:
    import lxml.etree
    import lxml.html
    from inscriptis import Inscriptis

    text = _decode(body, content_type)
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
