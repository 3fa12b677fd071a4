"""New price entries written into a model file's text, beside the entries they succeed.

The editing guide's rule for a changed price: a new entry with the day it took effect, the old
entry kept as history. :func:`successor` makes that entry from the old one (the same
:data:`~generator.facts.offer_schema.PRICE_KEY_FIELDS`, so it continues the same price's
history); :func:`insert_offers` writes each as a one-line flow mapping right after the entry it
succeeds, leaving every other byte of the file as it was (comments included).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal

import yaml

from .offer_schema import PRICE_KEY_FIELDS, Offer

AMOUNT = {"second": "price_per_second", "clip": "price_per_clip", "token": "price_per_million_tokens"}
"""The field holding the amount of an entry charged in each unit :func:`successor` writes."""
DATES = ("effective_from", "effective_until", "as_of")
"""Written unquoted, as editors write them (the loader reads them as text either way)."""


def plain(amount: Decimal) -> Decimal:
    """``amount`` as the data writes amounts: no trailing zeros beyond two decimals
    (``0.150`` → ``0.15``, ``0.2`` → ``0.20``, ``1E+1`` → ``10.00``)."""
    short = amount.normalize()
    return short if -short.as_tuple().exponent >= 2 else short.quantize(Decimal("0.01"))


_PRICE = re.compile(r"[$€£¥]\s?\d|\d\s?(?:USD|EUR|CNY|GBP|JPY)\b")


def quotes_price(note: str | None) -> bool:
    """Whether ``note`` states an amount of money (``$0.25``, ``0.25 USD``)."""
    return bool(note and _PRICE.search(note))


def successor(old: Offer, amount: Decimal, source: str, today: dt.date, endpoint: str | None = None) -> Offer:
    """The entry for ``old``'s price at ``amount`` (in ``old``'s unit and currency: per
    second, per clip, or per million tokens, the tokens per second carried over) from
    ``today``, read from ``source`` today, for the platform's ``endpoint`` (the old entry's
    when None). The old entry's note (the price's conditions) carries over unless the old
    entry is ``approximate`` (the platform states the amount, and such a note explains an
    estimate) or the note quotes a price (``$0.0112 per 1,000 tokens``: the old amount's). Raises ValueError for a credit or subscription price (its amount is more
    than one figure), and pydantic's ValidationError for an amount the data refuses (0: a
    price of 0 is refused)."""
    if old.unit not in AMOUNT:
        raise ValueError(f"a {old.unit} price is not one amount; write its new entry by hand")
    fields = {f: getattr(old, f) for f in (*PRICE_KEY_FIELDS, "mode", "tier", "unit", "currency", "tokens_per_second")}
    if not old.approximate and not quotes_price(old.note):
        fields["note"] = old.note
    return Offer.model_validate({**fields, AMOUNT[old.unit]: plain(amount), "effective_from": today.isoformat(),
                                 "endpoint": endpoint or old.endpoint, "source": source, "as_of": today.isoformat()})


def flow_line(offer: Offer) -> str:
    """``{platform: fal, resolution: 1080p, price_per_second: "0.25", …}``: the fields that
    differ from their defaults, in the schema's order; amounts quoted as the data writes them."""
    shown = offer.model_dump(mode="json", exclude_defaults=True)
    parts = []
    for key, value in shown.items():
        if key in AMOUNT.values():
            text = f'"{value}"'
        elif key in DATES or key == "tokens_per_second":  # a count, written as editors write it
            text = value
        else:
            text = yaml.safe_dump([value], default_flow_style=True, allow_unicode=True,
                                  width=10**6).strip()[1:-1]  # quoted as a flow mapping needs
            if text.startswith("'"):  # double quotes, as editors write them (JSON's are YAML's)
                text = json.dumps(value, ensure_ascii=False)
        parts.append(f"{key}: {text}")
    return "{" + ", ".join(parts) + "}"


def _insert_at(lines: list[str], node: yaml.Node) -> int:
    """The index of the line after ``node`` (an item of a block list), above any blank or
    comment lines that end it (PyYAML's end mark is the next item's start: a comment there
    belongs to what follows)."""
    end = node.end_mark
    before = lines[end.line][: end.column] if end.line < len(lines) else ""
    at = end.line if before.strip() == "" else end.line + 1
    while at - 1 > node.start_mark.line and lines[at - 1].strip()[:1] in ("", "#"):
        at -= 1
    return at


def _newline(lines: list[str]) -> str:
    """The file's line ending: ``\r\n`` when its first line has one, else ``\n``."""
    return "\r\n" if lines and lines[0].endswith("\r\n") else "\n"


def insert_offers(text: str, after: dict[int, list[Offer]]) -> str:
    """``text`` (a model file) with each list of new entries inserted after ``offers[i]``, one
    line each, indented like that entry, with the file's line ending. Raises ValueError when
    the file has no block list ``offers`` or no such index, or when the result is not that
    list with the new entries added (a layout this cannot follow, e.g. ``-`` alone on a line)."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    items = next((v for k, v in getattr(root, "value", []) if getattr(k, "value", None) == "offers"), None)
    if not isinstance(items, yaml.SequenceNode) or items.flow_style:
        raise ValueError("the file has no block list 'offers'")
    lines = text.splitlines(keepends=True)
    nl = _newline(lines)
    for index in sorted(after, reverse=True):
        if not 0 <= index < len(items.value):
            raise ValueError(f"the file has no offers[{index}]")
        item = items.value[index]
        start = lines[item.start_mark.line]
        indent = start[: len(start) - len(start.lstrip())]
        new = [f"{indent}- {flow_line(o)}{nl}" for o in after[index]]
        at = _insert_at(lines, item)
        if at == len(lines) and not lines[-1].endswith("\n"):  # the last line, without an ending
            lines[-1] += nl
            new[-1] = new[-1].removesuffix(nl)
        lines[at:at] = new
    out = "".join(lines)
    if _offer_count(out) != len(items.value) + sum(map(len, after.values())):
        raise ValueError("the file's layout is not one --write can follow")
    return out


def _offer_count(text: str) -> int:
    """How many entries ``offers`` holds in ``text``; -1 when the text does not parse."""
    try:
        return len(yaml.safe_load(text)["offers"])
    except (yaml.YAMLError, KeyError, TypeError):
        return -1
