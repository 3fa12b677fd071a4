"""Value types: fact forms, dates, money, slugs (the schema tests cover them inside files)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from pydantic import TypeAdapter, ValidationError

from generator.facts.fields import Date, Fact, Money, RawFact, Slug


def test_fact_forms_validate_to_raw_facts():
    adapter = TypeAdapter(Fact(int))
    bare = adapter.validate_python(8)
    one = adapter.validate_python({"value": 8, "source": "article"})
    many = adapter.validate_python([{"value": 8}, {"value": 60, "source": "article"}])
    assert isinstance(bare, RawFact) and (bare.form, bare[0].value, bare[0].source) == ("bare", 8, None)
    assert (one.form, one[0].source) == ("claim", "article")
    assert (many.form, [c.value for c in many]) == ("claims", [8, 60])


def test_a_bare_list_is_a_value_not_a_list_of_claims():
    fact = TypeAdapter(Fact(list[int])).validate_python([24, 30])
    assert (fact.form, fact[0].value) == ("bare", [24, 30])


@pytest.mark.parametrize("text", ["2026-02-30", "0", "2026-04-29T10:00"])
def test_dates_must_exist_and_be_written_yyyy_mm_dd(text):
    with pytest.raises(ValidationError):
        TypeAdapter(Date).validate_python(text if text != "0" else 0)
    assert TypeAdapter(Date).validate_python("2026-04-29") == dt.date(2026, 4, 29)


def test_money_is_exact_and_plain():
    assert TypeAdapter(Money).validate_python("0.10") == Decimal("0.10")
    for bad in ("1e3", "-0.1", "abc", "NaN"):
        with pytest.raises(ValidationError):
            TypeAdapter(Money).validate_python(bad)


def test_slug():
    assert TypeAdapter(Slug).validate_python("veo-3-1") == "veo-3-1"
    with pytest.raises(ValidationError, match="'Veo_3' is not a lowercase slug"):
        TypeAdapter(Slug).validate_python("Veo_3")


def test_url_and_aspect_ratio_messages():
    from generator.facts.fields import AspectRatio, Url

    with pytest.raises(ValidationError, match=r"'ftp://x' is not an http\(s\) URL"):
        TypeAdapter(Url).validate_python("ftp://x")
    with pytest.raises(ValidationError, match=r"no user name or password"):
        TypeAdapter(Url).validate_python("https://bob:pw@example.com/docs")
    assert TypeAdapter(Url).validate_python("https://medium.com/@team/a?b=c@d") == "https://medium.com/@team/a?b=c@d"
    with pytest.raises(ValidationError, match=r"'16/9' is not an aspect ratio like \"16:9\" \(quote it in YAML\)"):
        TypeAdapter(AspectRatio).validate_python("16/9")
