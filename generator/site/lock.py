"""One build at a time per project: ``build``, ``generate`` and ``serve`` hold an advisory
lock on ``.videoguide.lock`` in the project folder (the kind of lock ``clips run`` holds on
its manifest), so a second one stops at once and says who is running, instead of racing
the first for ``docs/`` and the site folder."""

from __future__ import annotations

import fcntl
import os
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
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
    except OSError as exc:
        raise BusyError(f"cannot take the project's lock {path}: {exc.strerror}") from None
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
