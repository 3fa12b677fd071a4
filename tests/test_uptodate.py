"""A generate or a build with nothing changed does no work: nothing rendered, written or built."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from pathlib import Path

import pytest

from generator import cli, pipeline
from generator.site.engine import BuildError
from generator.site.write import WriteError

from .conftest import TODAY


def _tree(root: Path) -> dict[str, tuple[str, int]]:
    return {str(p.relative_to(root)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file()}


def _no_rendering(*args, **kwargs):  # noqa: ANN002, ANN003
    raise AssertionError("rendered although nothing changed")


def test_generate_with_nothing_changed_renders_and_writes_nothing(article_project, monkeypatch):
    first = pipeline.generate(article_project, TODAY)
    before = _tree(article_project.docs_dir)
    monkeypatch.setattr(pipeline, "render_all", _no_rendering)
    again = pipeline.generate(article_project, TODAY)
    assert again.written == [] and again.removed == [] and sorted(again.unchanged) == sorted(first.written)
    assert _tree(article_project.docs_dir) == before  # not even rewritten with the same bytes


@pytest.mark.parametrize("change", ["data", "date", "hand-edited page", "deleted page", "stale setting"])
def test_generate_reruns_when_an_input_or_an_output_changed(article_project, change):
    settings, today = article_project, TODAY
    pipeline.generate(settings, today)
    page = settings.docs_dir / "models" / "veo-3-1.md"
    if change == "data":
        model = settings.data_dir / "models" / "veo-3-1.yaml"
        model.write_text(model.read_text().replace("max_clip_seconds: 60", "max_clip_seconds: 61"))
    elif change == "date":
        today = today + dt.timedelta(days=1)
    elif change == "hand-edited page":
        page.write_text(page.read_text() + "\nedited by hand\n")
    elif change == "deleted page":
        page.unlink()
    else:
        settings = dataclasses.replace(settings, stale_after_days=7)
    report = pipeline.generate(settings, today)
    assert report.written  # rendered again
    if change in ("hand-edited page", "deleted page"):
        assert report.written == ["models/veo-3-1.md"] and "edited by hand" not in page.read_text()


def _engine_must_not_run(*args, **kwargs):  # noqa: ANN002, ANN003
    raise AssertionError("the site engine ran although nothing changed")


def test_generate_with_nothing_changed_says_so(article_project, monkeypatch, capsys):
    monkeypatch.chdir(article_project.project_dir)
    assert cli.main(["generate"]) == 0
    assert capsys.readouterr().out.startswith("generated ")
    assert cli.main(["generate"]) == 0
    assert capsys.readouterr().out == (
        f"nothing changed since the last generate: the {len(pipeline.render_all(article_project))} generated files in "
        f"{article_project.docs_dir} are up to date; nothing was rendered or written\n")


def test_build_with_nothing_changed_skips_the_engine_and_says_so(article_project, monkeypatch, capsys):
    settings = article_project
    monkeypatch.chdir(settings.project_dir)
    assert cli.main(["build"]) == 0
    assert "site built with MkDocs 1.6.1, Material" in capsys.readouterr().out
    site = _tree(settings.site_dir)
    monkeypatch.setattr(pipeline, "build_site", _engine_must_not_run)
    monkeypatch.setattr(pipeline, "render_all", _no_rendering)
    assert cli.main(["build"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("nothing changed since the last build (MkDocs 1.6.1, Material")
    assert f"{settings.site_dir} is up to date; the site engine was not run" in out
    assert _tree(settings.site_dir) == site


@pytest.mark.parametrize("change", ["hand-written page", "mkdocs.yml", "engine", "data", "site edited", "site page gone"])
def test_build_runs_the_engine_when_anything_it_reads_changed(article_project, change):
    settings = article_project
    first = pipeline.build(settings, TODAY)
    assert first.built
    if change == "hand-written page":
        methodology = settings.docs_dir / "about" / "methodology.md"
        methodology.write_text(methodology.read_text() + "\nRewritten.\n")
    elif change == "mkdocs.yml":
        settings.mkdocs_yml.write_text(settings.mkdocs_yml.read_text().replace(
            "site_name: Video Model Guide", "site_name: Video Model Guide (internal)"))
    elif change == "engine":
        settings = dataclasses.replace(settings, engine_override="zensical")
    elif change == "data":
        model = settings.data_dir / "models" / "veo-3-1.yaml"
        model.write_text(model.read_text().replace("max_clip_seconds: 60", "max_clip_seconds: 61"))
    elif change == "site edited":
        (settings.site_dir / "index.html").write_text("edited by hand")
    else:
        for page in (settings.site_dir / "models" / "veo-3-1").iterdir():
            page.unlink()
    again = pipeline.build(settings, TODAY)
    assert again.built and again.engine.startswith("Zensical" if change == "engine" else "MkDocs")
    assert (again.pages.written != []) == (change == "data")
    if change == "hand-written page":
        assert "Rewritten." in (settings.site_dir / "about/methodology/index.html").read_text()
    if change == "mkdocs.yml":
        assert "Video Model Guide (internal)" in (settings.site_dir / "index.html").read_text()
    if change.startswith("site"):
        assert "Veo 3.1" in (settings.site_dir / "models/veo-3-1/index.html").read_text()
        assert "edited by hand" not in (settings.site_dir / "index.html").read_text()


def test_zensical_builds_the_site_and_reports_a_broken_link_with_its_place(article_project):
    settings = dataclasses.replace(article_project, engine_override="zensical")
    report = pipeline.build(settings, TODAY)
    assert report.engine == "Zensical 0.0.73"
    assert "Veo 3.1" in (settings.site_dir / "models/veo-3-1/index.html").read_text()
    before = _tree(settings.site_dir)
    (settings.docs_dir / "about" / "broken.md").write_text("# Broken\n\n[missing](nowhere.md)\n")
    with pytest.raises(BuildError) as failure:
        pipeline.build(settings, TODAY)
    message = str(failure.value)
    assert message.startswith("zensical build --strict failed; the previous site was kept:")
    assert "about/broken.md:3:11" in message and "page does not exist" in message
    assert "Traceback" not in message and "\x1b[" not in message
    assert _tree(settings.site_dir) == before


def test_zensical_not_installed_is_a_clear_error(article_project, monkeypatch):
    import importlib.metadata

    real = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version",
                        lambda name: (_ for _ in ()).throw(importlib.metadata.PackageNotFoundError(name))
                        if name == "zensical" else real(name))
    with pytest.raises(BuildError, match=r"Zensical is not installed: pip install -e '\.\[zensical\]'"):
        pipeline.build(dataclasses.replace(article_project, engine_override="zensical"), TODAY)
    assert not article_project.site_dir.exists()


def test_a_site_dir_inside_the_docs_or_data_is_refused(article_project):
    for inside in (article_project.docs_dir / "out", article_project.data_dir / "models" / "out"):
        with pytest.raises(WriteError, match=f"refusing to build the site into {inside}: it is inside "):
            pipeline.build(dataclasses.replace(article_project, site_dir=inside), TODAY)
        assert not inside.exists()


def test_a_broken_mkdocs_yml_is_a_located_error(article_project):
    article_project.mkdocs_yml.write_text(article_project.mkdocs_yml.read_text() + "foo: [unclosed\n")
    lines = article_project.mkdocs_yml.read_text().count("\n")
    for step in (pipeline.generate, pipeline.build):
        with pytest.raises(BuildError, match=rf"mkdocs.yml:{lines + 1}:1: not a valid MkDocs config: while parsing"):
            step(article_project, TODAY)


def test_check_reports_a_bad_engine_setting(article_project):
    from generator.settings import ConfigError

    (article_project.project_dir / "pyproject.toml").write_text('[tool.videoguide]\nengine = "hugo"\n')
    with pytest.raises(ConfigError, match="engine must be mkdocs or zensical, not 'hugo'"):
        pipeline.check(article_project)


def test_an_error_zensical_raises_is_reported_in_its_words():
    from generator.site.engine import _zensical_problems

    output = ("Build started\nNo issues found\nTraceback (most recent call last):\n  File \"x\", line 1\n"
              "RuntimeError: Search field 'text' at 'guide/paths/' exceeds the search index limit\n")
    assert _zensical_problems(output) == "  Search field 'text' at 'guide/paths/' exceeds the search index limit"
    assert _zensical_problems("Build started\n\x1b[33mWarning:\x1b[0m page does not exist\nTraceback (most recent "
                              "call last):\nRuntimeError: Aborted because --strict flag is set\n") == \
        "  Warning: page does not exist"


@pytest.mark.parametrize("entry", ["named pipe", "link to a device", "dangling link", "link to a folder", "folder"])
def test_any_new_entry_in_the_data_folder_changes_the_generation_key(tmp_path, entry):
    """A pipe or a link is no regular file, yet the next generate must see it (and report it)."""
    import os

    from generator.site.uptodate import tree_digest

    data = tmp_path / "data"
    (data / "models").mkdir(parents=True)
    (data / "models" / "a.yaml").write_text("id: a\n")
    before = tree_digest(data)
    target = data / "models" / "b.yaml"
    {"named pipe": lambda: os.mkfifo(target), "link to a device": lambda: target.symlink_to("/dev/zero"),
     "dangling link": lambda: target.symlink_to("gone.yaml"), "link to a folder": lambda: target.symlink_to(tmp_path),
     "folder": lambda: (target.mkdir(), (target / "c.yaml").write_text("id: c\n"))}[entry]()
    assert tree_digest(data) != before


def test_a_data_file_over_the_size_limit_is_not_read_for_the_key(tmp_path, monkeypatch):
    """An 8 GB sparse file: check refuses it after a byte past the limit; the key must not read
    it either (its size and modification time stand for it)."""
    from generator.facts.files import MAX_FILE_BYTES
    from generator.site import uptodate

    data = tmp_path / "data"
    data.mkdir()
    with open(data / "huge.yaml", "wb") as handle:
        handle.truncate(8 * 2**30)
    (data / "small.yaml").write_text("id: a\n")
    read = []
    real = hashlib.file_digest
    monkeypatch.setattr(hashlib, "file_digest", lambda handle, name: (read.append(Path(handle.name).name),
                                                                      real(handle, name))[1])
    first = uptodate.tree_digest(data, large=MAX_FILE_BYTES)
    assert read == ["small.yaml"]
    with open(data / "huge.yaml", "r+b") as handle:
        handle.truncate(8 * 2**30 + 1)
    assert uptodate.tree_digest(data, large=MAX_FILE_BYTES) != first
