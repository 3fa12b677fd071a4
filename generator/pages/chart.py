"""The build-time chart: cost of one 8-second clip by model and platform, as SVG text.

Drawn with matplotlib (text kept as text, fixed ids, no timestamp) so the same data gives
the same file and the page needs no JavaScript. Bars come from
:func:`generator.answers.plans.job_report`; the figures match the calculator's to the cent.
"""

from __future__ import annotations

import io

from ..answers.plans import JobReport
from .format import cents

BAR_COLOUR = "#3f51b5"


def load_matplotlib() -> None:
    """Import matplotlib, before the pages' data exists. Its import raises and catches
    exceptions (pyparsing's, reading its settings) that stay in reference cycles with their
    stack frames; imported from :func:`cost_chart_svg`, those frames held every caller's
    locals, so the whole dataset and every page's context waited for the cyclic collector
    (N=1,000: 470,000 objects and 0.9 s of collection, against 5,000 and 0.07 s)."""
    import matplotlib  # noqa: F401
    import matplotlib.figure  # noqa: F401


def cost_chart_svg(report: JobReport, title: str) -> str:
    """A horizontal bar chart of ``report.plans`` (cheapest at the top), as an SVG document.

    Labels read ``Model — Platform (resolution, audio)``, above their bar so the chart stays
    narrow (5 inches: it fits a phone's column without scrolling); each bar is labelled with
    its cost in USD. With no plan the chart says so instead of drawing bars.
    """
    import matplotlib
    from matplotlib.figure import Figure  # not pyplot: no backend or figure manager to set up

    quotes = list(reversed(report.plans))
    labels = [f"{q.model.name} — {q.offer.platform.name.split(' / ')[0]} ({_detail(q)})" for q in quotes]
    values = [float(q.total) for q in quotes]
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "videoguide",
                                "font.family": "sans-serif", "font.size": 10}):
        fig = Figure(figsize=(5, 0.5 * len(quotes) + 1.3))
        ax = fig.subplots()
        if not quotes:
            ax.set_axis_off()
            ax.text(0, 0.5, "No model on this site can make this clip with a documented price.")
            values = [0.0]
        bars = ax.barh(range(len(quotes)), values[:len(quotes)], height=0.45, color=BAR_COLOUR)
        ax.set_yticks([])
        for i, label in enumerate(labels):
            ax.text(0, i + 0.3, label, fontsize=8.5, va="bottom")
        ax.bar_label(bars, labels=[cents(q.total) for q in quotes], padding=3, fontsize=9)
        ax.set_ylim(-0.6, len(quotes) - 0.1)
        ax.set_xlabel("USD for one 8-second clip")
        fig.suptitle(title, x=0.01, ha="left", fontsize=9, wrap=True)
        ax.spines[["top", "right"]].set_visible(False)
        ax.set_xlim(0, max(values) * 1.18 or 1)
        if quotes:
            fig.tight_layout()
        out = io.StringIO()
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": "videoguide"})
    return out.getvalue()


def _detail(q) -> str:  # noqa: ANN001 - a Plan
    audio = {True: "with audio", False: "without audio", None: "audio not stated"}[q.offer.audio]
    return f"{q.offer.resolution or 'resolution not stated'}, {audio}"
