"""Links between pages: Markdown links (validated by MkDocs) and URLs for raw HTML."""

from __future__ import annotations

import posixpath

import pytest

from generator.pages.views import href, relative, url_href


def test_markdown_links_are_relative_to_the_page():
    assert href("models/veo-3-1.md", "facts/sources.md", "src-article") == "../facts/sources.md#src-article"
    assert href("index.md", "models/veo-3-1.md") == "models/veo-3-1.md"
    assert href("models/index.md", "models/veo-3-1.md") == "veo-3-1.md"


def test_html_links_use_directory_urls():
    assert url_href("models/index.md", "models/veo-3-1.md") == "veo-3-1/"
    assert url_href("index.md", "models/veo-3-1.md") == "models/veo-3-1/"
    assert url_href("models/veo-3-1.md", "models/index.md") == "../"
    assert url_href("index.md", "index.md") == "./"


@pytest.mark.parametrize("target, start", [
    ("models/veo-3-1.md", "guide"), ("models/veo-3-1.md", "models"), ("index.md", "."), ("guide", "guide"),
    (".", "prices/calculator"), ("prices/calculator.json", "prices/calculator"), ("a/b/c.md", "a/x/y"),
    ("compare", "compare/a-vs-b"), ("models", "."), ("sources.md", "guide/paths")])
def test_relative_links_are_those_of_relpath(target, start):
    assert relative(target, start) == posixpath.relpath(target, start)
