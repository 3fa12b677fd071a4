"""``videoguide prices pull PLATFORM``: read a platform's published prices (:mod:`generator.watch`),
compare them with the current price entries, report, and with ``write`` add a dated entry for
each changed price (never editing an old one)."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Mapping, Sequence

from pydantic import ValidationError

from .answers.prices import start
from .facts.catalog import build_catalog
from .facts.dataset import Dataset
from .facts.errors import NeedsEditor, UsageError
from .facts.offer_lines import insert_offers, successor
from .pipeline import edit_data, load
from .settings import Settings
from .watch.fal import API_URL, FalPrices
from .watch.fetch import allowed_networks
from .watch.price_compare import PriceFinding, amount_of, by_endpoint, compare_prices, current_entries
from .watch.price_report import price_report

JUMP = 10
"""A new amount more than this many times above or below the recorded one is not written."""
_HEADER_SAFE = re.compile(r"[\x21-\x7e]+")
"""What a key may be made of: printable ASCII without spaces (it goes into a header)."""
PROVIDERS = {"fal": (FalPrices, "FAL_KEY", API_URL)}
"""Platform id → (provider class, the environment variable holding its key, its API's address)."""


def _provider(platform: str, api_url: str | None, allow: Sequence[str], env: Mapping[str, str]):  # noqa: ANN202
    if platform not in PROVIDERS:
        raise UsageError(f"no machine-readable prices are known for {platform!r}; prices pull knows: "
                         + ", ".join(PROVIDERS))
    kind, variable, default_url = PROVIDERS[platform]
    key = env.get(variable, "").strip()
    if not key:
        raise UsageError(f"set {variable} to a {kind.name} API key (it is sent to {default_url} only, in a header)")
    if not _HEADER_SAFE.fullmatch(key):
        raise UsageError(f"{variable} holds a space, a line break, another control character or a character "
                         "outside ASCII, which an HTTP header cannot carry: set it to the key alone")
    return kind(key, api_url or default_url, allowed_networks(allow))


def _blocker(finding: PriceFinding, today: dt.date) -> str | None:
    """Why ``--write`` must leave the entry after this finding's to the editor, or None."""
    offer, amount = finding.entries[0].offer, finding.price.data_amount
    if start(offer)[0] == today.isoformat():
        return "its entry already starts today, so a new entry from today would share its start"
    recorded = amount_of(offer)
    if recorded and not recorded / JUMP <= amount <= recorded * JUMP:
        return f"the new amount is more than {JUMP} times off the recorded one; check the model page"
    return None


def _successor(dataset: Dataset, finding: PriceFinding, source: str, today: dt.date):  # noqa: ANN202 - Offer
    """The new entry, or the reason there is none (the data refuses the amount, e.g. $0)."""
    entry = finding.entries[0]
    try:
        return successor(dataset.models[entry.model][1].offers[entry.index], finding.price.data_amount, source, today,
                         finding.endpoint), None
    except ValidationError as exc:
        return None, exc.errors()[0]["msg"].lower()


def _note_left(old, new) -> str:  # noqa: ANN001 - OfferRecord, Offer
    """Why the old entry's note did not carry over to ``new`` (see :func:`successor`), or ''."""
    if new.note is not None or not old.note:
        return ""
    return "; the old entry's note, on its estimate, stays with it" if old.approximate else \
        "; the old entry's note, which quotes its price, stays with it"


def _new_texts(dataset: Dataset, changed: list[PriceFinding], source: str,
               today: dt.date) -> tuple[dict[Path, str], dict[str, str]]:
    """The model files' new texts by path, and per entry what was written, or why not."""
    per_file: dict[Path, tuple[str, dict[int, list], list[str]]] = {}
    done: dict[str, str] = {}
    for finding in changed:
        entry = finding.entries[0]
        why = _blocker(finding, today)
        new, why = (None, why) if why else _successor(dataset, finding, source, today)
        if why:
            done[entry.at] = f"not written: {why}; correct it by hand"
            continue
        doc = dataset.models[entry.model][0]
        text, after, ats = per_file.setdefault(doc.path, (doc.text, {}, []))
        after.setdefault(entry.index, []).append(new)
        ats.append(entry.at)
        done[entry.at] = f"wrote a new entry after it: effective_from {today.isoformat()}, source {source}" \
            + _note_left(entry.offer, new)
    texts = {}
    for path, (text, after, ats) in per_file.items():
        try:
            texts[path] = insert_offers(text, after)
        except ValueError as exc:  # e.g. offers written as a flow list: [...]
            done.update({at: f"not written: {exc}; add the new entry by hand" for at in ats})
    return texts, done


def prices_pull_text(settings: Settings, platform: str, write: bool = False, api_url: str | None = None,
                     allow_private: Sequence[str] = (), today: dt.date | None = None,
                     env: Mapping[str, str] | None = None) -> str:
    """Compare ``platform``'s prices with the data's current entries; with ``write``, add an
    entry for each changed price. Returns the report, or raises NeedsEditor with it when a
    price changed, is ambiguous or is missing. Raises UsageError (unknown platform, no key),
    PricesError (the API), DataError (the data, or the new entries, fail validation), WriteError.
    """
    today = today or dt.date.today()
    provider = _provider(platform, api_url, allow_private, os.environ if env is None else env)
    dataset = load(settings.data_dir)
    catalog = build_catalog(dataset)
    if write and provider.source not in catalog.sources:
        raise UsageError(f"--write cites the source {provider.source!r}, which sources.yaml lacks: add it first")
    entries = current_entries(dataset, catalog, provider.platform, today)
    groups, unknown = by_endpoint(catalog, entries, provider)
    findings = compare_prices(groups, provider.read_prices(groups), provider.name) + unknown
    written: dict[str, str] = {}
    changed = [f for f in findings if f.kind == "changed"]
    if write and changed:
        texts, written = _new_texts(dataset, changed, provider.source, today)
        edit_data(settings.data_dir, texts)
    report = price_report(findings, provider.name, today, written)
    if any(f.needs_editor for f in findings):
        raise NeedsEditor(report)
    return report
