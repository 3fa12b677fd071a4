"""``videoguide prices pull fal`` against a fake fal.ai Platform API on 127.0.0.1.

The project is a copy of the real data; the fake prices three endpoints as recorded (one per
thousand tokens), one changed, one per megapixel (a unit the data cannot express), and one
for several recorded prices, matching none."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import subprocess
from pathlib import Path

import pytest

from generator import pipeline
from generator.cli import main
from generator.facts.errors import NeedsEditor, UsageError
from generator.price_commands import prices_pull_text
from generator.watch.pricing import PricesError

from ..conftest import copy_project
from ..test_changes import _git
from .fake_fal import FakeFal

KEY = "fal-key-3f9c2a71-SECRET"
DAY = dt.date.today()  # the data refuses an as_of date in the future
LOOPBACK = ("127.0.0.1/32",)
PRICES = {
    "alibaba/wan-3.0/text-to-video": ("0.10", "video_second"),  # recorded: 0.05, 0.10, 0.20 by resolution
    "fal-ai/minimax/hailuo-2.3/standard/text-to-video": ("0.28", "video"),  # recorded 0.28 per 6 s clip
    "google/gemini-omni-flash": ("0.15", "video_second"),  # recorded ~0.125 per second: changed
    "bytedance/seedance-2.0/text-to-video": ("0.014", "1k_tokens"),  # recorded 14.0 per million tokens
    "bytedance/seedance-2.0/fast/text-to-video": ("0.02", "megapixel"),  # no unit the data has
    "fal-ai/veo3.1": ("0.45", "video_second"),  # recorded 0.20, 0.40, 0.40, 0.60: which one changed?
}
OMNI = "data/models/gemini-omni-flash.yaml"
OMNI_ENTRY = '{platform: fal, resolution: 720p, audio: true, price_per_second: "0.125"'


@pytest.fixture
def fal():
    fake = FakeFal(KEY)
    fake.prices = dict(PRICES)
    yield fake
    fake.close()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    settings = copy_project(tmp_path / "project")
    monkeypatch.chdir(settings.project_dir)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    return settings


def pull(settings, fal: FakeFal, write: bool = False) -> tuple[bool, str]:
    """(whether an editor is needed, the report)."""
    try:
        return False, prices_pull_text(settings, "fal", write, fal.url, LOOPBACK, DAY, {"FAL_KEY": KEY})
    except NeedsEditor as exc:
        return True, str(exc)


def line_of(path: Path, text: str) -> int:
    lines = path.read_text().splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def digest(folder: Path) -> str:
    return hashlib.sha256(b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())).hexdigest()


def test_a_changed_price_is_located_and_nothing_is_written_without_write(project, fal):
    before = digest(project.data_dir)
    needed, report = pull(project, fal)
    assert needed
    omni = line_of(project.project_dir / OMNI, OMNI_ENTRY)
    assert (f"{OMNI}:{omni}:5: offers[1]: fal.ai says $0.15 per second since this check; recorded $0.125 "
            "(checked 2026-12-02)") in report.splitlines()
    assert "  not written: run with --write to add a dated entry from today" in report
    assert re.search(r"^Unchanged: alibaba/wan-3\.0/text-to-video, bytedance/seedance-2\.0/text-to-video, "
                     r"fal-ai/minimax/hailuo-2\.3/standard/text-to-video$", report, re.M)
    assert "bytedance/seedance-2.0/fast/text-to-video: fal.ai charges $0.02 per 'megapixel', a unit the data cannot " \
           "express" in report
    veo = report.split("Changed, but which price is unknown:\n")[1].splitlines()
    assert veo[0].startswith("fal-ai/veo3.1: fal.ai says $0.45 per second; one price for the 4 recorded")
    assert [line.split(": ", 2)[2] for line in veo[1:5]] == [
        f"recorded ${p} per second (checked 2026-11-29)" for p in ("0.20", "0.40", "0.40", "0.60")]
    assert "luma/agent/ray/v3.2/image-to-video: fal.ai gives no price for it" in report  # not in the fake's list
    assert "which endpoint is unknown: the endpoint alibaba/happy-horse/text-to-video (from the source " \
           "fal-happy-horse-t2v) is for text-to-video, not image-to-video" in report
    assert digest(project.data_dir) == before
    asked = [i for path, _ in fal.requests for i in re.findall(r"endpoint_id=([^&]+)", path)]
    assert len(asked) == len(set(asked)) and "google%2Fgemini-omni-flash" in asked


def test_write_adds_a_dated_entry_that_check_diff_and_build_show(project, fal):
    _git(project.project_dir, "init", "-q", "-b", "main")
    _git(project.project_dir, "add", "mkdocs.yml", "data")
    _git(project.project_dir, "commit", "-q", "-m", "first")
    old = (project.project_dir / OMNI).read_text()
    _, report = pull(project, fal, write=True)
    assert (f"  wrote a new entry after it: effective_from {DAY}, source fal-pricing-api; the old entry's note, "
            "on its estimate, stays with it") in report
    new = (project.project_dir / OMNI).read_text()
    omni = line_of(project.project_dir / OMNI, OMNI_ENTRY)
    assert new.splitlines()[omni] == ('  - {platform: fal, resolution: 720p, audio: true, price_per_second: "0.15", '
                                      f'effective_from: {DAY}, endpoint: google/gemini-omni-flash, source: fal-pricing-api, as_of: {DAY}}}')
    assert new.replace(new.splitlines(keepends=True)[omni], "") == old  # nothing else changed: history kept
    assert subprocess.run(["git", "diff", "--stat", "--", "data"], cwd=project.project_dir, capture_output=True,
                          text=True).stdout.count("|") == 1
    _, again = pull(project, fal)
    assert "google/gemini-omni-flash" in again.split("Unchanged: ")[1]
    pipeline.check(project)
    from generator import commands

    diff = commands.diff_text(project, today=DAY)
    assert "  Price: Gemini Omni 1.1 Flash · fal.ai · standard · 720p · with audio: ~$0.125 per second → $0.15 per second " \
           f"(from {DAY})" in diff
    assert "Price history rewritten" not in diff
    pipeline.build(project, DAY)
    page = (project.docs_dir / "models" / "gemini-omni-flash.md").read_text()
    assert "| 720p | $0\\.15 per second[^" in page
    assert "fal\\.ai: google/gemini\\-omni\\-flash" in page  # "where to call it": the endpoint the entry names
    assert "Up 20% from $0\\.125" in page.split("### Price history")[1].split("## ")[0]  # the model's own history
    history = (project.docs_dir / "prices" / "history.md").read_text()
    row = next(line for line in history.splitlines() if "Gemini Omni 1\\.1 Flash" in line and DAY.isoformat().replace("-", "\\-") in line)
    assert "$0\\.15 per second" in row and "Up 20% from $0\\.125" in row and "| Current |" in row
    platform = (project.docs_dir / "platforms" / "fal.md").read_text()
    omni_row = next(line for line in platform.splitlines() if "Gemini Omni 1\\.1 Flash" in line)
    assert "| google/gemini\\-omni\\-flash | $0\\.15 per second \\(720p · with audio\\)[^" in omni_row  # its endpoint
    assert "fal.ai Platform API, model pricing" in (project.site_dir / "facts" / "sources" / "index.html").read_text()


def test_all_recorded_prices_agree_exit_0(project, fal, capsys, monkeypatch):
    for path in (project.data_dir / "models").glob("*.yaml"):  # keep only two models' fal prices
        if path.stem not in ("wan-3-0", "hailuo-2-3"):
            path.write_text("".join(line for line in path.read_text().splitlines(keepends=True)
                                    if "{platform: fal," not in line))
    hailuo = project.data_dir / "models" / "hailuo-2-3.yaml"
    hailuo.write_text("".join(line for line in hailuo.read_text().splitlines(keepends=True)
                              if "{platform: fal," not in line or "source: fal-hailuo-2-3-standard-t2v" in line))
    monkeypatch.setenv("FAL_KEY", KEY)
    code = main(["prices", "pull", "fal", "--api-url", fal.url, "--allow-private", LOOPBACK[0]])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert out.splitlines()[0].endswith("is charged): 2 unchanged")


def test_a_token_price_is_compared_per_million_tokens_and_written_with_its_tokens_per_second(project, fal):
    fal.prices["bytedance/seedance-2.0/fast/text-to-video"] = ("12", "1m_tokens")
    fast = project.data_dir / "models" / "seedance-2-0-fast.yaml"
    row = line_of(fast, 'price_per_million_tokens: "11.2"')
    _, report = pull(project, fal, write=True)
    assert (f"data/models/seedance-2-0-fast.yaml:{row}:5: offers[0]: fal.ai says $12.00 per million tokens since this "
            "check; recorded $11.20 (checked 2026-12-02)") in report.splitlines()
    new = fast.read_text().splitlines()[row]
    assert new.startswith('  - {platform: fal, resolution: 720p, unit: token, tokens_per_second: 21600, '
                          f'price_per_million_tokens: "12.00", effective_from: {DAY}, '
                          f'endpoint: bytedance/seedance-2.0/fast/text-to-video, source: fal-pricing-api, as_of: {DAY}}}')
    assert "the old entry's note, which quotes its price, stays with it" in report  # its $0.0112 is the old price
    _, again = pull(project, fal)
    assert "bytedance/seedance-2.0/fast/text-to-video" in again.split("Unchanged: ")[1]


@pytest.mark.parametrize("status, message", [
    (401, "error: fal.ai refused the key (HTTP 401): check that FAL_KEY holds a valid API key"),
    (429, "error: fal.ai limits the rate (HTTP 429): try again later"),
    (500, "error: fal.ai pricing API answered HTTP 500"),
])
def test_api_errors_are_one_line_and_never_show_the_key(project, fal, capsys, caplog, monkeypatch, status, message):
    fal.status = status
    monkeypatch.setenv("FAL_KEY", KEY)
    caplog.set_level(logging.DEBUG)
    before = digest(project.data_dir)
    code = main(["prices", "pull", "fal", "--write", "--api-url", fal.url, "--allow-private", LOOPBACK[0]])
    out, err = capsys.readouterr()
    assert (code, out, err) == (3, "", message + "\n")  # 3: not something for an editor
    assert KEY not in caplog.text and digest(project.data_dir) == before
    assert all(KEY not in path for path, _ in fal.requests)
    assert {h["Authorization"] for _, h in fal.requests} == {f"Key {KEY}"}


def test_the_key_appears_in_no_output_log_or_file(project, fal, capsys, caplog, monkeypatch):
    monkeypatch.setenv("FAL_KEY", KEY)
    caplog.set_level(logging.DEBUG)
    code = main(["prices", "pull", "fal", "--write", "--api-url", fal.url, "--allow-private", LOOPBACK[0]])
    out, err = capsys.readouterr()
    assert code == 1 and "wrote a new entry" in out
    assert KEY not in out + err + caplog.text
    assert not [p for p in project.project_dir.rglob("*") if p.is_file() and KEY.encode() in p.read_bytes()]
    fal.close()  # the API gone: a clear line, no traceback, still no key
    code = main(["prices", "pull", "fal", "--api-url", fal.url, "--allow-private", LOOPBACK[0]])
    out, err = capsys.readouterr()
    assert code == 3 and err.startswith("error: fal.ai pricing API at 127.0.0.1:") and "could not be reached" in err
    assert KEY not in out + err + caplog.text and "Traceback" not in err


def test_usage_errors(project, fal, capsys, monkeypatch):
    monkeypatch.delenv("FAL_KEY", raising=False)
    assert main(["prices", "pull", "fal"]) == 2
    assert capsys.readouterr().err == ("videoguide: error: set FAL_KEY to a fal.ai API key (it is sent to "
                                       "https://api.fal.ai only, in a header)\n")
    with pytest.raises(UsageError, match="no machine-readable prices are known for 'replicate'; prices pull knows: fal"):
        prices_pull_text(project, "replicate", env={"FAL_KEY": KEY})
    with pytest.raises(PricesError, match=r"127\.0\.0\.1 resolves to 127\.0\.0\.1, a private or reserved address"):
        prices_pull_text(project, "fal", api_url=fal.url, today=DAY, env={"FAL_KEY": KEY})
    assert fal.requests == []


def test_an_answer_not_of_the_documented_shape_is_refused(project, fal):
    fal.prices["google/gemini-omni-flash"] = ('"cheap"', "video_second")
    with pytest.raises(PricesError, match="the answer is not the documented JSON"):
        pull(project, fal)



def test_prices_on_several_pages_are_all_read(project, fal):
    _, whole = pull(project, fal)
    fal.page_size = 2
    _, paged = pull(project, fal)
    assert paged == whole and "fal.ai says $0.15 per second" in paged
    assert sum("cursor=" in path for path, _ in fal.requests) == 2  # 5 prices, 2 a page: 2 more pages


def test_a_cursor_that_never_moves_is_an_error_not_a_loop(project, fal):
    fal.page_size, fal.stuck = 2, True
    with pytest.raises(PricesError, match="says more prices follow but gives no new cursor to read them with"):
        pull(project, fal)
    assert len(fal.requests) == 2


@pytest.mark.parametrize("key", [f"{KEY}\nX-Injected: 1", f"{KEY}-clé", f"{KEY} {KEY}"])
def test_a_key_a_header_cannot_carry_is_refused_before_any_request(project, fal, capsys, monkeypatch, key):
    monkeypatch.setenv("FAL_KEY", key)
    code = main(["prices", "pull", "fal", "--api-url", fal.url, "--allow-private", LOOPBACK[0]])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "") and fal.requests == []
    assert err == ("videoguide: error: FAL_KEY holds a space, a line break, another control character or a character "
                   "outside ASCII, which an HTTP header cannot carry: set it to the key alone\n")


@pytest.mark.parametrize("price", ["1e400", "1e-30", "-0.1"])
def test_an_amount_no_price_has_is_refused(project, fal, capsys, monkeypatch, price):
    fal.prices["google/gemini-omni-flash"] = (price, "video_second")
    monkeypatch.setenv("FAL_KEY", KEY)
    code = main(["prices", "pull", "fal", "--api-url", fal.url, "--allow-private", LOOPBACK[0]])
    out, err = capsys.readouterr()
    assert (code, out) == (3, "") and "the answer is not the documented JSON" in err and "Traceback" not in err


def test_an_endpoint_priced_twice_differently_is_ambiguous_and_twice_alike_is_not(project, fal):
    fal.extra = [("google/gemini-omni-flash", "0.20", "video_second"), ("alibaba/wan-3.0/text-to-video", "0.10",
                                                                        "video_second")]
    _, report = pull(project, fal, write=True)
    unclear = report.split("Changed, but which price is unknown:\n")[1]
    assert unclear.startswith("fal-ai/veo3.1: ")
    omni = next(line for line in unclear.splitlines() if line.startswith("google/gemini-omni-flash: "))
    assert omni == ("google/gemini-omni-flash: fal.ai gives 2 different prices for it ($0.15 USD per video_second; "
                    "$0.20 USD per video_second): which one applies is unknown")
    assert "alibaba/wan-3.0/text-to-video" in report.split("Unchanged: ")[1]
    assert "wrote a new entry" not in report and OMNI_ENTRY.replace('"0.125"', '"0.15"') not in \
        (project.project_dir / OMNI).read_text()


def test_write_leaves_an_entry_that_starts_today_to_the_editor_and_writes_the_rest(project, fal):
    omni = project.project_dir / OMNI
    omni.write_text(omni.read_text().replace("source: fal-gemini-omni-flash, as_of: 2026-12-02",
                                             f"source: fal-gemini-omni-flash, as_of: {DAY}"))
    hailuo = project.data_dir / "models" / "hailuo-2-3.yaml"
    before = hailuo.read_text()
    fal.prices["fal-ai/minimax/hailuo-2.3/pro/text-to-video"] = ("0.55", "video")
    needed, report = pull(project, fal, write=True)
    assert needed
    assert ("  not written: its entry already starts today, so a new entry from today would share its start; "
            "correct it by hand") in report.splitlines()
    row = line_of(hailuo, 'price_per_clip: "0.49", clip_seconds: 6, source: fal-hailuo-2-3-pro-t2v')
    new = hailuo.read_text().splitlines()[row]
    assert new == ('  - {platform: fal, resolution: 1080p, unit: clip, price_per_clip: "0.55", clip_seconds: 6, '
                   f'effective_from: {DAY}, endpoint: fal-ai/minimax/hailuo-2.3/pro/text-to-video, '
                   f'source: fal-pricing-api, as_of: {DAY}, '
                   'note: "Pro endpoint; fal says per video and takes no duration, and 1080p clips are 6 s long."}')
    assert hailuo.read_text().replace(new + "\n", "", 1) == before
    assert "0.15" not in omni.read_text()


def test_write_into_a_flow_list_of_offers_is_left_to_the_editor(project, fal):
    hailuo = project.data_dir / "models" / "hailuo-2-3.yaml"
    lines = hailuo.read_text().splitlines()
    first = lines.index("offers:") + 1
    last = next((i for i in range(first, len(lines)) if not lines[i].startswith("  - {")), len(lines))
    flow = ["offers: [", ",\n".join(f"  {line[4:]}" for line in lines[first:last]), "]"]
    hailuo.write_text("\n".join(lines[:first - 1] + flow + lines[last:]) + "\n")
    pipeline.check(project)  # still valid data
    fal.prices["fal-ai/minimax/hailuo-2.3/pro/text-to-video"] = ("0.55", "video")
    before = digest(project.data_dir)
    needed, report = pull(project, fal, write=True)
    assert needed
    at = report.index("offers[2]: fal.ai says $0.55 per 6 s clip since this check")
    assert report[at:].splitlines()[1] == ("  not written: the file has no block list 'offers'; add the new entry "
                                           "by hand")
    assert "0.55" not in hailuo.read_text()
    assert report.count("  wrote a new entry after it") == 1 and digest(project.data_dir) != before  # Omni's
