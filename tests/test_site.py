"""The real site, built in strict mode from the real data by MkDocs and by Zensical, shows the facts.

Parses the built HTML: the facts a reader must see, links that resolve, no request leaving
the site, and data that stays text.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from generator import pipeline

from .conftest import ARTICLE, ROOT, TODAY, copy_project

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def site(tmp_path_factory, request) -> Path:
    """The real site as each engine builds it."""
    settings = copy_project(tmp_path_factory.mktemp("real") / "project", engine=request.param)
    pipeline.build(settings, TODAY)
    return settings.site_dir


def _page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def _row(soup: BeautifulSoup, first_cell: str):
    for tr in soup.select("article table tr"):
        cells = tr.find_all("td")
        if cells and cells[0].get_text(strip=True) == first_cell:
            return cells
    raise AssertionError(f"no row {first_cell!r}")


def test_veo_3_1_clip_limit_from_google_beside_the_articles_60_seconds(site):
    page = _page(site, "models/veo-3-1")
    cells = _row(page, "Longest single generation")
    assert len(cells) == 2  # no Source or Checked column: provenance is in the footnote
    value = cells[1].get_text(" ", strip=True)
    assert value.startswith("8 s ⚠ disputed")
    assert cells[1].find("a", string="disputed")["href"] == "../../facts/disputed/#veo-3-1"
    marker = cells[1].select_one("a.footnote-ref")
    note = page.find(id=marker["href"].split("#")[1]).get_text(" ", strip=True)
    assert note.startswith("Veo 3.1 model page on Vertex AI (preview version) (vendor documentation), checked 2026-11-29")
    assert ("other claim: 60 s ( Comparison article (Veo 3.1 vs Sora 2 Pro) , 2026-11-29: No Google document gives"
            " 60 seconds") in note  # the other claim keeps its note
    assert "Agrees: 8 s ( Generate videos with Veo 3.1 in the Gemini API (video.md.txt) , 2026-04-29)" in note
    assert page.find(class_="vg-stale-notice").get_text(" ", strip=True).endswith(
        "last checked that long ago, 2 arena scores from a leaderboard snapshot that old); each is marked stale .")


def test_sora_2_pro_is_marked_retired_with_its_shutdown_date(site):
    banners = [a for a in _page(site, "models/sora-2-pro").select("article .admonition.danger")
               if a.select_one(".admonition-title").get_text(strip=True) == "Sora 2 Pro: Retired on 2026-09-24"]
    [top] = banners  # the first thing on the page
    lifecycle = _page(site, "models/sora-2-pro").find(id="lifecycle").find_next("table")
    assert "It cannot be used now" in top.get_text()
    assert "OpenAI API (Videos API)" in lifecycle.get_text()  # the lifecycle section's table, with sources


def test_disputed_page_lists_claims_side_by_side(site):
    soup = _page(site, "facts/disputed")
    section = soup.find(id="veo-3-1")
    assert section is not None
    text = soup.get_text(" ", strip=True)
    assert "24 fps (shown)" in text and "24 fps, 30 fps, 60 fps" in text


def test_all_models_table_sorts_numbers_by_data_sort(site):
    table = _page(site, "models").select_one("table.vg-sortable")
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    assert headers[-1] == "Lowest USD per second"
    assert table.select("thead th")[-1]["data-sort-method"] == "number"
    veo = next(tr for tr in table.select("tbody tr") if tr.td.get_text(strip=True) == "Veo 3.1⚠")
    price = veo.find_all("td")[-1]
    assert (price["data-sort"], price.get_text(" ", strip=True)) == (
        "0.20", "$0.20 (fal.ai, standard, 1080p, silent) checked 2026-11-29")


def _local_targets(site: Path):
    for html in (p for p in site.rglob("*.html") if p.name != "404.html"):  # 404 uses site_url paths
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        page_dir = html.parent.relative_to(site).as_posix()
        for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for node in soup.find_all(tag):
                if tag == "link" and not {"stylesheet", "icon", "preload", "modulepreload"} & set(node.get("rel", [])):
                    continue  # canonical and alternate links are not requests
                yield html, tag, node.get(attr), page_dir


def test_internal_links_resolve_and_nothing_loads_from_elsewhere(site):
    broken, external_assets = [], []
    for html, tag, url, page_dir in _local_targets(site):
        if not url:
            continue
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            if tag != "a":
                external_assets.append((html.name, url))
            continue
        if not parts.path:
            continue
        target = posixpath.normpath(posixpath.join(page_dir, unquote(parts.path)))
        path = site / target
        if path.is_dir():
            path = path / "index.html"
        if not path.exists():
            broken.append((str(html.relative_to(site)), url))
    assert broken == []
    assert external_assets == []


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_values_from_data_are_shown_as_text(tmp_path, engine):
    settings = copy_project(tmp_path / "project", ARTICLE, engine)
    model = settings.data_dir / "models" / "veo-3-1.yaml"
    hostile = 'Pipes | and <script>alert("x")</script> and *stars*'
    model.write_text(model.read_text().replace(
        "summary: Google DeepMind's flagship video model, as the comparison article describes it.",
        f"summary: '{hostile}'").replace(
        "  - Neutral default colour can look clinical.", "  - \"Line one\\nline two | <b>bold</b>\""))
    model.write_text(model.read_text().replace("name: Veo 3.1", 'name: "Veo <img src=x onerror=alert(7)> \\"3.1\\""'))
    use_cases = settings.data_dir / "use_cases.yaml"
    use_cases.write_text(use_cases.read_text().replace("name: Product and brand content",
                                                       "name: Product <b onmouseover=alert(1)>ads</b>"))
    pipeline.build(settings, TODAY)
    for page in settings.site_dir.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert not soup.find_all(lambda tag: tag.has_attr("onerror") or tag.has_attr("onmouseover")), page
    html = (settings.site_dir / "models/veo-3-1/index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<b>bold</b>" not in html
    soup = BeautifulSoup(html, "html.parser")
    assert hostile in soup.get_text()
    assert "Line one line two | <b>bold</b>" in soup.get_text()
    assert soup.select_one("h1").get_text().rstrip("¶") == 'Veo <img src=x onerror=alert(7)> "3.1"'
    assert 'Veo <img src=x onerror=alert(7)> "3.1"' in soup.select_one("title").get_text()


def _search_texts(site: Path) -> dict[str, str]:
    """Search index location → text, from MkDocs' ``search/search_index.json`` (``docs``) or
    Zensical's ``search.json`` (``items``); a page's sections are joined."""
    import json

    path = site / "search" / "search_index.json"
    docs = json.loads(path.read_text())["docs"] if path.exists() else json.loads((site / "search.json").read_text())["items"]
    texts: dict[str, str] = {}
    for doc in docs:
        texts[doc["location"]] = texts.get(doc["location"], "") + " " + doc["text"]
    return texts


def test_search_finds_every_model_though_the_menu_lists_none(site):
    texts = _search_texts(site)
    models = sorted(p.stem for p in (ROOT / "data" / "models").glob("*.yaml"))
    assert [m for m in models if f"models/{m}/" not in texts] == []
    names = {yaml.safe_load((ROOT / "data" / "models" / f"{m}.yaml").read_text())["name"] for m in models}
    for page in ("models/veo-3-1", "models", ""):
        menu = {a.get_text(" ", strip=True) for a in _page(site, page).select(".md-nav--primary a.md-nav__link")}
        assert {"Models", "Platforms", "Cost calculator"} <= menu and not menu & names, page
    index = _page(site, "models").select("article a")
    assert names <= {a.get_text(strip=True) for a in index}  # the index page links every model


def test_the_widgets_data_is_not_searchable_text(site):
    texts = _search_texts(site)
    assert not [loc for loc in texts if loc.startswith("guide/paths/")]  # 1,944 paths: left out of search
    assert any(loc.startswith("guide/") for loc in texts) and any(loc.startswith("prices/calculator/") for loc in texts)
    assert not [loc for loc, text in texts.items() if "staleAfter" in text or "clipPico" in text]


def test_a_use_case_page_shows_its_ranking_as_a_table(site):
    page = _page(site, "use-cases/rapid-drafts")
    assert "| Rank |" not in page.get_text()  # Markdown that did not become a table
    rows = page.select("table tbody tr")
    assert len(rows) >= 20 and rows[0].find_all("td")[0].get_text(strip=True) == "1"
    assert page.find(string=lambda t: t and t.startswith("Ranked here: ")) is not None
