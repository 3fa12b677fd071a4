"""A disk that refuses: a file where a folder goes, a folder that cannot be made, a disk that
fills up half-way. Each is one clear message naming the path and the reason, never a
traceback, and the next run after the cause is fixed does the whole job."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from generator import pipeline
from generator.cli import main
from generator.site import write

from ..conftest import TODAY


def test_a_docs_folder_that_is_a_file_is_a_clear_error(article_project, monkeypatch, capsys):
    monkeypatch.chdir(article_project.project_dir)
    (article_project.project_dir / "afile").write_text("not a folder\n")
    assert main(["generate", "--data", "data", "--docs", "afile"]) == 1
    docs = article_project.project_dir / "afile"
    assert capsys.readouterr().err == f"error: cannot write the generated pages into {docs}: it is a file, not a folder\n"
    assert docs.read_text() == "not a folder\n"


def test_a_file_where_a_generated_folder_goes_is_a_clear_error(article_project):
    pipeline.generate(article_project, TODAY)
    vendor = article_project.docs_dir / "assets" / "vendor"
    for path in vendor.iterdir():
        path.unlink()
    vendor.rmdir()
    vendor.write_text("in the way\n")
    with pytest.raises(write.WriteError) as exc:
        pipeline.generate(article_project, TODAY)
    assert str(exc.value) == (f"cannot write the generated pages into {article_project.docs_dir} ({vendor}: a file is "
                              "where a folder goes); nothing was changed")


def test_a_site_folder_that_cannot_be_made_is_a_clear_error(article_project, monkeypatch, capsys):
    monkeypatch.chdir(article_project.project_dir)
    assert main(["build", "--data", "data", "--site-dir", "/proc/nowhere/site"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: cannot make a scratch folder in /proc/nowhere (/proc/nowhere: "), err
    assert "Traceback" not in err and not article_project.docs_dir.joinpath(write.MANIFEST).exists()


def test_a_disk_that_fills_up_while_writing_says_so_and_the_next_run_recovers(article_project, monkeypatch):
    pipeline.generate(article_project, TODAY)
    veo = article_project.data_dir / "models" / "veo-3-1.yaml"
    veo.write_text(veo.read_text().replace("name: Veo 3.1\n", "name: Veo 3.1 Renamed\n"))
    new = article_project.data_dir / "models" / "veo-3-1-copy.yaml"  # a page that did not exist
    new.write_text(veo.read_text().replace("id: veo-3-1\n", "id: veo-3-1-copy\n").replace("name: Veo 3.1 Renamed", "name: Copy"))
    real, calls = write._atomic_write, []

    def full_after_the_new_page(target: Path, data: bytes) -> None:
        if new.with_suffix(".md").name in [c.name for c in calls]:
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        calls.append(target)
        real(target, data)

    monkeypatch.setattr(write, "_atomic_write", full_after_the_new_page)
    with pytest.raises(write.WriteError) as exc:
        pipeline.generate(article_project, TODAY)
    assert calls[0].name == write.MANIFEST  # listing the new page before it exists
    failed = article_project.docs_dir / "models" / "veo-3-1-fast.md"  # the next in order
    assert str(exc.value) == (f"cannot write the generated pages into {article_project.docs_dir} ({failed}: No "
                              f"space left on device); the pages are partly updated ({len(calls) - 1} written, 0 removed): run the "
                              "command again once the cause is fixed")
    monkeypatch.setattr(write, "_atomic_write", real)
    again = pipeline.generate(article_project, TODAY)  # no "refusing to overwrite hand-written file(s)"
    assert "models/veo-3-1-copy.md" in again.unchanged and "models/veo-3-1-fast.md" in again.written
    assert "Veo 3.1 Renamed" in (article_project.docs_dir / "models" / "veo-3-1.md").read_text()
    assert pipeline.generate(article_project, TODAY).skipped
