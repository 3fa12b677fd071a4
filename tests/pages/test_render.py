"""Rendering: a value from data shows as text wherever it lands; old checked dates are marked stale."""

from __future__ import annotations

import markdown

from generator.answers.asof import Freshness
from generator.facts.catalog import build_catalog
from generator.facts.validate import load_dataset
from generator.pages.plan import plan_pages
from generator.pages.render import admonition_title, front_matter_title, html_text, md_cell, md_text, render_pages

from ..conftest import PRICING, ROOT, TODAY, at

HOSTILE = 'Veo | 3\n<script>alert("x")</script> *b* [l](http://x) {: .c} `code` # h & co'
EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition"]


def test_table_cell_keeps_one_cell_and_shows_markup_as_text():
    html = markdown.markdown(f"| a | b |\n| --- | --- |\n| {md_cell(HOSTILE)} | z |", extensions=EXTENSIONS)
    assert html.count("<td>") == 2
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<em>" not in html and "<a " not in html and "<code>" not in html
    assert 'Veo | 3 &lt;script&gt;alert("x")&lt;/script&gt; *b* [l](http://x) {: .c} `code` # h &amp; co' in html


def test_inline_text_stays_one_paragraph_of_text():
    html = markdown.markdown(md_text("# not a heading\n- not a list"), extensions=EXTENSIONS)
    assert html == "<p># not a heading - not a list</p>"


def test_html_and_admonition_titles():
    assert html_text('<a href="x">') == "&lt;a href=&quot;x&quot;&gt;"
    title = admonition_title('Kling <img src=x onerror=alert(7)> "3.0" *x*')
    html = markdown.markdown(f'!!! danger "{title}"\n    body\n', extensions=EXTENSIONS)
    assert '<p class="admonition-title">Kling &lt;img src=x onerror=alert(7)&gt; &quot;3.0&quot; *x*</p>' in html


def test_front_matter_title_is_escaped_json():
    assert front_matter_title('Kling <img src=x> "3"\n') == '"Kling &lt;img src=x&gt; \\"3\\""'


def test_pages_mark_stale_checked_dates():
    catalog = build_catalog(load_dataset(PRICING))
    pages = {p.path: p for p in plan_pages(at(catalog))}
    text = render_pages([pages["models/alpha.md"]], Freshness(TODAY, 90))["models/alpha.md"]
    # The 1080p price was checked 151 days before: its footnote says stale, and the page says so once.
    assert "| 1080p | $0\\.60 per second[^stale-" in text
    assert "checked 2026-07-01 (stale: over 90 days)" in text
    assert "checked 2026-11-20 (stale" not in text
    assert text.count('class="vg-stale-notice"') == 1
    relaxed = render_pages([pages["models/alpha.md"]], Freshness(TODAY, 200))["models/alpha.md"]
    assert "stale" not in relaxed.replace("vg-stale", "")


def test_every_template_names_the_context_it_is_given_where_it_lives():
    """Each template's first line names its context and the module that makes it; the module exists."""
    import re

    templates = ROOT / "generator" / "pages" / "templates"
    for template in sorted(templates.glob("*.jinja")):
        head = template.read_text(encoding="utf-8").split("\n", 2)[:2]
        for path in re.findall(r"generator/[\w/]+\.py", " ".join(head)):
            assert (ROOT / path).is_file(), f"{template.name} names {path}, which does not exist"


def test_json_in_an_element_cannot_end_it():
    import json

    from generator.pages.render import json_text

    text = json_text(json.dumps({"note": "</script><script>alert(1)</script><!-- & -->"}))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"note": "</script><script>alert(1)</script><!-- & -->"}
