"""How values look on a page: labels for enumerations, units, money and dates.

Pure functions from catalog values to plain text (never markup; escaping happens in
:mod:`generator.pages.render`).
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..facts import schema as s
from ..facts.catalog import OfferRecord

STATUS_LABELS = {"preview": "Preview", "ga": "Generally available", "deprecated": "Deprecated",
                 "retired": "Retired"}
AUDIO_LABELS = {"native": "Native (always on)", "optional": "Native (can be turned off)",
                "separate_step": "Separate generation step", "none": "None (silent)"}
INPUT_LABELS = {
    "text": "Text", "image_first_frame": "Image (first frame)", "image_last_frame": "Last frame",
    "reference_images": "Reference images", "video_extension": "Video (extend a clip)",
    "video_edit": "Video (edit a clip)", "storyboard": "Storyboard", "audio": "Audio",
    "video": "Video (purpose not stated)",
}
VERDICT_LABELS = {"recommended": "Recommended", "suitable": "Suitable", "not_recommended": "Not recommended"}
SOURCE_KIND_LABELS = {"vendor": "Vendor documentation", "vendor_mirror": "Copy of vendor documentation",
                      "platform": "Platform page", "secondary": "Secondary source", "article": "Comparison article"}
AVAILABILITY_LABELS = {"api": "API access", "subscription": "Monthly subscription", "credits": "Credit system"}
SPEC_LABELS = {
    "max_resolution": "Max resolution", "resolutions": "Resolutions",
    "max_clip_seconds": "Longest single generation", "clip_durations_seconds": "Clip durations",
    "max_total_seconds": "Longest video with extension", "extension": "Extension", "frame_rates_fps": "Frame rates",
    "aspect_ratios": "Aspect ratios", "inputs": "Inputs", "audio": "Audio",
}
NOT_DOCUMENTED = "not documented"


def usd(amount: Decimal, approximate: bool = False) -> str:
    """``Decimal('0.4')`` → ``$0.40``; keeps extra digits (``$0.084``); ``~`` when approximate.
    A rate computed with more than six decimals (a clip price ÷ its length) shows four, after
    ``≈``: ``$0.50 / 6`` → ``≈$0.0833``; the exact value is what costs use."""
    cents = amount.quantize(Decimal("0.01"))
    shown = cents if cents == amount else amount.normalize()
    if -shown.as_tuple().exponent > 6:
        return ("~" if approximate else "≈") + "$" + format(amount.quantize(Decimal("0.0001"), ROUND_HALF_UP), "f")
    return ("~" if approximate else "") + "$" + format(shown, "f")


def cents(amount: Decimal) -> str:
    """``Decimal('0.672')`` → ``$0.67``: USD rounded half up to the cent, for display."""
    return "$" + format(amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), ",f")


def number(amount: Decimal) -> str:
    """``Decimal('12')`` → ``12``, ``Decimal('0.60')`` → ``0.6``: a count, without trailing zeros."""
    return format(amount.normalize(), "f")


def day(value: dt.date | None) -> str:
    return value.isoformat() if value else NOT_DOCUMENTED


def resolution(value: s.Resolution) -> str:
    size = f"{value.width}×{value.height}"
    same = value.label.replace("x", "×").replace(" ", "") == size
    text = size if same else f"{value.label} ({size})"
    if value.durations_seconds:
        text += " — " + "/".join(str(d) for d in value.durations_seconds) + " s clips only"
    return text


def lifecycle(value: s.Lifecycle) -> str:
    text = STATUS_LABELS[value.status]
    if value.since:
        text += f" since {value.since.isoformat()}"
    if value.shutdown:
        text += (" on " if value.status == "retired" else ", shutdown ") + value.shutdown.isoformat()
    return text


def _seconds(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) + " s"
    return f"{value} s"


def extension(value: s.Extension) -> str:
    """``7 s per call, up to 20 calls, from an 8 s clip, at 720p only``."""
    parts = [f"{'up to ' if value.up_to else ''}{value.step_seconds} s per call"]
    if value.max_steps:
        parts.append(f"up to {value.max_steps} calls")
    if value.base_seconds:
        lengths = value.base_seconds
        parts.append(f"from a clip of {', '.join(map(str, lengths[:-1]))}{' or ' if len(lengths) > 1 else ''}"
                     f"{lengths[-1]} s")
    if value.resolutions:
        parts.append(f"at {' or '.join(value.resolutions)} only")
    return ", ".join(parts)


def score(value: s.Score) -> str:
    """``1,333 (#1, 2026-04)``: the Elo, its place when the source gives it, and the board's
    snapshot; ``about 1,279`` when approximate. The board is named in the claim's note."""
    place = f"#{value.rank}, " if value.rank else ""
    return f"{'about ' if value.approximate else ''}{value.elo:,} ({place}{value.snapshot})"


def criterion_field(criterion: s.Criterion) -> str:
    """The field name :func:`value` formats a criterion's values by."""
    return criterion.field if criterion.kind == "spec" else criterion.kind


_BY_FIELD = {
    "score": score,
    "max_resolution": resolution,
    "resolutions": lambda v: "; ".join(resolution(r) for r in v),
    "max_clip_seconds": _seconds,
    "clip_durations_seconds": _seconds,
    "max_total_seconds": _seconds,
    "extension": extension,
    "frame_rates_fps": lambda v: ", ".join(f"{f} fps" for f in v),
    "max_frame_rate_fps": lambda v: f"{v} fps",
    "aspect_ratios": lambda v: ", ".join(v),
    "inputs": lambda v: ", ".join(INPUT_LABELS[i] for i in v),
    "audio": lambda v: AUDIO_LABELS[v],
    "lowest_usd_per_second": lambda v: usd(v) + " per second",
}


def value(field: str, raw: Any) -> str:
    """Display text for a fact value of ``field`` (a spec, availability, rating or verdict)."""
    if raw is None:
        return NOT_DOCUMENTED
    if field in _BY_FIELD:
        return _BY_FIELD[field](raw)
    if isinstance(raw, bool):
        return "Yes" if raw else "No"
    if isinstance(raw, s.Lifecycle):
        return lifecycle(raw)
    if isinstance(raw, s.UseCaseVerdict):
        return f"{VERDICT_LABELS[raw.verdict]}: {raw.reason}"
    return str(raw)


def offer_label(offer: OfferRecord) -> str:
    """``Vertex AI, standard, 720p, silent``: what a price is for, in short."""
    audio = {True: "with audio", False: "silent"}.get(offer.audio, "")
    parts = [offer.platform.name if offer.platform else "", offer.tier, offer.resolution or "", audio]
    return ", ".join(p for p in parts if p)
