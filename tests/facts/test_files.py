"""What a hostile data folder holds: devices, pipes, folders and links where data files go,
files nested too deep, tabs. Each is one located problem, found without reading the thing."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from generator.facts.errors import DataError
from generator.facts.load import MAX_DEPTH, load_document

F = "data/models/veo-3-1.yaml"


@pytest.fixture
def models(article_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(article_dir.parent)
    return article_dir / "models"


def check(data: Path) -> subprocess.CompletedProcess[str]:
    """``videoguide check`` in a child process, with a deadline: a hang fails the test."""
    return subprocess.run([sys.executable, "-m", "generator", "check", "--data", str(data)], cwd=data.parent,
                          capture_output=True, text=True, timeout=60)


def file_lines(result: subprocess.CompletedProcess[str], name: str) -> list[str]:
    return [line for line in result.stdout.splitlines() + result.stderr.splitlines()
            if line.startswith(f"data/models/{name}:")]


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: p.symlink_to("/dev/zero"), "not read: a link to /dev/zero, outside the data folder "
                                          "(copy the file into the data folder instead)"),
    (lambda p: p.symlink_to("/dev/urandom"), "not read: a link to /dev/urandom, outside the data folder "
                                             "(copy the file into the data folder instead)"),
    (lambda p: os.mkfifo(p), "not read: a named pipe, not a regular file"),
    (lambda p: p.mkdir(), "not read: a folder, not a regular file"),
    (lambda p: p.symlink_to("gone.yaml"), "not read: a link to gone.yaml, which does not exist or links in a loop"),
    (lambda p: p.symlink_to(p.name), "not read: a link to bad.yaml, which does not exist or links in a loop"),
])
def test_a_data_file_that_is_not_a_regular_file_is_one_located_problem(models: Path, make, message: str) -> None:
    make(models / "bad.yaml")
    result = check(models.parent)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert file_lines(result, "bad.yaml") == [f"data/models/bad.yaml:1:1: <file>: {message}"]


def test_a_link_to_a_valid_file_outside_the_data_folder_is_not_read(models: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_bytes((models / "veo-3-1.yaml").read_bytes())
    (models / "copy.yaml").symlink_to(outside)
    result = check(models.parent)
    assert result.returncode == 1
    assert file_lines(result, "copy.yaml") == [
        f"data/models/copy.yaml:1:1: <file>: not read: a link to {outside.resolve()}, outside the data folder "
        "(copy the file into the data folder instead)"]


def test_a_link_inside_the_data_folder_is_read(models: Path) -> None:
    count = len(list(models.glob("*.yaml")))
    moved = models.parent / "kept" / "veo-3-1.yaml"
    moved.parent.mkdir()
    (models / "veo-3-1.yaml").rename(moved)
    (models / "veo-3-1.yaml").symlink_to(moved)
    result = check(models.parent)
    assert (result.returncode, result.stdout.split(":")[0]) == (0, f"{count} models, 1 sources"), \
        result.stdout + result.stderr


def test_the_size_limit_holds_before_the_file_is_read(models: Path) -> None:
    """An 8 GB file (sparse: it costs no disk) under a 1 GB memory limit: read whole, it
    would fail with MemoryError; it is refused after reading one byte past the limit."""
    huge = models / "huge.yaml"
    with open(huge, "wb") as handle:
        handle.truncate(8 * 2**30)
    result = subprocess.run([sys.executable, "-c", LIMITED_CHECK, str(models.parent)], cwd=models.parent.parent,
                            capture_output=True, text=True, timeout=60)
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert file_lines(result, "huge.yaml") == ["data/models/huge.yaml:1:1: <file>: file is larger than 1000000 bytes"]


LIMITED_CHECK = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))
from generator.cli import main
sys.exit(main(["check", "--data", sys.argv[1]]))
"""


@pytest.mark.parametrize(("text", "where"), [
    ("a: " + "[" * 300 + "]" * 300 + "\n", (1, 3 + MAX_DEPTH)),
    ("".join(" " * i + "k:\n" for i in range(400)) + " " * 400 + "k: 1\n", (MAX_DEPTH + 1, MAX_DEPTH + 1)),
    ("a:\n  " + "- " * 5000 + "x\n", (2, 1 + 2 * MAX_DEPTH)),
    ("a: " + "[" * 2000 + "]" * 2000 + "\n", (1, 3 + MAX_DEPTH)),  # past libyaml's own limit (1,000)
], ids=["flow-300", "block-400", "dashes-5000", "flow-2000"])
def test_nesting_deeper_than_the_limit_is_a_located_problem(models: Path, text: str, where: tuple) -> None:
    (models / "deep.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load_document(models / "deep.yaml", models.parent)
    [problem] = exc.value.problems
    assert (problem.path, problem.field, problem.message) == (
        "data/models/deep.yaml", "<file>", f"nesting deeper than {MAX_DEPTH} levels of lists and mappings")
    assert (problem.line, problem.col) == where


def test_nesting_up_to_the_limit_is_read(models: Path) -> None:
    depth = MAX_DEPTH
    (models / "deep.yaml").write_text("a: " + "[" * (depth - 1) + "]" * (depth - 1) + "\n", encoding="utf-8")
    doc = load_document(models / "deep.yaml", models.parent)
    inner, levels = doc.data["a"], 2
    while inner:
        inner, levels = inner[0], levels + 1
    assert levels == depth


def test_a_tab_that_indents_says_so(models: Path) -> None:
    (models / "tabs.yaml").write_text("id: tabs\nspecs:\n\tmax_clip_seconds: 8\n", encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load_document(models / "tabs.yaml", models.parent)
    assert [str(p) for p in exc.value.problems] == [
        "data/models/tabs.yaml:3:1: <file>: tab characters cannot indent YAML; use spaces"]


def test_a_fifo_does_not_block_the_reader(models: Path) -> None:
    """Opening a FIFO for reading blocks until a writer comes; the loader must not wait."""
    os.mkfifo(models / "pipe.yaml")
    done = threading.Event()
    errors: list[DataError] = []

    def read() -> None:
        try:
            load_document(models / "pipe.yaml", models.parent)
        except DataError as exc:
            errors.append(exc)
        done.set()

    threading.Thread(target=read, daemon=True).start()
    assert done.wait(10), "the loader blocked on a FIFO"
    assert [str(p) for p in errors[0].problems] == ["data/models/pipe.yaml:1:1: <file>: not read: a named pipe, "
                                                    "not a regular file"]


def test_a_file_name_with_control_characters_is_printed_escaped(models: Path) -> None:
    """A name holding a newline and a terminal escape must not forge a line or colour the report."""
    (models / "bad\x1b[31m\nfake.yaml").write_text("x", encoding="utf-8")
    result = check(models.parent)
    assert result.returncode == 1
    assert ("data/models/bad\\x1b[31m\\x0afake.yaml:1:1: <file>: the file must be a mapping of field names to values"
            in result.stderr.splitlines())
