"""Costs in words: every reason and caveat, a job, a plan, and ``videoguide cost``'s text.

The figures come from :func:`generator.answers.plans.job_report`; :mod:`generator.pages.calculator`
uses the same words for the widget and the worked examples, so they all read alike.
"""

from __future__ import annotations

from typing import Callable

from ..answers.asof import Freshness
from ..answers.costs import Why
from ..answers.plans import Job, JobReport, Plan, within
from ..facts.catalog import OfferRecord
from . import format as fmt
from .prices import AUDIO_TEXT, MODE_TEXT
from .format import cents

SOUND_WORDS = {"native": "sound made with the picture", "added": "sound added afterwards",
               "silent": "silent", None: "sound either way"}
INPUT_WORDS = {"text": "from text", "image_first_frame": "from an image as the first frame",
               "reference_images": "with reference images"}


def _seconds_list(values: tuple[int, ...]) -> str:
    """``4, 6 or 8 s``."""
    return ", ".join(str(v) for v in values[:-1]) + (" or " if len(values) > 1 else "") + f"{values[-1]} s"


def _names(values: tuple[str, ...], last: str = "or") -> str:
    return ", ".join(values[:-1]) + (f" {last} " if len(values) > 1 else "") + values[-1]


CONTINUITY_WORDS = {"reference_images": "reference images", "image_first_frame": "a first-frame image",
                    "image_last_frame": "a last-frame image"}


def _aids(w: Why) -> str:
    if w["aids"] is None:
        return "shots are separate generations; whether this model takes images to keep them alike is not documented"
    if not w["aids"]:
        return "shots are separate generations; this model takes no reference image or first or last frame to keep" \
               " them alike"
    return "shots are separate generations; keep them alike with " + \
        _names(tuple(CONTINUITY_WORDS[a] for a in w["aids"]), "or")


WHY_WORDS: dict[str, Callable[[Why], str]] = {
    "too_long": lambda w: f"longest single generation is {w['longest']} s"
                          + (f"; extension reaches {w['total']} s in total, not priced here" if w["total"] else ""),
    "fixed_lengths": lambda w: f"generates clips of {_seconds_list(w['lengths'])} only",
    "length_undocumented": lambda w: "clip length is not documented",
    "ratios_undocumented": lambda w: "aspect ratios are not documented",
    "ratio_not_offered": lambda w: f"offers {', '.join(w['ratios'])}, not {w['wanted']}",
    "resolutions_undocumented": lambda w: "resolutions are not documented",
    "resolution_too_high": lambda w: f"highest resolution is {w['highest']}",
    "resolution_not_offered": lambda w: f"offers {', '.join(w['labels'])}, not {w['wanted']}",
    "resolution_lengths": lambda w: f"{w['label']} only for {_seconds_list(w['lengths'])} clips",
    "silent_only": lambda w: "makes silent clips only",
    "sound_undocumented": lambda w: "whether it makes sound is not documented",
    "inputs_undocumented": lambda w: "its inputs are not documented",
    "input_not_offered": lambda w: f"does not take {fmt.INPUT_LABELS[w['wanted']].lower()} as input",
    "no_price_for": lambda w: f"no documented price for {w['resolution'] or 'any resolution'}"
                              + (" or higher" if w["resolution"] else "")
                              + {True: " with audio", False: " without audio", None: ""}[w["audio"]],
    "no_price_on": lambda w: f"no documented price on {w['platform']}",
    "retired": lambda w: "retired" + (f" on {w['shutdown'].isoformat()}" if w["shutdown"] else ""),
    "no_price": lambda w: "no price is documented",
    "estimate_only": lambda w: "only an estimated price is documented",
    "other_inputs_only": lambda w: "only prices for other inputs (such as image-to-video) are documented",
    "no_usd_price": lambda w: "no current text-to-video price per second in USD on a named platform is documented",
    "billed_longer": lambda w: f"billed as {w['billed']} s (lengths: {_seconds_list(w['lengths'])})",
    "audio_unstated": lambda w: "the price does not say whether audio is included",
    "audio_always_on": lambda w: "audio is always on here, so the price includes it",
    "resolution_unstated": lambda w: "the price does not state a resolution",
    "priced_as_text": lambda w: f"priced as text-to-video; no separate price {INPUT_WORDS[w['input']]} is documented",
    "shots_cut": _aids,
    "needs_cuts": lambda w: f"makes {w['seconds']} s only as shots cut together; no extension is documented",
    "over_budget": lambda w: (f"the cheapest plan, {cents(w['cheapest'])}, is over the {cents(w['budget'])} budget"
                              if w["cheapest"] is not None else
                              "the price of a continuous take is not documented, so the budget cannot be checked"),
    "extension_continuity": lambda w: "one continuous clip" + (
        f"; extension works at {_names(tuple(w['resolutions']))} only" if w["resolutions"] else ""),
}
"""How each kind of :class:`~generator.answers.costs.Why` reads (a reason or a caveat)."""


def why_text(reason: Why) -> str:
    """``longest single generation is 8 s``: a reason or a caveat in words."""
    return WHY_WORDS[reason.kind](reason)


def job_text(job: Job) -> str:
    """``30 s, 9:16, 1080p or higher, sound made with the picture, from text, 1 video, 1 take per shot``."""
    parts = [f"{job.seconds} s", job.aspect_ratio or "any aspect ratio",
             f"{job.resolution} or higher" if job.resolution else "any resolution", SOUND_WORDS[job.sound],
             INPUT_WORDS[job.input], f"{job.videos} video{'s' * (job.videos != 1)}",
             f"{job.takes} take{'s' * (job.takes != 1)} per shot"]
    if job.budget is not None:
        parts.append(f"budget {cents(job.budget)}")
    return ", ".join(parts)


def _parts(values: tuple[int, ...]) -> str:
    """``× 8 s`` when all are equal, else ``(3 × 8 s + 6 s)``: runs of equal lengths, in order."""
    if len(set(values)) == 1:
        return f"× {values[0]} s"
    groups: list[list[int]] = []
    for v in values:
        if groups and groups[-1][0] == v:
            groups[-1][1] += 1
        else:
            groups.append([v, 1])
    return "(" + " + ".join(f"{n} × {v} s" if n > 1 else f"{v} s" for v, n in groups) + ")"


def article(n: int) -> str:
    """``a`` or ``an`` before a number said aloud: an 8, an 11, an 18, a 6."""
    return "an" if str(n).startswith("8") or n in (11, 18) else "a"


def shape_text(plan: Plan) -> str:
    """``4 shots × 8 s``, ``4 shots (3 × 8 s + 6 s)``, ``one 6 s generation`` or
    ``a 4 s clip + 4 extensions × 7 s``."""
    if plan.kind == "single":
        return f"one {plan.shots[0]} s generation"
    if plan.kind == "shots":
        return f"{len(plan.shots)} shots {_parts(plan.shots)}"
    steps = plan.steps
    calls = f"{len(steps)} extension{'s' * (len(steps) != 1)}"
    return f"{article(plan.shots[0])} {plan.shots[0]} s clip + {calls} {_parts(steps)}"


def offer_terms(offer: OfferRecord) -> list[str]:
    """What a price is for, platform aside: ``["1080p", "with audio"]`` (a tier other than
    standard and a mode other than text-to-video first)."""
    parts = [offer.tier if offer.tier != "standard" else "", MODE_TEXT[offer.mode],
             offer.resolution or "resolution not stated", AUDIO_TEXT[offer.audio]]
    return [p for p in parts if p]


def where_text(offer: OfferRecord) -> str:
    """``, 1080p, with audio on Gemini API`` (``, batch, image-to-video, 720p, …`` for another
    tier or mode): the end of :func:`plan_text` for ``offer``."""
    return ", " + ", ".join(offer_terms(offer)) + f" on {offer.platform.name}"


def plan_text(plan: Plan) -> str:
    """``4 shots × 8 s, 1080p, with audio on Gemini API``: what is generated, and where."""
    return shape_text(plan) + where_text(plan.offer)


def rate_text(offer: OfferRecord) -> str:
    """The price a sum multiplies: ``$0.12`` per second, or ``$0.50`` per clip."""
    return fmt.usd(offer.price_per_clip if offer.unit == "clip" else offer.usd_per_second)


def unit_price_text(offer: OfferRecord) -> str:
    """``$0.12 per second``, or ``$0.50 per 6 s clip``."""
    return f"{rate_text(offer)} per {offer.clip_seconds} s clip" if offer.unit == "clip" else f"{rate_text(offer)} per second"


def billed_text(offer: OfferRecord, seconds: int) -> str:
    """``32 s × $0.12``, or ``3 clips × $0.50`` for a per-clip price (whole clips, see OfferRecord.cost)."""
    if offer.unit == "clip":
        clips = -(-seconds // offer.clip_seconds)
        return f"{clips} clip{'s' * (clips != 1)} × {rate_text(offer)}"
    return f"{seconds} s × {rate_text(offer)}"


def sum_text(plan: Plan) -> str:
    """``32 s × $0.12 = $3.84 per take`` (an extension: base and extension priced apart)."""
    if plan.kind != "extension":
        return f"{billed_text(plan.offer, plan.billed_seconds)} = {cents(plan.per_take)} per take"
    base, added = plan.shots[0], sum(plan.steps)
    if plan.extension_offer is None:
        return f"{billed_text(plan.offer, base)} + {added} s of extension, whose price is not documented"
    return f"{billed_text(plan.offer, base)} + {billed_text(plan.extension_offer, added)} = {cents(plan.per_take)} per take"


def _plan_lines(plan: Plan, job: Job, fresh: Freshness | None) -> list[str]:
    total = f"{cents(plan.total)}" if plan.total is not None else "price not documented"
    over = " (over budget)" if plan.total is not None and not within(plan.total, job.budget) else ""
    lines = [f"  {total}{over} — {plan.model.name}: {plan_text(plan)}: {sum_text(plan)}"
             + ("".join(f" × {n} {word}" for n, word in ((job.takes, "takes"), (job.videos, "videos")) if n > 1)
                if plan.total is not None else "")]
    for offer in (plan.offer, plan.extension_offer):
        if offer is not None:
            stale = f" (stale: over {fresh.stale_after_days} days)" if fresh and fresh.is_stale(offer.as_of) else ""
            lines.append(f"      source: {offer.source.title}, checked {offer.as_of.isoformat()}{stale}")
    return lines + [f"      note: {why_text(c)}" for c in plan.caveats]


def cost_text(report: JobReport, fresh: Freshness | None = None) -> str:
    """``videoguide cost``: the job, its priced plans cheapest first, the plans whose price is
    not documented, then the models without a plan (they cannot make it, or no usable price is documented) and why."""
    job = report.job
    lines = [f"Job: {job_text(job)}"]
    if report.plans:
        within = "" if job.budget is None else f", {len(report.within_budget)} within budget"
        lines.append(f"{len(report.plans)} priced plan(s), cheapest first{within}:")
    else:
        lines.append("No priced plan.")
    for plan in report.plans:
        lines += _plan_lines(plan, job, fresh)
    if report.unpriced:
        lines.append("Possible, price not documented:")
        for plan in report.unpriced:
            lines += _plan_lines(plan, job, fresh)
    if report.excluded:
        lines.append("No plan, and why:")
        lines += [f"  {e.model.name}: {why_text(e.reason)}" for e in report.excluded]
    return "\n".join(lines)
