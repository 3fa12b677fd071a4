"""The Source health page and the home page's count of facts waiting for a re-check."""

from __future__ import annotations

import dataclasses
import datetime as dt

from generator.facts.source_state import SourceState, watched
from generator.pages.health import health_context, waiting_facts
from generator.pages.labelled import citations
from generator.pages.plan import Page
from generator.pages.render import render_pages

DAY = dt.date(2026, 12, 4)
A, B = "a" * 64, "b" * 64


def _with_states(catalog, *records: SourceState):
    return dataclasses.replace(catalog, source_states={r.id: r for r in records})


def test_a_catalog_never_checked_says_so(real_catalog):
    cited = citations(real_catalog)
    context = health_context(real_catalog, cited)
    assert context.last_check is None and waiting_facts(context) == (None, 0)
    assert {r.label for r in context.rows} == {"Never checked", "Not watched (no public address)"}
    assert next(r for r in context.rows if r.link.text.startswith("fal.ai model page fal-ai/veo3.1")).facts == 4
    text = render_pages([Page("facts/health.md", "health.md.jinja", context, "Source health")])["facts/health.md"]
    assert "**No source has been checked yet.**" in text


def test_changed_moved_and_gone_sources_come_first_and_their_facts_wait(real_catalog):
    url = "https://fal.ai/models/fal-ai/veo3.1"
    catalog = _with_states(
        real_catalog,
        SourceState(id="fal-veo-3-1", url=url, checked=DAY, content_hash=B, changed=DAY, http_status=200,
                    accepted=dt.date(2026, 11, 29), accepted_hash=A),
        SourceState(id="google-gemini-changelog", url="https://ai.google.dev/gemini-api/docs/changelog", checked=DAY,
                    error="timed out after 20 s"),
        SourceState(id="google-vertex-veo-2", url="https://cloud.google.com/vertex-ai/generative-ai/docs/models/veo/2-0-generate",
                    checked=DAY, content_hash=A, accepted_hash=A, accepted=DAY, http_status=200))
    cited = citations(catalog)
    context = health_context(catalog, cited)
    unreachable, first = context.rows[:2]  # the most urgent first: could not be read, then changed
    assert (unreachable.link.text, unreachable.label, unreachable.detail, unreachable.facts) == (
        "Gemini API release notes (changelog)", "Could not be read", "timed out after 20 s", 8)
    assert (first.link.text, first.label, first.checked, first.changed, first.facts) == (
        "fal.ai model page fal-ai/veo3.1", "Changed since its facts were checked", "2026-12-04", "2026-12-04", 4)
    assert first.link.href == "sources.md#src-fal-veo-3-1"
    assert (context.waiting_facts, context.waiting_sources, context.last_check) == (4, 1, "2026-12-04")
    assert waiting_facts(context) == (4, 1)
    assert context.counts[:3] == (("Could not be read", 1), ("Changed since its facts were checked", 1),
                                  ("Unchanged", 1))
    text = render_pages([Page("facts/health.md", "health.md.jinja", context, "Source health")])["facts/health.md"]
    assert "**4 facts wait for a re-check:**\n1 source changed, moved or went away since\nits facts" in text
    never = sum(1 for src in catalog.sources.values() if watched(src)) - 3  # the three with a state above
    assert f"Unchanged: 1 · Never checked: {never} · Not watched \\(no public address\\): 1\n\n| Source | Standing |" \
        in text
    assert ("| [fal\\.ai model page fal\\-ai/veo3\\.1](sources.md#src-fal-veo-3-1) | Changed since its facts were "
            "checked | 2026-12-04 | 2026-12-04 | 4 |") in text


def _render(context) -> str:
    return render_pages([Page("facts/health.md", "health.md.jinja", context, "Source health")])["facts/health.md"]


def test_sources_that_could_not_be_read_never_read_as_nothing_waits(real_catalog):
    """Offline, every source is unreachable: the page must not say that no fact waits."""
    offline = [SourceState(id=src.id, url=src.url, checked=DAY, error="could not connect")
               for src in real_catalog.sources.values() if watched(src)]
    context = health_context(_with_states(real_catalog, *offline), citations(real_catalog))
    assert (context.unread_sources, context.read_sources, waiting_facts(context)) == (len(offline), 0, (0, len(offline)))
    text = _render(context)
    assert "**No source could be read in the last check (2026-12-04)**" in text
    assert "No fact waits" not in text

    url = "https://cloud.google.com/vertex-ai/generative-ai/docs/models/veo/2-0-generate"
    read = SourceState(id="google-vertex-veo-2", url=url, checked=DAY, content_hash=A, accepted_hash=A, accepted=DAY,
                       http_status=200)
    mixed = health_context(_with_states(real_catalog, read, *[r for r in offline if r.id != read.id][:2]), citations(real_catalog))
    text = _render(mixed)
    assert "**No fact waits for a re-check:** no source read in the last check (2026-12-04) changed" in text
    assert "2 sources could not be read in the last check;\nwhether their facts still hold is unknown" in text
