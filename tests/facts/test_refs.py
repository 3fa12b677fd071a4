"""Cross-file checks: references resolve (with near matches), ids unique and equal to file names."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.facts.locate import near
from generator.facts.validate import load_dataset

from .. import helpers

# A valid model file with one instance of every kind of reference, one per line.
VEO = """\
id: veo-3-1
name: Veo 3.1
vendor: google
family: veo
summary: Google DeepMind's flagship video model.
source: article
as_of: 2026-11-29
platform_ids:
  picassoia: veo-3.1
lifecycle:
  picassoia: {status: ga}
specs:
  max_clip_seconds: 60
  audio: native
ratings:
  physics-accuracy: Excellent
verdicts:
  product-advertising: {verdict: recommended, reason: Objects stay consistent.}
prompt:
  slots: [Subject, Camera]
  source: article
offers:
  - {platform: picassoia, price_per_second: "0.40", source: article}
"""
SLUG = "is not a lowercase slug (a-z, 0-9 and single hyphens, e.g. 'veo-3-1')"
MODEL, F = helpers.MODEL, helpers.F
problems = helpers.problems


data = helpers.model_fixture(VEO)


def edit(old: str, new: str, text: str = VEO) -> str:
    return helpers.edit(text, old, new)


def model_problems(data: Path, old: str, new: str) -> list[str]:
    return helpers.ModelEdits(data, VEO).problems(old, new)


def test_model_with_every_reference_is_valid(data: Path) -> None:
    doc, model = load_dataset(data).models["veo-3-1"]
    assert model.platform_ids == {"picassoia": "veo-3.1"}
    assert doc.name == F


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("vendor: google", "vendor: gogle", f"{F}:3:9: vendor: unknown vendor 'gogle'; did you mean 'google'? (vendors are defined in vendors.yaml)"),
        ("vendor: google", "vendor: meta", f"{F}:3:9: vendor: unknown vendor 'meta'; valid: google, openai (vendors are defined in vendors.yaml)"),
        ("  picassoia: veo-3.1", "  picasoia: veo-3.1",
         f"{F}:9:3: platform_ids.picasoia: unknown platform 'picasoia'; did you mean 'picassoia'? (platforms are defined in platforms.yaml)"),
        ("  picassoia: {status: ga}", "  picasso: {status: ga}",
         f"{F}:11:3: lifecycle.picasso: unknown platform 'picasso'; did you mean 'picassoia'? (platforms are defined in platforms.yaml)"),
        ("{platform: picassoia,", "{platform: replicate,",
         f"{F}:23:16: offers[0].platform: unknown platform 'replicate'; valid: picassoia (platforms are defined in platforms.yaml)"),
        ("source: article\nas_of", "source: articel\nas_of",
         f"{F}:6:9: source: unknown source 'articel'; did you mean 'article'? (sources are defined in sources.yaml)"),
        ("  max_clip_seconds: 60", "  max_clip_seconds: {value: 60, source: artcle}",
         f"{F}:13:41: specs.max_clip_seconds.source: unknown source 'artcle'; did you mean 'article'? (sources are defined in sources.yaml)"),
        ("  audio: native", "  audio:\n    - {value: native}\n    - {value: optional, source: blog}",
         f"{F}:16:33: specs.audio[1].source: unknown source 'blog'; valid: article (sources are defined in sources.yaml)"),
        ("  source: article\noffers", "  source: articles\noffers",
         f"{F}:21:11: prompt.source: unknown source 'articles'; did you mean 'article'? (sources are defined in sources.yaml)"),
        ('"0.40", source: article}', '"0.40", source: vendor-docs}',
         f"{F}:23:61: offers[0].source: unknown source 'vendor-docs'; valid: article (sources are defined in sources.yaml)"),
        ("  physics-accuracy: Excellent", "  physics-acuracy: Excellent",
         f"{F}:16:3: ratings.physics-acuracy: unknown criterion 'physics-acuracy'; did you mean 'physics-accuracy'? (criteria are defined in criteria.yaml)"),
        ("  product-advertising:", "  product-ads:",
         f"{F}:18:3: verdicts.product-ads: unknown use case 'product-ads'; did you mean 'product-advertising'? (use cases are defined in use_cases.yaml)"),
        ("family: veo", "family: veo\npredecessor: veo-3",
         f"{F}:5:14: predecessor: unknown model 'veo-3'; did you mean 'veo-3-1'?"),
        ("family: veo", "family: veo\nvariant_of: kling-2",
         f"{F}:5:13: variant_of: unknown model 'kling-2'; valid: sora-2-pro, veo-3-1, veo-3-1-fast"),
        ("{status: ga}", "{status: deprecated, shutdown: 2027-01-01, replacement: veo-4}",
         f"{F}:11:70: lifecycle.picassoia.replacement: unknown model 'veo-4'; did you mean 'veo-3-1'?"),
    ],
    ids=["vendor", "vendor-far", "platform-id-key", "lifecycle-key", "offer-platform", "file-source",
         "claim-source", "claims-source", "prompt-source", "offer-source", "criterion", "use-case",
         "predecessor", "variant-of", "replacement"],
)
def test_unresolved_reference_in_model(data: Path, old: str, new: str, expected: str) -> None:
    assert model_problems(data, old, new) == [expected]


def test_unresolved_references_in_vocabularies(data: Path) -> None:
    use_cases = (data / "use_cases.yaml").read_text()
    assert problems(data, {
        "comparisons.yaml": "pairs:\n  - [veo-3-1, sora-2]\n  - [veo-3-1, veo-3-1]\n",
        "platforms.yaml": "platforms:\n  - {id: picassoia, name: PicassoIA, kind: reseller, first_party_for: googel}\n",
        "use_cases.yaml": use_cases.replace("{generation-speed: 3}", "{generation-sped: 3}"),
    }) == [
        "data/comparisons.yaml:2:15: pairs[0][1]: unknown model 'sora-2'; did you mean 'sora-2-pro'?",
        "data/comparisons.yaml:3:5: pairs[1]: a model cannot be compared with itself",
        "data/platforms.yaml:2:71: platforms[0].first_party_for: unknown vendor 'googel'; did you mean 'google'? (vendors are defined in vendors.yaml)",
        "data/use_cases.yaml:23:16: use_cases[4].criteria.generation-sped: "
        "unknown criterion 'generation-sped'; did you mean 'generation-speed'? (criteria are defined in criteria.yaml)",
    ]


def test_near_hint() -> None:
    assert near("gogle", ["google", "openai"]) == "did you mean 'google'?"
    assert near("sora-2", ["sora-2-max", "sora-2-pro", "veo-3-1"]) == "did you mean 'sora-2-pro' or 'sora-2-max'?"
    assert near("meta", ["openai", "google"]) == "valid: google, openai"
    assert near("x", []) == "none are defined"
    assert near("zzz", [f"vendor-{i}" for i in range(13)]) == "13 are defined"


def test_rating_off_the_scale_lists_the_scale(data: Path) -> None:
    assert model_problems(data, "physics-accuracy: Excellent", "physics-accuracy: Superb") == [
        f"{F}:16:21: ratings.physics-accuracy: 'Superb' is not on the scale of 'physics-accuracy'; "
        "valid: Excellent, Very good, Good, Fair, Poor"
    ]


def test_spec_criterion_takes_no_rating(data: Path) -> None:
    assert model_problems(data, "  physics-accuracy: Excellent", "  physics-accuracy: Excellent\n  clip-length: Good") == [
        f"{F}:17:3: ratings.clip-length: criterion 'clip-length' is computed from specs; it takes no rating"
    ]


def test_criterion_order_values_must_exist(data: Path) -> None:
    text = (data / "criteria.yaml").read_text().replace("[[native, optional],", "[[native, optionl],")
    assert problems(data, {"criteria.yaml": text}) == [
        "data/criteria.yaml:45:22: criteria[7].order[0][1]: "
        "'optionl' is not a value of 'audio'; valid: native, optional, separate_step, none"
    ]


def test_numeric_spec_criterion_cannot_have_an_order(data: Path) -> None:
    text = (data / "criteria.yaml").read_text()
    text = text.replace("field: max_clip_seconds\n    better: higher", "field: max_clip_seconds\n    order: [a, b]")
    assert problems(data, {"criteria.yaml": text}) == [
        "data/criteria.yaml:14:12: criteria[1].order: spec field 'max_clip_seconds' is numeric; use 'better'"
    ]


def test_criterion_kind_rule_located_at_the_criterion(data: Path) -> None:
    text = (data / "criteria.yaml").read_text().replace("    kind: rating\n    scale: [Strong, Moderate, Neutral]\n",
                                                        "    kind: rating\n")
    assert problems(data, {"criteria.yaml": text}) == [
        "data/criteria.yaml:20:5: criteria[3]: a rating criterion needs 'scale' and no 'field'"
    ]


# --- ids -------------------------------------------------------------------------------


def test_duplicate_ids_in_sources(data: Path) -> None:
    extra = ("  - id: blog\n    title: A blog\n    kind: secondary\n    url: https://blog.example/\n    accessed: 2026-11-29\n"
             "  - id: article\n    title: Again\n    kind: article\n    private: true\n    reason: Given as text.\n"
             "    accessed: 2026-11-29\n")
    text = (data / "sources.yaml").read_text() + extra
    assert problems(data, {"sources.yaml": text}) == [
        "data/sources.yaml:14:9: sources[2].id: duplicate id 'article' (first on line 3)"
    ]


def test_duplicate_ids_in_vendors(data: Path) -> None:
    text = "vendors:\n  - {id: google, name: Google DeepMind}\n  - {id: openai, name: OpenAI}\n  - {id: google, name: G}\n"
    assert problems(data, {"vendors.yaml": text}) == [
        "data/vendors.yaml:4:10: vendors[2].id: duplicate id 'google' (first on line 2)"
    ]


def test_id_differs_from_file_name(data: Path) -> None:
    assert model_problems(data, "id: veo-3-1", "id: veo-31") == [
        f"{F}:1:5: id: id 'veo-31' differs from the file name 'veo-3-1.yaml'"
    ]


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (MODEL, "id: veo-3-1", "id: Veo_3.1", f"{F}:1:5: id: 'Veo_3.1' {SLUG}"),
        (MODEL, "family: veo", "family: Veo 3", f"{F}:4:9: family: 'Veo 3' {SLUG}"),
        ("sources.yaml", "id: article", "id: The Article", f"data/sources.yaml:3:9: sources[0].id: 'The Article' {SLUG}"),
        ("platforms.yaml", "id: picassoia", "id: picasso-", f"data/platforms.yaml:2:10: platforms[0].id: 'picasso-' {SLUG}"),
    ],
    ids=["model-id", "family", "source-id", "platform-id"],
)
def test_ids_must_be_lowercase_slugs(data: Path, file: str, old: str, new: str, expected: str) -> None:
    text = VEO if file == MODEL else (data / file).read_text()
    assert problems(data, {file: edit(old, new, text)}) == [expected]


def test_non_slug_mapping_key_located_at_the_key(data: Path) -> None:
    assert model_problems(data, "  physics-accuracy: Excellent", "  Physics Accuracy: Excellent") == [
        f"{F}:16:3: ratings.Physics Accuracy: 'Physics Accuracy' {SLUG}"
    ]


# --- sources and dates of claims -------------------------------------------------------


def test_claim_without_source_when_file_has_none(data: Path) -> None:
    text = """\
id: veo-3-1
name: Veo 3.1
vendor: google
family: veo
summary: Every claim names its source but one.
as_of: 2026-11-29
specs:
  max_clip_seconds: {value: 60, source: article}
  audio:
    - {value: native, source: article}
    - {value: optional}
"""
    assert problems(data, {MODEL: text}) == [
        f"{F}:11:7: specs.audio[1]: no source: give the claim a 'source' or set the file's 'source'"
    ]


CLAIM_SITES = ["10:14: lifecycle.picassoia", "12:21: specs.max_clip_seconds", "13:10: specs.audio",
               "15:21: ratings.physics-accuracy", "17:24: verdicts.product-advertising"]


def test_every_claim_and_offer_without_source_when_file_has_none(data: Path) -> None:
    text = edit(", source: article}", "}", edit("source: article\nas_of", "as_of"))
    assert problems(data, {MODEL: text}) == [
        *(f"{F}:{site}: no source: give the claim a 'source' or set the file's 'source'" for site in CLAIM_SITES),
        f"{F}:22:5: offers[0]: no source: give the offer a 'source' or set the file's 'source'",
    ]


def test_every_claim_and_offer_without_as_of_when_file_has_none(data: Path) -> None:
    assert model_problems(data, "as_of: 2026-11-29\n", "") == [
        *(f"{F}:{site}: no as-of date: give the claim an 'as_of' or set the file's 'as_of'" for site in CLAIM_SITES),
        f"{F}:19:3: prompt: no as-of date: give the prompt an 'as_of' or set the file's 'as_of'",
        f"{F}:22:5: offers[0]: no as-of date: give the offer an 'as_of' or set the file's 'as_of'",
    ]


# --- broken files do not cascade -------------------------------------------------------


def test_broken_vocabulary_is_not_reported_again_as_unresolved_references(data: Path) -> None:
    assert problems(data, {"vendors.yaml": "vendors:\n  - {id: google}\n", MODEL: edit("vendor: google", "vendor: gogle")}) == [
        "data/vendors.yaml:2:5: vendors[0].name: required field is missing"
    ]


def test_references_to_a_broken_model_file_still_resolve(data: Path) -> None:
    sora = (data / "models/sora-2-pro.yaml").read_text().replace("family: sora", "family: sora\ncolour: red")
    assert problems(data, {"models/sora-2-pro.yaml": sora}) == [
        "data/models/sora-2-pro.yaml:6:1: colour: unknown field 'colour' (check the spelling; see docs/about/editing.md)"
    ]
