"""generate and build end to end on a throwaway project: atomic output, stale pages removed."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import pytest

from generator import pipeline
from generator.facts.errors import DataError
from generator.site.engine import BuildError
from generator.site.write import WriteError

from .conftest import TODAY


def _tree(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_generate_writes_pages_and_vendor_assets(article_project):
    report = pipeline.generate(article_project, TODAY)
    docs = article_project.docs_dir
    assert "models/veo-3-1.md" in report.written
    assert (docs / "assets/vendor/tablesort.min.js").read_bytes().startswith(b"/*!\n * tablesort v5.6.0")
    assert "Tristen Brown" in (docs / "assets/vendor/tablesort.LICENCE.txt").read_text()
    assert (docs / "about/editing.md").exists()  # hand-written pages stay
    again = pipeline.generate(article_project, TODAY)
    assert again.written == [] and "models/veo-3-1.md" in again.unchanged


def test_bad_data_leaves_pages_and_site_untouched(article_project):
    pipeline.build(article_project, TODAY)
    before_docs, before_site = _tree(article_project.docs_dir), _tree(article_project.site_dir)
    model = article_project.data_dir / "models" / "veo-3-1.yaml"
    model.write_text(model.read_text().replace("vendor: google", "vendor: gogle"))
    with pytest.raises(DataError):
        pipeline.build(article_project, TODAY)
    assert _tree(article_project.docs_dir) == before_docs
    assert _tree(article_project.site_dir) == before_site


def test_a_failing_mkdocs_build_leaves_pages_and_site_untouched(article_project):
    pipeline.build(article_project, TODAY)
    before_site = _tree(article_project.site_dir)
    # A data change that would change generated pages, plus a hand-written page with a
    # broken link that makes the strict build fail.
    model = article_project.data_dir / "models" / "veo-3-1.yaml"
    model.write_text(model.read_text().replace("max_clip_seconds: 60", "max_clip_seconds: 61"))
    broken = article_project.docs_dir / "about" / "broken.md"
    broken.write_text("# Broken\n\n[missing](nowhere.md)\n")
    before_docs = _tree(article_project.docs_dir)
    with pytest.raises(BuildError, match="nowhere.md"):
        pipeline.build(article_project, TODAY)
    assert _tree(article_project.docs_dir) == before_docs
    assert _tree(article_project.site_dir) == before_site
    assert not [p for p in article_project.project_dir.iterdir() if p.name.startswith(".videoguide-")]


def test_a_removed_model_disappears_from_pages_and_site(article_project):
    pipeline.build(article_project, TODAY)
    assert (article_project.site_dir / "models/sora-2-pro/index.html").exists()
    data = article_project.data_dir
    (data / "models" / "sora-2-pro.yaml").unlink()
    (data / "comparisons.yaml").write_text("pairs: []\n")
    report = pipeline.build(article_project, TODAY).pages
    assert "models/sora-2-pro.md" in report.removed
    assert "compare/veo-3-1-vs-sora-2-pro.md" in report.removed
    assert not (article_project.docs_dir / "models/sora-2-pro.md").exists()
    assert not (article_project.site_dir / "models/sora-2-pro").exists()
    assert (article_project.site_dir / "models/veo-3-1/index.html").exists()


def test_the_site_dir_must_be_empty_or_a_previous_site(article_project):
    other = article_project.project_dir / "other"
    other.mkdir()
    (other / "important.txt").write_text("keep me")
    settings = type(article_project)(article_project.project_dir, article_project.data_dir,
                                     article_project.docs_dir, other)
    with pytest.raises(WriteError) as exc:
        pipeline.build(settings, TODAY)
    assert str(exc.value) == (f"refusing to replace {other.resolve()}: it is not empty and not a site built by "
                              "videoguide (no .videoguide-site in it); delete it yourself, or choose another --site-dir")
    assert (other / "important.txt").read_text() == "keep me"
    pipeline.build(article_project, TODAY)  # a fresh site, then a rebuild over it
    pipeline.build(article_project, TODAY)
    assert (article_project.site_dir / ".videoguide-site").exists()


@pytest.mark.parametrize("target", ["data", ".", ".."])
def test_the_site_dir_cannot_hold_the_project(article_project, target):
    site = (article_project.project_dir / target).resolve()
    settings = type(article_project)(article_project.project_dir, article_project.data_dir,
                                     article_project.docs_dir, site)
    with pytest.raises(WriteError, match="refusing to build the site into"):
        pipeline.build(settings, TODAY)
    assert (article_project.data_dir / "sources.yaml").exists()


@pytest.mark.parametrize("inside", ["docs/out", "data/models/out", "generator/out", "generator"])
def test_the_site_dir_cannot_lie_in_what_the_build_reads(article_project, inside):
    """``--site-dir docs/out`` once copied the scratch folder into itself; inside the data it
    built, then check reported every file as not read; inside the generator's own package it
    changed the code the no-op check hashes."""
    from generator.site.uptodate import PACKAGE_DIR

    root = PACKAGE_DIR if inside.startswith("generator") else article_project.project_dir
    site = root / inside.removeprefix("generator").lstrip("/") if inside.startswith("generator") else root / inside
    settings = type(article_project)(article_project.project_dir, article_project.data_dir,
                                     article_project.docs_dir, site)
    with pytest.raises(WriteError) as exc:
        pipeline.build(settings, TODAY)
    assert str(exc.value).startswith("refusing to ")
    assert str(site.resolve()) in str(exc.value)
    assert not site.exists() or site == PACKAGE_DIR


def test_no_generated_page_is_committed():
    """A fresh clone must build: generated pages are git-ignored, never tracked."""
    import subprocess

    from generator.pages.render import GENERATED_MARKER

    from .conftest import ROOT

    tracked = subprocess.run(["git", "ls-files", "docs"], cwd=ROOT, capture_output=True, text=True, check=True)
    generated = [name for name in tracked.stdout.split()
                 if name.endswith(".md") and GENERATED_MARKER in (ROOT / name).read_text(encoding="utf-8")]
    assert generated == []


def _edit_a_model(settings) -> None:  # noqa: ANN001
    model = settings.data_dir / "models" / "veo-3-1.yaml"
    model.write_text(model.read_text(encoding="utf-8").replace("name: Veo 3.1", "name: Veo 3.1 edited", 1),
                     encoding="utf-8")


def _hidden(settings) -> list[str]:  # noqa: ANN001
    return sorted(p.name for p in settings.site_dir.parent.iterdir() if p.name.startswith("."))


def test_a_site_that_cannot_be_moved_aside_leaves_docs_and_site_as_they_were(article_project, monkeypatch):
    """The old site moves first: when it cannot (a read-only or immutable folder), the new
    pages are not written either, and the message says so."""
    import os

    settings = article_project
    pipeline.build(settings, TODAY)
    hidden = _hidden(settings)
    _edit_a_model(settings)
    docs, site = _tree(settings.docs_dir), _tree(settings.site_dir)
    real = os.replace

    def refuse_site(src, dst):  # noqa: ANN001
        if Path(src) == settings.site_dir:
            raise PermissionError(13, "Permission denied")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", refuse_site)
    with pytest.raises(WriteError) as exc:
        pipeline.build(settings, TODAY)
    assert str(exc.value) == (f"cannot replace {settings.site_dir}: moving it aside failed (Permission denied); "
                              "nothing was changed")
    assert (_tree(settings.docs_dir), _tree(settings.site_dir), _hidden(settings)) == (docs, site, hidden)


def test_a_failure_while_writing_the_pages_puts_the_old_site_back(article_project, monkeypatch):
    settings = article_project
    pipeline.build(settings, TODAY)
    hidden = _hidden(settings)
    _edit_a_model(settings)
    site = _tree(settings.site_dir)
    real = pipeline.write_outputs

    def write(docs, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
        if docs == settings.docs_dir:
            raise OSError(28, "No space left on device")
        return real(docs, *args, **kwargs)

    monkeypatch.setattr(pipeline, "write_outputs", write)
    with pytest.raises(OSError, match="No space left"):
        pipeline.build(settings, TODAY)
    assert (_tree(settings.site_dir), _hidden(settings)) == (site, hidden)


def test_an_old_site_that_cannot_be_deleted_is_git_ignored_and_removed_next_time(article_project, monkeypatch):
    import shutil
    import subprocess

    settings = article_project
    pipeline.build(settings, TODAY)
    real = shutil.rmtree
    monkeypatch.setattr(shutil, "rmtree", lambda *a, **k: None)  # an immutable file: nothing goes
    _edit_a_model(settings)
    pipeline.build(settings, TODAY)
    [left] = [p for p in settings.site_dir.parent.iterdir() if p.name.startswith(f".{settings.site_dir.name}-old-")]
    root = Path(__file__).resolve().parent.parent
    ignored = subprocess.run(["git", "check-ignore", "--no-index", "-q", f"{left.name}/index.html"], cwd=root)
    assert ignored.returncode == 0, f"{left.name} is not git-ignored"
    monkeypatch.setattr(shutil, "rmtree", real)
    _edit_a_model(settings)
    pipeline.build(settings, TODAY)
    assert not left.exists()


def test_a_site_dir_that_is_a_file_says_so(article_project):
    target = article_project.project_dir / "README.md"
    target.write_text("# a file\n")
    settings = dataclasses.replace(article_project, site_dir=target)
    with pytest.raises(WriteError) as exc:
        pipeline.build(settings, TODAY)
    assert str(exc.value) == f"refusing to build the site into {target}: it is a file, not a folder; choose another --site-dir"


def test_fewer_collections_restores_the_collector_even_on_failure():
    import gc

    before = gc.get_threshold()
    with pytest.raises(RuntimeError):
        with pipeline.fewer_collections():
            assert gc.get_threshold() == pipeline.GC_THRESHOLDS
            raise RuntimeError("boom")
    assert gc.get_threshold() == before
    with pipeline.fewer_collections(collect=False, thresholds=pipeline.NO_COLLECTIONS):
        assert gc.get_threshold() == (0, *before[1:])  # no automatic collection
    assert gc.get_threshold() == before


_CYCLES = """
import datetime, gc, sys
from generator import pipeline
from generator.settings import Settings
gc.set_debug(gc.DEBUG_SAVEALL)  # what the collector finds is kept in gc.garbage, not freed
files = pipeline.render_all(Settings.from_cwd(), datetime.date.fromisoformat(sys.argv[1]))
gc.collect()
held = {"Dataset", "Catalog", "AsOf", "ModelState", "Page", "ModelContext"}
print(len(files), sorted({type(o).__name__ for o in gc.garbage} & held))
"""


def test_the_pages_data_is_freed_as_soon_as_it_is_done_with():
    """No reference cycle holds the dataset, the view or a page: they are freed when rendering
    ends, not by a collection over all of them (matplotlib's import once left its exceptions'
    frames, and with them every caller's locals, in cycles; so did macros imported with the
    page's context). A fresh interpreter, so that nothing is imported beforehand."""
    import subprocess
    import sys

    from .conftest import ROOT

    done = subprocess.run([sys.executable, "-c", _CYCLES, TODAY.isoformat()], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, check=True)
    count, held = done.stdout.split(" ", 1)
    assert int(count) > 100 and held.strip() == "[]"
