"""Adapters to the site engines: MkDocs 1.6 with Material (the default; build once, or serve
with reload) and Zensical (build only).

The generator runs before the engine and writes plain Markdown, so the same docs folder
builds with either; nothing here is a plugin of one.
"""

from __future__ import annotations

import importlib.metadata
import logging
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import yaml

from ..facts.errors import GuideError
from .write import exclusive_lock, prepare_workspace, replace_dir


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


def engine_label(engine: str) -> str:
    """The engine's name with its version and its theme's, e.g. ``"MkDocs 1.6.1, Material
    9.7.0"`` or ``"Zensical 0.0.73"``. Raises :class:`BuildError` when Zensical is asked for
    and not installed."""
    if engine == "zensical":
        try:
            return f"Zensical {importlib.metadata.version('zensical')}"
        except importlib.metadata.PackageNotFoundError:
            raise BuildError("Zensical is not installed: pip install -e '.[zensical]' installs the version "
                             "this project is tested with") from None
    return f"MkDocs {importlib.metadata.version('mkdocs')}, Material {importlib.metadata.version('mkdocs-material')}"


def build_site(config_file: Path, docs_dir: Path, site_dir: Path, site_url: str | None = None,
               engine: str = "mkdocs", cache: Path | None = None) -> str:
    """Build ``docs_dir`` into ``site_dir`` (which must not exist) with ``engine`` in strict
    mode, with ``config_file``'s settings and ``site_url`` if given; returns what built it
    (see :func:`engine_label`).

    ``cache`` is a folder Zensical keeps between builds (default: ``.cache/videoguide`` beside
    ``config_file``, as :attr:`~generator.settings.Settings.engine_cache`; its cache makes a
    rebuild about twice as fast); MkDocs keeps nothing. Raises :class:`BuildError` listing
    every warning when the build fails, or when Zensical is asked for and not installed.
    """
    if engine == "zensical":
        return _zensical(config_file, docs_dir, site_dir, site_url, cache or config_file.parent / ".cache" / "videoguide")
    label = engine_label(engine)
    _mkdocs(config_file, docs_dir, site_dir, site_url)
    return label


def _mkdocs(config_file: Path, docs_dir: Path, site_dir: Path, site_url: str | None) -> None:
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


ZENSICAL_CONFIG = "zensical.yml"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _zensical(config_file: Path, docs_dir: Path, site_dir: Path, site_url: str | None, work: Path) -> str:
    """``zensical build --strict`` in ``work/zensical``: a config that inherits ``config_file``,
    a copy of the docs, and Zensical's own cache, which only helps at a stable path."""
    label = engine_label("zensical")
    work = work / "zensical"
    config = {"INHERIT": str(config_file.resolve()), "docs_dir": "docs", "site_dir": "site"}
    if site_url:
        config["site_url"] = site_url
    try:
        with exclusive_lock(work.parent / "zensical.lock"):
            prepare_workspace(work, ZENSICAL_CONFIG, yaml.safe_dump(config, sort_keys=False), docs_dir)
            run = subprocess.run([sys.executable, "-m", "zensical", "build", "--strict", "-f", ZENSICAL_CONFIG],
                                 cwd=work, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
            if run.returncode != 0:
                raise BuildError("zensical build --strict failed; the previous site was kept:\n"
                                 + _zensical_problems(run.stdout + run.stderr))
            replace_dir(work / "site", site_dir)
    except BlockingIOError:
        raise BuildError(f"another Zensical build is using {work}; wait for it to finish") from None
    return label


def _zensical_problems(output: str) -> str:
    """Zensical's report without colours, progress lines or the Python traceback it ends with."""
    text = _ANSI.sub("", output)
    report, _, traceback = text.partition("Traceback (most recent call last):")
    kept = [line for line in report.splitlines() if line.strip() and line.strip() not in ("Build started", "No issues found")]
    last = traceback.strip().splitlines()[-1] if traceback.strip() else ""
    if last and "Aborted because --strict" not in last:  # an error Zensical raises rather than reports
        kept.append(last.split(": ", 1)[-1] if last.startswith(("RuntimeError", "ValueError")) else last)
    return "\n".join(f"  {line}" for line in kept) or "  " + text.strip().splitlines()[-1]


def configured_site_url(config_file: Path) -> str:
    """``site_url`` of the MkDocs config (``!ENV`` tags resolved); ``/`` when not set.
    Raises BuildError when the config file is missing or not valid YAML (with its place)."""
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load

    if not config_file.is_file():
        raise BuildError(f"{config_file} not found: run videoguide in the project folder (the one with mkdocs.yml)")
    try:
        with config_file.open("rb") as handle:
            config = yaml_load(handle)
    except RecursionError:
        raise BuildError(f"{config_file}: not a valid MkDocs config: nested too deep") from None
    except (ConfigurationError, yaml.YAMLError) as exc:
        detail = " ".join(str(exc).replace("MkDocs encountered an error parsing the configuration file: ", "").split())
        marks = re.findall(r"line (\d+), column (\d+)", detail)  # the last is where the parser stopped
        where = f"{config_file}:{marks[-1][0]}:{marks[-1][1]}" if marks else str(config_file)
        raise BuildError(f"{where}: not a valid MkDocs config: {detail}") from None
    if not isinstance(config, dict):
        raise BuildError(f"{config_file}: not a valid MkDocs config: expected a mapping of settings")
    return config.get("site_url") or "/"


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
