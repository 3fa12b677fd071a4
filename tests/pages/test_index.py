"""All-models, sources, disputed and home contexts."""

from __future__ import annotations

from generator.answers.verdicts import use_case_results
from generator.pages.index import disputed_context, home_context, models_index_context, sources_context


def test_models_rows_carry_sort_keys(real_view):
    rows = {r.name: r for r in models_index_context(real_view).rows}
    veo = rows["Veo 3.1"]
    assert (veo.href, veo.resolution_sort, veo.clip, veo.clip_sort, veo.price_sort) == \
        ("veo-3-1/", 3840 * 2160, "8", 8, "0.20")
    assert veo.disputed
    assert rows["Sora 2 Pro"].status == "Retired"


def test_sources_list_what_cites_them(article_catalog):
    [entry] = sources_context(article_catalog).sources
    assert entry.kind == "Comparison article"
    assert ("Sora 2 Pro: specs, Audio", "../models/sora-2-pro.md#specs") in [(c.text, c.href) for c in entry.cited_by]


def test_disputed_groups_by_model_with_all_claims(real_catalog):
    groups = {g.model_id: g for g in disputed_context(real_catalog).groups}
    clip = next(f for f in groups["veo-3-1"].facts if f.label == "Longest single generation")
    assert [c.value for c in clip.claims] == ["8 s", "8 s", "60 s"]
    assert groups["veo-3-1"].link.href == "../models/veo-3-1.md"


def test_home_context(article_view):
    home = home_context(article_view, use_case_results(article_view))
    assert (home.n_sources, home.n_disputed) == (1, 0)
    assert home.headline.title == "Veo 3.1 vs Sora 2 Pro"
    assert [u.recommended.model.text for u in home.use_cases][:2] == ["Veo 3.1", "Veo 3.1"]
