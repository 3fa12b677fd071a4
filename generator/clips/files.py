"""Which clip files of the manifest are in the docs folder, and which were altered since made."""

from __future__ import annotations

from pathlib import Path

from ..facts.files import file_sha256
from ..facts.samples import ClipsFile


def clip_files(docs_dir: Path, clips: ClipsFile | None) -> tuple[frozenset[str], frozenset[str]]:
    """``(present, altered)``: the manifest's files (docs-relative) found under ``docs_dir``,
    and the clips among them whose SHA-256 is not the one recorded (replaced by hand, or a
    Git LFS pointer)."""
    entries = clips.clips if clips else []
    present = frozenset(f for c in entries for f in (c.file, c.poster) if f and (docs_dir / f).is_file())
    altered = frozenset(c.file for c in entries if c.file in present and c.sha256
                        and file_sha256(docs_dir / c.file) != c.sha256)
    return present, altered
