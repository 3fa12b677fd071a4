"""The summary card a model page opens with (generator.pages.glance)."""

from __future__ import annotations

from generator.pages.glance import glance


def _rows(view, model_id: str) -> dict[str, str]:  # noqa: ANN001
    return {r.label: r.value for r in glance(view, model_id).rows}


def test_the_card_answers_first(real_view):
    rows = _rows(real_view, "veo-3-1")
    # fal.ai sells Veo 3.1 at $0.20 a second (1080p, silent), the lowest documented price
    assert rows["Price from"] == "$0.20 per second; an 8-second clip $1.60 (one 8 s generation, 1080p, without audio on fal.ai)"
    assert rows["Length"] == "8 s in one generation; 148 s with extension"
    assert "fal.ai: model id not documented" in rows["Where to call it"]  # sold there, id unknown
    card = glance(real_view, "veo-3-1")
    assert card.warning == "Preview on Gemini API (Google AI Studio), by some sources."


def test_pixel_ratios_read_in_lowest_terms_and_retired_prices_are_history(real_view):
    assert _rows(real_view, "runway-gen-4-5")["Aspect ratios"] == "16:9 (1280:720), 9:16 (720:1280)"
    assert _rows(real_view, "seedance-2-0")["Aspect ratios"].startswith("21:9, 16:9, 4:3")  # not "7:3 (21:9)"
    sora = _rows(real_view, "sora-2-pro")
    assert sora["Price from"] == "Retired on 2026-09-24; its last prices are kept below as history"
    assert sora["Where to call it"].startswith("OpenAI API (Videos API): sora-2-pro (retired)")


def test_each_value_in_a_row_carries_its_own_markers(real_view):
    length = next(r for r in glance(real_view, "veo-3-1").rows if r.label == "Length")
    single, extended = length.parts
    assert (single.text, single.disputed) == ("8 s in one generation", True)  # the article's 60 s
    assert (extended.text, extended.disputed) == ("148 s with extension", False)
    ltx = {r.label: r for r in glance(real_view, "ltx-2-3-pro").rows}
    [rates] = ltx["Frame rates"].parts
    assert rates.text == "24 fps, 25 fps, 48 fps, 50 fps" and rates.unverified  # a secondary blog only
    [length] = ltx["Length"].parts
    assert not length.unverified  # fal and Venice give 10 s


def test_the_price_from_cites_the_offer_it_comes_from(real_view):
    price = next(r for r in glance(real_view, "veo-3-1").rows if r.label == "Price from").parts[0]
    assert price.fact.source.href == "../facts/sources.md#src-fal-veo-3-1"
    assert price.fact.as_of == "2026-11-29"
    assert price.fact.note.startswith("fal.ai")


def test_the_card_shows_arena_scores_by_pool_only_when_a_model_has_them(real_view):
    card = glance(real_view, "kling-v3")
    [row] = [r for r in card.rows if r.label == "Arena score"]
    assert row.value == ("text to video 1,241 (#4, 2026-04); text to video with audio 1,104 (#4, 2026-06); "
                         "image to video about 1,279 (2026-05)")
    assert [(p.fact.dated, p.fact.as_of) for p in row.parts] == [
        ("snapshot", "2026-04"), ("snapshot", "2026-06"), ("snapshot", "2026-05")]
    assert "Arena score" not in _rows(real_view, "kling-4-0")
