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


def cost_chart_svg(report: JobReport, title: str) -> str:
    """A horizontal bar chart of ``report.plans`` (cheapest at the top), as an SVG document.

    Labels read ``Model — Platform (resolution, audio)``; each bar is labelled with its cost
    in USD. With no quotes the chart says so instead of drawing bars.
    """
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    quotes = list(reversed(report.plans))
    labels = [f"{q.model.name} — {q.offer.platform.name.split(' / ')[0]} ({_detail(q)})" for q in quotes]
    values = [float(q.total) for q in quotes]
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "videoguide",
                                "font.family": "sans-serif", "font.size": 10}):
        fig, ax = plt.subplots(figsize=(11, 0.42 * len(quotes) + 1.4))
        if not quotes:
            ax.set_axis_off()
            ax.text(0, 0.5, "No model on this site can make this clip with a documented price.")
            values = [0.0]
        bars = ax.barh(range(len(quotes)), values[:len(quotes)], color=BAR_COLOUR)
        ax.set_yticks(range(len(quotes)), labels)
        ax.bar_label(bars, labels=[cents(q.total) for q in quotes], padding=3)
        ax.set_xlabel("USD for one 8-second clip")
        fig.suptitle(title, x=0.01, ha="left")
        ax.spines[["top", "right"]].set_visible(False)
        ax.set_xlim(0, max(values) * 1.18 or 1)
        if quotes:
            fig.tight_layout()
        out = io.StringIO()
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": "videoguide"})
        plt.close(fig)
    return out.getvalue()


def _detail(q) -> str:  # noqa: ANN001 - a Plan
    audio = {True: "with audio", False: "without audio", None: "audio not stated"}[q.offer.audio]
    return f"{q.offer.resolution or 'resolution not stated'}, {audio}"
