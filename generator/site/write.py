"""The only module that writes files.

* :func:`write_outputs` puts generated files into a docs folder: atomically (temporary
  file, then rename), only when the content changed, removing generated files that no
  longer have a source, and never touching a file it did not generate. What it generated is
  recorded in ``.videoguide-manifest.json`` at the top of the docs folder.
* :func:`scratch_dir` and :func:`stage_docs` copy a docs folder to a scratch location so a
  site can be built from it before anything real is changed.
* :func:`replace_dir` swaps a freshly built site into place.
* :func:`replace_file`, :func:`atomic_file` and :func:`exclusive_lock` serve the commands
  that update a data file (``diff --record``, the clip manifest) or write a downloaded clip.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Iterator

from ..facts.errors import GuideError


class WriteError(GuideError):
    """A generated file could not be written, or would overwrite a hand-written file."""


MANIFEST = ".videoguide-manifest.json"
SITE_MARKER = ".videoguide-site"
"""Written into every site this tool builds; only such a folder (or an empty one) is replaced."""


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{len(self.written)} written, {len(self.unchanged)} unchanged, "
                f"{len(self.removed)} removed")


def _read_manifest(docs_dir: Path) -> set[str]:
    path = docs_dir / MANIFEST
    if not path.exists():
        return set()
    try:
        return set(json.loads(path.read_text(encoding="utf-8"))["generated"])
    except (ValueError, KeyError, TypeError) as exc:
        raise WriteError(f"{path} is damaged ({exc}); delete it and the generated folders, then retry") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _atomic_write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; use the usual file mode
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _as_bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def write_outputs(docs_dir: Path, files: dict[str, str | bytes]) -> WriteReport:
    """Make the generated part of ``docs_dir`` equal ``files`` (docs-relative path → content).

    Raises :class:`WriteError` before writing anything if a path would overwrite a file the
    generator did not create.
    """
    previous = _read_manifest(docs_dir)
    clashes = sorted(p for p in files if p not in previous and (docs_dir / p).exists())
    if clashes:
        raise WriteError("refusing to overwrite hand-written file(s): " + ", ".join(clashes))
    report = WriteReport()
    for rel, content in sorted(files.items()):
        target, data = docs_dir / rel, _as_bytes(content)
        if target.exists() and target.read_bytes() == data:
            report.unchanged.append(rel)
            continue
        _atomic_write(target, data)
        report.written.append(rel)
    for rel in sorted(previous - set(files)):
        target = docs_dir / rel
        if target.exists():
            target.unlink()
            report.removed.append(rel)
        _remove_empty_parents(target.parent, docs_dir)
    manifest = json.dumps({"generated": sorted(files)}, indent=1) + "\n"
    if not (docs_dir / MANIFEST).exists() or (docs_dir / MANIFEST).read_text(encoding="utf-8") != manifest:
        _atomic_write(docs_dir / MANIFEST, manifest.encode("utf-8"))
    return report


def _remove_empty_parents(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


@contextmanager
def scratch_dir(parent: Path) -> Iterator[Path]:
    """A temporary folder beside ``parent``'s contents (same file system), removed afterwards."""
    parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".videoguide-", dir=parent) as path:
        yield Path(path)


def stage_docs(docs_dir: Path, scratch: Path) -> Path:
    """Copy ``docs_dir`` (if it exists) into ``scratch/docs`` and return that path."""
    target = scratch / "docs"
    if docs_dir.exists():
        shutil.copytree(docs_dir, target)
    else:
        target.mkdir(parents=True)
    return target


def check_site_dir(target: Path, keep: list[Path]) -> None:
    """Raise :class:`WriteError` unless ``target`` may receive a site: it must be missing,
    empty or a site built here before, and must not be or contain any path in ``keep``."""
    target = target.resolve()
    for path in keep:
        path = path.resolve()
        if path == target or target in path.parents:
            raise WriteError(f"refusing to build the site into {target}: it holds {path}")
    if target.exists() and (not target.is_dir() or (any(target.iterdir()) and not (target / SITE_MARKER).exists())):
        raise WriteError(f"refusing to replace {target}: it is not empty and not a site built by videoguide")


def mark_site(site: Path) -> None:
    """Record that ``site`` was built by this tool (see :func:`check_site_dir`)."""
    _atomic_write(site / SITE_MARKER, b"Built by videoguide; replaced on every build.\n")


def replace_dir(new: Path, target: Path) -> None:
    """Move ``new`` to ``target``, replacing what was there with two renames."""
    target.parent.mkdir(parents=True, exist_ok=True)
    backup = None
    if target.exists():
        backup = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
        backup.rmdir()
        os.replace(target, backup)
    try:
        shutil.move(str(new), str(target))
    except BaseException:
        if backup is not None:
            os.replace(backup, target)
        raise
    if backup is not None:
        shutil.rmtree(backup, ignore_errors=True)


def replace_file(target: Path, text: str) -> None:
    """Atomically replace ``target`` with ``text`` (UTF-8), e.g. a data file the CLI updates."""
    _atomic_write(target, text.encode("utf-8"))


@contextmanager
def atomic_file(target: Path) -> Iterator[BinaryIO]:
    """A binary file handle whose content replaces ``target`` only when the block completes
    without error (a temporary file in the same folder, then a rename); else nothing changes."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def exclusive_lock(path: Path) -> Iterator[None]:
    """Hold an advisory lock on ``path`` (an empty file, created if needed) for the block; the
    system releases it when the process ends, however it ends. Raises BlockingIOError when
    another process holds it."""
    import fcntl

    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield
