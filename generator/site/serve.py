"""The live preview: ``mkdocs serve`` on an address, and regeneration when a data file is saved.

The caller hands in ``generate`` and ``regenerate``; they should rewrite only pages whose content changed, so
MkDocs rebuilds once per edit and never loops.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Callable

from .engine import BuildError, check_address_free, start_server


def _data_state(data_dir: Path) -> dict[str, tuple[int, int]]:
    return {str(p): (p.stat().st_mtime_ns, p.stat().st_size)
            for p in data_dir.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()}


def _edits_handler(pending: threading.Event):  # noqa: ANN202 - a watchdog handler
    """Sets ``pending`` on edits to YAML files; opening and reading them are not edits."""
    from watchdog.events import FileSystemEventHandler

    class OnEdit(FileSystemEventHandler):
        def on_any_event(self, event) -> None:  # noqa: ANN001 - watchdog's signature
            if event.event_type not in ("created", "modified", "moved", "deleted") or event.is_directory:
                return
            paths = (str(event.src_path), str(getattr(event, "dest_path", "") or ""))
            if any(p.endswith((".yaml", ".yml")) for p in paths):
                pending.set()

    return OnEdit()


def serve(config_file: Path, data_dir: Path, addr: str, generate: Callable[[], object],
          regenerate: Callable[[], None]) -> None:
    """Check that ``addr`` is free, call ``generate``, run ``mkdocs serve`` with
    ``config_file`` on ``addr`` and call ``regenerate`` after each saved edit of a YAML file
    under ``data_dir``. Blocks until interrupted; raises BuildError when nothing can listen
    on ``addr`` or the server stops by itself."""
    from watchdog.observers import Observer

    check_address_free(addr)
    generate()
    pending = threading.Event()
    observer = Observer()
    observer.schedule(_edits_handler(pending), str(data_dir), recursive=True)
    observer.start()
    server = start_server(config_file, addr)
    state = _data_state(data_dir)
    try:
        while server.poll() is None:
            if pending.wait(0.5):
                time.sleep(0.3)  # let an editor finish saving
                pending.clear()
                if (now := _data_state(data_dir)) != state:  # reads touch atime, not content
                    state = now
                    regenerate()
        raise BuildError(f"mkdocs serve stopped with exit code {server.returncode}")
    finally:
        observer.stop()
        server.terminate()
        server.wait()
        observer.join()
