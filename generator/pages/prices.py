"""Price views: the current price grid of a model, its price history and the site-wide
price-history page, from the as-of view. Money stays ``Decimal`` until :mod:`generator.pages.format`
prints it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..answers.asof import AsOf, ModelState
from ..answers.lifecycle import LifecycleSummary
from ..answers.prices import PriceEntry, start
from ..facts.catalog import OfferRecord
from ..facts.fields import TIER_ORDER, resolution_order
from . import format as fmt
from .views import SOURCES_PAGE, Link, href, model_page

PRICE_HISTORY_PAGE = "prices/history.md"
AUDIO_TEXT = {True: "with audio", False: "without audio", None: "audio not stated"}
MODE_TEXT = {"text_to_video": "", "image_to_video": "image-to-video", "audio_to_video": "audio-to-video",
             "video_to_video": "video-to-video", "extension": "extension"}


def money(amount: Decimal, currency: str, approximate: bool = False) -> str:
    """``$0.40`` for USD, ``EUR 0.40`` otherwise; ``~`` when the source gives an estimate."""
    text = fmt.usd(amount, approximate)
    return text if currency == "USD" else text.replace("$", f"{currency} ", 1)


def price_text(offer: OfferRecord) -> str:
    """``$0.40 per second``; credits show their conversion; plans their monthly price."""
    if offer.unit == "subscription":
        return f"{money(offer.price_per_month, offer.currency)} per month"
    if offer.unit == "clip":
        return (f"{money(offer.price_per_clip, offer.currency, offer.approximate)} per {offer.clip_seconds} s clip "
                f"({money(offer.price_per_second, offer.currency)} per second)")
    text = money(offer.price_per_second, offer.currency, offer.approximate) + " per second"
    if offer.unit == "credit":
        text += (f" ({fmt.number(offer.credits_per_second)} credits at "
                 f"{money(offer.credit_price, offer.currency)} each)")
    if offer.unit == "token":
        text += (f" ({format(offer.tokens_per_second.normalize(), ',f')} tokens at "
                 f"{money(offer.price_per_million_tokens, offer.currency)} per million)")
    return text


def when_text(offer: OfferRecord) -> str:
    """When an entry took effect: ``2025-10``, ``until 2025-09`` or ``in effect by 2026-09-24``."""
    if offer.effective_from:
        return offer.effective_from + (f" to {offer.effective_until}" if offer.effective_until else "")
    if offer.effective_until:
        return f"until {offer.effective_until}"
    return f"in effect by {offer.as_of.isoformat()}"


def what_text(offer: OfferRecord) -> str:
    """``Gemini API · standard · 720p · with audio``: what one price is for."""
    parts = [offer.platform.name if offer.platform else "Platform not stated", MODE_TEXT[offer.mode], offer.tier,
             offer.plan or "", offer.resolution or ("" if offer.plan else "resolution not stated"),
             AUDIO_TEXT[offer.audio]]
    return " · ".join(p for p in parts if p)


def _source(page: str, offer: OfferRecord) -> Link:
    return Link(offer.source.title, href(page, SOURCES_PAGE, f"src-{offer.source.id}"))


@dataclass(frozen=True)
class GridNote:
    source: Link
    as_of: str
    notes: tuple[str, ...]

    @property
    def text(self) -> str:
        """The notes as one footnote sentence: ``720p, batch: Quotes the page; 4K: …``."""
        return "; ".join(n.rstrip(".") for n in self.notes)


@dataclass(frozen=True)
class PriceGrid:
    """One platform's current prices: rows are resolutions, columns tier × audio (× mode); a
    cell is its prices, each with the index of its note in ``notes`` (source, date, notes)."""

    platform: str
    status: str | None
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]
    notes: tuple[GridNote, ...]


def _column(o: OfferRecord) -> tuple:
    return (o.mode != "text_to_video", o.mode, TIER_ORDER.index(o.tier), {True: 0, False: 1, None: 2}[o.audio])


def _grid(page: str, platform: str, offers: list[OfferRecord], status: str | None) -> PriceGrid:
    columns = sorted({_column(o): o for o in offers}.items())
    labels = tuple(", ".join(p for p in (MODE_TEXT[o.mode].capitalize(), o.tier.capitalize(), AUDIO_TEXT[o.audio]) if p)
                   for _key, o in columns)
    groups: dict[tuple, list[OfferRecord]] = {}
    for o in offers:
        groups.setdefault((o.source.id, o.as_of), []).append(o)
    index = {id(o): n for n, g in enumerate(groups.values()) for o in g}
    rows = []
    for res in sorted({o.resolution for o in offers}, key=resolution_order):
        cells = []
        for key, _o in columns:
            hit = [o for o in offers if o.resolution == res and _column(o) == key]
            cells.append(tuple((price_text(o), index[id(o)]) for o in hit))
        rows.append((res or "Resolution not stated", tuple(cells)))
    notes = tuple(GridNote(_source(page, g[0]), g[0].as_of.isoformat(), _notes(g)) for g in groups.values())
    return PriceGrid(platform, status, labels, tuple(rows), notes)


def _notes(offers: list[OfferRecord]) -> tuple[str, ...]:
    """``720p and 1080p, with audio: note``: one line per distinct note, naming the prices it is on."""
    by_note: dict[str, list[str]] = {}
    for o in offers:
        if o.note:
            label = (f"{o.resolution or 'any resolution'}, " + (f"{o.tier}, " if o.tier != "standard" else "")
                     + AUDIO_TEXT[o.audio])
            by_note.setdefault(o.note, []).append(label)
    return tuple(f"{'; '.join(labels)}: {note}" for note, labels in by_note.items())


def price_grids(page: str, state: ModelState) -> tuple[PriceGrid, ...]:
    """The current metered prices per platform (plans and platform-less claims are listed apart)."""
    retired = {pid: text + ": no longer offered" for pid, text in _retired(state.lifecycle).items()}
    by_platform: dict[str, list[OfferRecord]] = {}
    for o in state.current:
        if o.platform is not None and o.unit != "subscription":
            by_platform.setdefault(o.platform.id, []).append(o)
    return tuple(_grid(page, offers[0].platform.name, offers, retired.get(pid))
                 for pid, offers in sorted(by_platform.items(), key=lambda kv: kv[1][0].platform.name))


@dataclass(frozen=True)
class OfferLine:
    """A current price that fits no grid: a subscription plan or a claim naming no platform."""

    what: str
    price: str
    includes: str | None
    source: Link
    as_of: str
    note: str | None


def other_offers(page: str, state: ModelState) -> tuple[OfferLine, ...]:
    return tuple(OfferLine(what_text(o), price_text(o), o.includes, _source(page, o), o.as_of.isoformat(), o.note)
                 for o in state.current if o.platform is None or o.unit == "subscription")


@dataclass(frozen=True)
class HistoryRow:
    when: str
    model: Link
    what: str
    price: str
    change: str
    status: str
    source: Link
    as_of: str
    note: str | None


def _change(before: OfferRecord | None, after: OfferRecord) -> str:
    if before is None:
        return "First recorded"
    if (before.currency, before.unit == "subscription") != (after.currency, after.unit == "subscription"):
        return f"Was {price_text(before)}"
    old, new = before.price_per_second or before.price_per_month, after.price_per_second or after.price_per_month
    if not old or old == new:
        return "Unchanged" if old == new else "Changed"
    percent = (new - old) / old * 100
    return f"{'Up' if new > old else 'Down'} {abs(percent).quantize(Decimal('1'))}% from {money(old, before.currency)}"


def _retired(summary: LifecycleSummary) -> dict[str, str]:
    """``{platform id: "Retired on this platform on …"}`` for platforms where the model is retired."""
    return {r.platform.id: "Retired on this platform" + (f" on {r.fact.value.shutdown.isoformat()}"
                                                         if r.fact.value.shutdown else "")
            for r in summary.platforms if r.status == "retired"}


def _status(entry: PriceEntry, retired: dict[str, str]) -> str:
    platform = entry.offer.platform
    if entry.status == "current" and platform is not None and platform.id in retired:
        return "No longer offered (model retired)"
    return entry.status.capitalize()


def history_rows(page: str, state: ModelState) -> list[tuple[tuple, HistoryRow]]:
    """Entries of every price that changed, is scheduled or has ended, each with its sort key
    (for newest first)."""
    model, retired = state.model, _retired(state.lifecycle)
    out = []
    for entries in state.prices:
        if len(entries) < 2 and entries[0].status == "current":
            continue  # a price that never changed is in the grid; scheduled or ended ones are history
        for before, entry in zip([None, *entries[:-1]], entries):
            o = entry.offer
            out.append((start(o), HistoryRow(
                when_text(o), Link(model.name, href(page, model_page(model.id))), what_text(o), price_text(o),
                _change(before.offer if before else None, o), _status(entry, retired), _source(page, o),
                o.as_of.isoformat(), o.note)))
    return out


def newest_first(rows: list[tuple[tuple, HistoryRow]]) -> tuple[HistoryRow, ...]:
    return tuple(row for _key, row in sorted(rows, key=lambda kr: kr[0], reverse=True))


@dataclass(frozen=True)
class PriceHistoryContext:
    rows: tuple[HistoryRow, ...]
    today: str


def price_history_context(view: AsOf) -> PriceHistoryContext:
    rows = [r for state in view.models.values() for r in history_rows(PRICE_HISTORY_PAGE, state)]
    return PriceHistoryContext(newest_first(rows), view.today.isoformat())


def model_prices(page: str, state: ModelState) -> tuple[tuple[PriceGrid, ...], tuple[OfferLine, ...],
                                                         tuple[HistoryRow, ...]]:
    """(grids, other offers, history rows newest first) for a model page."""
    return price_grids(page, state), other_offers(page, state), newest_first(history_rows(page, state))
