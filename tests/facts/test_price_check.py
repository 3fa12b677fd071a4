"""Price history checks: entries whose place in their price's history cannot be told are
located problems; offer resolutions are labels the calculator can match."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.answers.prices import price_series

from ..conftest import PRICING, TODAY
from ..helpers import problems


def _acme_720p(catalog, day):
    [series] = [s for s in price_series(catalog.models["alpha"], day)
                if s[0].offer.platform.id == "acme-api" and s[0].offer.resolution == "720p"]
    return [(str(e.offer.price_per_second), e.status) for e in series]


@pytest.mark.parametrize(("old", "new", "expected"), [
    ('price_per_second: "0.60", as_of: 2026-07-01}', 'price_per_second: "0.60", effective_from: 2026-13}',
     "data/models/alpha.yaml:23:100: offers[3].effective_from: Input should be a date (YYYY-MM-DD) or a month (YYYY-MM)"),
    ('credits_per_second: "35", credit_price: "0.01"', 'credits_per_second: "35"',
     "data/models/alpha.yaml:24:5: offers[4]: unit 'credit' needs credit_price (unit 'credit': credits_per_second"
     " and credit_price; the units are second, credit, token, clip, subscription)"),
    ('credits_per_second: "35", credit_price: "0.01"', 'credits_per_second: "35", price_per_clip: "0.5"',
     "data/models/alpha.yaml:24:5: offers[4]: unit 'credit' needs credit_price and takes no price_per_clip (unit"
     " 'credit': credits_per_second and credit_price; the units are second, credit, token, clip, subscription)"),
    ('price_per_second: "0.60", as_of: 2026-07-01}', 'unit: clip, price_per_clip: "6", clip_seconds: 10, as_of: 2026-07-01}',
     "data/models/alpha.yaml:23:105: offers[3].clip_seconds: a 10 s clip is longer than the model's longest single"
     " generation (8 s in specs.max_clip_seconds): check the clip length or the spec"),
    ('price_per_second: "0.40", effective_from: 2026-06-01}', 'price_per_second: "0.40"}',
     "data/models/alpha.yaml:20:99: offers[0].effective_from: the entry on line 21 was seen in effect on 2026-11-20,"
     " after this price took effect (2026-01-01), so that entry would stay current: re-check it, then give it"
     " effective_until (the day it ended) or this entry effective_until, whichever is true"),
    ('price_per_second: "0.50", effective_from: 2026-01-01, source: acme-news}',
     'price_per_second: "0.50", effective_from: 2026-01-01, effective_until: 2026-06-01, source: acme-news}', None),
    ('price_per_second: "0.40", effective_from: 2026-06-01}', 'price_per_second: "0.40", effective_from: 2026-01-01}',
     "data/models/alpha.yaml:21:5: offers[1]: another entry for the same price (line 20) also counts from 2026-01-01"
     " (an entry without effective_from counts from its as_of date): give them different effective_from dates, or"
     " end the older one with effective_until"),
    ('price_per_second: "0.40", effective_from: 2026-06-01}', 'price_per_second: "0.40", effective_from: "2026-01"}',
     "data/models/alpha.yaml:21:5: offers[1]: another entry for the same price (line 20) also counts from 2026-01-01"
     " (an entry without effective_from counts from its as_of date): give them different effective_from dates, or"
     " end the older one with effective_until"),
    ("- {platform: resell, resolution: 720p, audio: true, unit: credit",
     "- {platform: resell, resolution: 720p, audio: true, price_per_second: \"0.30\", effective_from: 2026-11-01,"
     " as_of: 2026-11-25}\n  - {platform: resell, resolution: 720p, audio: true, unit: credit",
     "data/models/alpha.yaml:24:97: offers[4].effective_from: the entry on line 25 was seen in effect on 2026-11-20,"
     " after this price took effect (2026-11-01), so that entry would stay current: re-check it, then give it"
     " effective_until (the day it ended) or this entry effective_until, whichever is true"),
], ids=["bad-month", "credit-without-price", "credit-with-a-clip-field", "clip-longer-than-a-generation", "undated-after-a-start", "ended-then-undated", "same-start",
        "month-is-its-first-day",
        "new-price-older-than-a-sighting"])
def test_price_entries_are_checked(tmp_path: Path, old: str, new: str, expected: str | None):
    data = Path(shutil.copytree(PRICING, tmp_path / "data"))
    text = (data / "models" / "alpha.yaml").read_text()
    assert text.count(old) == 1
    if expected is None:  # the $0.50 price ended on 2026-06-01, so the $0.40 one is current
        from generator.facts.catalog import build_catalog
        from generator.facts.validate import load_dataset

        (data / "models" / "alpha.yaml").write_text(text.replace(old, new))
        assert _acme_720p(build_catalog(load_dataset(data)), TODAY)[1] == ("0.40", "current")
        return
    import os

    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert problems(data, {"models/alpha.yaml": text.replace(old, new)}) == [expected]
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize(("label", "ok"), [("720p", True), ("4K", True), ("8K", True), ("1792x1024", True),
                                           ("1080P", False), ("1008", False), ("bogus", False),
                                           ("2K", False)])  # 1440p to some vendors, 2048×1080 to others
def test_offer_resolutions_are_labels_the_calculator_can_match(label, ok):
    from pydantic import ValidationError

    from generator.facts import schema as s
    from generator.facts.fields import resolution_height

    offer = {"platform": None, "resolution": label, "price_per_second": "0.10"}
    if ok:
        assert s.Offer.model_validate(offer).resolution == label
        assert resolution_height(label) == {"720p": 720, "4K": 2160, "8K": 4320, "1792x1024": 1024}[label]
    else:
        with pytest.raises(ValidationError, match="is not a resolution label like 720p, 1080p, 4K, 8K or 1792x1024"):
            s.Offer.model_validate(offer)
