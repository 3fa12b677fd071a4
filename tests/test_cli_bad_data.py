"""Every hostile data case, through the command a user runs: ``videoguide build`` on a project
that was built before. Each exits 1 with exactly the located problems and no traceback, and
``docs/`` and ``site/`` hash the same before and after (the README's promise)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
from pathlib import Path
from typing import Callable

import pytest

from generator import pipeline
from generator.cli import main

from .conftest import ARTICLE, copy_project

M = "data/models/veo-3-1.yaml"
DONE = "problem(s) found; nothing was written."


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    """The article project, built once; each test breaks its data and it is put back after."""
    settings = copy_project(tmp_path_factory.mktemp("bad") / "project", ARTICLE)
    pipeline.build(settings)
    return settings


@pytest.fixture
def project(built, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(built.project_dir)
    keep = built.project_dir / "data-kept"
    shutil.copytree(built.data_dir, keep, symlinks=True)
    yield built
    shutil.rmtree(built.data_dir)
    keep.rename(built.data_dir)


def _tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _replace(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def change(data: Path) -> None:
        path = data.parent / rel
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        path.write_text(text.replace(old, new), encoding="utf-8")
    return change


def _write(rel: str, text: str) -> Callable[[Path], None]:
    return lambda data: (data.parent / rel).write_text(text, encoding="utf-8")


def _link(rel: str, to: str) -> Callable[[Path], None]:
    return lambda data: (data.parent / rel).symlink_to(to)


def _outside(data: Path) -> None:
    outside = data.parent / "elsewhere.yaml"
    shutil.copy(data / "models" / "veo-3-1.yaml", outside)
    (data / "models" / "copy.yaml").symlink_to(outside)


def _cycle(data: Path) -> None:
    _replace("data/decision_guide.yaml", '{id: "no", label: "No", next: pace}',
             '{id: "no", label: "No", next: physics}')(data)


LINKED = "(copy the file into the data folder instead)"
CASES = {
    "link-to-dev-zero": (_link("data/models/zero.yaml", "/dev/zero"),
                         [f"data/models/zero.yaml:1:1: <file>: not read: a link to /dev/zero, outside the data folder "
                          f"{LINKED}"]),
    "named-pipe": (lambda data: os.mkfifo(data / "models" / "pipe.yaml"),
                   ["data/models/pipe.yaml:1:1: <file>: not read: a named pipe, not a regular file"]),
    "link-out-of-the-data-folder": (_outside, ["data/models/copy.yaml:1:1: <file>: not read: a link to "
                                               "{project}/elsewhere.yaml, outside the data folder " + LINKED]),
    "deep-nesting": (_write("data/models/deep.yaml", "a: " + "[" * 300 + "]" * 300 + "\n"),
                     ["data/models/deep.yaml:1:35: <file>: nesting deeper than 32 levels of lists and mappings"]),
    "tab": (_replace(M, "  max_clip_seconds: 60", "\tmax_clip_seconds: 60"),
            [f"{M}:11:1: <file>: tab characters cannot indent YAML; use spaces"]),
    "unknown-vendor": (_replace(M, "vendor: google", "vendor: zeta-labs"),
                       [f"{M}:4:9: vendor: unknown vendor 'zeta-labs'; valid: google, openai (vendors are defined in vendors.yaml)"]),
    "unknown-field": (_replace(M, "  max_clip_seconds: 60", "  max_clip_secs: 60"),
                      [f"{M}:11:3: specs.max_clip_secs: unknown field 'max_clip_secs'; did you mean "
                       "'max_clip_seconds' or 'max_total_seconds'?"]),
    "minus-zero": (_replace(M, 'price_per_second: "0.35"', 'price_per_second: "-0"'),
                   [f"{M}:37:40: offers[0].price_per_second: write an amount without a sign (amounts are never "
                    "negative)"]),
    "zero-price": (_replace(M, 'price_per_second: "0.35"', 'price_per_second: "0"'),
                   [f"{M}:37:40: offers[0].price_per_second: a price of 0 is refused: a free offer would be every "
                    "plan's cheapest; leave it out and describe it in the model's note"]),
    "two-errors-in-one-file": (
        _replace(M, '  - {platform: null, price_per_second: "0.35", approximate: true}\n',
                 '  - {platform: null, price_per_second: "0.35", approximate: true, effective_from: 2026-13-45}\n'
                 '  - {platform: null, tier: fast, price_per_second: "0.20", approximate: true, as_of: 2030-01-01}\n'),
        [f"{M}:37:83: offers[0].effective_from: Input should be a date (YYYY-MM-DD) or a month (YYYY-MM)",
         f"{M}:38:86: offers[1].as_of: as-of date 2030-01-01 is in the future (today is {{today}})"]),
    "bad-price-and-unknown-platform-in-one-offer": (
        _replace(M, '{platform: null, price_per_second: "0.35"', '{platform: gemini-apj, price_per_second: "-0"'),
        [f"{M}:37:16: offers[0].platform: unknown platform 'gemini-apj'; valid: picassoia (platforms are defined in "
         "platforms.yaml)",
         f"{M}:37:46: offers[0].price_per_second: write an amount without a sign (amounts are never negative)"]),
    "control-character": (_replace(M, "name: Veo 3.1\n", 'name: "Veo\\x01 3.1"\n'),
                          [f"{M}:3:7: name: character U+0001 is not allowed in text (a control character, or not "
                           "a character at all; pages and feeds cannot hold it)"]),
    "guide-cycle": (_cycle, ["data/decision_guide.yaml:13:39: questions[1].answers[1].next: 'physics' leads back to "
                             "an earlier question (physics → human → physics): paths must end"]),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_data_through_the_cli_is_located_and_changes_nothing(project, capsys: pytest.CaptureFixture[str],
                                                                  case: str) -> None:
    change, expected = CASES[case]
    docs, site = _tree(project.docs_dir), _tree(project.site_dir)
    change(project.data_dir)
    assert main(["build", "--data", "data"]) == 1
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert out == "" and "Traceback" not in err
    assert lines[-1] == f"{len(lines) - 1} {DONE}"
    assert lines[:-1] == [line.format(project=project.project_dir.resolve(), today=dt.date.today().isoformat())
                     for line in expected]
    assert _tree(project.docs_dir) == docs
    assert _tree(project.site_dir) == site
