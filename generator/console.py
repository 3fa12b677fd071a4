"""The ``videoguide`` console script and ``python -m generator``: :func:`generator.cli.main`,
with Ctrl-C during its imports (about 0.3 s) as quiet as later (exit 130)."""

from __future__ import annotations

import os
import sys

INTERRUPTED = 130


def _interrupted() -> None:
    """Exit 130 now. Not a plain return: an interrupt inside an extension module's start-up
    code (imports happen late here) marks the interpreter to kill itself with SIGINT at
    exit, even once the exception has been handled."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(INTERRUPTED)


def run() -> int:
    """Import the command line, then run it; returns the exit code."""
    try:
        from .cli import main
    except KeyboardInterrupt:
        _interrupted()
    code = main()
    if code == INTERRUPTED:  # everything is unwound by now: scratch folders, child processes
        _interrupted()
    return code
