"""The built site in a real headless Chromium (Debian's, driven by Playwright; never a download).

Skips on a developer machine without Chromium; fails in CI (``CI`` set) when it cannot start.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from generator import pipeline
from generator.clips.manifest import clips_yaml
from generator.facts.samples import Clip, SamplesFile

from .conftest import TODAY, copy_project

pytestmark = pytest.mark.slow
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # noqa: ANN002
        pass


def _built_and_served(settings):  # noqa: ANN001, ANN202 - fixture body: yields the base URL
    """Build ``settings``' site with site_url = a fresh server's own address, then serve it on 127.0.0.1."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Quiet)
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    pipeline.build(settings, TODAY, site_url=base)
    httpd.RequestHandlerClass = functools.partial(_Quiet, directory=str(settings.site_dir))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield base
    httpd.shutdown()
    httpd.server_close()


ENGINES = ["mkdocs", "zensical"]
"""Every browser test runs against the site built by each engine."""


@pytest.fixture(scope="module", params=ENGINES)
def server(tmp_path_factory, request):
    """The real site, built by each engine with site_url = this server's own address, served on 127.0.0.1."""
    settings = copy_project(tmp_path_factory.mktemp("browser") / "project", engine=request.param)
    yield from _built_and_served(settings)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}; CI must install Debian's chromium")
        pytest.skip("Chromium is not installed on this machine")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context()
    page = context.new_page()
    page.off_site, page.errors = [], []
    page.on("request", lambda r: urlsplit(r.url).hostname not in ("127.0.0.1", None) and page.off_site.append(r.url))
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    assert page.off_site == [] and page.errors == []
    context.close()


def _column(page, index: int) -> list[str]:
    return page.eval_on_selector_all(
        f"table.vg-sortable tbody tr td:nth-child({index})", "cells => cells.map(c => c.dataset.sort)")


def test_numeric_columns_sort_as_numbers_by_click(page, server):
    page.goto(server + "models/")
    heading = page.locator("table.vg-sortable th", has_text="Longest generation (s)")
    heading.click()
    values = [int(v) for v in _column(page, 5)]
    assert values == sorted(values) and heading.get_attribute("aria-sort") == "ascending"
    heading.click()
    assert [int(v) for v in _column(page, 5)] == sorted(values, reverse=True)


def test_keyboard_sorts_the_price_column(page, server):
    page.goto(server + "models/")
    heading = page.locator("table.vg-sortable th", has_text="Lowest USD per second")
    heading.focus()
    page.keyboard.press("Enter")
    prices = [float(v) for v in _column(page, 8)]
    assert prices == sorted(prices) and heading.get_attribute("aria-sort") == "ascending"
    page.keyboard.press(" ")
    assert [float(v) for v in _column(page, 8)] == sorted(prices, reverse=True)
    assert heading.get_attribute("aria-sort") == "descending"


def _arrive_by_instant_navigation(page, server, link_text: str, path: str) -> bool:
    """Open the home page, click ``link_text``; True when the page was swapped, not reloaded."""
    page.goto(server)
    page.evaluate("window.__noReload = true")
    page.locator("article a", has_text=link_text).first.click()
    page.wait_for_url(server + path)
    return page.evaluate("window.__noReload === true")


def test_table_works_after_instant_navigation(page, server):
    assert _arrive_by_instant_navigation(page, server, "All models", "models/")  # not a reload
    page.locator("table.vg-sortable th", has_text="Model").click()
    names = _column(page, 1)
    assert names == sorted(names)


# --- the decision guide ------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_guide(real_catalog):
    from generator.facts.validate import load_dataset

    from .conftest import ROOT

    return load_dataset(ROOT / "data").vocabularies["decision_guide.yaml"]


def _widget_result(page) -> tuple[str | None, str | None]:
    names = page.locator(".vg-guide__result .vg-guide__model > p > a").all_inner_texts()
    return (names[0] if names else None, names[1] if len(names) > 1 else None)


_RESULT = """() => {
  const box = document.querySelector(".vg-guide__result");
  const model = m => m && {name: m.querySelector("p > a").textContent,
    plan: (m.querySelector(".vg-guide__plan") || {}).textContent || null,
    reasons: Array.from(m.querySelectorAll(".vg-guide__reasons li")).map(li => li.textContent)};
  const blocks = Array.from(box.querySelectorAll(".vg-guide__model"));
  return {recommended: model(blocks[0]) || null, runner_up: model(blocks[1]) || null,
          retired: Array.from(box.querySelectorAll(".vg-guide__retired")).map(p => p.textContent),
          no_match: (box.querySelector(".vg-guide__none") || {}).textContent || null};
}"""


def _reference(rec, view) -> dict:  # noqa: ANN001 - what outcome_data says the widget must show
    from generator.pages.guide import outcome_data

    data = outcome_data(rec, view.catalog.criteria, view.freshness)

    def model(m) -> dict | None:  # noqa: ANN001
        if m is None:
            return None
        reasons = ([f"Editorial pick: {m['pin']}"] if m["pin"] else []) + [
            r["text"] + (f" ({r['source']}, {r['as_of']}{' stale' * r['stale']})" if r["source"] else "")
            for r in m["reasons"]]
        return {"name": m["name"], "plan": m["plan"], "reasons": reasons}

    return {"recommended": model(data["recommended"]), "runner_up": model(data["runner_up"]),
            "retired": [f"{m['name']} would rank first but is no longer available ({m['status'][:1].lower()}{m['status'][1:]})."
                        for m in data["retired"]],
            "no_match": data["no_match"]}


_WALK = """async () => {
  // Click through every path, as a reader would (each answer button, then Back), and record
  // what the result shows at each end, once its outcome has been fetched and shown.
  const results = {};
  const result = """ + _RESULT + """;
  const root = document.querySelector("[data-vg-guide]");
  async function walk() {
    const buttons = Array.from(document.querySelectorAll("[data-vg-answer]")).map(b => b.dataset.vgAnswer);
    for (const id of buttons) {
      document.querySelector(`[data-vg-answer='${id}']`).click();
      if (document.querySelector("[data-vg-answer]")) await walk();
      else { await root.vgRendered; results[location.search.slice(1)] = result(); }
      document.querySelector("[data-vg-back]").click();
    }
  }
  await walk();
  return results;
}"""


def _settled(page) -> None:  # noqa: ANN001
    """Wait until the guide has shown what its URL asks for (a finished path's outcome is fetched)."""
    page.wait_for_function("() => document.querySelector('[data-vg-guide]')?.vgRendered !== undefined")
    page.evaluate("() => document.querySelector('[data-vg-guide]').vgRendered")


def test_every_path_by_clicking_matches_the_recommender(page, server, real_view, real_guide):
    from generator.answers.recommend import recommend

    page.goto(server + "guide/")
    shown = page.evaluate(_WALK)
    assert len(shown) == 1944
    for query, result in shown.items():
        answers = dict(pair.split("=") for pair in query.split("&"))
        assert result == _reference(recommend(real_view, real_guide, answers), real_view), query
    assert page.evaluate("location.search") == ""


def test_the_30_second_vertical_ad_in_the_guide(page, server, real_view, real_guide):
    from generator.answers.recommend import recommend

    query = ("pace=final&subject=physics&product-image=no&length=about-30&continuity=cuts&format=vertical"
             "&resolution=full-hd&audio=yes&budget=mid")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(server + "guide/?" + query)
    _settled(page)
    shown = page.evaluate(_RESULT)
    rec = recommend(real_view, real_guide, dict(pair.split("=") for pair in query.split("&")))
    assert shown == _reference(rec, real_view)
    assert shown["recommended"]["plan"].startswith("$") and " shots × " in shown["recommended"]["plan"]
    assert shown["runner_up"] is not None
    plan = page.locator(".vg-guide__result .vg-guide__plan").first
    assert plan.bounding_box()["y"] + plan.bounding_box()["height"] <= 844  # above the fold on a phone
    assert page.locator(".vg-guide__answers-so-far li").count() == 9


def test_a_shared_url_restores_the_result_and_back_steps_out(page, server):
    query = "pace=final&subject=explainer&length=up-to-8&format=landscape&resolution=full-hd&audio=yes&budget=mid"
    page.goto(server + "guide/?" + query)
    assert page.locator(".vg-guide__answers-so-far a").count() == 7
    _settled(page)
    recommended = _widget_result(page)[0]
    assert recommended is not None
    source = page.locator(".vg-guide__result li a").first
    target = source.get_attribute("href")
    assert target.startswith("../facts/sources/#src-")
    assert page.locator(".vg-guide__result .vg-guide__model > p > a").first.get_attribute("href").startswith("../models/")
    page.locator("[data-vg-back]").click()
    assert page.locator("#vg-guide-question").inner_text() == "What is your budget for one take of the whole video?"
    assert page.locator(".vg-guide__progress").inner_text() == "Question 7 of up to 7"
    page.go_back()
    _settled(page)
    assert _widget_result(page)[0] == recommended
    page.locator("[data-vg-restart]").click()
    assert page.url == server + "guide/"
    assert page.locator("[data-vg-back]").is_disabled()
    assert page.locator(".vg-guide__progress").inner_text() == "Question 1 of up to 9"
    page.goto(server + "guide/" + target)
    assert page.locator(f"[id='{target.split('#')[1]}']").count() == 1


def test_a_path_fetches_one_outcome_file_and_a_failed_fetch_says_so(page, server, real_view, real_guide):
    from generator.answers.recommend import recommend

    fetched = []
    page.on("request", lambda r: "/guide/outcomes/" in r.url and fetched.append(r.url.rsplit("/", 1)[1]))
    page.goto(server + "guide/?pace=final&subject=physics&product-image=no&length=about-30&continuity=cuts")
    page.wait_for_load_state("networkidle")
    assert fetched == ["final.physics.no.about-30.json"]  # fetched ahead, while the questions go on
    for answer in ("vertical", "full-hd", "yes", "low"):
        page.locator(f"[data-vg-answer='{answer}']").click()
    _settled(page)
    answers = {"pace": "final", "subject": "physics", "product-image": "no", "length": "about-30",
               "continuity": "cuts", "format": "vertical", "resolution": "full-hd", "audio": "yes", "budget": "low"}
    assert page.evaluate(_RESULT) == _reference(recommend(real_view, real_guide, answers), real_view)
    page.locator("[data-vg-back]").click()
    page.locator("[data-vg-answer='mid']").click()  # another path in the same file: no new fetch
    _settled(page)
    assert fetched == ["final.physics.no.about-30.json"]
    page.route("**/guide/outcomes/drafts.up-to-8.landscape.any.json", lambda route: route.abort())
    page.goto(server + "guide/?pace=drafts&length=up-to-8&format=landscape&resolution=any&audio=no&budget=any")
    _settled(page)
    alert = page.get_by_role("alert")
    assert alert.inner_text().startswith("The recommendation could not be loaded (")
    page.errors.clear()  # the aborted request, reported by Chromium on the console
    page.unroute("**/guide/outcomes/drafts.up-to-8.landscape.any.json")
    page.locator("[data-vg-back]").click()
    page.locator("[data-vg-answer='any']").click()  # tried again
    _settled(page)
    assert page.locator(".vg-guide__model").count() >= 1


def test_an_answer_is_changed_from_the_list_of_answers_and_later_ones_are_kept(page, server):
    page.goto(server + "guide/?pace=final&subject=human&length=up-to-8&format=vertical&resolution=full-hd")
    page.get_by_role("link", name="Change: What matters most in this video?").click()
    assert page.locator("#vg-guide-question").inner_text() == "What matters most in this video?"
    assert page.evaluate("location.search") == "?pace=final&length=up-to-8&format=vertical&resolution=full-hd"
    assert page.locator(".vg-guide__ignored").count() == 0
    page.locator("[data-vg-answer='cinematic']").click()  # also goes on to the length: kept
    assert page.locator("#vg-guide-question").inner_text() == "Do you need sound made in the same generation as the picture?"
    assert page.evaluate("location.search") == "?pace=final&subject=cinematic&length=up-to-8&format=vertical&resolution=full-hd"


def test_the_guide_is_keyboard_operable(page, server):
    page.goto(server + "guide/")
    page.locator("[data-vg-answer='final']").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "vg-guide-question"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.vgAnswer") == "physics"


def test_the_guide_works_after_instant_navigation(page, server):
    assert _arrive_by_instant_navigation(page, server, "Which model should I use?", "guide/")
    page.locator("[data-vg-answer='drafts']").click()
    assert page.locator("#vg-guide-question").inner_text() == "How long is the finished video?"


@pytest.mark.parametrize("path", ["guide/?pace=final&subject=human", "prices/calculator/?seconds=30&aspect=9:16&sound=native",
                                  "models/veo-3-1-fast/", "prices/history/", "changes/", "", "models/veo-3-1/",
                                  "models/", "compare/veo-3-1-vs-sora-2-pro/", "facts/sources/",
                                  "guide/?pace=final&subject=physics&product-image=no&length=about-30&continuity=cuts"
                                  "&format=vertical&resolution=full-hd&audio=yes&budget=mid"])
def test_no_serious_accessibility_violations(page, server, path):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(server + path)
    if path.startswith("guide/"):
        _settled(page)
    if path.startswith("prices/calculator/"):
        _calc_loaded(page)
    results = Axe().run(page, context="article")
    serious = [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_a_tampered_url_says_what_it_ignored(page, server):
    page.goto(server + "guide/?pace=drafts&subject=human&format=sideways")
    assert page.locator(".vg-guide__ignored").inner_text().strip() == (
        "Some answers in this link were not understood or do not apply to this path, and were ignored:"
        " subject=human, format=sideways.")
    assert page.locator("#vg-guide-question").inner_text() == "How long is the finished video?"


# --- pages that lead with the answer -----------------------------------------------------

_TABLE_FIT = """() => {
  const column = document.querySelector("article").getBoundingClientRect();
  // On a phone Material lets a table's scroll box reach the screen's edges.
  const edge = Math.max(column.right, document.documentElement.clientWidth) + 1;
  return Array.from(document.querySelectorAll("article table")).filter(t => t.offsetParent).map(t => {
    const overflows = el => !!el && getComputedStyle(el).overflowX === "auto" && el.scrollWidth > el.clientWidth + 1;
    const scroller = [t, t.closest(".md-typeset__scrollwrap, .vg-calc__scroll")].find(overflows);
    const wide = !!scroller;
    const right = t.getBoundingClientRect().right;
    const cue = scroller && scroller.previousElementSibling;
    return {fits: !wide && right <= column.right + 1,
            scrolls: wide && scroller.getBoundingClientRect().right <= edge
                     && !!cue && cue.classList.contains("vg-scroll-cue") && cue.offsetParent !== null};
  });
}"""


@pytest.mark.parametrize("size", [(1366, 900), (390, 844)], ids=["desktop", "phone"])
def test_every_table_fits_its_column_or_scrolls_with_a_cue(page, server, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    for path in ("", "models/", "models/veo-3-1/", "compare/veo-3-1-vs-kling-v3/", "guide/?pace=drafts", "platforms/venice/",
                 "prices/calculator/?seconds=30&aspect=9:16&resolution=1080p&sound=native"):
        page.goto(server + path)
        if path.startswith("prices/calculator/"):
            _calc_loaded(page)
        page.wait_for_timeout(50)
        tables = page.evaluate(_TABLE_FIT)
        assert tables or path.startswith("guide/"), path  # the guide shows no table
        assert all(t["fits"] or t["scrolls"] for t in tables), (path, tables)


def test_the_model_page_opens_with_its_summary_card_and_price(page, server):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(server + "models/veo-3-1/")
    card = page.locator(".vg-glance table")
    assert card.bounding_box()["y"] < 900
    price = page.locator(".vg-glance td", has_text="per second").first
    assert price.bounding_box()["y"] + price.bounding_box()["height"] <= 900
    assert "Preview" in page.locator(".admonition.warning").first.inner_text()


def test_the_veo_3_1_page_prints_on_three_a4_pages_at_most(page, server):
    page.goto(server + "models/veo-3-1/")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 3
    assert page.locator(".md-sidebar").first.is_hidden()  # no navigation on paper
    page.goto(server + "compare/happyhorse-1-0-vs-seedance-2-0/")  # one page of content: no blank page after it
    page.emulate_media(media="print")
    assert len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format="A4"))) == 1


def test_a_provenance_marker_opens_by_click_and_by_keyboard(page, server):
    page.goto(server + "models/veo-3-1/")
    marker = page.locator("table a.footnote-ref").first
    target = marker.get_attribute("href").split("#")[1]
    marker.click()
    page.wait_for_function(f"location.hash === '#{target}'")
    assert page.locator(f"[id='{target}']").is_visible()
    assert "checked 20" in page.locator(f"[id='{target}']").inner_text()
    page.goto(server + "models/veo-3-1/")
    second = page.locator("table a.footnote-ref").nth(1)
    second.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"location.hash === '#{second.get_attribute('href').split('#')[1]}'")
    assert page.locator(".vg-stale-notice").is_visible()


def test_a_provenance_marker_is_named_and_its_tooltip_closes_on_escape(page, server):
    from playwright.sync_api import expect

    page.goto(server + "models/veo-3-1/")
    stale = page.locator("table a.footnote-ref[href*='#fn:stale-']").first
    assert re.fullmatch(r"Source \d+, checked too long ago", stale.get_attribute("aria-label"))
    fresh = page.locator("table a.footnote-ref[href*='#fn:src-']").first
    assert re.fullmatch(r"Source \d+", fresh.get_attribute("aria-label"))
    fresh.focus()
    expect(fresh).to_have_attribute("aria-controls", re.compile(r"\S"))  # set by Material as it shows the tooltip
    tip = page.locator(f"[id='{fresh.get_attribute('aria-controls')}']")
    expect(tip).to_be_visible()
    assert "checked 20" in tip.inner_text()
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    assert page.evaluate("document.activeElement.classList.contains('footnote-ref')")  # focus stays
    page.evaluate("document.activeElement.blur()")
    fresh.focus()
    expect(tip).to_be_visible()


# --- the cost calculator -----------------------------------------------------------------


def _calculator_rows(page) -> list[list[str]]:
    return page.eval_on_selector_all(
        ".vg-calc__table tbody tr", "rows => rows.map(r => [r.cells[0].textContent, r.cells[1].textContent])")


_SET_JOB = """job => {
  const form = document.querySelector(".vg-calc__form");
  for (const [name, value] of Object.entries(job)) form.elements[name].value = value;
  form.dispatchEvent(new Event("input", {bubbles: true}));
  const rows = sel => Array.from(document.querySelectorAll(sel)).map(r => Array.from(r.cells).slice(0, 4).map(c => c.textContent));
  return {priced: rows(".vg-calc__table tbody:not(.vg-calc__possible) tr"), unpriced: rows(".vg-calc__possible tr"),
          excluded: Array.from(document.querySelectorAll(".vg-calc__excluded li")).map(li => li.textContent)};
}"""


def _expected(view, job) -> dict:
    from generator.answers.plans import job_report, within
    from generator.pages.costs import plan_text, sum_text, why_text
    from generator.pages.format import cents

    report = job_report(view, job)

    def total(p) -> str:  # noqa: ANN001
        if p.total is None:
            return "price not documented"
        return cents(p.total) + ("" if within(p.total, job.budget) else " (over budget)")  # $2.5005 fits $2.50

    def rows(plans) -> list[list[str]]:  # noqa: ANN001
        return [[total(p), p.model.name, plan_text(p), sum_text(p)] for p in plans]

    return {"priced": rows(report.plans), "unpriced": rows(report.unpriced),
            "excluded": [f"{e.model.name}: {why_text(e.reason)}" for e in report.excluded]}


def _form(job) -> dict:  # noqa: ANN001 - a Job, as the form's fields
    return {"seconds": str(job.seconds), "aspect": job.aspect_ratio or "", "resolution": job.resolution or "",
            "sound": job.sound or "", "input": job.input, "videos": str(job.videos), "takes": str(job.takes),
            "budget": "" if job.budget is None else str(job.budget)}


def _calc_loaded(page) -> None:  # noqa: ANN001
    """Wait until the calculator has fetched its data and shown the job of its URL."""
    page.wait_for_function("() => document.querySelector('[data-vg-calc]')?.vgLoaded !== undefined")
    page.evaluate("() => document.querySelector('[data-vg-calc]').vgLoaded")


def test_the_30_second_vertical_ad_is_planned_as_the_cli_plans_it(page, server, real_view):
    from decimal import Decimal

    from generator.answers.plans import Job

    page.goto(server + "prices/calculator/?seconds=30&aspect=9:16&resolution=1080p&sound=native&budget=10")
    _calc_loaded(page)
    job = Job(30, "9:16", "1080p", "native", budget=Decimal(10))
    shown = page.evaluate(_SET_JOB, _form(job))
    assert shown == _expected(real_view, job)
    assert len([r for r in shown["priced"] if "over budget" not in r[0]]) >= 3
    assert shown["priced"][0][2] == "3 shots × 10 s, 1080p, with audio on LaoZhang API"
    summary = page.locator(".vg-calc__summary").text_content()
    assert summary.startswith("Cheapest: $1.35 with Gemini Omni 1.2 Flash, 3 shots × 10 s")


def test_calculator_equals_the_cli_for_200_random_jobs(page, server, real_view):
    import random
    from decimal import Decimal

    from generator.answers.plans import JOB_INPUTS, SOUNDS, Job

    page.goto(server + "prices/calculator/")
    _calc_loaded(page)
    choices = page.evaluate("async () => (await (await fetch(new URL(document.querySelector('[data-vg-calc]')"
                            ".dataset.vgData, location.href))).json()).choices")
    pick = random.Random(11)
    jobs = [Job(pick.choice([1, 4, 5, 8, 9, 12, 15, 16, 20, 30, 45, 60, 90, 148, 149, 600, 3600, pick.randint(1, 200)]),
                pick.choice(choices["aspect"]) or None, pick.choice(choices["resolution"]) or None,
                pick.choice([None, *SOUNDS]), pick.choice(JOB_INPUTS), pick.choice([1, 1, 3]), pick.choice([1, 2, 5]),
                pick.choice([None, Decimal("10"), Decimal("2.50")])) for _ in range(200)]
    for job in jobs:
        assert page.evaluate(_SET_JOB, _form(job)) == _expected(real_view, job), job
    assert any(page.evaluate(_SET_JOB, _form(j))["unpriced"] for j in jobs if j.seconds > 8)


def test_calculator_restores_from_the_url_and_rejects_bad_numbers(page, server, real_view):
    from generator.answers.plans import Job

    page.goto(server + "prices/calculator/")
    _calc_loaded(page)
    page.get_by_label("Finished length, seconds").fill("5")
    page.get_by_label("Finished videos").fill("3")
    page.get_by_label("Takes per usable shot").fill("2")
    page.get_by_label("Minimum resolution").select_option("720p")
    page.get_by_label("Sound").select_option("added")
    rows = [r[:2] for r in _expected(real_view, Job(5, None, "720p", "added", videos=3, takes=2))["priced"]]
    assert rows and _calculator_rows(page) == rows
    url = page.evaluate("location.href")
    assert "seconds=5" in url and "videos=3" in url and "takes=2" in url and "resolution=720p" in url
    page.goto(server)
    page.goto(url)
    _calc_loaded(page)
    assert page.get_by_label("Finished length, seconds").input_value() == "5"
    assert page.get_by_label("Sound").input_value() == "added"
    assert _calculator_rows(page) == rows
    page.get_by_label("Finished videos").fill("0")
    assert page.locator(".vg-calc__summary").text_content() == "Check the videos: a whole number from 1 to 100000."
    assert not page.locator(".vg-calc__table").first.is_visible()
    assert not page.locator(".vg-calc__excluded-part").is_visible()
    page.get_by_label("Finished videos").fill("1")
    page.get_by_label("Budget for the whole job, USD").fill("ten")
    assert page.locator(".vg-calc__summary").text_content().startswith("Check the budget: dollars and cents")
    page.goto(server + "prices/calculator/?seconds=8&aspect=7:5&colour=red")
    _calc_loaded(page)
    assert page.locator(".vg-calc__ignored").inner_text() == (
        "Some values in this link were not understood and were ignored: aspect=7:5, colour=red.")


def test_the_calculator_works_after_instant_navigation(page, server):
    assert _arrive_by_instant_navigation(page, server, "Cost calculator", "prices/calculator/")
    _calc_loaded(page)
    page.get_by_label("Finished length, seconds").fill("4")
    page.wait_for_function("location.search.includes('seconds=4')")
    assert len(_calculator_rows(page)) > 0


def _back_from_the_calculator(page, server) -> dict | None:  # noqa: ANN001
    """Guide → calculator by instant navigation, type, Back, then a late change event on the
    swapped-out field; what the guide's URL is then (None: Back did not arrive in time)."""
    page.goto(server + "guide/?pace=final&subject=human")
    page.evaluate("window.__noReload = true")
    page.evaluate("document.querySelector('a.md-nav__link[href$=\"prices/calculator/\"]').click()")  # folded in the nav
    page.wait_for_selector(".vg-calc__results:not([hidden])")
    page.wait_for_function("location.pathname.endsWith('/prices/calculator/')")
    field = page.get_by_label("Finished length, seconds").element_handle()
    field.fill("12")
    page.go_back()
    try:
        page.wait_for_function("location.pathname.endsWith('/guide/')", timeout=15_000)
    except Exception:  # noqa: BLE001 - Playwright's timeout; the caller tries again
        return None
    try:
        before = page.evaluate("location.href")
        field.dispatch_event("change")  # the event a blurred field fires late, after the page was swapped
    except Exception:  # noqa: BLE001 - Back reloaded the page in full: nothing to test, the caller tries again
        return None
    return {"unchanged": page.evaluate("location.href") == before, "search": page.evaluate("location.search"),
            "instant": page.evaluate("window.__noReload === true")}


def test_back_from_the_calculator_keeps_the_guides_answers(browser, server):
    # Back through Material's instant navigation once in a while took longer than any
    # reasonable wait on this shared 2-core machine; each attempt runs in a fresh context and
    # every attempt that arrives must show the guide's own answers.
    arrived = []
    for _ in range(3):
        context = browser.new_context()
        try:
            result = _back_from_the_calculator(context.new_page(), server)
        finally:
            context.close()
        if result is not None:
            arrived.append(result)
            break
    assert arrived == [{"unchanged": True, "search": "?pace=final&subject=human", "instant": True}]


@pytest.mark.parametrize("width", [390, 1366])
def test_cost_chart_is_an_image_that_loads_and_fits_its_column(page, server, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(server + "prices/calculator/")
    chart = page.locator("img[src$='cost-8s.svg']")
    assert chart.evaluate("img => img.complete && img.naturalWidth > 0")
    assert "8-second clip" in chart.get_attribute("alt")
    assert chart.evaluate("img => img.getBoundingClientRect().right <= "
                          "document.querySelector('article').getBoundingClientRect().right + 1")


# --- sample clips ------------------------------------------------------------------------

_RECORD_WEBM = """async () => {
  const canvas = document.createElement("canvas");
  canvas.width = 160; canvas.height = 90;
  const ctx = canvas.getContext("2d");
  const recorder = new MediaRecorder(canvas.captureStream(10), {mimeType: "video/webm;codecs=vp8"});
  const chunks = [];
  recorder.ondataavailable = e => chunks.push(e.data);
  const done = new Promise(resolve => recorder.onstop = resolve);
  recorder.start();
  for (let i = 0; i < 10; i++) {
    ctx.fillStyle = `hsl(${i * 36}, 80%, 50%)`; ctx.fillRect(0, 0, 160, 90);
    await new Promise(r => setTimeout(r, 100));
  }
  recorder.stop();
  await done;
  const bytes = new Uint8Array(await new Blob(chunks, {type: "video/webm"}).arrayBuffer());
  let text = ""; for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text);
}"""


@pytest.fixture(scope="module", params=ENGINES)
def clip_site(browser, tmp_path_factory, request):
    """A site whose manifest has one finished clip, recorded by this Chromium (a real WebM)."""
    import base64
    import hashlib

    recorder = browser.new_page()
    video = base64.b64decode(recorder.evaluate(_RECORD_WEBM))
    recorder.close()
    settings = copy_project(tmp_path_factory.mktemp("clips") / "project", engine=request.param)
    (settings.docs_dir / "assets" / "clips").mkdir(parents=True)
    (settings.docs_dir / "assets" / "clips" / "juice-bottle--veo-3-1.webm").write_bytes(video)
    sample = next(s for s in SamplesFile.model_validate(yaml.safe_load(
        (settings.data_dir / "samples.yaml").read_text())).samples if s.id == "juice-bottle")
    (settings.data_dir / "clips.yaml").write_text(clips_yaml([Clip(
        sample="juice-bottle", model="veo-3-1", platform="gemini-api", provider="gemini", job="op-1", status="done",
        settings=sample.settings, prompt=sample.prompt, date=TODAY, cost_usd="3.20",
        sha256=hashlib.sha256(video).hexdigest(), duration_seconds=1, file="assets/clips/juice-bottle--veo-3-1.webm")]))
    yield from _built_and_served(settings)


@pytest.mark.parametrize("path", ["models/veo-3-1/", "samples/", "compare/veo-3-1-vs-sora-2-pro/"])
def test_an_embedded_clip_plays(browser, clip_site, path):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(clip_site + path)
    video = page.locator("figure.vg-clip video").first
    assert video.get_attribute("preload") == "none"
    assert "Veo 3.1 · Gemini API" in page.locator("figure.vg-clip figcaption").first.inner_text()
    video.evaluate("v => v.load()")
    page.wait_for_function("document.querySelector('figure.vg-clip video').readyState >= 1")  # HAVE_METADATA
    assert errors == []
    page.close()


def test_pages_without_clips_have_no_sample_section(page, server):
    page.goto(server + "models/veo-3-1/")
    assert page.locator("figure.vg-clip").count() == 0 and page.locator("#sample-clips").count() == 0
    page.goto(server + "samples/")
    assert "No sample clip has been made yet" in page.locator("article").inner_text()


def test_a_url_naming_javascripts_own_properties_is_ignored_as_any_other(page, server):
    page.goto(server + "guide/?constructor=1&toString=1")
    assert page.locator(".vg-guide__ignored").inner_text().strip().endswith("ignored: constructor=1, toString=1.")
    assert page.locator(".vg-guide__progress").inner_text().endswith("Question 1 of up to 9")


def test_while_the_prices_load_the_calculator_shows_the_links_values_and_keeps_what_is_typed(page, server):
    held = []
    page.route("**/prices/calculator.json", lambda route: held.append(route))  # waits until the test lets it go
    page.goto(server + "prices/calculator/?seconds=30&aspect=9:16&budget=10", wait_until="domcontentloaded")
    page.wait_for_function("document.querySelector('.vg-calc__summary').textContent.startsWith('Loading')")
    assert page.get_by_label("Finished length, seconds").input_value() == "30"
    assert page.get_by_label("Aspect ratio").input_value() == "9:16"
    page.get_by_label("Finished length, seconds").fill("45")
    assert len(held) == 1 and page.locator(".vg-calc__summary").text_content().startswith("Loading")
    held[0].continue_()
    _calc_loaded(page)
    assert page.get_by_label("Finished length, seconds").input_value() == "45"
    assert page.get_by_label("Budget for the whole job, USD").input_value() == "10"
    assert "45" in page.evaluate("location.search")
