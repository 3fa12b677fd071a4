"""Settings resolve paths once, from the working directory or the arguments."""

from __future__ import annotations

from generator.settings import Settings


def test_defaults_follow_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = Settings.from_cwd()
    assert (settings.data_dir, settings.docs_dir, settings.site_dir) == (tmp_path / "data", tmp_path / "docs", tmp_path / "site")
    assert settings.mkdocs_yml == tmp_path / "mkdocs.yml"


def test_arguments_win_and_are_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = Settings.from_cwd(data_dir=tmp_path / "x" / ".." / "other")
    assert settings.data_dir == tmp_path / "other"
