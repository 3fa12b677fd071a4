"""Whether a ``generate`` or a ``build`` would change anything: digests of what they read.

Generation reads the data folder, the clip files under the docs folder, the generator's own
code and templates, the libraries that shape its output, the date it is for, the staleness
setting and the site's address. A build reads the generated and hand-written docs, the MkDocs
config and the engine. The SHA-256 of each input set is recorded beside the output (the docs
manifest, the site marker); an equal digest means the output would be byte-identical, so
nothing is rendered, written or built.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import importlib.metadata
import re
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
CLIPS_FOLDER = "assets/clips"
"""Where clip files live under the docs folder (see :mod:`generator.clips.files`)."""


def _files(folder: Path) -> list[Path]:
    """Regular files under ``folder`` (not following links to folders), sorted by path."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def tree_digest(folder: Path, skip: frozenset[str] = frozenset()) -> str:
    """SHA-256 (hex) of every regular file under ``folder`` but those named in ``skip``
    (relative POSIX paths): relative paths and bytes."""
    digest = hashlib.sha256()
    for path in _files(folder):
        if path.relative_to(folder).as_posix() in skip:
            continue
        digest.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _stat_digest(folder: Path) -> str:
    """SHA-256 (hex) of the paths, sizes and modification times of the files under ``folder``:
    clips are large, and their content is checked against the manifest when pages are made."""
    digest = hashlib.sha256()
    for path in _files(folder):
        stat = path.stat()
        digest.update(f"{path.relative_to(folder).as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@functools.cache
def code_digest() -> str:
    """SHA-256 (hex) of the generator package (code, templates, vendored files) and the
    versions of the installed libraries it depends on (their output can differ by version)."""
    try:
        requires = importlib.metadata.requires("videoguide") or []
    except importlib.metadata.PackageNotFoundError:  # run from a source tree, not installed
        requires = []
    names = sorted({re.split(r"[<>=!~;\[ ]", r, maxsplit=1)[0] for r in requires if "extra ==" not in r})
    versions = []
    for name in names:
        try:
            versions.append(f"{name}=={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{name} missing")
    return hashlib.sha256(f"{tree_digest(PACKAGE_DIR)}\n{' '.join(versions)}".encode()).hexdigest()


def generation_key(data_dir: Path, docs_dir: Path, today: dt.date, stale_after_days: int, site_url: str) -> str:
    """SHA-256 (hex) of everything the generated pages depend on (see the module's docstring)."""
    parts = [code_digest(), tree_digest(data_dir), _stat_digest(docs_dir / CLIPS_FOLDER),
             today.isoformat(), str(stale_after_days), site_url]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def build_key(generation: str, docs_dir: Path, config_file: Path, engine: str, site_url: str | None) -> str:
    """SHA-256 (hex) of everything a built site depends on: the generation key, every file of
    ``docs_dir``, the engine config's bytes, the engine with its version, the site address."""
    parts = [generation, tree_digest(docs_dir), hashlib.sha256(config_file.read_bytes()).hexdigest(),
             engine, site_url or ""]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()
