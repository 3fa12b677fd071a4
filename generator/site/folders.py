"""What the writer may read and replace: the docs manifest (only paths inside the docs
folder), a site folder (empty, or built here, never one the build reads), and a docs tree
(files and folders only: no device or pipe gets copied into a site)."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from ..facts.errors import GuideError
from ..facts.files import FileFail, read_text


class WriteError(GuideError):
    """A generated file could not be written, or would overwrite a hand-written file."""


MANIFEST = ".videoguide-manifest.json"
SITE_MARKER = ".videoguide-site"
"""Written into every site this tool builds; only such a folder (or an empty one) is replaced."""


MANIFEST_LIMIT = 64 * 2**20
"""The largest docs manifest read, in bytes (about 100 bytes a generated file)."""


def read_manifest(docs_dir: Path) -> dict:
    """The docs manifest (``generated``: docs-relative paths; ``inputs``: digest; ``sha256``:
    path → digest), empty when missing; raises :class:`WriteError` when it is damaged."""
    path = docs_dir / MANIFEST
    if not path.exists() and not path.is_symlink():
        return {"generated": []}
    try:
        manifest = json.loads(read_text(path, None, MANIFEST_LIMIT))
        if not isinstance(manifest["generated"], list):
            raise TypeError("'generated' is not a list")
        bad = next((p for p in manifest["generated"] if not _inside(p)), None)
        if bad is not None:
            raise ValueError(f"{bad!r} is not a path inside the docs folder")
        return manifest
    except FileFail as exc:
        raise WriteError(f"{path}: {exc.problem.message}; delete it and the generated folders, then retry") from None
    except (ValueError, KeyError, TypeError, RecursionError) as exc:
        raise WriteError(f"{path} is damaged ({exc}); delete it and the generated folders, then retry") from None


def _inside(rel: object) -> bool:
    """Whether ``rel`` is a relative path that stays inside the folder it is relative to: a
    manifest lists what ``generate`` may replace and delete, so nothing outside."""
    if not isinstance(rel, str) or not rel or "\0" in rel:
        return False
    path = Path(rel)
    return not path.is_absolute() and ".." not in path.parts


def refuse_special_files(docs_dir: Path) -> None:
    """Raise :class:`WriteError` for the first entry under ``docs_dir`` that is, or links to,
    neither a folder nor a regular file (a device, a pipe): copying ``/dev/zero`` into the
    site would fill the disk. Links are followed, each folder once."""
    seen: set[tuple[int, int]] = set()
    for top, dirs, files in os.walk(docs_dir, followlinks=True):
        info = os.stat(top)
        if (info.st_dev, info.st_ino) in seen:
            dirs[:] = []
            continue
        seen.add((info.st_dev, info.st_ino))
        for name in files:
            path = Path(top, name)
            try:
                mode = os.stat(path).st_mode
            except OSError:
                continue  # a dangling link: the copy reports it
            if not stat.S_ISREG(mode):
                link = f", a link to {os.readlink(path)}" if path.is_symlink() else ""
                raise WriteError(f"cannot build from {path}{link}: not a regular file (a site holds files "
                                 "and folders only); delete it or replace it with a copy of the file")


def check_site_dir(target: Path, keep: list[Path], inputs: list[Path] = ()) -> None:
    """Raise :class:`WriteError` unless ``target`` may receive a site: it must be missing,
    empty or a site built here before, must not be or contain any path in ``keep``, and must
    not lie inside any folder of ``inputs`` (the docs and data folders the build reads)."""
    target = target.resolve()
    for path in keep:
        path = path.resolve()
        if path == target or target in path.parents:
            raise WriteError(f"refusing to build the site into {target}: it holds {path}")
    for folder in inputs:
        if folder.resolve() in target.parents:
            raise WriteError(f"refusing to build the site into {target}: it is inside {folder.resolve()}, "
                             "which the build reads; choose a folder outside it")
    if target.exists() and not target.is_dir():
        raise WriteError(f"refusing to build the site into {target}: it is a file, not a folder; choose another "
                         "--site-dir")
    if target.exists() and any(target.iterdir()) and not (target / SITE_MARKER).exists():
        raise WriteError(f"refusing to replace {target}: it is not empty and not a site built by videoguide "
                         f"(no {SITE_MARKER} in it); delete it yourself, or choose another --site-dir")


def check_docs_dir(docs_dir: Path, project_dir: Path, others: list[Path]) -> None:
    """Raise :class:`WriteError` unless ``docs_dir`` may receive generated pages: it must not
    be the project folder, nor hold, nor lie inside any folder of ``others`` (the data
    folder, the generator's package)."""
    docs = docs_dir.resolve()
    if docs == project_dir.resolve():
        raise WriteError(f"refusing to write the generated pages into {docs}: it is the project folder; "
                         "choose a docs folder inside it (default: ./docs)")
    for folder in others:
        folder = folder.resolve()
        if docs == folder or folder in docs.parents or docs in folder.parents:
            raise WriteError(f"refusing to write the generated pages into {docs}: it overlaps {folder}, which "
                             "the generator reads; choose another --docs")
