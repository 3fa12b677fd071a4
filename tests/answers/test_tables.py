"""All-models rows, disputed facts and citations."""

from __future__ import annotations

from decimal import Decimal

from generator.answers.tables import model_rows
from generator.pages.labelled import citations, disputed_facts


def test_model_rows_carry_the_lowest_exact_price_and_platform(real_view):
    rows = {r.model.id: r for r in model_rows(real_view)}
    assert rows["veo-3-1"].lowest_usd_per_second == Decimal("0.20")
    assert rows["veo-3-1"].max_pixels == 3840 * 2160
    assert rows["sora-2-pro"].lifecycle.status == "retired"
    # The article's "~$0.35, platform not stated" is not an offer anyone can buy.
    assert all(r.lowest_usd_per_second != Decimal("0.35") for r in rows.values() if r.model.id == "veo-3-1")


def test_rows_sorted_by_vendor_then_name(real_view):
    names = [(r.model.vendor.name, r.model.name) for r in model_rows(real_view)]
    assert names == sorted(names)


def test_disputed_facts_list_the_articles_contradicted_claims(real_catalog):
    veo = {(f.section, f.label) for f in disputed_facts(real_catalog) if f.model.id == "veo-3-1"}
    assert {("Specs", "Longest single generation"), ("Specs", "Frame rates"), ("Specs", "Inputs")} <= veo
    assert ("Specs", "Audio") not in veo  # Google and the article agree on native audio


def test_article_only_data_has_no_disputes(article_catalog):
    assert disputed_facts(article_catalog) == ()


def test_citations_name_the_model_and_fact(article_catalog):
    cited = citations(article_catalog)["article"]
    assert "Veo 3.1: specs, Longest single generation" in cited
    assert "Sora 2 Pro: ratings, Multi-scene support" in cited
    assert "Veo 3.1: price on an unnamed platform" in cited
    assert "Veo 3.1: prompt structure" in cited
