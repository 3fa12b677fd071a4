"""Head-to-head and use-case contexts: what the pages print."""

from __future__ import annotations

from generator.answers.verdicts import use_case_result
from generator.pages.compare import compare_context, use_case_context


def test_compare_context_counts_and_links(article_view):
    c = compare_context(article_view, "veo-3-1", "sora-2-pro", "compare/veo-3-1-vs-sora-2-pro.md")
    assert (c.title, c.a_wins, c.b_wins, c.ties, c.undecided) == ("Veo 3.1 vs Sora 2 Pro", 4, 5, 1, 0)
    assert c.a.href == "../models/veo-3-1.md"
    clip = next(r for r in c.rows if r.criterion == "Clip length")
    assert (clip.a.value, clip.b.value, clip.winner) == ("60 s", "120 s", "Sora 2 Pro")


def test_compare_context_on_the_home_page_links_from_the_root(article_view):
    c = compare_context(article_view, "veo-3-1", "sora-2-pro", "index.md")
    assert (c.a.href, c.href) == ("models/veo-3-1.md", "compare/veo-3-1-vs-sora-2-pro.md")


def test_use_case_context_shows_retired_pick_and_reasons(real_catalog, real_view):
    result = use_case_result(real_view, real_catalog.use_cases["cinematic-storytelling"])
    c = use_case_context(real_catalog, result)
    assert [x.model.text for x in c.retired_above] == ["Sora 2 Pro"]
    assert c.retired_above[0].status == "Retired on 2026-09-24"
    assert (c.recommended.model.text, c.recommended.score) == ("Veo 3.1", "3.75")
    # The runner-up is ranked on its arena score alone, dated by the board's snapshot.
    assert (c.runner_up.model.text, c.runner_up.score) == ("HappyHorse 1.0", "2.00")
    [arena] = c.runner_up.reasons
    assert arena.note == "Artificial Analysis Video Arena"
    assert (arena.label, arena.value, arena.as_of, arena.dated) == (
        "Arena score, text to video", "1,333 (#1, 2026-04)", "2026-04", "snapshot")
    assert ("Cinematic color", "Strong") in [(r.label, r.value) for r in c.retired_above[0].reasons]
