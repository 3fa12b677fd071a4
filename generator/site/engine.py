"""Adapters to the site engine (MkDocs 1.6 with Material): build once, or serve with reload.

The generator runs before the engine and writes plain Markdown, so the same docs folder
also builds with Zensical; nothing here is an MkDocs plugin.
"""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
from pathlib import Path

from ..facts.errors import GuideError


class BuildError(GuideError):
    """The site engine failed; the previous output was left untouched."""


os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(config_file: Path, docs_dir: Path, site_dir: Path, site_url: str | None = None) -> None:
    """Run ``mkdocs build --strict`` on ``docs_dir`` into ``site_dir``.

    Raises :class:`BuildError` listing every MkDocs warning when the build fails.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    collect = _Collect()
    logger.addHandler(collect)
    try:
        overrides = {"site_url": site_url} if site_url else {}
        config = load_config(str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir),
                             strict=True, **overrides)
        build(config)
    except MkDocsException as exc:
        details = "\n".join(f"  {m}" for m in collect.messages) or f"  {exc}"
        raise BuildError(f"mkdocs build --strict failed; the previous site was kept:\n{details}") from None
    finally:
        logger.removeHandler(collect)


def configured_site_url(config_file: Path) -> str:
    """``site_url`` of the MkDocs config (``!ENV`` tags resolved); ``/`` when not set.
    Raises BuildError when the config file is missing."""
    from mkdocs.utils.yaml import yaml_load

    if not config_file.is_file():
        raise BuildError(f"{config_file} not found: run videoguide in the project folder (the one with mkdocs.yml)")
    with config_file.open("rb") as handle:
        return yaml_load(handle).get("site_url") or "/"


def check_address_free(addr: str) -> None:
    """Raise :class:`BuildError` when nothing can listen on ``addr`` (``host:port``)."""
    host, _, port = addr.rpartition(":")
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # TIME_WAIT is not "in use"
        try:
            sock.bind((host, int(port)))
        except OSError as exc:
            raise BuildError(f"cannot serve on {addr}: {exc.strerror}") from None


def start_server(config_file: Path, addr: str) -> subprocess.Popen:
    """Start ``mkdocs serve --livereload`` on ``addr`` in a child process."""
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-f", str(config_file), "-a", addr],
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"},
    )
