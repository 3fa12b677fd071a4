"""A disk that refuses: a file where a folder goes, a folder that cannot be made, a disk that
fills up half-way. Each is one clear message naming the path and the reason, never a
traceback, and the next run after the cause is fixed does the whole job."""

from __future__ import annotations

import errno
import json
import os
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


@pytest.mark.parametrize("entry", ["/tmp/victim", "../outside.txt", "models/../../outside.txt", ""])
def test_a_manifest_naming_a_path_outside_the_docs_folder_deletes_nothing(article_project, entry):
    """The manifest lists what generate may replace and delete; a crafted one must not reach out."""
    pipeline.generate(article_project, TODAY)
    outside = article_project.project_dir / "outside.txt"
    outside.write_text("keep\n")
    manifest = article_project.docs_dir / write.MANIFEST
    data = json.loads(manifest.read_text())
    data["generated"].append(entry)
    data["inputs"] = None
    manifest.write_text(json.dumps(data))
    with pytest.raises(write.WriteError) as exc:
        pipeline.generate(article_project, TODAY)
    assert str(exc.value) == (f"{manifest} is damaged ({entry!r} is not a path inside the docs folder); delete it "
                              "and the generated folders, then retry")
    assert outside.read_text() == "keep\n"


@pytest.mark.parametrize(("make", "why"), [
    (lambda p: p.symlink_to("/dev/zero"), ": not read: a character device, not a regular file"),
    (lambda p: os.mkfifo(p), ": not read: a named pipe, not a regular file"),
    (lambda p: p.mkdir(), ": not read: a folder, not a regular file"),
    (lambda p: p.write_text("[" * 100_000), " is damaged (maximum recursion depth exceeded while decoding a JSON array "
                                            "from a unicode string)"),
], ids=["link-to-dev-zero", "fifo", "folder", "deep"])
def test_a_manifest_that_is_no_manifest_is_one_clear_error(article_project, make, why):
    article_project.docs_dir.mkdir(parents=True, exist_ok=True)
    manifest = article_project.docs_dir / write.MANIFEST
    make(manifest)
    with pytest.raises(write.WriteError) as exc:
        pipeline.generate(article_project, TODAY)
    assert str(exc.value) == f"{manifest}{why}; delete it and the generated folders, then retry"


def test_a_device_linked_into_the_docs_is_refused_before_copying(article_project):
    """A link to /dev/zero among the docs filled the disk while the docs were staged."""
    pipeline.generate(article_project, TODAY)
    zero = article_project.docs_dir / "assets" / "zero.png"
    zero.symlink_to("/dev/zero")
    with pytest.raises(write.WriteError) as exc:
        pipeline.build(article_project, TODAY)
    assert str(exc.value) == (f"cannot build from {zero}, a link to /dev/zero: not a regular file (a site holds files "
                              "and folders only); delete it or replace it with a copy of the file")
    assert not article_project.site_dir.exists()
    assert not [p for p in article_project.project_dir.iterdir() if p.name.startswith(".videoguide-")]


@pytest.mark.parametrize("docs", ["data", "data/models/pages", ".", "generator"])
def test_generated_pages_never_go_into_the_data_the_project_or_the_generator(article_project, monkeypatch, capsys,
                                                                           docs):
    monkeypatch.chdir(article_project.project_dir)
    target = (article_project.project_dir / docs) if docs != "generator" else Path(pipeline.PACKAGE_DIR)
    before = sorted(article_project.data_dir.rglob("*"))
    assert main(["generate", "--data", "data", "--docs", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: refusing to write the generated pages into {target.resolve()}: "), err
    assert sorted(article_project.data_dir.rglob("*")) == before


def test_a_lock_file_that_is_a_link_is_refused_and_its_target_kept(article_project, monkeypatch, capsys):
    monkeypatch.chdir(article_project.project_dir)
    precious = article_project.project_dir / "precious.txt"
    precious.write_text("keep\n")
    (article_project.project_dir / ".videoguide.lock").symlink_to(precious)
    assert main(["generate", "--data", "data"]) == 1
    assert capsys.readouterr().err == (f"error: cannot take the project's lock {article_project.project_dir}/"
                                       ".videoguide.lock: it is a link; delete it\n")
    assert precious.read_text() == "keep\n"


def test_a_generated_folder_that_links_out_of_the_docs_is_not_written_through(article_project, tmp_path):
    pipeline.generate(article_project, TODAY)
    outside = tmp_path / "outside"
    compare = article_project.docs_dir / "compare"
    compare.rename(outside)
    compare.symlink_to(outside)
    (outside / "index.md").write_text("mine\n")
    with pytest.raises(write.WriteError) as exc:
        pipeline.generate(article_project, TODAY)
    assert str(exc.value) == (f"refusing to write {compare}/index.md: {compare} links out of "
                              f"{article_project.docs_dir}; replace the link with a folder")
    assert (outside / "index.md").read_text() == "mine\n"


def test_a_lock_file_hard_linked_to_another_file_is_refused(article_project, monkeypatch, capsys):
    monkeypatch.chdir(article_project.project_dir)
    precious = article_project.project_dir / "precious.txt"
    precious.write_text("keep\n")
    os.link(precious, article_project.project_dir / ".videoguide.lock")
    assert main(["generate", "--data", "data"]) == 1
    assert capsys.readouterr().err == (f"error: cannot take the project's lock {article_project.project_dir}/"
                                       ".videoguide.lock: it is a hard link to another file; delete it\n")
    assert precious.read_text() == "keep\n"
