"""load_dataset: every file-level and schema problem, located as ``path:line:col: field: message``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.facts.errors import DataError
from generator.facts.validate import load_dataset

from .. import helpers

# A small valid model file; tests replace one line and know its exact position.
VEO = """\
id: veo-3-1
name: Veo 3.1
vendor: google
family: veo
summary: Google DeepMind's flagship video model.
source: article
as_of: 2026-11-29
specs:
  max_clip_seconds: 60
  audio: native
availability: {api: true, subscription: false}
ratings:
  physics-accuracy: Excellent
offers:
  - {platform: picassoia, price_per_second: "0.40"}
"""


def unknown(name: str, hint: str = "") -> str:
    return f"unknown field '{name}'" + (f"; {hint}" if hint else " (check the spelling; see docs/about/editing.md)")
MODEL, F = helpers.MODEL, helpers.F
problems = helpers.problems


data = helpers.model_fixture(VEO)


def edit(old: str, new: str, text: str = VEO) -> str:
    return helpers.edit(text, old, new)


def model_problems(data: Path, old: str, new: str) -> list[str]:
    return helpers.ModelEdits(data, VEO).problems(old, new)


def test_fixture_and_minimal_model_are_valid(data: Path) -> None:
    dataset = load_dataset(data)
    assert sorted(dataset.models) == ["sora-2-pro", "veo-3-1", "veo-3-1-fast"]
    assert sorted(dataset.vocabularies) == [
        "comparisons.yaml", "criteria.yaml", "decision_guide.yaml", "platforms.yaml", "sources.yaml",
        "use_cases.yaml", "vendors.yaml",
    ]
    assert dataset.model_ids == frozenset({"sora-2-pro", "veo-3-1", "veo-3-1-fast"})


# --- file-level problems ---------------------------------------------------------------


def test_yaml_syntax_error(data: Path) -> None:
    assert model_problems(data, "summary: Google DeepMind's flagship video model.", "summary: [Google") == [
        f"{F}:6:7: <file>: expected ',' or ']', but got ':' (parsing a flow sequence that starts on line 5, column 10)"
    ]


def test_duplicate_key(data: Path) -> None:
    assert model_problems(data, "  audio: native\n", "  audio: native\n  audio: none\n") == [
        f"{F}:11:3: specs.audio: duplicate key 'audio' (first defined on line 10)"
    ]


@pytest.mark.parametrize("text", ["", "# nothing yet\n"], ids=["empty", "comment-only"])
def test_empty_file(data: Path, text: str) -> None:
    assert problems(data, {"vendors.yaml": text}) == ["data/vendors.yaml:1:1: <file>: file is empty"]


def test_file_not_utf8(data: Path) -> None:
    raw = edit("family: veo", "family: v\xe9o").encode("latin-1")
    assert problems(data, {MODEL: raw}) == [f"{F}:4:10: <file>: file is not valid UTF-8 (byte 0xe9)"]


def test_file_not_a_mapping(data: Path) -> None:
    assert problems(data, {"vendors.yaml": "- google\n- openai\n"}) == [
        "data/vendors.yaml:1:1: <file>: the file must be a mapping of field names to values"
    ]


def test_missing_vocabulary_file(data: Path) -> None:
    assert problems(data, {"criteria.yaml": None}) == ["data/criteria.yaml:1:1: <file>: required file is missing"]


def test_no_model_files(data: Path) -> None:
    (data / "decision_guide.yaml").unlink()
    assert problems(data, {MODEL: None, "models/sora-2-pro.yaml": None, "models/veo-3-1-fast.yaml": None,
                           "comparisons.yaml": "pairs: [[a, b]]\n"}) == [
        "data/comparisons.yaml:1:10: pairs[0][0]: unknown model 'a'; none are defined",
        "data/comparisons.yaml:1:13: pairs[0][1]: unknown model 'b'; none are defined",
        "data/models:1:1: <file>: no model files (*.yaml) found",
    ]


def test_data_folder_not_found(data: Path) -> None:
    with pytest.raises(DataError) as exc:
        load_dataset(data.parent / "nowhere")
    assert [str(p) for p in exc.value.problems] == ["nowhere:1:1: <file>: data folder not found"]


def test_paths_outside_the_working_directory_are_absolute(data: Path, monkeypatch: pytest.MonkeyPatch,
                                                          tmp_path_factory: pytest.TempPathFactory) -> None:
    (data / MODEL).write_text(edit("family: veo", "family: veo\ncolour: red"))
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    with pytest.raises(DataError) as exc:
        load_dataset(data)
    assert [str(p) for p in exc.value.problems] == [f"{data / MODEL}:5:1: colour: {unknown('colour')}"]


def test_every_problem_of_every_file_in_one_run_sorted(data: Path) -> None:
    sora = (data / "models/sora-2-pro.yaml").read_text().replace("audio: separate_step", "audio: seperate")
    assert problems(data, {
        "vendors.yaml": "",
        "sources.yaml": "sources:\n  - {id: article, title: T, kind: article, accessed: 2026-11-29, extra: 1}\n",
        MODEL: edit('"0.40"', "cheap", edit("  max_clip_seconds: 60", "  max_clip_seconds: sixty",
                                            edit("name: Veo 3.1\n", ""))),
        "models/sora-2-pro.yaml": sora,
        "platforms.yaml": "platforms:\n  - {id: picassoia, name: PicassoIA}\n",
    }) == [
        "data/models/sora-2-pro.yaml:14:10: specs.audio: "
        "Input should be 'native', 'optional', 'separate_step' or 'none'",
        f"{F}:1:1: name: required field is missing",
        f"{F}:8:21: specs.max_clip_seconds: Input should be a valid integer",
        f"{F}:14:45: offers[0].price_per_second: Input should be a valid decimal",
        "data/platforms.yaml:2:5: platforms[0].kind: required field is missing",
        "data/sources.yaml:2:66: sources[0].extra: unknown field 'extra'; valid here: accessed, id, kind, "
        "note, previous_url, private, published, publisher, reason, title, url",
        "data/vendors.yaml:1:1: <file>: file is empty",
    ]


# --- schema problems -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("family: veo", "family: veo\ncolour: red", f"{F}:5:1: colour: {unknown('colour')}"),
        ("  audio: native", "  audio: native\n  max_fps: 60", f"{F}:11:3: specs.max_fps: unknown field 'max_fps'; valid here: aspect_ratios, audio, "
         "clip_durations_seconds, extension, frame_rates_fps, inputs, max_clip_seconds, max_resolution, "
         "max_total_seconds, resolutions"),
        ("{api: true,", "{api: true, web: true,", f"{F}:11:27: availability.web: {unknown('web', 'valid here: api, credits, subscription')}"),
        ("  max_clip_seconds: 60", "  max_clip_seconds: {value: 60, sauce: article}",
         f"{F}:9:33: specs.max_clip_seconds.sauce: " + unknown("sauce", "did you mean 'source' or 'value'?")),
        ('price_per_second: "0.40"}', 'price_per_second: "0.40", currency_code: EUR}',
         f"{F}:15:53: offers[0].currency_code: " + unknown("currency_code", "did you mean 'currency'?")),
    ],
    ids=["top", "nested", "flow", "in-claim", "in-offer"],
)
def test_unknown_field_at_any_depth(data: Path, old: str, new: str, expected: str) -> None:
    assert model_problems(data, old, new) == [expected]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("  max_clip_seconds: 60", "  max_clip_seconds: sixty",
         f"{F}:9:21: specs.max_clip_seconds: Input should be a valid integer"),
        ("  max_clip_seconds: 60", "  max_clip_seconds: {value: 7.5}",
         f"{F}:9:29: specs.max_clip_seconds.value: Input should be a valid integer"),
        ("  max_clip_seconds: 60", "  max_clip_seconds:\n    - {value: 60}\n    - {value: -5}",
         f"{F}:11:15: specs.max_clip_seconds[1].value: Input should be greater than 0"),
        ("  audio: native", "  audio: native\n  frame_rates_fps: [24, thirty]",
         f"{F}:11:25: specs.frame_rates_fps[1]: Input should be a valid integer"),
        ("  physics-accuracy: Excellent", "  physics-accuracy: 5",
         f"{F}:13:21: ratings.physics-accuracy: Input should be a valid string"),
        ("name: Veo 3.1", "name: ''", f"{F}:2:7: name: String should have at least 1 character"),
        ("name: Veo 3.1\n", "", f"{F}:1:1: name: required field is missing"),
    ],
    ids=["bare", "claim", "claims", "list-item", "text", "empty-text", "missing"],
)
def test_wrong_type(data: Path, old: str, new: str, expected: str) -> None:
    assert model_problems(data, old, new) == [expected]


SIGN = "write an amount without a sign (amounts are never negative)"
FREE = ("a price of 0 is refused: a free offer would be every plan's cheapest; leave it out and describe it in "
        "the model's note")


@pytest.mark.parametrize(("price", "message"), [
    ('"-0"', SIGN), ('"-0.00"', SIGN), ('"+0.40"', SIGN), ("-1", SIGN),
    ('"0"', FREE), ('"0.000"', FREE), ("0", FREE),
], ids=["minus-zero", "minus-zero-cents", "plus", "negative-int", "zero", "zero-places", "zero-int"])
def test_a_price_that_means_nothing_is_refused(data: Path, price: str, message: str) -> None:
    """``"-0"`` was shown as $-0.00 everywhere, and 0 became every plan's cheapest offer."""
    assert model_problems(data, 'price_per_second: "0.40"}', f"price_per_second: {price}}}") == [
        f"{F}:15:45: offers[0].price_per_second: {message}"]


def test_yaml11_lookalike_reaches_schema_as_text(data: Path) -> None:
    (data / MODEL).write_text(edit("name: Veo 3.1", "name: 3.10"))
    assert load_dataset(data).models["veo-3-1"][1].name == "3.10"


@pytest.mark.parametrize(("old", "new", "where"), [
    ("subscription: false", "subscription: no", "11:41: availability.subscription"),
    ('"0.40"}', '"0.40", approximate: yes}', "15:66: offers[0].approximate"),
], ids=["fact", "offer"])
def test_boolean_written_yaml11_style_says_true_or_false(data: Path, old: str, new: str, where: str) -> None:
    assert model_problems(data, old, new) == [f"{F}:{where}: Input should be a valid boolean (write true or false)"]


@pytest.mark.parametrize(
    ("price", "message"),
    [("-0.40", SIGN), ('"-0.40"', SIGN),
     ("cheap", "Input should be a valid decimal"), ("$0.40", "Input should be a valid decimal"),
     ("true", "Input should be a valid decimal")],
    ids=["negative", "negative-quoted", "word", "dollar-sign", "boolean"],
)
def test_bad_price(data: Path, price: str, message: str) -> None:
    assert model_problems(data, 'price_per_second: "0.40"', f"price_per_second: {price}") == [
        f"{F}:15:45: offers[0].price_per_second: {message}"
    ]


def test_unquoted_price_is_exact(data: Path) -> None:
    (data / MODEL).write_text(edit('"0.40"', "0.40"))
    [offer] = load_dataset(data).models["veo-3-1"][1].offers
    assert str(offer.price_per_second) == "0.40"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("audio: native", "audio: loud",
         f"{F}:10:10: specs.audio: Input should be 'native', 'optional', 'separate_step' or 'none'"),
        ("audio: native", "audio: {value: loud}",
         f"{F}:10:18: specs.audio.value: Input should be 'native', 'optional', 'separate_step' or 'none'"),
        ("  audio: native", "  audio: native\n  inputs: [text, smell]",
         f"{F}:11:18: specs.inputs[1]: Input should be 'text', 'image_first_frame', 'image_last_frame', "
         "'reference_images', 'video_extension', 'video_edit', 'storyboard', 'audio' or 'video'"),
        ('"0.40"}', '"0.40", tier: premium}', f"{F}:15:59: offers[0].tier: Input should be 'standard', 'fast' or 'batch'"),
    ],
    ids=["bare", "claim", "list", "offer-tier"],
)
def test_unknown_enum_value_lists_valid_values(data: Path, old: str, new: str, expected: str) -> None:
    assert model_problems(data, old, new) == [expected]


def test_platform_kind_enum(data: Path) -> None:
    assert problems(data, {"platforms.yaml": "platforms:\n  - {id: picassoia, name: PicassoIA, kind: shop}\n"}) == [
        "data/platforms.yaml:2:44: platforms[0].kind: Input should be 'vendor_api', 'cloud', 'reseller' or 'consumer_app'"
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("as_of: 2026-11-29", "as_of: 2026-02-30",
         f"{F}:7:8: as_of: Input should be a valid date (YYYY-MM-DD), day value is outside expected range"),
        ("  max_clip_seconds: 60", "  max_clip_seconds: {value: 60, as_of: 2026-13-01}",
         f"{F}:9:40: specs.max_clip_seconds.as_of: "
         "Input should be a valid date (YYYY-MM-DD), month value is outside expected range of 1-12"),
    ],
    ids=["file-default", "claim"],
)
def test_date_that_does_not_exist(data: Path, old: str, new: str, expected: str) -> None:
    assert model_problems(data, old, new) == [expected]


def test_date_that_does_not_exist_in_sources(data: Path) -> None:
    text = (data / "sources.yaml").read_text().replace("accessed: 2026-11-29", "accessed: 2026-02-30")
    assert problems(data, {"sources.yaml": text}) == [
        "data/sources.yaml:8:15: sources[0].accessed: Input should be a valid date (YYYY-MM-DD), "
        "day value is outside expected range"
    ]


@pytest.mark.parametrize("written", ["0", "20261129", "2026-11-29T00:00:00"], ids=["zero", "digits", "datetime"])
def test_only_a_date_is_a_date(data: Path, written: str) -> None:
    # pydantic's lax mode would read an integer as a Unix timestamp (0 -> 1970-01-01).
    assert model_problems(data, "as_of: 2026-11-29", f"as_of: {written}") == [
        f"{F}:7:8: as_of: Input should be a valid date (YYYY-MM-DD)"
    ]


@pytest.mark.parametrize(
    ("order", "expected"),
    [("[[native, 5],", "data/criteria.yaml:45:22: criteria[7].order[0][1]: Input should be a valid string"),
     ("[7,", "data/criteria.yaml:45:13: criteria[7].order[0]: Input should be a valid string")],
    ids=["in-tie", "rank"],
)
def test_criterion_order_item_error_has_a_clean_field_path(data: Path, order: str, expected: str) -> None:
    # ``order`` items are text or a list of text: no pydantic union branch name in the path.
    text = (data / "criteria.yaml").read_text().replace("[[native, optional],", order)
    assert problems(data, {"criteria.yaml": text}) == [expected]


def test_misspelt_claim_value_key_is_named(data: Path) -> None:
    assert model_problems(data, "  max_clip_seconds: 60", "  max_clip_seconds: {valu: 60, source: article}") == [
        f"{F}:9:21: specs.max_clip_seconds.value: required field is missing",
        f"{F}:9:22: specs.max_clip_seconds.valu: " + unknown("valu", "did you mean 'value'?"),
    ]


def test_integer_mapping_key_is_not_shown_as_an_index(data: Path) -> None:
    assert model_problems(data, "  physics-accuracy: Excellent", "  1: Excellent") == [
        f"{F}:13:3: ratings.1: unknown criterion '1'; valid: abstract-prompts, audio, character-faces, "
        "cinematic-color, clip-length, generation-speed, multi-scene, physics-accuracy, prompt-fidelity, resolution"
        " (criteria are defined in criteria.yaml)"
    ]


# --- problems found together, and checks beyond the schema ------------------------------


def test_duplicate_key_does_not_hide_the_rest_of_the_file(data: Path) -> None:
    text = edit("name: Veo 3.1\n", "name: Veo 3.1\nname: Veo\n").replace("  audio: native", "  audio: nativ")
    found = problems(data, {MODEL: text})
    assert found[0] == f"{F}:3:1: name: duplicate key 'name' (first defined on line 2)"
    assert found[1].startswith(f"{F}:11:10: specs.audio: Input should be 'native', 'optional', ")


def test_a_model_cannot_be_its_own_predecessor(data: Path) -> None:
    text = edit("family: veo\n", "family: veo\npredecessor: veo-3-1\n")
    assert problems(data, {MODEL: text}) == [f"{F}:5:14: predecessor: a model cannot refer to itself"]


def test_retirement_needs_a_date(data: Path) -> None:
    text = VEO + "lifecycle:\n  picassoia: {status: retired}\n"
    assert problems(data, {MODEL: text}) == [
        f"{F}:17:14: lifecycle.picassoia: a retired status needs its 'shutdown' date",
    ]


def test_as_of_in_the_future(data: Path) -> None:
    assert model_problems(data, "as_of: 2026-11-29", "as_of: 2999-01-01") == [
        f"{F}:7:8: as_of: as-of date 2999-01-01 is in the future (today is {dt.date.today().isoformat()})"
    ]


def test_the_same_pair_twice_and_stray_model_files(data: Path) -> None:
    (data / "models" / "notes.yml").write_text("id: notes\n")
    found = problems(data, {"comparisons.yaml": "pairs:\n  - [veo-3-1, sora-2-pro]\n  - [sora-2-pro, veo-3-1]\n"})
    assert found == [
        "data/comparisons.yaml:3:5: pairs[1]: the same pair is already listed (line 2)",
        "data/models/notes.yml:1:1: <file>: not read: model files are models/<id>.yaml (no other extension, no subfolders)",
    ]


def test_reserved_and_cyclic_lineage(data: Path) -> None:
    sora = data / "models" / "sora-2-pro.yaml"
    sora.write_text(sora.read_text().replace("family: sora\n", "family: sora\nvariant_of: veo-3-1\n"))
    text = edit("family: veo\n", "family: veo\nvariant_of: sora-2-pro\n")
    assert problems(data, {MODEL: text}) == [
        "data/models/sora-2-pro.yaml:6:13: variant_of: 'variant_of' links form a cycle through 'veo-3-1'",
        "data/models/sora-2-pro.yaml:6:13: variant_of: a variant must share its vendor; 'veo-3-1' is by 'google'",
        f"{F}:5:13: variant_of: 'variant_of' links form a cycle through 'sora-2-pro'",
        f"{F}:5:13: variant_of: a variant must share its vendor; 'sora-2-pro' is by 'openai'",
    ]


def test_index_is_a_reserved_id(data: Path) -> None:
    (data / MODEL).unlink()
    (data / "models" / "veo-3-1-fast.yaml").unlink()
    (data / "decision_guide.yaml").unlink()
    found = problems(data, {"models/index.yaml": VEO.replace("id: veo-3-1", "id: index"),
                            "comparisons.yaml": "pairs: []\n"})
    assert found == ["data/models/index.yaml:1:5: id: 'index' is reserved for a generated page; choose another id"]


def test_lifecycle_dates_must_make_sense(data: Path) -> None:
    text = VEO + "lifecycle:\n  picassoia: {status: retired, since: 2026-11-01, shutdown: 2026-10-01}\n"
    text += "platform_ids: {}\n"
    future = VEO + "lifecycle:\n  picassoia: {status: retired, shutdown: 2999-10-01}\n"
    assert problems(data, {MODEL: text}) == [f"{F}:17:39: lifecycle.picassoia.since: 'since' is after 'shutdown'"]
    assert problems(data, {MODEL: future}) == [
        f"{F}:17:42: lifecycle.picassoia.shutdown: a retirement in the future is a scheduled shutdown: "
        "use status 'deprecated'"
    ]


def test_a_schema_error_does_not_hide_reference_errors_in_the_same_file(data: Path) -> None:
    text = edit("  audio: native", "  audio: nativ").replace("vendor: google", "vendor: gogle")
    text = text.replace("physics-accuracy: Excellent", "physics-accuracy: Superb")
    found = problems(data, {MODEL: text})
    assert found[0] == f"{F}:3:9: vendor: unknown vendor 'gogle'; did you mean 'google'? (vendors are defined in vendors.yaml)"
    assert found[1].startswith(f"{F}:10:10: specs.audio: Input should be 'native', ")
    assert found[2] == (f"{F}:13:21: ratings.physics-accuracy: 'Superb' is not on the scale of 'physics-accuracy'; "
                        "valid: Excellent, Very good, Good, Fair, Poor")
    assert len(found) == 3


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("    private: true\n", "", "data/sources.yaml:3:5: sources[0]: a source needs its 'url' (or 'private: true' and a"
                              " 'reason' when it has no public address)"),
    ("    reason: The project was given the article's text, not its address.\n", "",
     "data/sources.yaml:3:5: sources[0]: a private source needs a 'reason' saying why it has no address"),
], ids=["no-url", "private-without-reason"])
def test_a_source_without_an_address_must_say_why(data: Path, old: str, new: str, expected: str) -> None:
    text = (data / "sources.yaml").read_text()
    assert old in text
    assert problems(data, {"sources.yaml": text.replace(old, new)}) == [expected]


def test_one_bad_offer_does_not_hide_the_problems_of_the_others(data: Path) -> None:
    """Errors in rounds: a bad effective_from in one offer hid a future as_of in the next."""
    text = edit('price_per_second: "0.40"}', 'price_per_second: "0.40", effective_from: 2026-13-45}')
    text += '  - {platform: null, tier: fast, price_per_second: "0.20", approximate: true, as_of: 2030-01-01}\n'
    (data / MODEL).write_text(text)
    with pytest.raises(DataError) as exc:
        load_dataset(data)
    found = [str(p) for p in exc.value.problems]
    assert found[0].startswith(f"{F}:15:") and found[0].endswith(
        "offers[0].effective_from: Input should be a date (YYYY-MM-DD) or a month (YYYY-MM)")
    assert found[1:] == [f"{F}:16:86: offers[1].as_of: as-of date 2030-01-01 is in the future (today is "
                         f"{dt.date.today().isoformat()})"]


def test_a_bad_claim_source_left_out_is_not_also_missing(data: Path) -> None:
    """The repair leaves an invalid key out to check the rest; its absence is no second problem."""
    text = edit("source: article\n", "").replace("  max_clip_seconds: 60", "  max_clip_seconds: {value: 60, source: Bad_Slug}")
    (data / MODEL).write_text(text)
    with pytest.raises(DataError) as exc:
        load_dataset(data)
    at_claim = [str(p) for p in exc.value.problems if "specs.max_clip_seconds" in str(p)]
    assert at_claim == [f"{F}:8:41: specs.max_clip_seconds.source: 'Bad_Slug' is not a lowercase slug "
                        "(a-z, 0-9 and single hyphens, e.g. 'veo-3-1')"]
