"""The data as it was at a git revision, for ``videoguide diff``.

``git archive`` exports the data folder of a revision into a temporary folder, which is
loaded and validated like the working tree's. git is run as a subprocess (the git CLI is
the stable interface); nothing in the repository is changed.
"""

from __future__ import annotations

import subprocess
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path
from typing import Iterable

from .dataset import Dataset, DatasetCheck
from .errors import DataError, UsageError
from .validate import load_dataset


def _git(project_dir: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(project_dir), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise UsageError("git is not installed; `videoguide diff` compares git revisions") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"git {' '.join(args[:1])}: {message[-1] if message else 'failed'}")
    return done.stdout


def default_revision(project_dir: Path, data_dir: Path) -> str:
    """``HEAD`` when the data folder has uncommitted edits, else ``HEAD~1`` (the previous commit)."""
    _toplevel(project_dir)  # "not a git repository" first
    dirty = _git(project_dir, "status", "--porcelain", "--", str(data_dir))
    return "HEAD" if dirty.strip() else "HEAD~1"


def commit_of(project_dir: Path, revision: str) -> str:
    """The abbreviated commit a revision names (``a1b2c3d``); raises UsageError if none."""
    _toplevel(project_dir)  # "not a git repository" first
    try:
        return _git(project_dir, "rev-parse", "--short", "--verify", "--quiet",
                    f"{revision}^{{commit}}").decode().strip()
    except UsageError:
        hint = " (with one commit there is no HEAD~1: commit your edits later, or name a revision)" \
            if revision == "HEAD~1" else ""
        raise UsageError(f"no commit '{revision}' in this repository{hint}") from None


def dataset_at(project_dir: Path, data_dir: Path, revision: str, checks: Iterable[DatasetCheck] = ()) -> Dataset:
    """The validated data of ``revision`` (``checks`` as for :func:`load_dataset`). Raises
    UsageError (not a repository, unknown revision, no data folder there, data that does
    not validate there, naming its problems)."""
    top = _toplevel(project_dir)
    if not data_dir.resolve().is_relative_to(top):
        raise UsageError(f"the data folder {data_dir.resolve()} is not in the git repository {top}; "
                         "`videoguide diff` compares data that git tracks")
    relative = data_dir.resolve().relative_to(top).as_posix()
    archive = _git(project_dir, "archive", "--format=tar", revision, "--", relative)
    with tempfile.TemporaryDirectory(prefix="videoguide-rev-") as tmp:
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            try:
                tar.extractall(tmp, filter="data")
            except tarfile.FilterError as exc:  # a link to an absolute path or out of the folder
                raise UsageError(f"the data at {revision} cannot be read safely: {exc}; compare with a later "
                                 "revision") from None
        try:
            return load_dataset(Path(tmp) / relative, checks)
        except DataError as exc:
            listed = "\n".join("  " + str(p).replace(str(Path(tmp).resolve()), revision).replace(tmp, revision)
                               for p in exc.problems)
            raise UsageError(f"the data at {revision} does not validate; compare with a later revision:\n{listed}") \
                from None


def _toplevel(project_dir: Path) -> Path:
    try:
        return Path(_git(project_dir, "rev-parse", "--show-toplevel").decode().strip()).resolve()
    except UsageError as exc:
        if "not a git repository" not in str(exc):
            raise
        raise UsageError(f"{project_dir} is not in a git repository; `videoguide diff` compares the data with a "
                         "committed revision (git init, then commit the data)") from None
