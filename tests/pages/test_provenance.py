"""Provenance on demand: one footnote per distinct source, date, note and other claims; stale
markers labelled as such; one notice at the top of a page with stale facts."""

from __future__ import annotations

import datetime as dt

from generator.answers.asof import Freshness
from generator.pages.provenance import Notes
from generator.pages.views import ClaimView, FactView, Link

FRESH = Freshness(dt.date(2026, 12, 2), 90)


def _fact(as_of: str = "2026-11-29", note: str | None = None, others: tuple = ()) -> FactView:
    return FactView("Audio", "Native", Link("Vendor [docs]", "../facts/sources.md#src-v"), "Vendor documentation",
                    as_of, note, bool(others), others, "../facts/disputed.md#m")


def test_one_footnote_per_distinct_provenance_at_the_end():
    notes = Notes(FRESH)
    assert notes.cite(_fact()) == "[^src-1]"
    assert notes.cite(_fact()) == "[^src-1]"  # the same source and date: the same note
    assert notes.cite(_fact(note="Always on.")) == "[^src-2]"
    body = notes.finish("# Title\n\nText\n")
    assert body.endswith(
        "[^src-1]: [Vendor \\[docs\\]](../facts/sources.md#src-v) (vendor documentation), checked 2026-11-29.\n"
        "[^src-2]: [Vendor \\[docs\\]](../facts/sources.md#src-v) (vendor documentation), checked 2026-11-29."
        " Always on.\n")
    assert "vg-stale-notice" not in body


def test_stale_facts_are_marked_and_counted_once_at_the_top():
    notes = Notes(FRESH)
    other = ClaimView("Silent", Link("Article", "../facts/sources.md#src-a"), "Comparison article", "2026-11-29", None, False)
    assert notes.cite(_fact("2026-04-29", others=(other,))) == "[^stale-1]"
    assert notes.cite(_fact("2026-04-29", others=(other,))) == "[^stale-1]"
    body = notes.finish("# Title\n\nText\n")
    assert body.startswith("# Title\n\n<p class=\"vg-stale-notice\">2 facts and prices on this page were last checked more than"
                           " 90 days ago")
    assert "checked 2026-04-29 (stale: over 90 days). Other claim: Silent ([Article]" in body


def test_a_fact_without_a_source_has_no_marker():
    notes = Notes(FRESH)
    assert notes.cite(None) == ""
    assert notes.finish("# T\n") == "# T\n"


def test_another_claim_keeps_its_note():
    notes = Notes(FRESH)
    other = ClaimView("10 s", Link("Fact sheet", "../facts/sources.md#src-f"), "Secondary", "2026-11-29",
                      "The preview [beta].", False)
    agreeing = ClaimView("Native", Link("Blog", "../facts/sources.md#src-b"), "Secondary", "2026-11-30",
                         "Said in passing.", True)
    notes.cite(_fact(others=(other, agreeing)))
    body = notes.finish("# T\n")
    assert "Other claim: 10 s ([Fact sheet](../facts/sources.md#src-f), 2026-11-29: The preview \\[beta\\]); " \
           "agrees: Native ([Blog](../facts/sources.md#src-b), 2026-11-30)." in body
