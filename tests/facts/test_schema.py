"""The pydantic schema on its own: fact forms, money, strict booleans, slugs, criteria."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from generator.facts import schema as s
from generator.facts.load import load_document


def errors(model: type, data: dict) -> list[tuple[tuple, str, str]]:
    with pytest.raises(ValidationError) as exc:
        model.model_validate(data)
    return [(e["loc"], e["type"], e["msg"]) for e in exc.value.errors(include_url=False)]


# --- facts -----------------------------------------------------------------------------


def test_bare_fact_is_one_claim_without_source() -> None:
    fact = s.Specs.model_validate({"max_clip_seconds": 60}).max_clip_seconds
    assert isinstance(fact, s.RawFact)
    assert fact.form == "bare"
    assert len(fact) == 1
    assert (fact[0].value, fact[0].source, fact[0].as_of, fact[0].note) == (60, None, None, None)


def test_one_claim_fact() -> None:
    fact = s.Specs.model_validate(
        {"max_clip_seconds": {"value": 60, "source": "article", "as_of": "2026-11-29", "note": "Pro tier"}}
    ).max_clip_seconds
    assert isinstance(fact, s.RawFact)
    assert fact.form == "claim"
    [claim] = fact
    assert (claim.value, claim.source, claim.as_of, claim.note) == (60, "article", dt.date(2026, 11, 29), "Pro tier")


def test_list_of_claims_fact() -> None:
    fact = s.Specs.model_validate(
        {"max_clip_seconds": [{"value": 60, "source": "vendor-docs"}, {"value": 120, "source": "article"}]}
    ).max_clip_seconds
    assert fact.form == "claims"
    assert [(c.value, c.source) for c in fact] == [(60, "vendor-docs"), (120, "article")]


def test_bare_mapping_value_is_not_mistaken_for_a_claim() -> None:
    fact = s.Specs.model_validate({"max_resolution": {"label": "4K", "width": 3840, "height": 2160}}).max_resolution
    assert fact.form == "bare"
    assert fact[0].value == s.Resolution(label="4K", width=3840, height=2160)


def test_bare_list_value_is_not_mistaken_for_claims() -> None:
    fact = s.Specs.model_validate({"inputs": ["text", "video"]}).inputs
    assert fact.form == "bare"
    assert fact[0].value == ["text", "video"]


def test_fact_errors_carry_the_form_in_the_loc() -> None:
    assert errors(s.Specs, {"max_clip_seconds": "60"}) == [
        (("max_clip_seconds", "bare"), "int_type", "Input should be a valid integer")
    ]
    assert errors(s.Specs, {"max_clip_seconds": [{"value": 60}, {"value": 0}]}) == [
        (("max_clip_seconds", "claims", 1, "value"), "greater_than", "Input should be greater than 0")
    ]
    assert errors(s.Specs, {"max_clip_seconds": {"value": 60, "sauce": "x"}}) == [
        (("max_clip_seconds", "claim", "sauce"), "extra_forbidden", "Extra inputs are not permitted")
    ]


def test_unknown_fields_forbidden_at_every_depth() -> None:
    assert errors(s.Specs, {"max_resolution": {"label": "4K", "width": 1, "height": 1, "depth": 8}}) == [
        (("max_resolution", "bare", "depth"), "extra_forbidden", "Extra inputs are not permitted")
    ]


# --- money -----------------------------------------------------------------------------


def test_money_is_the_exact_decimal_written() -> None:
    offer = s.Offer.model_validate({"platform": None, "price_per_second": "0.40"})
    assert offer.price_per_second == Decimal("0.40")
    assert str(offer.price_per_second) == "0.40"


def test_unquoted_money_from_yaml_stays_exact(tmp_path: Path) -> None:
    path = tmp_path / "offer.yaml"
    path.write_text("platform: null\nprice_per_second: 0.10\n")
    offer = s.Offer.model_validate(load_document(path).data)
    assert str(offer.price_per_second) == "0.10"
    assert offer.price_per_second * 3 == Decimal("0.30")


@pytest.mark.parametrize(
    ("price", "kind", "message"),
    [
        ("-0.40", "money_sign", "write an amount without a sign (amounts are never negative)"),
        ("0", "free_price", "a price of 0 is refused: a free offer would be every plan's cheapest; leave it out and "
                            "describe it in the model's note"),
        ("free", "decimal_parsing", "Input should be a valid decimal"),
        ("NaN", "decimal_parsing", "Input should be a valid decimal"),
        ("1e3", "decimal_parsing", "Input should be a valid decimal"),
        ("0.1234567", "decimal_max_places", "Decimal input should have no more than 6 decimal places"),
    ],
)
def test_bad_money_rejected(price: str, kind: str, message: str) -> None:
    assert errors(s.Offer, {"platform": None, "price_per_second": price}) == [(("price_per_second",), kind, message)]


# --- strict booleans, slugs, enums, dates ----------------------------------------------


@pytest.mark.parametrize("written", ["no", "yes", "false", "0"])
def test_strict_bool_rejects_text(written: str) -> None:
    assert errors(s.Availability, {"api": written}) == [
        (("api", "bare"), "bool_type", "Input should be a valid boolean")
    ]


def test_strict_bool_accepts_real_booleans() -> None:
    availability = s.Availability.model_validate({"api": True, "credits": {"value": False}})
    assert availability.api[0].value is True
    assert availability.credits[0].value is False


@pytest.mark.parametrize("bad", ["Google", "goo--gle", "-google", "google-", "goo_gle", "veo 3", "veo3.1", ""])
def test_slug_error_text(bad: str) -> None:
    assert errors(s.Vendor, {"id": bad, "name": "G"}) == [
        (("id",), "slug", f"'{bad}' is not a lowercase slug (a-z, 0-9 and single hyphens, e.g. 'veo-3-1')")
    ]


@pytest.mark.parametrize("good", ["google", "veo-3-1", "a", "3d"])
def test_slugs_accepted(good: str) -> None:
    assert s.Vendor.model_validate({"id": good, "name": "G"}).id == good


def test_slug_must_be_text() -> None:
    assert errors(s.Vendor, {"id": 5, "name": "G"}) == [(("id",), "string_type", "Input should be a valid string")]


def test_enum_message_lists_valid_values() -> None:
    assert errors(s.Specs, {"audio": "loud"}) == [
        (("audio", "bare"), "literal_error", "Input should be 'native', 'optional', 'separate_step' or 'none'")
    ]


def test_impossible_date_rejected() -> None:
    data = {"id": "a", "title": "T", "kind": "article", "accessed": "2026-02-30"}
    assert errors(s.Source, data) == [
        (("accessed",), "date_from_datetime_parsing",
         "Input should be a valid date or datetime, day value is outside expected range")
    ]


def test_text_is_stripped_and_not_empty() -> None:
    assert s.Vendor.model_validate({"id": "g", "name": "  Google  "}).name == "Google"
    assert errors(s.Vendor, {"id": "g", "name": "   "}) == [
        (("name",), "string_too_short", "String should have at least 1 character")
    ]


def test_models_are_frozen() -> None:
    vendor = s.Vendor.model_validate({"id": "g", "name": "G"})
    with pytest.raises(ValidationError):
        vendor.name = "H"  # type: ignore[misc]


# --- criteria --------------------------------------------------------------------------

BASE = {"id": "c", "name": "C"}


def test_rating_and_spec_criteria_accepted() -> None:
    rating = s.Criterion.model_validate({**BASE, "kind": "rating", "scale": ["Good", "Poor"]})
    assert rating.scale == ["Good", "Poor"]
    spec = s.Criterion.model_validate({**BASE, "kind": "spec", "field": "audio", "order": [["native", "optional"], "none"]})
    assert spec.order == [["native", "optional"], "none"]
    assert s.Criterion.model_validate({**BASE, "kind": "spec", "field": "max_clip_seconds", "better": "higher"}).better == "higher"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"kind": "rating"}, "a rating criterion needs 'scale' and no 'field'"),
        ({"kind": "rating", "scale": ["a", "b"], "field": "audio"}, "a rating criterion needs 'scale' and no 'field'"),
        ({"kind": "spec", "better": "higher"}, "a spec criterion needs 'field' and no 'scale'"),
        ({"kind": "spec", "field": "audio", "scale": ["a", "b"], "better": "higher"},
         "a spec criterion needs 'field' and no 'scale'"),
        ({"kind": "spec", "field": "audio"}, "a spec criterion needs exactly one of 'better' or 'order'"),
        ({"kind": "spec", "field": "audio", "better": "higher", "order": ["native", "none"]},
         "a spec criterion needs exactly one of 'better' or 'order'"),
    ],
    ids=["rating-no-scale", "rating-with-field", "spec-no-field", "spec-with-scale", "spec-neither", "spec-both"],
)
def test_criterion_kind_rules(extra: dict, message: str) -> None:
    assert errors(s.Criterion, {**BASE, **extra}) == [((), "criterion", message)]


def test_rating_scale_needs_two_labels() -> None:
    assert errors(s.Criterion, {**BASE, "kind": "rating", "scale": ["Good"]}) == [
        (("scale",), "too_short", "List should have at least 2 items after validation, not 1")
    ]


def test_criterion_kind_is_an_enum() -> None:
    assert errors(s.Criterion, {**BASE, "kind": "vote", "scale": ["a", "b"]}) == [
        (("kind",), "literal_error", "Input should be 'rating', 'spec' or 'score'")
    ]


def test_a_score_criterion_takes_a_leaderboard_and_nothing_else() -> None:
    assert errors(s.Criterion, {**BASE, "kind": "score", "leaderboard": "LMArena", "better": "higher"}) == [
        ((), "criterion", "a score criterion needs 'leaderboard' and nothing of 'scale', 'field', 'better' or "
                          "'order'; other kinds take no 'leaderboard'")
    ]
    assert s.Criterion.model_validate({**BASE, "kind": "score", "leaderboard": "LMArena"}).leaderboard == "LMArena"
