"""``videoguide sources check`` and ``sources accept`` against a fake site on 127.0.0.1.

The project is a copy of the real data with a few sources' URLs pointed at the fake; each
test checks only those (``--only``), so nothing leaves the machine."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator import pipeline
from generator.cli import main
from generator.settings import Settings
from generator.touch_commands import UNDATED

from ..conftest import ROOT
from .fake_site import FakeSite, html

LOOPBACK = ["--allow-private", "127.0.0.1/32"]
WATCHED = ("fal-veo-3-1", "google-gemini-changelog", "google-vertex-veo-2", "google-cookbook-veo")


@pytest.fixture
def site():
    fake = FakeSite()
    yield fake
    fake.close()


@pytest.fixture
def project(tmp_path: Path, site: FakeSite, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The real data with the sources of WATCHED at ``{site}/<id>``; fast settings."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text())
    (tmp_path / "pyproject.toml").write_text(
        "[tool.videoguide.sources]\ndelay_seconds = 0\ntimeout_seconds = 5\nmax_bytes = 4096\n")
    sources = tmp_path / "data" / "sources.yaml"
    text = sources.read_text()
    for sid in WATCHED:
        text, count = re.subn(rf"(- id: {sid}\n(?:    (?!url:).*\n)*)    url: \S+", rf"\g<1>    url: {site.url}/{sid}", text)
        assert count == 1, sid
    sources.write_text(text)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    return tmp_path


def run(capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str, str]:
    code = main(["sources", *args])
    out, err = capsys.readouterr()
    return code, out, err


def check(capsys: pytest.CaptureFixture, *ids: str, extra: tuple[str, ...] = ()) -> tuple[int, str, str]:
    return run(capsys, "check", *LOOPBACK, *(a for sid in ids for a in ("--only", sid)), *extra)


def state(project: Path, sid: str) -> dict:
    records = yaml.safe_load((project / "data" / "source-state.yaml").read_text())["sources"]
    return next(r for r in records if r["id"] == sid)


def offer_lines(sid: str) -> list[str]:
    """``data/models/veo-3-1.yaml:LINE:5: offers[I]: checked …`` for each offer citing ``sid``,
    read straight from the YAML text (one offer per line there)."""
    lines = (ROOT / "data" / "models" / "veo-3-1.yaml").read_text().splitlines()
    start = lines.index("offers:")
    return [f"data/models/veo-3-1.yaml:{n + 1}:5: offers[{n - start - 1}]: checked "
            + re.search(r"as_of: (\S+?)[,}]", line).group(1)
            for n, line in enumerate(lines) if n > start and f"source: {sid}," in line]


def versioned(main_text: str, etag: str):
    """An answer with an ETag that says 304 to a request that sends it back."""
    def answer(headers: dict) -> tuple[int, dict, bytes]:
        if headers.get("If-None-Match") == etag:
            return 304, {"ETag": etag, "Content-Length": "0"}, b""
        return 200, {"ETag": etag}, html(main_text)
    return answer


def test_a_source_is_new_until_accepted_then_unchanged_by_304_and_by_the_same_text(project, site, capsys):
    site.pages["/fal-veo-3-1"] = [versioned("<h1>Veo 3.1</h1><p>$0.20 per second</p>", '"v1"')]
    site.pages["/google-gemini-changelog"] = [lambda h: (200, {}, html("<p>Veo 3.1 is out</p>"))]
    code, out, err = check(capsys, "fal-veo-3-1", "google-gemini-changelog")
    assert (code, err) == (1, "")
    assert out.startswith("Checked 2 source(s) on ")
    assert "2 new." in out.splitlines()[0]
    assert "new: fal-veo-3-1 (fal.ai model page fal-ai/veo3.1)" in out
    assert "then videoguide sources accept fal-veo-3-1" in out
    assert state(project, "fal-veo-3-1")["etag"] == '"v1"' and "accepted" not in state(project, "fal-veo-3-1")
    assert "changed" not in state(project, "fal-veo-3-1")  # a first fetch is no change

    code, out, _ = run(capsys, "accept", "fal-veo-3-1", "google-gemini-changelog")
    assert code == 0
    assert out.startswith("fal-veo-3-1: accepted the text of ")
    recorded = state(project, "fal-veo-3-1")
    assert recorded["accepted_hash"] == recorded["content_hash"]

    code, out, _ = check(capsys, "fal-veo-3-1", "google-gemini-changelog")
    assert code == 0, out
    assert "2 unchanged." in out
    sent = [h for _, path, h in site.requests if path == "/fal-veo-3-1"]
    assert sent[-1].get("If-None-Match") == '"v1"'  # and the fake said 304
    assert all(h["User-Agent"].startswith("videoguide-sources/") for _, _, h in site.requests)


def test_a_changed_page_lists_what_changed_and_every_fact_citing_it(project, site, capsys):
    site.pages["/fal-veo-3-1"] = [(200, {}, html("<p>Veo 3.1</p><p>$0.20 per second</p>"))]
    check(capsys, "fal-veo-3-1")
    run(capsys, "accept", "fal-veo-3-1")
    site.pages["/fal-veo-3-1"] = [(200, {}, html("<p>Veo 3.1</p><p>$0.25 per second</p>"))]
    code, out, err = check(capsys, "fal-veo-3-1")
    assert (code, err) == (1, "")
    assert "changed: fal-veo-3-1 (fal.ai model page fal-ai/veo3.1)" in out
    assert state(project, "fal-veo-3-1")["changed"] == dt.date.today().isoformat()
    assert "    - $0.20 per second\n    + $0.25 per second\n" in out
    expected = offer_lines("fal-veo-3-1")
    assert len(expected) == 4
    assert f"  4 fact(s) cite it:\n" + "".join(f"    {line}\n" for line in expected) in out + "\n"

    code, out, _ = check(capsys, "fal-veo-3-1", extra=("--format", "markdown", "--no-record"))
    assert code == 1
    assert "### Changed since the facts were checked (1)" in out
    assert "```diff\n- $0.20 per second\n+ $0.25 per second\n```" in out
    assert f"- ` {expected[0]} `" in out


def test_only_the_texts_a_record_names_are_kept(project, site, capsys):
    snapshots = project / ".cache" / "sources"
    texts = lambda: sorted(p.name for p in snapshots.iterdir())  # noqa: E731
    site.pages["/fal-veo-3-1"] = [(200, {}, html("<p>one</p>"))]
    check(capsys, "fal-veo-3-1")
    run(capsys, "accept", "fal-veo-3-1")
    (snapshots / "notes.txt").write_text("an editor's file")
    for text in ("two", "three"):
        site.pages["/fal-veo-3-1"] = [(200, {}, html(f"<p>{text}</p>"))]
        check(capsys, "fal-veo-3-1")
    record = state(project, "fal-veo-3-1")
    assert texts() == sorted([f"{record['accepted_hash']}.txt", f"{record['content_hash']}.txt", "notes.txt"])
    run(capsys, "accept", "fal-veo-3-1")
    assert texts() == [f"{record['content_hash']}.txt", "notes.txt"]
    assert (snapshots / f"{record['content_hash']}.txt").read_text() == "three\n"


def test_touch_facts_asks_about_each_fact_and_moves_only_the_confirmed_ones(project, site, capsys, monkeypatch):
    site.pages["/fal-veo-3-1"] = [(200, {}, html("<p>Veo 3.1</p><p>$0.20 per second</p>"))]
    check(capsys, "fal-veo-3-1")
    model = project / "data" / "models" / "veo-3-1.yaml"
    before = model.read_text().splitlines()
    expected = offer_lines("fal-veo-3-1")
    monkeypatch.setattr("sys.stdin", io.StringIO("y\nn\nq\n"))  # yes, no, stop: the fourth is not asked
    code, out, err = run(capsys, "accept", "fal-veo-3-1", "--touch-facts")
    today = dt.date.today().isoformat()
    assert (code, err) == (1, "")
    asked = [f"{line}{UNDATED}. Re-checked against the page: move its as_of to today? [y/N/q] \n" for line in expected]
    assert out == "".join(asked[:3]) + (
        f"moved as_of to {today} for 1 fact(s) you confirmed\nstopped: the facts not asked about are left as they are\n"
        "fal-veo-3-1: not accepted; run the same command again to go on (the facts moved today are not asked about "
        "again)\n")
    after = model.read_text().splitlines()
    rows = [int(line.split(":")[1]) - 1 for line in expected]
    assert after[rows[0]] == before[rows[0]].replace("as_of: 2026-11-29", f"as_of: {today}")
    assert [i for i, (a, b) in enumerate(zip(before, after)) if a != b] == [rows[0]]
    assert "accepted" not in state(project, "fal-veo-3-1")

    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # no terminal, no answers: nothing moves, nothing accepted
    code, out, _ = run(capsys, "accept", "fal-veo-3-1", "--touch-facts")
    assert code == 1 and f"moved as_of to {today} for 0 fact(s)" in out and model.read_text().splitlines() == after
    assert "accepted" not in state(project, "fal-veo-3-1")

    monkeypatch.setattr("sys.stdin", io.StringIO("n\nn\nn\n"))  # the rest, asked once each: now accepted
    code, out, _ = run(capsys, "accept", "fal-veo-3-1", "--touch-facts")
    assert code == 0 and out.startswith("".join(asked[1:]) + "fal-veo-3-1: accepted the text of ")
    assert state(project, "fal-veo-3-1")["accepted"] == today and model.read_text().splitlines() == after


def test_accept_refuses_a_source_whose_last_fetch_failed(project, site, capsys):
    site.pages["/fal-veo-3-1"] = [(200, {}, html("<p>Veo 3.1</p>")), (404, {}, b"")]
    check(capsys, "fal-veo-3-1")
    check(capsys, "fal-veo-3-1")
    before = (project / "data" / "source-state.yaml").read_text()
    code, out, err = run(capsys, "accept", "fal-veo-3-1")
    assert (code, out) == (2, "")
    assert "fal-veo-3-1: its last fetch" in err and "HTTP 404" in err and "Traceback" not in err
    assert (project / "data" / "source-state.yaml").read_text() == before


def test_touch_facts_leaves_a_superseded_price_and_warns_only_for_an_undated_one(project, site, capsys, monkeypatch):
    site.pages["/fal-veo-3-1"] = [(200, {}, html("<p>Veo 3.1</p><p>$0.20 per second</p>"))]
    check(capsys, "fal-veo-3-1")
    model = project / "data" / "models" / "veo-3-1.yaml"
    current = '  - {platform: fal, resolution: 1080p, audio: false, price_per_second: "0.20", source: fal-veo-3-1, as_of'
    old = ('  - {platform: fal, resolution: 1080p, audio: false, price_per_second: "0.25", effective_from: 2026-06-01, '
           'source: fal-veo-3-1, as_of: 2026-10-01}\n')
    model.write_text(model.read_text().replace(current, old + current.replace("source:", "effective_from: 2026-11-01, source:")))
    monkeypatch.setattr("sys.stdin", io.StringIO("y\ny\ny\ny\n"))
    code, out, err = run(capsys, "accept", "fal-veo-3-1", "--touch-facts")
    today = dt.date.today().isoformat()
    assert (code, err) == (0, "")
    questions = out.split("[y/N/q] ")[:-1]
    assert len(questions) == 4 and UNDATED not in questions[0] and all(UNDATED in q for q in questions[1:])
    superseded = next(n for n, line in enumerate(model.read_text().splitlines(), 1) if '"0.25"' in line)
    assert (f"data/models/veo-3-1.yaml:{superseded}:5: offers[3]: a superseded price entry (history); left as it is"
            in out.splitlines())
    assert f"moved as_of to {today} for 4 fact(s) you confirmed" in out
    assert "as_of: 2026-10-01}" in model.read_text() and model.read_text().count(f"as_of: {today}") == 4


def test_a_redirect_elsewhere_than_http_or_with_credentials_is_refused_and_never_recorded(project, site, capsys):
    site.pages["/fal-veo-3-1"] = [(301, {"Location": "ftp://127.0.0.1/x"}, b"")]
    site.pages["/google-gemini-changelog"] = [(301, {"Location": site.url.replace("://", "://bob:secretpw@") + "/a"},
                                               b"")]
    site.pages["/a"] = [(200, {}, html("<p>Log</p>"))]
    code, out, err = check(capsys, "fal-veo-3-1", "google-gemini-changelog")
    assert code == 1 and "Traceback" not in err
    assert "unreachable" in out and "not an http(s) address (ftp:…)" in out
    recorded = (project / "data" / "source-state.yaml").read_text()
    assert "secretpw" not in recorded + out + err and "bob" not in recorded + out
    assert state(project, "google-gemini-changelog")["moved_to"] == f"{site.url}/a"


def test_a_permanent_redirect_is_a_move_and_names_where_to_write_the_new_address(project, site, capsys):
    site.pages["/fal-veo-3-1"] = [(301, {"Location": "/moved-once"}, b"")]
    site.pages["/moved-once"] = [(308, {"Location": f"{site.url}/veo-now"}, b"")]
    site.pages["/veo-now"] = [(200, {}, html("<p>Veo</p>"))]
    site.pages["/google-gemini-changelog"] = [(301, {"Location": "/log"}, b"")]
    site.pages["/log"] = [(302, {"Location": "/log-today"}, b"")]
    site.pages["/log-today"] = [(200, {}, html("<p>Log</p>"))]
    code, out, _ = check(capsys, "fal-veo-3-1", "google-gemini-changelog")
    assert code == 1
    lines = (project / "data" / "sources.yaml").read_text().splitlines()
    line = next(n + 1 for n, text in enumerate(lines) if text == f"    url: {site.url}/fal-veo-3-1")
    index = [text.startswith("  - id: ") for text in lines[:line]].count(True) - 1
    assert (f"  data/sources.yaml:{line}:10: sources[{index}].url: moved permanently to {site.url}/veo-now: write that "
            "as its url (and this one as previous_url)") in out
    assert f"moved permanently to {site.url}/log: " in out  # the 302 after it is not part of the move
    assert state(project, "google-gemini-changelog")["final_url"] == f"{site.url}/log-today"


@pytest.mark.parametrize(("answer", "said"), [
    ((410, {}, b"gone"), "gone: fal-veo-3-1"),
    ((404, {}, b"no"), "the page is gone (HTTP 404)"),
    ((503, {}, b"busy"), "could not be read: HTTP 503"),
    ((200, {}, b"x" * 10_000), "could not be read: the page is larger than 4,096 bytes (10,000 declared); not read"),
    ((301, {"Location": "http://10.1.2.3/veo"}, b""),
     "could not be read: 10.1.2.3 resolves to 10.1.2.3, a private or reserved address; not fetched"),
    ((302, {"Location": "http://127.0.0.2:9/veo"}, b""),
     "could not be read: 127.0.0.2 resolves to 127.0.0.2, a private or reserved address; not fetched"),
    ((301, {"Location": "/fal-veo-3-1#top"}, b""), "could not be read: redirects to itself ("),
    ((302, {"Location": "/loop-b"}, b""), "could not be read: redirects in a loop: "),
])
def test_a_source_that_cannot_be_read_says_why(project, site, capsys, answer, said):
    site.pages["/fal-veo-3-1"] = [answer]
    site.pages["/loop-b"] = [(307, {"Location": "/fal-veo-3-1"}, b"")]
    code, out, err = check(capsys, "fal-veo-3-1")
    assert (code, err) == (1, "")
    assert said in out
    assert "4 fact(s) cite it:" in out


def test_a_slow_page_times_out(project, site, capsys):
    settings = project / "pyproject.toml"
    settings.write_text(settings.read_text().replace("timeout_seconds = 5", "timeout_seconds = 1"))
    site.pages["/fal-veo-3-1"] = [(200, {}, html("<p>late</p>"))]
    site.slow["/fal-veo-3-1"] = 2.5
    code, out, _ = check(capsys, "fal-veo-3-1")
    assert code == 1
    assert "could not be read: timed out after 1 s" in out


def test_a_page_that_trickles_in_is_cut_off(project, site, capsys):
    settings = project / "pyproject.toml"
    settings.write_text(settings.read_text().replace("timeout_seconds = 5", "timeout_seconds = 1"))
    site.pages["/fal-veo-3-1"] = [(200, {}, html("<p>" + "slow " * 200 + "</p>"))]
    site.trickle["/fal-veo-3-1"] = 0.45  # each read within the timeout, the whole page not
    code, out, _ = check(capsys, "fal-veo-3-1")
    assert code == 1
    assert "could not be read: no complete answer within 3 s" in out


def test_waiting_for_a_turn_never_counts_against_the_timeout(project, site, capsys):
    settings = project / "pyproject.toml"
    settings.write_text(settings.read_text().replace("timeout_seconds = 5", "timeout_seconds = 1")
                        .replace("delay_seconds = 0", "delay_seconds = 1.6"))
    for sid in ("fal-veo-3-1", "google-gemini-changelog"):
        site.pages[f"/{sid}"] = [(200, {}, html(f"<p>{sid}</p>"))]
    code, out, _ = check(capsys, "fal-veo-3-1", "google-gemini-changelog")  # after robots.txt: at 1.6 s, 3.2 s
    assert "new: fal-veo-3-1" in out and "new: google-gemini-changelog" in out, out
    assert "unreachable" not in out


def test_robots_txt_is_honoured_and_a_server_error_there_stops_the_host(project, site, capsys):
    site.pages["/robots.txt"] = [(200, {"Content-Type": "text/plain"},
                                  b"User-agent: *\nDisallow: /fal-veo-3-1\nCrawl-delay: 0\n")]
    site.pages["/google-gemini-changelog"] = [(200, {}, html("<p>ok</p>"))]
    code, out, _ = check(capsys, "fal-veo-3-1", "google-gemini-changelog")
    assert code == 1
    assert "unreachable: fal-veo-3-1" in out and "robots.txt asks robots not to fetch this address" in out
    assert "new: google-gemini-changelog" in out
    assert "/fal-veo-3-1" not in site.paths() and site.paths().count("/robots.txt") == 1


def test_credentials_in_an_address_are_never_sent(project, site, capsys):
    sources = project / "data" / "sources.yaml"
    sources.write_text(sources.read_text().replace(f"{site.url}/fal-veo-3-1", site.url.replace("://", "://ed:pw@") + "/x"))
    code, out, err = check(capsys, "fal-veo-3-1")
    assert (code, out) == (1, "")  # refused by the data check, before any request
    assert "no user name or password" in err and "pw@" in err and site.requests == []


def test_an_unknown_source_is_a_usage_error(project, site, capsys):
    code, out, err = check(capsys, "fal-veo-3-2")
    assert (code, out) == (2, "")
    assert err.startswith("videoguide: error: not a watched source (one with a public url): fal-veo-3-2; did you mean")


def test_on_the_real_data_without_network_every_source_is_unreachable(tmp_path, capsys, monkeypatch):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.videoguide.sources]\nrequests = 32\nrequests_per_host = 8\n"
                                             "delay_seconds = 0\ntimeout_seconds = 2\n")
    monkeypatch.chdir(tmp_path)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):  # where names resolve, a dead proxy stands for no network
        monkeypatch.setenv(name, "http://127.0.0.1:9")
    monkeypatch.delenv("NO_PROXY", raising=False)
    code, out, err = run(capsys, "check")
    watched = [s for s in yaml.safe_load((ROOT / "data" / "sources.yaml").read_text())["sources"]
               if s.get("url") and not s.get("private")]
    assert (code, err) == (1, "")
    assert out.splitlines()[0].endswith(f": {len(watched)} unreachable.")
    assert out.count("\nunreachable: ") == len(watched)
    assert out.count("  could not be read: ") == len(watched)
    assert "Traceback" not in out
    pages = pipeline.render_all(Settings.from_cwd())  # the site never reads this as "nothing waits"
    assert f"{len(watched)} sources could not be read in the last check." in pages["index.md"]
    assert "**No source could be read in the last check (" in pages["facts/health.md"]


def test_renaming_or_removing_a_source_never_blocks_the_data(project, site, capsys):
    site.pages["/fal-veo-3-1"] = [(200, {}, html("<p>Veo 3.1</p>"))]
    site.pages["/google-gemini-changelog"] = [(200, {}, html("<p>Log</p>"))]
    check(capsys, "fal-veo-3-1", "google-gemini-changelog")
    run(capsys, "accept", "fal-veo-3-1")
    data = project / "data"
    for path in data.rglob("*.yaml"):  # rename the source everywhere it is named
        path.write_text(re.sub(r"(?<!/)\bfal-veo-3-1\b", "fal-veo-3-1-page", path.read_text()))
    (data / "source-state.yaml").write_text((data / "source-state.yaml").read_text().replace(
        "fal-veo-3-1-page", "fal-veo-3-1"))  # the tool's own file still has the old name
    assert main(["check"]) == 0, capsys.readouterr()
    code, out, _ = check(capsys, "fal-veo-3-1-page")
    assert code == 0 and "1 unchanged." in out  # the accepted snapshot carried over with the URL
    assert [r["id"] for r in yaml.safe_load((data / "source-state.yaml").read_text())["sources"]] == [
        "fal-veo-3-1-page", "google-gemini-changelog"]
