"""Median time of the generator's steps on the real data (not part of the test run).

    python benchmarks/build_time.py [RUNS]

Prints the median and spread over RUNS runs (default 5) of: loading and validating the
data, resolving the as-of view, the calculator widget's data (every input × every model), and rendering every
generated file. The machine is shared, so compare medians and ratios, not single runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from pathlib import Path

from generator.pages.calculator import calculator_data
from generator.pipeline import check, render_all, view_of
from generator.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 29)


def _median(fn, runs: int) -> tuple[float, float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), max(times)


def main(runs: int = 5) -> None:
    settings = Settings.from_cwd(project_dir=ROOT)
    view = view_of(check(settings), TODAY)
    steps = {
        "load + validate": lambda: check(settings),
        "as-of view": lambda: view_of(view.catalog, TODAY),
        "calculator data": lambda: calculator_data(view),
        "render all files": lambda: render_all(settings, TODAY),
    }
    for name, fn in steps.items():
        median, low, high = _median(fn, runs)
        print(f"{name:18} median {median:6.2f} s  (min {low:.2f}, max {high:.2f}, {runs} runs)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("runs", nargs="?", type=int, default=5, help="runs per step (default 5)")
    main(parser.parse_args().runs)
