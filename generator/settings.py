"""Paths and knobs of one run, resolved once from the command line, the working directory and
``[tool.videoguide]`` in ``pyproject.toml``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from .answers.asof import DEFAULT_STALE_AFTER_DAYS
from .facts.errors import GuideError
from .facts.files import FileFail, read_text


class ConfigError(GuideError):
    """A setting in ``pyproject.toml`` is unreadable or out of range."""


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
    engine_override: str | None = None
    """Override of ``[tool.videoguide] engine`` (None: use the configured value)."""

    def stale_after(self) -> int:
        """The age in days after which a checked fact is stale: the override, else
        :func:`configured_stale_after`. Raises ConfigError on a bad setting."""
        return self.stale_after_days or configured_stale_after(self.project_dir)

    def engine(self) -> str:
        """The site engine: the override, else :func:`configured_engine`. Raises ConfigError
        on a bad setting."""
        return self.engine_override or configured_engine(self.project_dir)

    @property
    def engine_cache(self) -> Path:
        """A folder the site engine may keep between builds (Zensical's cache lives there);
        git-ignored, safe to delete."""
        return self.project_dir / ".cache" / "videoguide"

    @property
    def mkdocs_yml(self) -> Path:
        return self.project_dir / "mkdocs.yml"

    @classmethod
    def from_cwd(cls, data_dir: Path | None = None, docs_dir: Path | None = None,
                 site_dir: Path | None = None, project_dir: Path | None = None,
                 stale_after_days: int | None = None, engine: str | None = None) -> "Settings":
        root = (project_dir or Path.cwd()).resolve()
        return cls(
            project_dir=root,
            data_dir=(data_dir or root / "data").resolve(),
            docs_dir=(docs_dir or root / "docs").resolve(),
            site_dir=(site_dir or root / "site").resolve(),
            stale_after_days=stale_after_days,
            engine_override=engine,
        )


ENGINES = ("mkdocs", "zensical")
"""The site engines ``videoguide build`` can run; the first is the default."""

SETTINGS = {"stale_after_days": "a whole number of days, 1 or more", "engine": " or ".join(ENGINES),
            "sources": "a table: how `videoguide sources check` fetches (see SOURCE_SETTINGS)"}
"""Every key ``[tool.videoguide]`` may hold, with what it takes."""


CONFIG_LIMIT = 1_000_000
"""The largest pyproject.toml read, in bytes."""


def _section(project_dir: Path) -> tuple[Path, dict]:
    path = project_dir / "pyproject.toml"
    if not path.is_file():
        return path, {}
    try:
        config = tomllib.loads(read_text(path, None, CONFIG_LIMIT))
    except FileFail as exc:
        raise ConfigError(f"{path}: {exc.problem.message}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    except RecursionError:
        raise ConfigError(f"{path}: not valid TOML (nested too deep)") from None
    section = config.get("tool", {}).get("videoguide", {})
    unknown = sorted(set(section) - set(SETTINGS))
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s) in [tool.videoguide]: {', '.join(unknown)} "
                          f"(the settings are {', '.join(SETTINGS)})")
    return path, section


def configured_stale_after(project_dir: Path) -> int:
    """``[tool.videoguide] stale_after_days`` of ``project_dir/pyproject.toml``, else the default.

    Raises ConfigError when the file is not valid TOML, holds an unknown setting, or the
    setting is not a whole number of days, 1 or more.
    """
    path, section = _section(project_dir)
    value = section.get("stale_after_days", DEFAULT_STALE_AFTER_DAYS)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ConfigError(f"{path}: [tool.videoguide] stale_after_days must be a whole number of days "
                          f"(1 or more), not {value!r}")
    return value


def configured_engine(project_dir: Path) -> str:
    """``[tool.videoguide] engine`` of ``project_dir/pyproject.toml`` (one of :data:`ENGINES`),
    else ``"mkdocs"``. Raises ConfigError as :func:`configured_stale_after` does."""
    path, section = _section(project_dir)
    value = section.get("engine", ENGINES[0])
    if value not in ENGINES:
        raise ConfigError(f"{path}: [tool.videoguide] engine must be {SETTINGS['engine']}, not {value!r}")
    return value


SOURCE_SETTINGS = {
    "requests": (4, int, 1, 32, "requests at once"),
    "requests_per_host": (1, int, 1, 8, "requests at once to one host"),
    "delay_seconds": (1.0, float, 0.0, 60.0, "seconds between two requests to one host"),
    "timeout_seconds": (20.0, float, 1.0, 300.0, "seconds a request may take"),
    "max_bytes": (5 * 2**20, int, 1024, 2**30, "the largest page read, in bytes"),
    "snapshots": (".cache/sources", str, None, None, "the folder of the pages' texts, from the project folder"),
}
"""``[tool.videoguide.sources]``: key → (default, type, minimum, maximum, meaning)."""


def configured_sources(project_dir: Path) -> dict[str, object]:
    """``[tool.videoguide.sources]`` with every key of :data:`SOURCE_SETTINGS` (defaults
    filled in; ``snapshots`` as an absolute Path). Raises ConfigError on an unknown key, a
    value of the wrong type or out of range."""
    path, section = _section(project_dir)
    table = section.get("sources", {})
    if not isinstance(table, dict) or (unknown := sorted(set(table) - set(SOURCE_SETTINGS))):
        raise ConfigError(f"{path}: [tool.videoguide.sources] takes {', '.join(SOURCE_SETTINGS)}"
                          + (f"; unknown: {', '.join(unknown)}" if isinstance(table, dict) else ""))
    out: dict[str, object] = {}
    for key, (default, kind, low, high, meaning) in SOURCE_SETTINGS.items():
        value = table.get(key, default)
        ok = isinstance(value, (int, float) if kind is float else kind) and not isinstance(value, bool)
        if not ok or (low is not None and not low <= value <= high):
            limits = f" from {low} to {high}" if low is not None else ""
            noun = {float: "a number", int: "a whole number", str: "a folder name"}[kind]
            raise ConfigError(f"{path}: [tool.videoguide.sources] {key} ({meaning}) must be {noun}{limits}, "
                              f"not {value!r}")
        out[key] = (project_dir / value).resolve() if key == "snapshots" else kind(value)
    return out
