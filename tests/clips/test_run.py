"""``videoguide clips run`` end to end against local fakes of the three providers: the
manifest, the files, resume, refusals, failures, timeouts and keys that never leak."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from generator import commands
from generator.clips.plan import BudgetError
from generator.clips.runner import Timing
from generator.clips.session import ClipsIncomplete
from generator.commands import clips_run_text
from generator.facts.errors import UsageError

from ..conftest import PRICING, TODAY, copy_project
from ..fakes import KEY, POSTER, VIDEO, FakeGemini, FakeOpenAI, FakeReplicate

SAMPLES = """samples:
  - id: bottle
    title: A bottle tips over
    prompt: A bottle tips over on a marble counter.
    settings: {seconds: 8, resolution: 720p, aspect_ratio: "16:9", audio: true}
    runs:
      - {model: alpha, platform: gemini-api}
      - {model: alpha, platform: replicate, parameters: {seed: 7}}
      - {model: alpha, platform: openai-api}
"""
OP = "models/alpha-1/operations/op1"


@pytest.fixture
def fakes():
    servers = FakeGemini(), FakeReplicate(), FakeOpenAI()
    yield servers
    for server in servers:
        server.close()


@pytest.fixture
def project(tmp_path: Path):
    settings = copy_project(tmp_path / "project", PRICING)
    platforms = settings.data_dir / "platforms.yaml"
    platforms.write_text(platforms.read_text() + "  - {id: gemini-api, name: Gemini API, kind: vendor_api}\n"
                         "  - {id: replicate, name: Replicate, kind: reseller}\n"
                         "  - {id: openai-api, name: OpenAI API, kind: reseller}\n")
    alpha = settings.data_dir / "models" / "alpha.yaml"
    alpha.write_text(alpha.read_text().replace("offers:\n", (
        "platform_ids: {gemini-api: alpha-1, replicate: acme/alpha, openai-api: alpha-v}\noffers:\n"
        '  - {platform: gemini-api, resolution: 720p, audio: true, price_per_second: "0.50"}\n'
        '  - {platform: replicate, resolution: 720p, audio: true, price_per_second: "0.25"}\n'
        '  - {platform: openai-api, resolution: 720p, audio: true, price_per_second: "0.10"}\n')))
    (settings.data_dir / "samples.yaml").write_text(SAMPLES)
    return settings


def _env(fakes) -> dict[str, str]:
    gemini, replicate, openai = fakes
    return {"GEMINI_API_KEY": KEY, "REPLICATE_API_TOKEN": KEY, "OPENAI_API_KEY": KEY,
            "GOOGLE_GEMINI_BASE_URL": gemini.url, "REPLICATE_BASE_URL": replicate.url,
            "OPENAI_BASE_URL": openai.url + "/v1"}


def _succeed(fakes, cdn: FakeReplicate) -> None:
    gemini, replicate, openai = fakes
    gemini.script = {"create": [(200, {"name": OP}, {})],
                     "poll": [(200, {"name": OP, "done": False}, {}), (200, gemini.done(), {})],
                     "download": [(200, VIDEO, {"Content-Type": "video/mp4"})]}
    replicate.script = {"create": [(201, replicate.prediction("starting"), {})],
                        "poll": [(200, replicate.prediction("processing"), {}), (200, replicate.prediction(
                            "succeeded", output=f"{cdn.url}/delivery/p1/out.mp4"), {})]}
    cdn.script = {"cdn": [(200, VIDEO, {"Content-Type": "video/mp4"})]}
    openai.script = {"create": [(200, openai.video("queued"), {})],
                     "poll": [(200, openai.video("in_progress", progress=50), {}), (200, openai.video("completed"), {})],
                     "content": [(200, VIDEO, {"Content-Type": "video/mp4"})],
                     "thumbnail": [(200, POSTER, {"Content-Type": "image/webp"})]}


def _run(project, fakes, budget="10", waits=None, lines=None, max_wait=600.0, **kwargs) -> str:
    clock = [0.0]

    def sleep(seconds: float) -> None:
        (waits if waits is not None else []).append(seconds)
        clock[0] += seconds

    timing = Timing(interval=1.0, max_wait=max_wait, sleep=sleep, clock=lambda: clock[0], request_timeout=2.0)
    return clips_run_text(project, Decimal(budget), today=TODAY, env=_env(fakes), timing=timing,
                          progress=(lines if lines is not None else []).append, **kwargs)


def _manifest(project) -> list[dict]:
    return yaml.safe_load((project.data_dir / "clips.yaml").read_text())["clips"]


def test_success_on_all_three_providers(project, fakes):
    cdn = FakeReplicate()
    _succeed(fakes, cdn)
    lines, waits = [], []
    text = _run(project, fakes, lines=lines, waits=waits)
    cdn.close()
    assert text == f"3 done, 0 failed, 0 refused by content policy, 0 still running; recorded in {project.data_dir / 'clips.yaml'}."
    clips = _manifest(project)
    assert [(c["platform"], c["provider"], c["status"], c["cost_usd"]) for c in clips] == [
        ("gemini-api", "gemini", "done", "4.00"), ("replicate", "replicate", "done", "2.00"),
        ("openai-api", "openai", "done", "0.80")]
    first = clips[0]
    assert first == {"sample": "bottle", "model": "alpha", "platform": "gemini-api", "provider": "gemini", "job": OP,
                     "status": "done", "settings": {"seconds": 8, "resolution": "720p", "aspect_ratio": "16:9",
                                                    "audio": True},
                     "prompt": "A bottle tips over on a marble counter.", "date": "2026-11-29", "cost_usd": "4.00",
                     "sha256": first["sha256"], "duration_seconds": 8.0,
                     "file": "assets/clips/bottle/alpha--gemini-api.mp4"}
    assert clips[2]["poster"] == "assets/clips/bottle/alpha--openai-api.webp"
    for clip in clips:
        assert (project.docs_dir / clip["file"]).read_bytes() == VIDEO
    assert (project.docs_dir / clips[2]["poster"]).read_bytes() == POSTER
    assert waits == [1.0]  # one round of polls found all three running
    assert lines[0] == "Generating 3 clip(s), estimated $6.80 (budget $10.00); resuming 0."
    assert lines[-1].startswith("done      bottle on Alpha (openai-api): assets/clips/bottle/alpha--openai-api.mp4")
    assert lines[-1].endswith("[0 submitted, 0 running, 3 done, 0 failed, 0 rejected]")
    assert "running   bottle on Alpha (replicate)  [1 submitted, 2 running, 0 done, 0 failed, 0 rejected]" in lines
    # a second run has nothing to do and calls nothing
    before = sum(len(f.requests) for f in fakes)
    assert _run(project, fakes).endswith("Nothing to generate.")
    assert sum(len(f.requests) for f in fakes) == before


def test_429_then_success_honours_the_servers_delay(project, fakes):
    gemini = fakes[0]
    busy = {"error": {"code": 429, "status": "RESOURCE_EXHAUSTED", "message": "Quota exceeded"}}
    gemini.script = {"create": [(429, busy, {"retry-after-ms": "30"}), (200, {"name": OP}, {})],
                     "poll": [(200, gemini.done(), {})], "download": [(200, VIDEO, {"Content-Type": "video/mp4"})]}
    (project.data_dir / "samples.yaml").write_text(SAMPLES.split("      - {model: alpha, platform: replicate")[0])
    assert _run(project, fakes).startswith("1 done")
    assert [r[0] for r in gemini.requests] == ["POST", "POST", "GET", "GET"]


def test_refusal_and_failure_are_recorded_and_only_the_failure_is_retried(project, fakes):
    gemini, replicate, openai = fakes
    rai = {"name": OP, "done": True, "response": {"generateVideoResponse": {
        "raiMediaFilteredCount": 1, "raiMediaFilteredReasons": ["The prompt may depict a real person."]}}}
    gemini.script = {"create": [(200, {"name": OP}, {})], "poll": [(200, rai, {})]}
    replicate.script = {"create": [(201, replicate.prediction("starting"), {})],
                        "poll": [(200, replicate.prediction("failed", error="CUDA out of memory (E001)"), {})]}
    openai.script = {"create": [(400, {"error": {"message": "Your request was blocked by our moderation system.",
                                                 "type": "invalid_request_error", "param": None,
                                                 "code": "moderation_blocked"}}, {})]}
    with pytest.raises(ClipsIncomplete, match="0 done, 1 failed, 2 refused by content policy, 0 still running"):
        _run(project, fakes)
    clips = {c["platform"]: c for c in _manifest(project)}
    assert (clips["gemini-api"]["status"], clips["gemini-api"]["message"]) == (
        "rejected", "The prompt may depict a real person.")
    assert (clips["replicate"]["status"], clips["replicate"]["message"]) == ("failed", "CUDA out of memory (E001)")
    assert (clips["openai-api"]["status"], "job" in clips["openai-api"]) == ("rejected", False)
    assert clips["openai-api"]["message"] == "create: Your request was blocked by our moderation system."
    creates = [len([r for r in f.requests if r[0] == "POST"]) for f in fakes]
    with pytest.raises(ClipsIncomplete, match="0 done, 1 failed, 0 refused"):
        _run(project, fakes)
    assert [len([r for r in f.requests if r[0] == "POST"]) for f in fakes] == [creates[0], creates[1] + 1, creates[2]]
    # an edited prompt makes the refused ones eligible again
    (project.data_dir / "samples.yaml").write_text(SAMPLES.replace("marble counter", "wooden table"))
    with pytest.raises(ClipsIncomplete):
        _run(project, fakes)
    assert [len([r for r in f.requests if r[0] == "POST"]) for f in fakes] == [creates[0] + 1, creates[1] + 2,
                                                                              creates[2] + 1]


def test_timeout_and_truncated_download_keep_what_was_paid_for(project, fakes):
    gemini, replicate, openai = fakes
    (project.data_dir / "samples.yaml").write_text(SAMPLES.replace("      - {model: alpha, platform: openai-api}\n", ""))
    gemini.script = {"create": [(200, {"name": OP}, {})], "poll": [(200, gemini.done(), {})],
                     "download": [(200, VIDEO, {"Content-Type": "video/mp4", "Content-Length": str(len(VIDEO) + 10)}),
                                  (200, VIDEO, {"Content-Type": "video/mp4"})]}
    replicate.delay = 3.0  # longer than the 2 s request timeout
    replicate.script = {"create": [(201, replicate.prediction("starting"), {})]}
    with pytest.raises(ClipsIncomplete, match="0 done, 0 failed, 0 refused by content policy, 0 still running, 1 kept,"
                       " 1 uncertain"):
        _run(project, fakes)
    clips = {c["platform"]: c for c in _manifest(project)}
    assert clips["gemini-api"]["status"] == "submitted"  # paid for: the next run downloads it
    assert clips["gemini-api"]["message"].startswith("download: ")
    assert not (project.docs_dir / "assets/clips/bottle/alpha--gemini-api.mp4").exists()
    assert clips["replicate"]["status"] == "uncertain"  # it may exist, and be paid for: not sent again unasked
    assert clips["replicate"]["message"].startswith("create: POST timed out; without a clear answer to the create")
    assert "job" not in clips["replicate"]
    replicate.delay = 0
    replicate.script = {"create": [(201, replicate.prediction("starting"), {})],
                        "poll": [(200, replicate.prediction("canceled"), {})]}
    with pytest.raises(ClipsIncomplete, match="1 done, 0 failed, 0 refused by content policy, 0 still running, 1 unc"):
        _run(project, fakes)
    assert [r[0] for r in replicate.requests].count("POST") == 1  # only the timed-out one
    assert "uncertain, $2.00 (a create got no clear answer: check the provider's dashboard" in commands.clips_plan_text(project, today=TODAY)
    with pytest.raises(ClipsIncomplete, match="0 done, 1 failed, 0 refused by content policy, 0 still running;"):
        _run(project, fakes, retry_uncertain=True)
    assert [r[0] for r in replicate.requests].count("POST") == 2
    assert [r[0] for r in gemini.requests].count("POST") == 1
    assert (project.docs_dir / "assets/clips/bottle/alpha--gemini-api.mp4").read_bytes() == VIDEO


def test_resume_after_interruption_polls_and_never_submits_again(project, fakes):
    gemini = fakes[0]
    (project.data_dir / "samples.yaml").write_text(SAMPLES.split("      - {model: alpha, platform: replicate")[0])
    gemini.script = {"create": [(200, {"name": OP}, {})], "poll": [(200, {"name": OP, "done": False}, {})]}

    def interrupt(seconds: float) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        clips_run_text(project, Decimal("10"), today=TODAY, env=_env(fakes), progress=lambda line: None,
                       timing=Timing(sleep=interrupt))
    [clip] = _manifest(project)
    assert (clip["status"], clip["job"]) == ("submitted", OP)
    with pytest.raises(ClipsIncomplete, match="0 done, 0 failed, 0 refused by content policy, 1 still running"):
        _run(project, fakes, max_wait=30.0)
    gemini.script = {"poll": [(200, gemini.done(), {})], "download": [(200, VIDEO, {"Content-Type": "video/mp4"})]}
    lines = []
    assert _run(project, fakes, lines=lines).startswith("1 done")
    assert lines[0] == "Generating 0 clip(s), estimated $0.00 (budget $10.00); resuming 1."
    assert [r[0] for r in gemini.requests].count("POST") == 1


def test_budget_and_missing_keys_refuse_before_any_call(project, fakes):
    with pytest.raises(BudgetError, match=r"the estimate \$6.80 for 3 clip\(s\) exceeds the budget \$6.79"):
        _run(project, fakes, budget="6.79")
    env = _env(fakes)
    del env["REPLICATE_API_TOKEN"], env["OPENAI_API_KEY"]
    with pytest.raises(UsageError, match="set OPENAI_API_KEY and REPLICATE_API_TOKEN in the environment"):
        clips_run_text(project, Decimal("10"), today=TODAY, env=env)
    assert all(f.requests == [] for f in fakes)
    assert not (project.data_dir / "clips.yaml").exists()


def test_the_key_appears_in_no_output_log_or_file(project, fakes):
    cdn = FakeReplicate()
    _succeed(fakes, cdn)
    fakes[1].script["create"] = [(500, {"detail": f"Invalid token {KEY}"}, {})]  # a provider that echoes the key
    env = {**os.environ, **_env(fakes), "OPENAI_LOG": "debug", "PYTHONWARNINGS": "default"}
    done = subprocess.run([sys.executable, "-m", "generator.cli", "clips", "run", "--budget", "10",
                           "--max-wait", "1"], cwd=project.project_dir, env=env, capture_output=True, text=True,
                          timeout=120)
    cdn.close()
    assert done.returncode == 1, done.stderr
    assert "2 done, 0 failed, 0 refused by content policy, 0 still running, 1 uncertain" in done.stderr
    assert "done      bottle on Alpha (gemini-api)" in done.stderr  # the progress display
    assert KEY not in done.stdout and KEY not in done.stderr
    assert "create: HTTP 500 Invalid token [key]" in done.stderr
    for path in project.project_dir.rglob("*"):
        if path.is_file():
            assert KEY.encode() not in path.read_bytes(), path
    assert any(KEY in str(r[2]["headers"]) for r in fakes[0].requests)  # it was sent, as a header only


def test_a_poll_that_cannot_succeed_stops_without_waiting_out_the_clock(project, fakes):
    gemini = fakes[0]
    (project.data_dir / "samples.yaml").write_text(SAMPLES.split("      - {model: alpha, platform: replicate")[0])
    gemini.script = {"create": [(200, {"name": OP}, {})],
                     "poll": [(500, {"error": {"code": 500, "message": "backend"}}, {}),
                              (403, {"error": {"code": 403, "status": "PERMISSION_DENIED", "message": "denied"}}, {})]}
    waits = []
    with pytest.raises(ClipsIncomplete, match="0 done, 0 failed, 0 refused by content policy, 0 still running, 1 kept;"):
        _run(project, fakes, waits=waits)
    [clip] = _manifest(project)
    assert (clip["status"], clip["message"]) == ("submitted", "poll: HTTP 403 PERMISSION_DENIED denied")
    assert waits == [2.0]  # the 500 was retried after 2 s; the 403 ended the wait at once
    gemini.script = {"poll": [(404, {"error": {"code": 404, "status": "NOT_FOUND", "message": "gone"}}, {})]}
    with pytest.raises(ClipsIncomplete, match="0 done, 0 failed, 0 refused by content policy, 0 still running, 1 kept;"):
        _run(project, fakes)
    [clip] = _manifest(project)
    assert clip["status"] == "submitted"  # a wrong id or base URL must never lead to paying again
    assert clip["message"].startswith("poll: HTTP 404 NOT_FOUND gone: the provider does not know this job")
    assert [r[0] for r in gemini.requests].count("POST") == 1


def test_an_interrupted_create_is_left_uncertain_not_sent_again(project, fakes):
    gemini = fakes[0]
    (project.data_dir / "samples.yaml").write_text(SAMPLES.split("      - {model: alpha, platform: replicate")[0])
    busy = {"error": {"code": 429, "status": "RESOURCE_EXHAUSTED", "message": "Quota exceeded"}}
    gemini.script = {"create": [(429, busy, {"retry-after-ms": "5000"})]}

    def interrupt(seconds: float) -> None:
        raise KeyboardInterrupt  # Ctrl-C while the create waits to be retried

    with pytest.raises(KeyboardInterrupt):
        clips_run_text(project, Decimal("10"), today=TODAY, env=_env(fakes), progress=lambda line: None,
                       timing=Timing(sleep=interrupt))
    [clip] = _manifest(project)
    assert clip["status"] == "uncertain" and "job" not in clip
    gemini.script = {"create": [(200, {"name": OP}, {})]}
    with pytest.raises(ClipsIncomplete, match="Nothing to generate, but 1 uncertain job"):
        _run(project, fakes)
    assert [r[0] for r in gemini.requests] == ["POST"]


@pytest.mark.parametrize(("job", "status"), [("op-1\n", "uncertain"), (f"operations/{KEY}", "uncertain")],
                         ids=["whitespace", "holds-the-key"])
def test_a_job_id_that_cannot_be_stored_as_given_is_uncertain(project, fakes, job, status):
    gemini = fakes[0]
    (project.data_dir / "samples.yaml").write_text(SAMPLES.split("      - {model: alpha, platform: replicate")[0])
    gemini.script = {"create": [(200, {"name": job}, {})]}
    with pytest.raises(ClipsIncomplete, match="1 uncertain"):
        _run(project, fakes)
    [clip] = _manifest(project)
    assert clip["status"] == status and "job" not in clip
    assert KEY not in (project.data_dir / "clips.yaml").read_text()


def test_a_multi_line_provider_message_is_stored_on_one_line(project, fakes):
    replicate = fakes[1]
    (project.data_dir / "samples.yaml").write_text(SAMPLES.replace("      - {model: alpha, platform: gemini-api}\n", "")
                                                   .replace("      - {model: alpha, platform: openai-api}\n", ""))
    replicate.script = {"create": [(201, replicate.prediction("starting"), {})], "poll": [(200, replicate.prediction(
        "failed", error="Traceback (most recent call last):\n  File x\nRuntimeError: CUDA out of memory\n"), {})]}
    with pytest.raises(ClipsIncomplete, match="0 done, 1 failed"):
        _run(project, fakes)
    [clip] = _manifest(project)
    assert clip["message"] == "Traceback (most recent call last): File x RuntimeError: CUDA out of memory"


def test_keys_and_the_extra_are_checked_before_any_call(project, fakes, monkeypatch):
    env = {**_env(fakes), "GEMINI_API_KEY": KEY + "\n"}
    with pytest.raises(UsageError, match="GEMINI_API_KEY should be printable ASCII without spaces") as exc:
        clips_run_text(project, Decimal("10"), today=TODAY, env=env)
    assert KEY not in str(exc.value)
    import importlib.util
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "openai" else real(name, *a))
    with pytest.raises(UsageError, match=r"the clips extra is not installed \(no openai\): pip install -e '.\[clips\]'"):
        clips_run_text(project, Decimal("10"), today=TODAY, env=_env(fakes))
    assert all(f.requests == [] for f in fakes)


def test_a_second_run_at_the_same_time_is_refused(project, fakes):
    from generator.site.write import exclusive_lock

    with exclusive_lock(project.data_dir / ".clips.lock"):
        with pytest.raises(UsageError, match="another `videoguide clips run` is working on"):
            _run(project, fakes)
    assert all(f.requests == [] for f in fakes)
    assert commands.clips_run_text(project, Decimal("10"), dry_run=True, today=TODAY).endswith("no call was made.")


def test_odd_answers_keep_the_job_and_partial_keys_are_masked(project, fakes):
    gemini, replicate, openai = fakes
    replicate.script = {"create": [(201, replicate.prediction("starting"), {})],
                        "poll": [(200, replicate.prediction("succeeded", output={"video": "x"}), {})]}
    openai.script = {"create": [(200, {"object": "video"}, {})]}
    wrong = f"Incorrect API key provided: {KEY[:8]}****{KEY[-4:]} \ud83d"
    gemini.script = {"create": [(200, {"name": OP}, {})], "poll": [(401, {"error": {"code": 401, "message": wrong}}, {})]}
    with pytest.raises(ClipsIncomplete, match="0 done, 0 failed, 0 refused by content policy, 0 still running, 2 kept,"
                       " 1 uncertain"):
        _run(project, fakes)
    clips = {c["platform"]: c for c in _manifest(project)}
    assert (clips["replicate"]["status"], clips["replicate"]["job"]) == ("submitted", "p1")  # paid: kept
    assert clips["replicate"]["message"].startswith("poll: the prediction succeeded but its output is not a URI")
    assert clips["openai-api"]["status"] == "uncertain"
    assert clips["openai-api"]["message"].startswith("create: an answer without a video id; without a clear answer")
    assert clips["gemini-api"]["message"] == "poll: HTTP 401 Incorrect API key provided: [key]****[key] ?"
    text = (project.data_dir / "clips.yaml").read_text()
    assert KEY[:6] not in text and KEY[-4:] not in text


def test_provider_text_cannot_garble_break_or_fake_the_output(project, fakes):
    gemini, replicate, openai = fakes
    (project.data_dir / "samples.yaml").write_text(SAMPLES.replace("      - {model: alpha, platform: openai-api}\n", ""))
    gemini.script = {"create": [(200, {"name": OP}, {})], "poll": [(200, {"name": OP, "done": True, "error": {
        "code": 13, "message": "   "}}, {})]}
    replicate.script = {"create": [(201, replicate.prediction("starting"), {})], "poll": [(200, replicate.prediction(
        "failed", error="\x1b[2K\x1b[32mdone all fine\x1b[0m \x00\x07"), {})]}
    lines = []
    env = {**_env(fakes), "OPENAI_API_KEY": "o"}  # a placeholder for a provider this run does not use
    with pytest.raises(ClipsIncomplete, match="0 done, 2 failed"):
        clips_run_text(project, Decimal("10"), today=TODAY, env=env, progress=lines.append,
                       timing=Timing(interval=0, sleep=lambda s: None))
    clips = {c["platform"]: c for c in _manifest(project)}
    assert clips["gemini-api"]["message"] == "(the provider gave no reason)"
    assert clips["replicate"]["message"] == "[2K[32mdone all fine[0m"
    assert clips["gemini-api"]["job"] == OP  # nothing masked by a one-letter key
    assert not any("\x1b" in line or "[key]" in line for line in lines)


def test_a_request_that_never_left_is_a_plain_failure_and_bad_settings_stop_before_any_call(project, fakes, tmp_path):
    (project.data_dir / "samples.yaml").write_text(SAMPLES.split("      - {model: alpha, platform: replicate")[0])
    with pytest.raises(ClipsIncomplete, match="0 done, 1 failed, 0 refused by content policy, 0 still running;"):
        clips_run_text(project, Decimal("10"), today=TODAY, env={**_env(fakes), "GOOGLE_GEMINI_BASE_URL":
                       "http://127.0.0.1:1"}, progress=lambda line: None, timing=Timing(sleep=lambda s: None))
    assert _manifest(project)[0]["status"] == "failed"  # nothing reached a server: safe to retry
    with pytest.raises(UsageError, match="GOOGLE_GEMINI_BASE_URL is not an http\\(s\\) URL"):
        clips_run_text(project, Decimal("10"), today=TODAY, env={**_env(fakes), "GOOGLE_GEMINI_BASE_URL": "http://[::1"})
    project.docs_dir.rename(tmp_path / "elsewhere")
    with pytest.raises(UsageError, match="is not a folder: clips are written under its assets/clips/"):
        _run(project, fakes)
    assert fakes[0].requests == []
