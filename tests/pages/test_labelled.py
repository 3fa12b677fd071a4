"""Facts with their page labels: the disputed ones, and the facts citing each source."""

from __future__ import annotations

from generator.pages.labelled import citations, disputed_facts


def test_disputed_facts_list_the_articles_contradicted_claims(real_catalog):
    veo = {(f.section, f.label) for f in disputed_facts(real_catalog) if f.model.id == "veo-3-1"}
    assert {("Specs", "Longest single generation"), ("Specs", "Frame rates"), ("Specs", "Inputs")} <= veo
    assert ("Specs", "Audio") not in veo  # Google and the article agree on native audio


def test_article_only_data_has_no_disputes(article_catalog):
    assert disputed_facts(article_catalog) == ()


def test_citations_name_the_model_and_fact(article_catalog):
    found = citations(article_catalog).by["article"]
    cited = [c.text for c in found]
    assert "Veo 3.1: specs, Longest single generation" in cited
    assert "Sora 2 Pro: ratings, Multi-scene support" in cited
    assert "Veo 3.1: price on an unnamed platform" in cited
    assert "Veo 3.1: prompt structure" in cited
    assert {(c.model_id, c.anchor) for c in found if c.text == "Veo 3.1: specs, Longest single generation"} == {
        ("veo-3-1", "specs")}
