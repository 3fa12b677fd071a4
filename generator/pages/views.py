"""Small typed views the templates print: links, claims and facts as display text.

Every string here is plain text; templates escape it for where it lands.
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass

from ..answers.criteria import PriceClaim
from ..answers.lifecycle import LifecycleSummary
from ..facts import schema as s
from ..facts.catalog import Catalog, ResolvedClaim, ResolvedFact, same_value
from . import format as fmt

SOURCES_PAGE = "facts/sources.md"
DISPUTED_PAGE = "facts/disputed.md"
BANNER_KINDS = {"preview": "info", "ga": "success", "deprecated": "warning", "retired": "danger", None: "note"}


def model_page(model_id: str) -> str:
    return f"models/{model_id}.md"


def compare_page(a: str, b: str) -> str:
    return f"compare/{a}-vs-{b}.md"


def use_case_page(use_case_id: str) -> str:
    return f"use-cases/{use_case_id}.md"


@functools.lru_cache(maxsize=1 << 16)
def relative(target: str, start: str) -> str:
    """``posixpath.relpath(target, start)`` for two docs-relative paths (``.`` the docs folder),
    without asking the file system for the working directory: ``relative("models/a.md",
    "guide")`` → ``../models/a.md``. Pages link to each other thousands of times, so kept."""
    to = [part for part in target.split("/") if part not in ("", ".")]
    at = [part for part in start.split("/") if part not in ("", ".")]
    common = 0
    while common < min(len(to), len(at)) and to[common] == at[common]:
        common += 1
    return "/".join([".."] * (len(at) - common) + to[common:]) or "."


@functools.lru_cache(maxsize=1 << 16)
def href(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """Relative Markdown link from one docs page to another (MkDocs validates these); kept,
    as :func:`relative` is (N=1,000: 124,000 calls)."""
    target = relative(to_page, posixpath.dirname(from_page) or ".")
    return target + (f"#{anchor}" if anchor else "")


def url_href(from_page: str, to_page: str) -> str:
    """Relative URL between the built pages (directory URLs), for links in raw HTML."""

    def url_dir(page: str) -> str:
        stem = page[: -len(".md")]
        return posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem

    target = relative(url_dir(to_page) or ".", url_dir(from_page) or ".")
    return "./" if target == "." else target + "/"


def file_url(from_page: str, file: str) -> str:
    """Relative URL from a built page (directory URLs) to a file the docs folder publishes as it
    is (``prices/calculator.md`` → ``prices/calculator.json`` is ``../calculator.json``), for raw HTML."""
    stem = from_page[: -len(".md")]
    folder = posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem
    return relative(file, folder or ".")


@dataclass(frozen=True)
class Link:
    text: str
    href: str


def pair_link(page: str, catalog: Catalog, a: str, b: str) -> Link:
    """``Veo 3.1 vs Sora 2 Pro``, linking from ``page`` to that head-to-head."""
    return Link(f"{catalog.models[a].name} vs {catalog.models[b].name}", href(page, compare_page(a, b)))


@dataclass(frozen=True)
class ClaimView:
    value: str
    source: Link
    source_kind: str
    as_of: str
    note: str | None
    agrees: bool = True
    """Whether this claim states the same value as the shown one."""
    dated: str = "checked"
    """What ``as_of`` is: the day the claim was ``checked``, or a board's ``snapshot`` (a score)."""


@dataclass(frozen=True)
class FactView:
    """One fact as a table row: the displayed claim, plus the others when disputed."""

    label: str
    value: str
    source: Link | None
    source_kind: str
    as_of: str
    note: str | None
    disputed: bool
    others: tuple[ClaimView, ...]
    disputed_href: str
    unverified: bool = False
    """A spec or status that only secondary sources or the article state."""
    dated: str = "checked"
    """What ``as_of`` is (see :attr:`ClaimView.dated`)."""


EDITORIAL_FIELDS = {"rating", "score", "verdict", "text"}
UNVERIFIED_KINDS = {"secondary", "article"}


def missing_view(label: str) -> FactView:
    """A row for a fact no source states."""
    return FactView(label, fmt.NOT_DOCUMENTED, None, "", "—", None, False, (), "")


def source_link(page: str, claim: ResolvedClaim) -> Link:
    return Link(claim.source.title, href(page, SOURCES_PAGE, f"src-{claim.source.id}"))


def claim_note(claim: ResolvedClaim) -> str | None:
    """The note shown with a claim; a price says what it is for (``Vertex AI, standard, 720p, silent``),
    a score the leaderboard it is on."""
    if isinstance(claim, PriceClaim) and claim.offer is not None:
        return fmt.offer_label(claim.offer)
    if isinstance(claim.value, s.Score):
        return f"{claim.value.leaderboard}. {claim.note}" if claim.note else claim.value.leaderboard
    return claim.note


def claim_view(page: str, field: str, claim: ResolvedClaim, shown: ResolvedClaim | None = None) -> ClaimView:
    """A score is dated by its board's snapshot, as precise as the source gives it."""
    agrees = shown is None or same_value(claim.value, shown.value)
    word, date = claim.dated
    return ClaimView(fmt.value(field, claim.value), source_link(page, claim),
                     fmt.SOURCE_KIND_LABELS[claim.source.kind], date, claim_note(claim), agrees, word)


def fact_view(page: str, label: str, field: str, fact: ResolvedFact, model_id: str) -> FactView:
    shown = claim_view(page, field, fact.shown)
    return FactView(
        label=label, value=shown.value, source=shown.source, source_kind=shown.source_kind,
        as_of=shown.as_of, note=shown.note, disputed=fact.disputed,
        others=tuple(claim_view(page, field, c, fact.shown) for c in fact.others),
        disputed_href=href(page, DISPUTED_PAGE, model_id),
        unverified=field not in EDITORIAL_FIELDS
        and all(c.source.kind in UNVERIFIED_KINDS for c in fact.claims),
        dated=shown.dated,
    )


@dataclass(frozen=True)
class BannerView:
    """The lifecycle admonition at the top of a model page."""

    kind: str
    title: str
    replacement: Link | None
    platforms: tuple[FactView, ...]


def status_text(summary: LifecycleSummary) -> str:
    """``Retired on 2026-09-24``, ``Generally available``, ``lifecycle not documented``."""
    text = fmt.STATUS_LABELS.get(summary.status, "lifecycle not documented")
    if summary.status in ("retired", "deprecated") and summary.shutdown:
        text += (" on " if summary.status == "retired" else ", shuts down on ") + summary.shutdown.isoformat()
    return text


def banner(page: str, summary: LifecycleSummary, name: str, replacement: Link | None,
           platforms: tuple[FactView, ...]) -> BannerView:
    title = status_text(summary)
    return BannerView(BANNER_KINDS[summary.status], f"{name}: {title[0].upper()}{title[1:]}", replacement, platforms)
