"""Settings resolve paths once, from the working directory or the arguments, and read
``[tool.videoguide] stale_after_days`` with clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.settings import ConfigError, Settings, configured_engine, configured_stale_after


def test_defaults_follow_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = Settings.from_cwd()
    assert (settings.data_dir, settings.docs_dir, settings.site_dir) == (tmp_path / "data", tmp_path / "docs", tmp_path / "site")
    assert settings.mkdocs_yml == tmp_path / "mkdocs.yml"


def test_arguments_win_and_are_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = Settings.from_cwd(data_dir=tmp_path / "x" / ".." / "other")
    assert settings.data_dir == tmp_path / "other"


@pytest.mark.parametrize(("setting", "expected"), [
    ("", 90), ("[tool.videoguide]\nstale_after_days = 30\n", 30),
])
def test_stale_after_comes_from_pyproject(tmp_path: Path, setting: str, expected: int):
    (tmp_path / "pyproject.toml").write_text(setting)
    assert configured_stale_after(tmp_path) == expected


@pytest.mark.parametrize("value", ["0", "\"90\"", "true", "1.5"])
def test_a_bad_stale_after_setting_is_an_error(tmp_path: Path, value: str):
    (tmp_path / "pyproject.toml").write_text(f"[tool.videoguide]\nstale_after_days = {value}\n")
    with pytest.raises(ConfigError, match="stale_after_days must be a whole number of days"):
        configured_stale_after(tmp_path)


@pytest.mark.parametrize(("setting", "expected"), [
    ("", "mkdocs"), ("[tool.videoguide]\nengine = \"zensical\"\n", "zensical"),
])
def test_engine_comes_from_pyproject_and_the_argument_wins(tmp_path: Path, setting: str, expected: str):
    (tmp_path / "pyproject.toml").write_text(setting)
    assert configured_engine(tmp_path) == expected
    assert Settings.from_cwd(project_dir=tmp_path).engine() == expected
    assert Settings.from_cwd(project_dir=tmp_path, engine="mkdocs").engine() == "mkdocs"


def test_a_bad_engine_or_an_unknown_setting_is_an_error(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text("[tool.videoguide]\nengine = \"hugo\"\n")
    with pytest.raises(ConfigError, match="engine must be mkdocs or zensical, not 'hugo'"):
        configured_engine(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.videoguide]\nengines = \"zensical\"\n")
    with pytest.raises(ConfigError, match=r"unknown setting\(s\) in \[tool.videoguide\]: engines "
                                          r"\(the settings are stale_after_days, engine, sources\)"):
        configured_stale_after(tmp_path)


@pytest.mark.parametrize(("content", "message"), [
    (b"\xff\xfe[tool.videoguide]\n", "file is not valid UTF-8 (byte 0xff)"),
    (b"a = " + b"[" * 5000 + b"\n", "not valid TOML (nested too deep)"),
], ids=["not-utf-8", "nested-too-deep"])
def test_a_pyproject_that_cannot_be_read_is_a_clear_error(tmp_path, content, message):
    from generator.settings import ConfigError, Settings

    (tmp_path / "pyproject.toml").write_bytes(content)
    with pytest.raises(ConfigError) as exc:
        Settings.from_cwd(project_dir=tmp_path).stale_after()
    assert str(exc.value) == f"{tmp_path / 'pyproject.toml'}: {message}"


def test_an_mkdocs_yml_nested_too_deep_is_a_clear_error(tmp_path):
    from generator.site.engine import BuildError, configured_site_url

    (tmp_path / "mkdocs.yml").write_text("a: " + "[" * 5000 + "\n")
    with pytest.raises(BuildError) as exc:
        configured_site_url(tmp_path / "mkdocs.yml")
    assert str(exc.value) == f"{tmp_path / 'mkdocs.yml'}: not a valid MkDocs config: nested too deep"


def test_the_sources_settings_have_defaults_and_refuse_bad_values(tmp_path: Path):
    from generator.settings import configured_sources

    defaults = configured_sources(tmp_path)
    assert defaults == {"requests": 4, "requests_per_host": 1, "delay_seconds": 1.0, "timeout_seconds": 20.0,
                        "max_bytes": 5 * 2**20, "snapshots": (tmp_path / ".cache" / "sources").resolve()}
    (tmp_path / "pyproject.toml").write_text("[tool.videoguide.sources]\nrequests = 0\n")
    with pytest.raises(ConfigError, match=r"sources\] requests \(requests at once\) must be a whole number from 1 to 32, not 0"):
        configured_sources(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.videoguide.sources]\ndelay_seconds = \"1\"\n")
    with pytest.raises(ConfigError, match=r"delay_seconds \(seconds between two requests to one host\) must be a "
                                          r"number from 0.0 to 60.0, not '1'"):
        configured_sources(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.videoguide.sources]\nparallel = 3\n")
    with pytest.raises(ConfigError, match=r"takes requests, requests_per_host, .*; unknown: parallel"):
        configured_sources(tmp_path)
