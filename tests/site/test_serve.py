"""videoguide serve: a live preview that regenerates pages on data edits, without a rebuild loop."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from ..conftest import ARTICLE, copy_project

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(predicate, seconds: float = 60.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError("timed out")


def test_serve_regenerates_on_a_data_edit_and_rebuilds_once(tmp_path):
    settings = copy_project(tmp_path / "project", ARTICLE)
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--addr", f"127.0.0.1:{port}"],
            cwd=settings.project_dir, stdout=out, stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        try:
            url = f"http://127.0.0.1:{port}/models/veo-3-1/"
            assert "60 s" in _wait_for(lambda: _get(url))
            model = settings.data_dir / "models" / "veo-3-1.yaml"
            model.write_text(model.read_text().replace("max_clip_seconds: 60", "max_clip_seconds: 75"))
            _wait_for(lambda: "75 s" in (_get(url) or ""))
            builds = len(re.findall("Building documentation", log.read_text()))
            time.sleep(4)  # a loop would keep rebuilding while we wait
            assert len(re.findall("Building documentation", log.read_text())) == builds
            assert log.read_text().count("videoguide: data changed; ") == 1  # reading data is not an edit
            model.write_text(model.read_text().replace("vendor: google", "vendor: gogle"))
            _wait_for(lambda: "data has problems; pages left as they were" in log.read_text())
            assert "unknown vendor 'gogle'; did you mean 'google'? (vendors are defined in vendors.yaml)" in log.read_text()
            assert "75 s" in _get(url)
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    # SIGTERM stopped the MkDocs child too: the port is free again.
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", port))


def test_serve_on_a_busy_port_is_a_clear_error(tmp_path, capsys, monkeypatch):
    from generator.cli import main

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        settings = copy_project(tmp_path / "project", ARTICLE)
        monkeypatch.chdir(settings.project_dir)
        assert main(["serve", "--addr", f"127.0.0.1:{port}"]) == 1
    assert capsys.readouterr().err == f"error: cannot serve on 127.0.0.1:{port}: Address already in use\n"


def test_serve_address_must_be_host_and_port(capsys):
    from generator.cli import main

    assert main(["serve", "--addr", "bogus"]) == 2
    assert "expected HOST:PORT with a port from 1 to 65535, got 'bogus'" in capsys.readouterr().err
