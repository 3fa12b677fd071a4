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
import os
import re
import stat
from pathlib import Path

from ..facts.files import MAX_FILE_BYTES, file_sha256
from .folders import SITE_MARKER, read_manifest

PACKAGE_DIR = Path(__file__).resolve().parent.parent
CLIPS_FOLDER = "assets/clips"
"""Where clip files live under the docs folder (see :mod:`generator.clips.files`)."""


def _entries(folder: Path) -> list[str]:
    """Every entry under ``folder`` but folders (files, links, pipes, devices …), as sorted
    relative POSIX paths; links to folders are listed, not followed."""
    found = []
    for top, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        rel = Path(top).relative_to(folder)
        found += [(rel / name).as_posix() for name in files + [d for d in dirs if os.path.islink(Path(top, d))]]
    return sorted(found)


def _entry_digest(path: Path, large: int | None) -> bytes:
    """What an entry holds: a link's target text and then what it leads to; a regular file's
    SHA-256, or only its size and modification time past ``large`` bytes; any other kind of
    file by its kind alone (a device or a pipe is never read)."""
    info, head = os.lstat(path), b""
    if stat.S_ISLNK(info.st_mode):
        head = b"link " + os.fsencode(os.readlink(path)) + b"\0"
        try:
            info = os.stat(path)
        except OSError:  # dangling, or a loop of links
            return head + b"unresolved"
    if not stat.S_ISREG(info.st_mode):
        return head + f"kind {stat.S_IFMT(info.st_mode)}".encode()
    if large is not None and info.st_size > large:
        return head + f"large {info.st_size} {info.st_mtime_ns}".encode()
    return head + bytes.fromhex(file_sha256(path))


def tree_digest(folder: Path, skip: frozenset[str] = frozenset(), large: int | None = None) -> str:
    """SHA-256 (hex) of every entry under ``folder`` but those named in ``skip`` (relative
    POSIX paths): relative paths and what each holds (see :func:`_entry_digest`), so adding a
    link, a pipe or a device changes it as adding a file does. Files over ``large`` bytes
    count by size and modification time (None: every file is read, in chunks)."""
    digest = hashlib.sha256()
    if not folder.is_dir():
        return digest.hexdigest()
    for rel in _entries(folder):
        if rel in skip:
            continue
        digest.update(rel.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(_entry_digest(folder / rel, large))
    return digest.hexdigest()


def _stat_digest(folder: Path) -> str:
    """SHA-256 (hex) of the paths, kinds, sizes and modification times of the entries under
    ``folder`` (through links): clips are large, and their content is checked against the
    manifest when pages are made."""
    digest = hashlib.sha256()
    for rel in _entries(folder) if folder.is_dir() else []:
        path = folder / rel
        info = os.stat(path) if path.exists() else os.lstat(path)  # a dangling link counts as itself
        line = f"{rel}\0{info.st_mode}\0{info.st_size}\0{info.st_mtime_ns}\n"
        digest.update(line.encode("utf-8", "surrogateescape"))
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
    parts = [code_digest(), tree_digest(data_dir, large=MAX_FILE_BYTES), _stat_digest(docs_dir / CLIPS_FOLDER),
             today.isoformat(), str(stale_after_days), site_url]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def build_key(generation: str, docs_dir: Path, config_file: Path, engine: str, site_url: str | None) -> str:
    """SHA-256 (hex) of everything a built site depends on: the generation key, every file of
    ``docs_dir``, the engine config's bytes, the engine with its version, the site address."""
    parts = [generation, tree_digest(docs_dir), hashlib.sha256(config_file.read_bytes()).hexdigest(),
             engine, site_url or ""]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def outputs_current(docs_dir: Path, inputs: str) -> list[str] | None:
    """The generated files (docs-relative) when the manifest of ``docs_dir`` records the input
    digest ``inputs`` and every file it lists still has the recorded content; else None.
    Raises :class:`WriteError` when the manifest is damaged."""
    manifest = read_manifest(docs_dir)
    hashes = manifest.get("sha256")
    if manifest.get("inputs") != inputs or not isinstance(hashes, dict):
        return None
    for rel in manifest["generated"]:
        target = docs_dir / rel
        if not target.is_file() or file_sha256(target) != hashes.get(rel):
            return None
    return list(manifest["generated"])


def site_digests(site: Path) -> tuple[str | None, str | None]:
    """``(inputs, output)``: the digests :func:`.write.mark_site` recorded in ``site``, if any."""
    marker = site / SITE_MARKER
    if not marker.is_file():
        return None, None
    text = marker.read_text("utf-8", errors="replace")
    found = [re.search(rf"^{name}: ([0-9a-f]{{64}})$", text, re.M) for name in ("inputs", "output")]
    return tuple(f.group(1) if f else None for f in found)
