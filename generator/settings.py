"""Paths and knobs of one run, resolved once from the command line and the working directory."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    """Where data, pages and the site live.

    ``project_dir`` holds ``mkdocs.yml``; ``docs_dir`` is the MkDocs ``docs_dir`` whose
    generator-owned folders are rewritten; ``site_dir`` receives the built site.
    """

    project_dir: Path
    data_dir: Path
    docs_dir: Path
    site_dir: Path
    stale_after_days: int | None = None
    """Override of ``[tool.videoguide] stale_after_days`` (None: use the configured value)."""

    @property
    def mkdocs_yml(self) -> Path:
        return self.project_dir / "mkdocs.yml"

    @property
    def node_modules(self) -> Path:
        return self.project_dir / "node_modules"

    @classmethod
    def from_cwd(cls, data_dir: Path | None = None, docs_dir: Path | None = None,
                 site_dir: Path | None = None, project_dir: Path | None = None,
                 stale_after_days: int | None = None) -> "Settings":
        root = (project_dir or Path.cwd()).resolve()
        return cls(
            project_dir=root,
            data_dir=(data_dir or root / "data").resolve(),
            docs_dir=(docs_dir or root / "docs").resolve(),
            site_dir=(site_dir or root / "site").resolve(),
            stale_after_days=stale_after_days,
        )
