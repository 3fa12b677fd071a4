"""The only module that writes files.

* :func:`write_outputs` puts generated files into a docs folder: atomically (temporary
  file, then rename), only when the content changed, removing generated files that no
  longer have a source, and never touching a file it did not generate. What it generated is
  recorded in ``.videoguide-manifest.json`` at the top of the docs folder.
* :func:`scratch_dir` and :func:`stage_docs` copy a docs folder to a scratch location so a
  site can be built from it before anything real is changed.
* :func:`site_swap` and :func:`replace_dir` swap a freshly built site into place.
* :func:`prepare_workspace` lays out the folder an external site engine builds in.
* :func:`replace_file`, :func:`replace_files_checked`, :func:`remove_files`,
  :func:`atomic_file` and :func:`exclusive_lock` serve the commands that update data files
  (``diff --record``, ``prices pull --write``, the clip manifest, the sources' snapshots) or
  write a downloaded clip.

What may be replaced, and the manifest's reading, are checked in :mod:`.folders`.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable, Iterator

from .folders import MANIFEST, SITE_MARKER, WriteError, read_manifest, refuse_special_files


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: bool = False
    """Nothing was rendered: the inputs had not changed since the files were made."""

    def summary(self) -> str:
        return (f"{len(self.written)} written, {len(self.unchanged)} unchanged, "
                f"{len(self.removed)} removed")


def _reason(exc: OSError) -> str:
    """``path: reason`` of a failed system call (shutil.Error: its first failure)."""
    if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list) and exc.args[0]:
        source, _, why = exc.args[0][0]
        return f"{source}: {why}"
    where, why = exc.filename2 or exc.filename, exc.strerror or str(exc)
    if exc.errno == errno.EEXIST and where and os.path.isfile(where):  # mkdir's way of saying it
        why = "a file is where a folder goes"
    return f"{where}: {why}" if where else why


@contextmanager
def _disk(doing: str) -> Iterator[None]:
    """Turn a failed system call inside the block into :class:`WriteError` "cannot DOING
    (PATH: REASON)": a full disk, a read-only or missing folder, a file where a folder goes."""
    try:
        yield
    except OSError as exc:
        raise WriteError(f"cannot {doing} ({_reason(exc)})") from None


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


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


def write_outputs(docs_dir: Path, files: dict[str, str | bytes], inputs: str | None = None,
                  staged: Path | None = None) -> WriteReport:
    """Make the generated part of ``docs_dir`` equal ``files`` (docs-relative path → content),
    recording ``inputs``, the digest of what they were made from (see :func:`.uptodate.outputs_current`).
    ``staged``: a scratch docs folder the same ``files`` were written into (by this function),
    which is discarded afterwards: a file to write is moved from there (one rename instead of
    writing it again; N=1,000: 3,000 files) when it is on the same file system.

    Raises :class:`WriteError` before writing anything if a path would overwrite a file the
    generator did not create or ``docs_dir`` is a file, and when the system refuses a write
    (the message says whether some pages were updated; a re-run completes them).
    """
    if docs_dir.exists() and not docs_dir.is_dir():
        raise WriteError(f"cannot write the generated pages into {docs_dir}: it is a file, not a folder")
    previous = set(read_manifest(docs_dir)["generated"])
    clashes = sorted(p for p in files if p not in previous and (docs_dir / p).exists())
    if clashes:
        raise WriteError("refusing to overwrite hand-written file(s): " + ", ".join(clashes))
    report = WriteReport()
    try:
        return _write_all(docs_dir, files, inputs, previous, report, staged)
    except OSError as exc:
        done = "; nothing was changed"
        if report.written or report.removed:
            done = (f"; the pages are partly updated ({len(report.written)} written, {len(report.removed)} removed): "
                    "run the command again once the cause is fixed")
        raise WriteError(f"cannot write the generated pages into {docs_dir} ({_reason(exc)}){done}") from None


def _write_all(docs_dir: Path, files: dict[str, str | bytes], inputs: str | None, previous: set[str],
               report: WriteReport, staged: Path | None = None) -> WriteReport:
    new = set(files) - previous
    if new:  # listed before they exist: after a failure half-way, the next run may replace them
        _atomic_write(docs_dir / MANIFEST, _manifest_json(previous | new).encode("utf-8"))
    hashes, root = {}, docs_dir.resolve()
    for rel, content in sorted(files.items()):
        target, data = docs_dir / rel, _as_bytes(content)
        hashes[rel] = _sha256(data)
        if target.exists() and target.read_bytes() == data:
            report.unchanged.append(rel)
            continue
        folder = next(p for p in target.parents if p.exists())  # the nearest that exists
        if not folder.resolve().is_relative_to(root):
            raise WriteError(f"refusing to write {target}: {folder} links out of {docs_dir}; replace the link "
                             "with a folder")
        _move_or_write(None if staged is None else staged / rel, target, data)
        report.written.append(rel)
    for rel in sorted(previous - set(files)):
        target = docs_dir / rel
        if target.exists() and target.resolve().is_relative_to(root):  # never through a link out
            target.unlink()
            report.removed.append(rel)
        _remove_empty_parents(target.parent, docs_dir)
    manifest = _manifest_json(files, inputs, hashes)
    if not (docs_dir / MANIFEST).exists() or (docs_dir / MANIFEST).read_text(encoding="utf-8") != manifest:
        _atomic_write(docs_dir / MANIFEST, manifest.encode("utf-8"))
    return report


def _move_or_write(staged: Path | None, target: Path, data: bytes) -> None:
    """Move ``staged`` (a copy of ``data`` about to be discarded) to ``target``, or write
    ``data`` when there is no such copy or it cannot be moved (another file system)."""
    if staged is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.replace(staged, target)
            return
        except OSError:
            pass  # written instead; a write the system refuses says why
    _atomic_write(target, data)


def _manifest_json(generated, inputs: str | None = None, hashes: dict | None = None) -> str:  # noqa: ANN001
    """The manifest's text: the generated paths, sorted; the input digest and each file's
    digest once the files are written (none while they are being written)."""
    body = {"generated": sorted(generated)}
    if hashes is not None:
        body.update(inputs=inputs, sha256=hashes)
    return json.dumps(body, indent=1) + "\n"


def _remove_empty_parents(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


@contextmanager
def scratch_dir(parent: Path) -> Iterator[Path]:
    """A temporary folder beside ``parent``'s contents (same file system), removed afterwards."""
    with _disk(f"make a scratch folder in {parent}"):
        parent.mkdir(parents=True, exist_ok=True)
        scratch = tempfile.TemporaryDirectory(prefix=".videoguide-", dir=parent)
    with scratch as path:
        yield Path(path)


def stage_docs(docs_dir: Path, scratch: Path) -> Path:
    """Copy ``docs_dir`` (if it exists) into ``scratch/docs`` and return that path."""
    target = scratch / "docs"
    refuse_special_files(docs_dir)
    with _disk(f"copy {docs_dir} to build from"):
        if docs_dir.exists():
            shutil.copytree(docs_dir, target)
        else:
            target.mkdir(parents=True)
    return target


def mark_site(site: Path, inputs: str, output: str) -> None:
    """Record that ``site`` was built by this tool (see :func:`check_site_dir`) from inputs
    whose digest is ``inputs``, and the digest of what it holds, ``output`` (see
    uptodate.site_digests)."""
    with _disk(f"mark {site} as a site"):
        _atomic_write(site / SITE_MARKER, f"Built by videoguide; replaced on every build.\ninputs: {inputs}\n"
                                          f"output: {output}\n".encode())


def replace_dir(new: Path, target: Path) -> None:
    """Move ``new`` to ``target``, replacing what was there (see :func:`site_swap`)."""
    with site_swap(new, target):
        pass


def _set_aside(target: Path) -> Path | None:
    """Rename ``target`` to a hidden backup beside it (None when it does not exist); raises
    WriteError when it cannot be moved, before anything else has changed."""
    if not target.exists():
        with _disk(f"make the site folder {target}"):
            target.parent.mkdir(parents=True, exist_ok=True)
        return None
    for stale in target.parent.glob(f".{target.name}-old-*"):  # left by a build that could not delete it
        shutil.rmtree(stale, ignore_errors=True)
    backup = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
    backup.rmdir()
    try:
        os.replace(target, backup)
    except OSError as exc:
        raise WriteError(f"cannot replace {target}: moving it aside failed ({exc.strerror}); "
                         "nothing was changed") from None
    return backup


@contextmanager
def site_swap(new: Path, target: Path) -> Iterator[None]:
    """Move the old ``target`` aside, run the block (it writes the generated pages), then
    move ``new`` into place. A failure at any step puts the old folder back and re-raises:
    the block runs only once the old site is known to move. The backup is deleted at the end;
    what cannot be deleted (an immutable file) stays in a hidden ``.NAME-old-*`` folder,
    git-ignored and removed by the next build."""
    backup = _set_aside(target)
    try:
        yield
        with _disk(f"move the new site into {target}"):
            shutil.move(str(new), str(target))  # a rename, or a copy across file systems
    except BaseException:
        if backup is not None:
            shutil.rmtree(target, ignore_errors=True)  # what a failed copy across file systems left
            os.replace(backup, target)
        raise
    if backup is not None:
        shutil.rmtree(backup, ignore_errors=True)


def prepare_workspace(work: Path, config_name: str, config_text: str, docs_dir: Path) -> None:
    """Make ``work`` hold ``config_name`` (UTF-8 ``config_text``) and ``docs/``, a copy of
    ``docs_dir``, with no ``site/``; anything else there (an engine's cache) is kept."""
    with _disk(f"prepare the engine's workspace {work}"):
        work.mkdir(parents=True, exist_ok=True)
        _atomic_write(work / config_name, config_text.encode("utf-8"))
        for name in ("docs", "site"):
            shutil.rmtree(work / name, ignore_errors=True)
        shutil.copytree(docs_dir, work / "docs")


def replace_file(target: Path, text: str) -> None:
    """Atomically replace ``target`` with ``text`` (UTF-8), e.g. a data file the CLI updates;
    raises :class:`WriteError` when the system refuses (``target`` is then unchanged)."""
    with _disk(f"write {target}"):
        _atomic_write(target, text.encode("utf-8"))


def remove_files(paths: list[Path]) -> None:
    """Remove each of ``paths`` that exists (e.g. snapshot texts no record names any more);
    raises :class:`WriteError` when the system refuses."""
    for path in paths:
        with _disk(f"remove {path}"):
            path.unlink(missing_ok=True)


def replace_files_checked(folder: Path, texts: dict[str, str], check: Callable[[Path], None]) -> None:
    """Replace the files of ``folder`` that ``texts`` names (relative paths → UTF-8 text), but
    only once ``check`` has passed on a scratch copy of ``folder`` holding the new texts
    (``check`` gets the copy's path and raises to refuse: nothing is then changed). Each file
    is replaced atomically; raises :class:`WriteError` when the system refuses."""
    with scratch_dir(folder.parent) as scratch:
        copy = scratch / folder.name
        with _disk(f"copy {folder} to check the edit"):
            shutil.copytree(folder, copy, symlinks=True)
            for name, text in texts.items():
                _atomic_write(copy / name, text.encode("utf-8"))
        check(copy)
    for name, text in texts.items():
        replace_file(folder / name, text)


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
