"""The errors every package builds on, and those of reading data. Only :mod:`generator.cli`
turns errors into exit codes; each package defines its own on :class:`GuideError`
(``BuildError`` and ``WriteError`` in :mod:`generator.site`, ``AnswerError`` in
:mod:`generator.answers.recommend`, ``ConfigError`` in :mod:`generator.settings` …)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one data file.

    ``line`` and ``col`` are 1-based; ``field`` is the dotted path inside the file
    (``specs.max_clip_seconds[1].value``) or ``<file>`` for file-level problems.
    """

    path: str
    line: int
    col: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.field}: {self.message}"


class GuideError(Exception):
    """Base class of every error the generator raises on purpose."""


class DataError(GuideError):
    """The data files have one or more problems; ``problems`` lists all of them, sorted."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def display_path(path: Path) -> str:
    """``path`` relative to the working directory when it lies below it, else absolute, with
    unprintable characters escaped. A link is named where it lies, not where it points."""
    return _printable(_relative(path))


def _relative(path: Path) -> str:
    cwd = Path.cwd().resolve()
    try:
        return str(Path(os.path.abspath(path)).relative_to(cwd))
    except ValueError:
        pass
    try:  # a path written through a link to the working directory
        return str(path.resolve().relative_to(cwd))
    except (ValueError, OSError, RuntimeError):
        return str(path)


def _printable(name: str) -> str:
    """``name`` with control characters (a newline, a terminal escape) and undecodable bytes
    written as ``\\xNN``: a file name must not forge a line of the report or drive the terminal."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"
                   for c in name)


class NeedsEditor(GuideError):
    """A check found something an editor must look at; ``report`` says what (the command's
    output, exit code 1)."""

    def __init__(self, report: str):
        super().__init__(report)
        self.report = report


class UsageError(Exception):
    """A command asked for something that does not exist or does not fit (exit code 2)."""
