"""The report of ``prices pull``: a summary line, then each finding an editor must act on as
located lines (``file:line:col: offers[3]: fal.ai says $0.25 per second since this check;
recorded $0.20 (checked 2026-09-01)``), then what was not compared and why, then the count
of unchanged prices. Plain text; what the platform sent is shown only as amounts, units and
endpoint ids, each on its own line."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from .price_compare import PriceFinding, amount_of, usd
from .pricing import PlatformPrice

KINDS = ("changed", "ambiguous", "missing", "not compared", "unchanged")
HEADINGS = {"changed": "Changed", "ambiguous": "Changed, but which price is unknown",
            "missing": "No price given", "not compared": "Not compared", "unchanged": "Unchanged"}


def _per(offer_unit: str, clip_seconds: int | None) -> str:
    return {"clip": f"per {clip_seconds} s clip", "token": "per million tokens"}.get(offer_unit, "per second")


def _says(price: PlatformPrice, name: str, per: str | None = None) -> str:
    """``fal.ai says $0.25 per second``, in the data's terms (a token price per million)."""
    per = per or {"second": "per second", "clip": "per video", "token": "per million tokens"}.get(
        price.data_unit or "", f"per {price.unit}")
    return f"{name} says {usd(price.data_amount)} {per}"


def _changed(f: PriceFinding, name: str, written: dict[str, str]) -> list[str]:
    e = f.entries[0]
    line = (f"{e.at}: {_says(f.price, name, _per(e.offer.unit, e.offer.clip_seconds))} since this check; "
            f"recorded {usd(amount_of(e.offer))} (checked {e.offer.as_of.isoformat()})")
    done = written.get(e.at)
    return [line, f"  {done}" if done else "  not written: run with --write to add a dated entry from today"]


def _ambiguous(f: PriceFinding, name: str) -> list[str]:
    lines = [f"{f.endpoint}: {_says(f.price, name)}; {f.detail}" if f.price else f"{f.endpoint}: {f.detail}"]
    lines += [f"  {e.at}: recorded {usd(amount_of(e.offer))} {_per(e.offer.unit, e.offer.clip_seconds)} "
              f"(checked {e.offer.as_of.isoformat()})" for e in f.entries]
    return lines


def _listed(f: PriceFinding) -> list[str]:
    """One line for the endpoint (when known), then the entries it concerns."""
    if f.endpoint is None:
        return [f"{e.at}: {f.detail}" for e in f.entries]
    return [f"{f.endpoint}: {f.detail}", *(f"  {e.at}" for e in f.entries)]


def summary(findings: list[PriceFinding], name: str, today: dt.date) -> str:
    """``fal.ai: 14 prices read on 2026-12-04 (…): 10 unchanged, 1 changed …``."""
    counts = Counter(f.kind for f in findings)
    endpoints = len({f.endpoint for f in findings if f.endpoint})
    parts = ", ".join(f"{counts[k]} {k}" for k in KINDS if counts[k])
    return (f"{name}: the prices of {endpoints} endpoints asked for on {today.isoformat()} (as this key's account "
            f"is charged): {parts or 'no current price entries on this platform'}")


def price_report(findings: list[PriceFinding], name: str, today: dt.date, written: dict[str, str]) -> str:
    """The whole report; ``written`` maps an entry's location to what ``--write`` did for it."""
    lines = [summary(findings, name, today)]
    for kind in KINDS[:-1]:
        chosen = [f for f in findings if f.kind == kind]
        if not chosen:
            continue
        lines += ["", f"{HEADINGS[kind]}:"]
        for f in chosen:
            lines += _changed(f, name, written) if kind == "changed" else \
                _ambiguous(f, name) if kind == "ambiguous" else _listed(f)
    unchanged = [f for f in findings if f.kind == "unchanged"]
    if unchanged:
        lines += ["", f"{HEADINGS['unchanged']}: " + ", ".join(f.endpoint for f in unchanged)]
    return "\n".join(lines)
