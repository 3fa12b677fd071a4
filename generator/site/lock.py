"""One build at a time per project: ``build``, ``generate`` and ``serve`` hold an advisory
lock on ``.videoguide.lock`` in the project folder (the kind of lock ``clips run`` holds on
its manifest), so a second one stops at once and says who is running, instead of racing
the first for ``docs/`` and the site folder."""

from __future__ import annotations

import errno
import fcntl
import os
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..facts.errors import GuideError

LOCK_FILE = ".videoguide.lock"


class BusyError(GuideError):
    """Another build, generate or serve holds the project's lock (exit code 1)."""


@contextmanager
def project_lock(project_dir: Path, command: str) -> Iterator[None]:
    """Hold the project's lock for the block, recording ``command`` and this process's id in
    it; raises :class:`BusyError` naming the holder when another process has it. The system
    releases the lock when the process ends, however it ends."""
    path = project_dir / LOCK_FILE
    try:  # never through a link (it would truncate what it points to), never blocking on a pipe
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW | os.O_NONBLOCK, 0o666)
    except OSError as exc:
        why = "it is a link; delete it" if exc.errno == errno.ELOOP else exc.strerror
        raise BusyError(f"cannot take the project's lock {path}: {why}") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_nlink > 1:  # a hard link: its holder line would overwrite a file
        os.close(fd)
        what = "not a regular file" if not stat.S_ISREG(info.st_mode) else "a hard link to another file"
        raise BusyError(f"cannot take the project's lock {path}: it is {what}; delete it")
    with open(fd, "r+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = handle.read().strip() or "another videoguide command"
            raise BusyError(f"a build is running in {project_dir} ({holder}): wait for it to end, "
                            "or stop it") from None
        handle.truncate(0)
        handle.write(f"videoguide {command}, process {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            handle.truncate(0)
