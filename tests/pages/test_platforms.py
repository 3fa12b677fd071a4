"""Platform pages (generator.pages.platforms): what each platform sells, at what price."""

from __future__ import annotations

from generator.pages.platforms import platform_context, platforms_index_context


def test_a_resellers_page_lists_its_models_with_their_ids_and_prices(real_view):
    venice = platform_context(real_view, "venice")
    rows = {r.model.text: r for r in venice.rows}
    kling = rows["Kling 4.0"]
    assert (kling.status, kling.model_id, kling.price) == (
        "Generally available", "kling-v4-text-to-video", "$0.98 per 5 s clip (720p · with audio)")
    assert kling.source.href == "../facts/sources.md#src-venice-kling-4-0"
    assert rows["LTX-2.3 Pro"].price == "no current price in USD per second"
    assert venice.kind == "Reseller" and venice.vendor is None


def test_the_index_counts_the_models_on_each_platform(real_view):
    counts = {link.text: n for link, _kind, n in platforms_index_context(real_view).platforms}
    assert counts["Venice API"] == len(platform_context(real_view, "venice").rows) >= 10
    assert counts["Gemini API (Google AI Studio)"] >= 5
