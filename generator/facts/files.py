"""Reading one data file's text safely: only regular files, never a link out of the data
folder, never more than :data:`MAX_FILE_BYTES`, and UTF-8 only.

A device (``/dev/zero``), a FIFO or a folder named like a data file would otherwise be read
until memory runs out or block for ever; the size limit is therefore checked on the open
file before reading, and reading stops one byte past it.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from .errors import Problem, display_path

MAX_FILE_BYTES = 1_000_000
"""The largest data file read, in bytes (the largest real file is about 40 KB)."""

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


class FileFail(Exception):
    """One located problem that stops a file from being read or parsed (``problem``)."""

    def __init__(self, problem: Problem):
        self.problem = problem


def file_problem(path: Path, line: int, col: int, message: str) -> Problem:
    """A problem of the whole file (field ``<file>``) at ``line``:``col``."""
    return Problem(display_path(path), line, col, "<file>", message)


def _target(path: Path, within: Path | None) -> Path:
    """``path`` with its links resolved; raises :class:`FileFail` when that leaves ``within``."""
    try:
        real = path.resolve(strict=True)
        inside = within is None or real.is_relative_to(within.resolve(strict=True))
    except (OSError, RuntimeError) as exc:  # a dangling link or a loop of links
        if path.is_symlink():
            raise FileFail(file_problem(path, 1, 1, f"not read: a link to {os.readlink(path)}, which does not "
                                                    "exist or links in a loop")) from None
        raise FileFail(file_problem(path, 1, 1, f"cannot read file: {getattr(exc, 'strerror', None) or exc}")) from None
    if not inside:
        raise FileFail(file_problem(path, 1, 1, f"not read: a link to {real}, outside the data folder "
                                                "(copy the file into the data folder instead)"))
    return real


def _refuse_unless_regular(path: Path, mode: int) -> None:
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _KINDS if test(mode)), "a special file")
        raise FileFail(file_problem(path, 1, 1, f"not read: {kind}, not a regular file"))


def read_bytes(path: Path, within: Path | None = None, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file ``path`` (links followed only inside ``within``).

    Raises :class:`FileFail` for a link leaving ``within``, anything but a regular file, a
    file over ``limit`` bytes (default :data:`MAX_FILE_BYTES`), or :class:`OSError` when the
    file cannot be opened.
    """
    real = _target(path, within)
    _refuse_unless_regular(path, real.stat().st_mode)  # a socket cannot even be opened
    fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
    with open(fd, "rb", closefd=True) as handle:
        _refuse_unless_regular(path, os.fstat(fd).st_mode)  # replaced since the check above
        raw = handle.read(limit + 1)
    if len(raw) > limit:
        raise FileFail(file_problem(path, 1, 1, f"file is larger than {limit} bytes"))
    return raw


def file_sha256(path: Path) -> str:
    """SHA-256 (hex) of the file at ``path``, read in chunks (a clip may be larger than
    memory allows); raises OSError when it cannot be read."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def read_text(path: Path, within: Path | None = None, limit: int = MAX_FILE_BYTES) -> str:
    """:func:`read_bytes` decoded as UTF-8; raises :class:`FileFail` at the first byte that is
    not UTF-8, located by line and column."""
    raw = read_bytes(path, within, limit)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1:].decode("utf-8")) + 1
        raise FileFail(file_problem(path, line, col, f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})")) from None
