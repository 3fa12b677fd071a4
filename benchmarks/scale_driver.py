"""One measured videoguide step in a fresh process, for ``scale.py`` (run in the project folder).

    python scale_driver.py check | generate | engine ENGINE | build ENGINE | edit

Prints one JSON line: wall seconds, CPU seconds (this process and its children), peak
resident memory in KiB, files written, and for ``build`` the CPU seconds spent inside the
site engine and how many times it ran.
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from generator import pipeline
from generator.settings import Settings
from generator.site import engine as site_engine


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _maxrss() -> int:
    return max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def _timed_engine(counter: dict):
    real = pipeline.build_site

    def build_site(*args, **kwargs):
        start = _cpu()
        try:
            return real(*args, **kwargs)
        finally:
            counter["engine_cpu"] += _cpu() - start
            counter["engine_runs"] += 1

    return build_site


def _edit_one_model(data_dir: Path) -> None:
    """An editor's small change: one model's summary gets a word more (pages change, the
    rest of the site does not)."""
    model = sorted((data_dir / "models").glob("*.yaml"))[0]
    text = model.read_text(encoding="utf-8")
    edited = text.replace("\nsummary: >-\n  ", "\nsummary: >-\n  Edited. ", 1)
    if edited == text:
        raise SystemExit(f"{model}: no folded summary to edit")
    model.write_text(edited, encoding="utf-8")


def main(step: str, engine: str = "mkdocs") -> dict:
    settings = Settings.from_cwd(engine=engine)
    counter = {"engine_cpu": 0.0, "engine_runs": 0, "written": 0}
    wall, cpu = time.perf_counter(), _cpu()
    if step == "check":
        pipeline.check(settings)
    elif step == "generate":
        counter["written"] = len(pipeline.generate(settings).written)
    elif step == "engine":
        with tempfile.TemporaryDirectory(dir=".") as scratch, pipeline.fewer_collections(collect=False):  # as build
            site_engine.build_site(settings.mkdocs_yml, settings.docs_dir, Path(scratch) / "site", engine=engine,
                                   cache=settings.engine_cache)
    elif step == "build":
        pipeline.build_site = _timed_engine(counter)
        counter["written"] = len(pipeline.build(settings).pages.written)
    elif step == "edit":
        _edit_one_model(settings.data_dir)
    else:
        raise SystemExit(f"unknown step {step!r}")
    return {"wall": time.perf_counter() - wall, "cpu": _cpu() - cpu, "maxrss_kib": _maxrss(), **counter}


if __name__ == "__main__":
    print(json.dumps(main(*sys.argv[1:])))
