"""Provenance on demand: each shown value carries a footnote marker; the sources of a page are
listed once, at its end.

A page's :class:`Notes` numbers each distinct (source, checked date, note, other claims) once.
Templates call ``cite(fact)`` after a value; it returns a Markdown footnote reference
(Python-Markdown's ``footnotes`` extension; Material shows it as a tooltip on hover and focus;
a tap goes to the footnote; it prints as a footnote). A stale fact's marker is labelled ``stale-N``, which the
stylesheet colours, and :meth:`Notes.finish` says once at the top how many facts on the page
are stale.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..answers.asof import Freshness
from ..facts.fields import day_of
from .views import FactView, Link

STALE_LABEL = "stale-"
NOTE_LABEL = "src-"


def _escape(text: str) -> str:
    """Footnote text is Markdown: keep brackets, stars and underscores literal."""
    for ch in "\\[]*_`<>":
        text = text.replace(ch, "\\" + ch)
    return text


@dataclass
class Notes:
    """The footnotes of one page; ``fresh`` decides which checked dates are stale."""

    fresh: Freshness | None
    numbers: dict[str, str] = field(default_factory=dict)
    """Footnote text → its label, in order of first use."""
    stale_facts: int = 0
    stale_snapshots: int = 0
    """How many of the stale facts are arena scores, old by their leaderboard's snapshot."""

    def cite(self, fact: FactView | None) -> str:
        """``[^src-3]`` after a value (``[^stale-3]`` when it was checked too long ago); empty
        for a fact no source states."""
        if fact is None or fact.source is None:
            return ""
        return self.cite_source(fact.source, fact.source_kind, fact.as_of, fact.note, fact.others, fact.dated)

    def cite_source(self, source: Link, kind: str, as_of: str, note: str | None, others: tuple = (),
                    dated: str = "checked") -> str:
        """The same for a value that is not a fact of a model file, such as one price
        (``kind`` empty: not said); ``dated`` says what ``as_of`` is (``checked``, ``snapshot``)."""
        stale = self._stale(as_of)
        self.stale_snapshots += stale and dated == "snapshot"
        return self._label(self._text(source, kind, f"{dated} {as_of}", note or None, others, stale), stale)

    def _label(self, text: str, stale: bool) -> str:
        label = self.numbers.get(text)
        if label is None:
            label = f"{STALE_LABEL if stale else NOTE_LABEL}{len(self.numbers) + 1}"
            self.numbers[text] = label
        self.stale_facts += stale
        return f"[^{label}]"

    def _stale(self, as_of: str) -> bool:
        try:
            return self.fresh is not None and self.fresh.is_stale(dt.date.fromisoformat(day_of(as_of)))
        except ValueError:
            return False

    def _text(self, source: Link, kind: str, dated: str, note: str | None, others: tuple, stale: bool) -> str:
        kind = f" ({kind.lower()})" if kind else ""
        parts = [f"[{_escape(source.text)}]({source.href}){kind}, {dated}"
                 + (f" (stale: over {self.fresh.stale_after_days} days)" if stale else "")]
        if note:
            parts.append(_escape(note))
        others = [f"{'agrees' if o.agrees else 'other claim'}: {_escape(o.value)} "
                  f"([{_escape(o.source.text)}]({o.source.href}), {o.as_of}"
                  + (f": {_escape(o.note.rstrip('.'))}" if o.note and not o.agrees else "") + ")" for o in others]
        if others:
            joined = "; ".join(others)
            parts.append(joined[:1].upper() + joined[1:])
        return ". ".join(p.rstrip(".") for p in parts) + "."

    def _stale_sentence(self, stale: int) -> str:
        """``6 facts and prices on this page were last checked more than 90 days ago; …``; arena
        scores are old by their board's snapshot, not by when they were checked, and say so."""
        days, scores = self.fresh.stale_after_days, self.stale_snapshots
        many = "s" * (stale != 1)
        if not scores:
            return (f"{stale} fact{many} and price{many} on this page {'were' if stale != 1 else 'was'} last checked "
                    f"more than {days} days ago; each is marked <em>stale</em>.")
        checked = stale - scores
        parts = [f"{checked} last checked that long ago"] if checked else []
        parts.append(f"{scores} arena score{'s' * (scores != 1)} from a leaderboard snapshot that old")
        return (f"{stale} fact{many} and price{many} on this page {'are' if stale != 1 else 'is'} more than {days} "
                f"days old ({', '.join(parts)}); each is marked <em>stale</em>.")

    def finish(self, body: str) -> str:
        """``body`` with the footnote definitions at its end and, when facts are stale, one
        notice under the page's title."""
        badges = body.count('class="vg-stale"')  # prices and other dates shown with their own badge
        stale = self.stale_facts + badges
        if stale and self.fresh is not None:
            notice = f'\n<p class="vg-stale-notice">{self._stale_sentence(stale)}</p>\n'
            head, sep, rest = body.partition("\n")
            body = head + sep + notice + rest if head.startswith("# ") else notice + body
        if not self.numbers:
            return body
        definitions = "\n".join(f"[^{label}]: {text}" for text, label in self.numbers.items())
        return f"{body.rstrip()}\n\n{definitions}\n"
