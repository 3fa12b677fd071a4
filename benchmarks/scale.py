"""How the build scales with the number of models (not part of the test run).

    python benchmarks/scale.py N [N ...] [--runs 3] [--engine mkdocs|zensical|both] [--work DIR]

For each N, makes a valid project with N models in ``DIR/N`` (default: a temporary folder):
the real ``data/`` with every model file cloned under new ids (``veo-3-1-x2`` …) until there
are N, or, for N below the real count, with the models nothing else refers to left out.
``videoguide check`` must pass on it. Then, ``--runs`` times each, it measures in fresh
processes:

* ``check``; a cold ``generate`` (no generated pages yet); the site engine alone on the
  generated docs; a cold full ``build``, with the CPU time spent inside the site engine and
  the peak memory (maximum resident set size) of the build process and its children;
* a no-op ``generate`` and a no-op ``build`` right after (nothing changed): files written,
  time, and whether the build ran the site engine again;
* a warm ``build`` after an editor's small change (one model's summary): the site engine
  runs again, Zensical with its cache from the cold build;
* sizes: the median model page, the guide page, the calculator page and the price data it
  fetches, the largest of the guide's every-path pages, the whole site.

Prints medians (over the runs) per N as a Markdown table, then ratios measured in this run:
no-op generate against check, each full build against the one at the N before. The machine
is shared: compare medians and ratios.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale_data import make_project  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DRIVER = Path(__file__).resolve().parent / "scale_driver.py"


def _run(project: Path, *args: str) -> dict:
    """Run the driver (one videoguide command in a fresh process); its JSON measurement."""
    env = {**os.environ, "SITE_URL": "http://127.0.0.1:8000/", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, str(DRIVER), *args], cwd=project, env=env,
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed in {project}:\n{out.stdout}\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _reset(project: Path, pristine: Path) -> None:
    """Back to no generated pages and no site: the hand-written docs only."""
    for name in ("docs", "site", ".cache"):
        shutil.rmtree(project / name, ignore_errors=True)
    shutil.copytree(pristine, project / "docs")


def _sizes(site: Path) -> dict:
    models = [p.stat().st_size for p in (site / "models").glob("*/index.html")]
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return {"model_page": statistics.median(models), "guide_page": (site / "guide/index.html").stat().st_size,
            "calculator_page": (site / "prices/calculator/index.html").stat().st_size,
            "calculator_data": (site / "prices/calculator.json").stat().st_size,
            "calculator_data_gzip": len(gzip.compress((site / "prices/calculator.json").read_bytes())),
            "paths_page": max(p.stat().st_size for p in (site / "guide/paths").rglob("index.html")), "site": total,
            "files": sum(1 for p in site.rglob("*") if p.is_file())}


def measure_once(project: Path, pristine: Path, engine: str) -> dict:
    """One run of every measurement on ``project``; a flat dict of figures."""
    row: dict = {"check": _run(project, "check")}
    _reset(project, pristine)
    row["generate"] = _run(project, "generate")
    row["engine_alone"] = _run(project, "engine", engine)
    _reset(project, pristine)
    row["build"] = _run(project, "build", engine)
    row.update(_sizes(project / "site"))
    row["noop_generate"] = _run(project, "generate")
    row["noop_build"] = _run(project, "build", engine)
    _run(project, "edit")
    row["warm_build"] = _run(project, "build", engine)  # Zensical's cache is warm now
    return row


def _median(rows: list[dict], *path: str) -> float:
    values = []
    for row in rows:
        value = row
        for key in path:
            value = value[key]
        values.append(value)
    return statistics.median(values)


def summary(n: int, rows: list[dict]) -> dict:
    """Medians of the figures the table and the ratios use."""
    m = lambda *p: _median(rows, *p)  # noqa: E731
    build_cpu, engine_cpu = m("build", "cpu"), m("build", "engine_cpu")
    return {
        "N": n, "check": m("check", "wall"), "generate": m("generate", "wall"),
        "engine_alone": m("engine_alone", "wall"), "build": m("build", "wall"), "build_cpu": build_cpu,
        "share": _median([{"s": (r["build"]["cpu"] - r["build"]["engine_cpu"]) / r["build"]["cpu"]} for r in rows], "s"),
        "engine_cpu": engine_cpu, "peak_mib": m("build", "maxrss_kib") / 1024,
        "model_page": m("model_page"), "guide_page": m("guide_page"), "calculator_page": m("calculator_page"),
        "calculator_data": m("calculator_data"), "calculator_data_gzip": m("calculator_data_gzip"),
        "paths_page": m("paths_page"), "site": m("site"), "files": m("files"),
        "noop_generate": m("noop_generate", "wall"), "noop_written": m("noop_generate", "written"),
        "noop_build": m("noop_build", "wall"), "noop_build_engine": max(r["noop_build"]["engine_runs"] for r in rows),
        "warm_build": m("warm_build", "wall"), "warm_engine": m("warm_build", "engine_cpu"),
    }


def _kb(size: float) -> str:
    return f"{size / 1000:,.0f} KB" if size < 10**6 else f"{size / 10**6:,.1f} MB"


def table(results: list[dict], engine: str) -> str:
    head = ("| N | check | generate | engine alone | full build | generation's share of the build's CPU | peak memory "
            "| median model page | guide page | calculator page (+ the data it fetches) | largest every-path page | site (files) | no-op generate (written) "
            "| no-op build (engine runs) | warm build after one edit (engine CPU) |")
    lines = [f"Engine: {engine}", "", head, "|" + "---|" * 15]
    for r in results:
        lines.append(
            f"| {r['N']:,} | {r['check']:.2f} s | {r['generate']:.2f} s | {r['engine_alone']:.2f} s "
            f"| {r['build']:.2f} s | {r['share']:.1%} | {r['peak_mib']:,.0f} MiB | {_kb(r['model_page'])} "
            f"| {_kb(r['guide_page'])} | {_kb(r['calculator_page'])} (+ {_kb(r['calculator_data'])}, "
            f"{_kb(r['calculator_data_gzip'])} gzipped) "
            f"| {_kb(r['paths_page'])} | {_kb(r['site'])} ({r['files']:,.0f}) "
            f"| {r['noop_generate']:.2f} s ({r['noop_written']:.0f}) | {r['noop_build']:.2f} s "
            f"({r['noop_build_engine']}) | {r['warm_build']:.2f} s ({r['warm_engine']:.2f} s) |")
    return "\n".join(lines)


def ratios(results: list[dict]) -> str:
    """No-op generate against check at each N; each full build against the one at the N before."""
    lines = [f"N={r['N']:,}: no-op generate / check = {r['noop_generate'] / r['check']:.2f}" for r in results]
    for before, r in zip(results, results[1:]):
        lines.append(f"N={r['N']:,} / N={before['N']:,}: full build {r['build'] / before['build']:.2f}, "
                     f"CPU {r['build_cpu'] / before['build_cpu']:.2f} (models ×{r['N'] / before['N']:.1f})")
    return "\n".join(lines)


def _at_least(low: int):  # noqa: ANN202 - an argparse type
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"must be {low} or more, not {value}")
        return value
    return parse


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="+", type=_at_least(2), metavar="N", help="numbers of models")
    parser.add_argument("--runs", type=_at_least(1), default=3, help="runs per N (default 3)")
    parser.add_argument("--engine", choices=("mkdocs", "zensical", "both"), default="mkdocs")
    parser.add_argument("--work", type=Path, default=None, help="keep the projects here (default: a temporary folder)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="videoguide-scale-"))
    engines = ("mkdocs", "zensical") if args.engine == "both" else (args.engine,)
    for engine in engines:
        results = []
        for n in sorted(args.sizes):
            project, pristine = make_project(ROOT, work / str(n), n)
            _run(project, "check")  # the dataset must be valid before anything is timed
            rows = [measure_once(project, pristine, engine) for _ in range(args.runs)]
            results.append(summary(n, rows))
            print(f"N={n:,}: done ({args.runs} runs)", file=sys.stderr, flush=True)
        print(table(results, engine) + "\n\n" + ratios(results) + "\n")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
