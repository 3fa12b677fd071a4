"""Page contexts and rendered pages: snapshots from the article fixture, and page facts.

Refresh the snapshots after an intended change with ``UPDATE_SNAPSHOTS=1 pytest tests/pages/test_plan.py``
and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.pages.model import model_context
from generator.pages.plan import plan_pages
from generator.pages.render import render_pages

SNAPSHOTS = Path(__file__).parent / "snapshots"


@pytest.fixture(scope="module")
def article_pages(article_view) -> dict[str, str]:
    from generator.facts.validate import load_dataset

    from ..conftest import ARTICLE

    return render_pages(plan_pages(article_view, load_dataset(ARTICLE).vocabularies["decision_guide.yaml"]))


@pytest.mark.parametrize("page", ["models/veo-3-1.md", "compare/veo-3-1-vs-sora-2-pro.md",
                                  "use-cases/short-films-social.md"])
def test_snapshot(article_pages, page):
    snapshot = SNAPSHOTS / page.replace("/", "__")
    if os.environ.get("UPDATE_SNAPSHOTS"):
        snapshot.write_text(article_pages[page], encoding="utf-8")
    assert article_pages[page] == snapshot.read_text(encoding="utf-8")


def test_plan_covers_every_page_kind(article_pages):
    files = sorted(f for f in article_pages if f.endswith(".json"))
    assert files[-1] == "prices/calculator.json" and all(f.startswith("guide/outcomes/") for f in files[:-1])
    assert len(files) - 1 == 4  # the article's guide: 2 × 2 × 2 paths, a file per pair of first answers
    assert sorted(f for f in article_pages if not f.endswith(".json")) == [
        "changes/index.md", "compare/index.md", "compare/veo-3-1-vs-sora-2-pro.md", "facts/disputed.md", "facts/health.md", "facts/sources.md",
        "guide/index.md", "guide/paths.md", "guide/paths/no.no.md", "guide/paths/no.yes.md", "guide/paths/yes.no.md",
        "guide/paths/yes.yes.md",
        "index.md", "models/index.md", "models/sora-2-pro.md", "models/veo-3-1-fast.md", "models/veo-3-1.md",
        "platforms/index.md", "platforms/picassoia.md", "prices/calculator.md", "prices/history.md", "samples/index.md", "use-cases/cinematic-storytelling.md", "use-cases/education-explainers.md", "use-cases/index.md",
        "use-cases/product-advertising.md", "use-cases/rapid-drafts.md", "use-cases/short-films-social.md",
    ]


def test_model_context_shows_disputes_and_lifecycle(real_view):
    context = model_context(real_view, "veo-3-1")
    specs = dict(context.sections)["Specs"]
    clip = next(f for f in specs if f.label == "Longest single generation")
    assert (clip.value, clip.disputed) == ("8 s", True)
    assert [o.value for o in clip.others][-1] == "60 s"
    assert context.banner.kind == "success"
    assert [link.text for _, link in context.lineage] == ["Veo 3", "Veo 3.1 Fast", "Veo 3.1 Lite"]


def test_retired_model_banner(real_view):
    context = model_context(real_view, "sora-2-pro")
    assert (context.banner.kind, context.banner.title) == ("danger", "Sora 2 Pro: Retired on 2026-09-24")


def test_undocumented_specs_read_not_documented_and_unverified_values_say_so(real_view):
    context = model_context(real_view, "sora-2-pro")
    specs = {f.label: f for f in dict(context.sections)["Specs"]}
    assert specs["Frame rates"].value == "24 fps, 30 fps" and specs["Frame rates"].unverified
    assert not specs["Audio"].unverified
    sora2 = model_context(real_view, "sora-2")
    frame_rates = {f.label: f for f in dict(sora2.sections)["Specs"]}["Frame rates"]
    assert (frame_rates.value, frame_rates.source) == ("not documented", None)


def test_prices_on_a_retired_platform_say_they_are_no_longer_offered(real_view):
    context = model_context(real_view, "sora-2-pro")
    [openai] = [g for g in context.price_grids if g.platform == "OpenAI API (Videos API)"]
    assert openai.status == "Retired on this platform on 2026-09-24: no longer offered"
    assert openai.columns == ("Standard, audio not stated",)  # the batch prices had no source with an address
    assert openai.rows == (  # each price with the index of its note (source and date)
        ("720p", ((("$0.30 per second", 0),),)),
        ("1792x1024", ((("$0.50 per second", 1),),)),
    )
    assert [(n.source.text, n.as_of) for n in openai.notes] == [
        ("OpenAI model page for sora-2 (de-DE, after the shutdown)", "2026-11-29"),
        ("OpenAI Launches Sora 2 API: Per-Second Billing Video Generation Service Officially Available", "2026-12-02"),
    ]
