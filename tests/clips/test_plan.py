"""Sample clips, first part: samples.yaml and the manifest validated like all data; the plan,
its estimates from the price data, and the budget refused before any call."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from generator import commands
from generator.cli import main
from generator.clips.plan import BudgetError

from ..conftest import PRICING, ROOT, TODAY, copy_project
from ..helpers import problems

SAMPLES = """samples:
  - id: bottle
    title: A bottle tips over
    prompt: A bottle tips over on a marble counter.
    settings: {seconds: 6, resolution: 720p, aspect_ratio: "16:9", audio: true}
    runs:
      - {model: alpha, platform: gemini-api}
      - {model: beta, platform: replicate}
"""


@pytest.fixture
def project(tmp_path: Path):
    settings = copy_project(tmp_path / "project", PRICING)
    platforms = settings.data_dir / "platforms.yaml"
    platforms.write_text(platforms.read_text() + "  - {id: gemini-api, name: Gemini API, kind: vendor_api}\n"
                         "  - {id: replicate, name: Replicate, kind: reseller}\n")
    for model, lines in (("alpha", "platform_ids: {gemini-api: alpha-1}\n"), ("beta", "platform_ids: {replicate: beta/beta}\n")):
        path = settings.data_dir / "models" / f"{model}.yaml"
        path.write_text(path.read_text().replace("offers:\n", lines + "offers:\n  - {platform: gemini-api, resolution: 720p,"
                                                 ' audio: true, price_per_second: "0.50"}\n' if model == "alpha" else
                                                 lines + "offers:\n"))
    (settings.data_dir / "samples.yaml").write_text(SAMPLES)
    return settings


def test_plan_estimates_each_run_from_the_price_data(project):
    text = commands.clips_plan_text(project, today=TODAY)
    assert text.splitlines() == [
        "bottle: Alpha on gemini-api via gemini (alpha-1): missing, $3.00",  # 6 s × $0.50
        "bottle: Beta on replicate via replicate (beta/beta): missing, no estimate (no documented standard-tier price on Replicate)",
        "To generate: 2 clip(s), estimated $3.00 plus 1 without a documented price; nothing else.",
    ]


def test_no_estimate_for_a_length_the_model_does_not_make_or_a_batch_price(project):
    samples = project.data_dir / "samples.yaml"
    samples.write_text(SAMPLES.replace("seconds: 6", "seconds: 5"))
    assert commands.clips_plan_text(project, today=TODAY).splitlines()[0] == (
        "bottle: Alpha on gemini-api via gemini (alpha-1): missing, no estimate (Alpha does not make 5 s clips: it"
        " would be billed as 6 s (lengths: 4, 6 or 8 s))")
    samples.write_text(SAMPLES)
    alpha = project.data_dir / "models" / "alpha.yaml"
    alpha.write_text(alpha.read_text().replace("offers:\n", "offers:\n  - {platform: gemini-api, tier: batch,"
                                               ' resolution: 720p, audio: true, price_per_second: "0.25"}\n', 1))
    assert "(alpha-1): missing, $3.00" in commands.clips_plan_text(project, today=TODAY)  # a call is never batch


def test_run_refuses_before_any_call_when_a_cost_cannot_be_estimated_or_exceeds_the_budget(project):
    with pytest.raises(BudgetError, match="cannot check the budget: no estimate for bottle on Beta"):
        commands.clips_run_text(project, Decimal("100"), dry_run=True, today=TODAY)
    samples = project.data_dir / "samples.yaml"
    samples.write_text(SAMPLES.replace("      - {model: beta, platform: replicate}\n", ""))
    with pytest.raises(BudgetError, match=r"the estimate \$3.00 for 1 clip\(s\) exceeds the budget \$2.99"):
        commands.clips_run_text(project, Decimal("2.99"), dry_run=True, today=TODAY)
    assert commands.clips_run_text(project, Decimal("3"), dry_run=True, today=TODAY).endswith(
        "Dry run: within the budget of $3.00 ($3.00); no call was made.")


def test_the_manifest_decides_what_is_left(project):
    (project.data_dir / "samples.yaml").write_text(SAMPLES.replace("      - {model: beta, platform: replicate}\n", ""))
    (project.data_dir / "clips.yaml").write_text(
        "clips:\n  - {sample: bottle, model: alpha, platform: gemini-api, provider: gemini, job: op-1,"
        " status: submitted, settings: {seconds: 6, resolution: 720p, aspect_ratio: \"16:9\", audio: true},"
        " prompt: A bottle tips over., date: 2026-11-29, cost_usd: \"3.00\"}\n")
    text = commands.clips_plan_text(project, today=TODAY)
    assert "alpha-1): submitted, $3.00" in text  # resumed by polling, not paid again
    assert text.endswith("To generate: 0 clip(s), estimated $0.00; 1 submitted.")
    assert commands.clips_run_text(project, Decimal("0"), dry_run=True, today=TODAY).endswith("no call was made.")


def test_sample_problems_are_located(project, monkeypatch):
    monkeypatch.chdir(project.project_dir)
    bad = SAMPLES.replace("{model: beta, platform: replicate}", "{model: gamma, platform: acme-api}").replace(
        "{model: alpha, platform: gemini-api}", "{model: alfa, platform: gemini-api}")
    assert problems(project.data_dir, {"samples.yaml": bad}) == [
        "data/samples.yaml:7:17: samples[0].runs[0].model: unknown model 'alfa'; did you mean 'alpha'?",
        "data/samples.yaml:8:34: samples[0].runs[1].platform: no clip provider for platform 'acme-api'; providers"
        " call: gemini-api, openai-api, replicate",
    ]


def test_cli(project, capsys, monkeypatch):
    monkeypatch.chdir(project.project_dir)
    assert main(["clips", "plan", "--only", "bottle"]) == 0
    assert main(["clips", "plan", "--only", "botle"]) == 2
    assert "unknown sample 'botle'; did you mean 'bottle'?" in capsys.readouterr().err
    assert main(["clips", "run", "--budget", "5", "--dry-run"]) == 1
    assert "refused: cannot check the budget" in capsys.readouterr().err
    assert main(["clips", "run", "--budget", "-1", "--dry-run"]) == 2
    assert main(["clips", "run", "--budget", "NaN", "--dry-run"]) == 2
    assert main(["clips", "run", "--budget", "1e30", "--dry-run"]) == 2
    capsys.readouterr()
    samples = project.data_dir / "samples.yaml"
    samples.write_text(SAMPLES.replace("      - {model: beta, platform: replicate}\n", ""))
    assert main(["clips", "run", "--budget", "-0", "--dry-run"]) == 1
    assert "exceeds the budget $0.00" in capsys.readouterr().err


def test_the_real_samples_plan_without_keys(capsys, monkeypatch):
    monkeypatch.delenv("GEMINI_API_KEY", raising=False)
    monkeypatch.chdir(ROOT)
    assert main(["clips", "plan"]) == 0
    assert "juice-bottle: Veo 3.1 on gemini-api via gemini (veo-3.1-generate-preview)" in capsys.readouterr().out
    assert main(["clips", "run", "--budget", "100", "--dry-run"]) == 0
    assert "no call was made" in capsys.readouterr().out


def test_manifest_problems_are_located(project, monkeypatch):
    monkeypatch.chdir(project.project_dir)
    entry = ("  - {sample: bottle, model: alpha, platform: gemini-api, provider: gemini, status: done,"
             " settings: {seconds: 6, resolution: 720p, aspect_ratio: \"16:9\", audio: true},"
             " prompt: A bottle tips over., date: 2026-11-29, file: %s}\n")
    manifest = "clips:\n" + entry % "../../etc/passwd" + entry % "assets/clips/b.mp4"
    assert problems(project.data_dir, {"clips.yaml": manifest}) == [
        "data/clips.yaml:2:84: clips[0].status: a done clip needs 'job'",
        "data/clips.yaml:2:84: clips[0].status: a done clip needs 'sha256'",
        "data/clips.yaml:2:220: clips[0].file: expected a path under assets/clips/ in docs/ ending in .mp4 or .webm"
        " or .mov, got '../../etc/passwd'",
        "data/clips.yaml:3:5: clips[1]: a second entry for bottle on alpha (gemini-api); keep one",
        "data/clips.yaml:3:84: clips[1].status: a done clip needs 'job'",
        "data/clips.yaml:3:84: clips[1].status: a done clip needs 'sha256'",
    ]


def test_runs_that_would_pay_twice_or_beyond_the_estimate_are_problems(project, monkeypatch):
    monkeypatch.chdir(project.project_dir)
    bad = SAMPLES.replace("      - {model: beta, platform: replicate}\n",
                          "      - {model: alpha, platform: gemini-api, parameters: {sampleCount: 4, seed: 7}}\n"
                          "      - {model: beta, platform: replicate, parameters: {num_videos: 2, negative_prompt: x}}\n"
                          ).replace("audio: true", "audio: false")
    why = (" may change the price, which the budget check could not see; parameters may set only negative prompt,"
           " seed, person generation and prompt enhancement (length, resolution, ratio: use settings)")
    assert problems(project.data_dir, {"samples.yaml": bad}) == [
        "data/samples.yaml:5:75: samples[0].settings.audio: no provider input documented here turns sound off"
        " (Veo on the Gemini API always makes it), so the clip would cost and sound other than planned; use audio: true",
        "data/samples.yaml:8:9: samples[0].runs[1]: 'alpha' on 'gemini-api' is listed twice in this sample",
        "data/samples.yaml:8:59: samples[0].runs[1].parameters.sampleCount: 'sampleCount'" + why,
        "data/samples.yaml:9:57: samples[0].runs[2].parameters.num_videos: 'num_videos'" + why,
    ]
    bad = SAMPLES.replace("{model: beta, platform: replicate}", "{model: beta, platform: replicate, parameters: {a: [1]}}")
    assert problems(project.data_dir, {"samples.yaml": bad}) == [
        "data/samples.yaml:8:60: samples[0].runs[1].parameters.a: expected a string, a number or true/false"]


def test_plan_tells_a_missing_file_and_a_provider_that_does_not_match(project, monkeypatch):
    monkeypatch.chdir(project.project_dir)
    (project.data_dir / "samples.yaml").write_text(SAMPLES.replace("      - {model: beta, platform: replicate}\n", ""))
    entry = ("clips:\n  - {sample: bottle, model: alpha, platform: gemini-api, provider: %s, job: op-1, status: done,"
             " settings: {seconds: 6, resolution: 720p, aspect_ratio: \"16:9\", audio: true},"
             " prompt: A bottle tips over on a marble counter., date: 2026-11-29, sha256: %s,"
             " file: assets/clips/bottle/alpha--gemini-api.mp4}\n")
    (project.data_dir / "clips.yaml").write_text(entry % ("gemini", "a" * 64))
    assert commands.clips_plan_text(project, today=TODAY).splitlines()[0] == (
        "bottle: Alpha on gemini-api via gemini (alpha-1): done, $3.00 (its file"
        " docs/assets/clips/bottle/alpha--gemini-api.mp4 is missing: restore it, or delete the entry to make it again)")
    assert problems(project.data_dir, {"clips.yaml": entry % ("openai", "a" * 64)}) == [
        "data/clips.yaml:2:68: clips[0].provider: 'gemini-api' is called through 'gemini', not 'openai'"]
    assert problems(project.data_dir, {"clips.yaml": entry % ("gemini", "abc")}) == [
        "data/clips.yaml:2:253: clips[0].sha256: 'abc' is not a SHA-256 digest (64 lowercase hexadecimal digits)"]


def test_entries_no_sample_lists_are_named_not_refused_and_an_altered_file_is_told(project, monkeypatch):
    monkeypatch.chdir(project.project_dir)
    (project.data_dir / "samples.yaml").write_text(SAMPLES.replace("      - {model: beta, platform: replicate}\n", ""))
    entry = ("  - {sample: %s, model: alpha, platform: gemini-api, provider: gemini, job: op-1, status: done,"
             " settings: {seconds: 6, resolution: 720p, aspect_ratio: \"16:9\", audio: true},"
             " prompt: A bottle tips over on a marble counter., date: 2026-11-29, sha256: " + "a" * 64 + ","
             " file: assets/clips/%s/alpha--gemini-api.mp4}\n")
    (project.data_dir / "clips.yaml").write_text("clips:\n" + entry % ("bottle", "bottle") + entry % ("gone", "gone"))
    (project.docs_dir / "assets/clips/bottle").mkdir(parents=True)
    (project.docs_dir / "assets/clips/bottle/alpha--gemini-api.mp4").write_bytes(b"replaced by hand")
    assert main(["check"]) == 0
    assert commands.clips_plan_text(project, today=TODAY).splitlines() == [
        "bottle: Alpha on gemini-api via gemini (alpha-1): done, $3.00 (docs/assets/clips/bottle/alpha--gemini-api.mp4"
        " is not the file made: its SHA-256 differs from the manifest's)",
        "To generate: 0 clip(s), estimated $0.00; 1 done.",
        "No longer in samples.yaml (delete the entry from clips.yaml, and its file): gone on alpha (gemini-api), done",
    ]


def test_clip_files_are_hashed_in_chunks_and_alterations_found(tmp_path, monkeypatch):
    """A clip may be larger than memory: it is read in chunks, never whole."""
    import hashlib
    from pathlib import Path
    from types import SimpleNamespace

    from generator.clips.files import clip_files

    clip = tmp_path / "assets" / "clips" / "a.mp4"
    clip.parent.mkdir(parents=True)
    clip.write_bytes(b"\0" * 3_000_000)
    good = hashlib.sha256(clip.read_bytes()).hexdigest()
    monkeypatch.setattr(Path, "read_bytes", lambda self: (_ for _ in ()).throw(AssertionError("read whole")))
    entry = lambda sha: SimpleNamespace(clips=[SimpleNamespace(file="assets/clips/a.mp4", poster=None, sha256=sha)])  # noqa: E731
    assert clip_files(tmp_path, entry(good)) == (frozenset({"assets/clips/a.mp4"}), frozenset())
    assert clip_files(tmp_path, entry("0" * 64)) == (frozenset({"assets/clips/a.mp4"}), frozenset({"assets/clips/a.mp4"}))
