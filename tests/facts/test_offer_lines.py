"""New price entries written into a model file's text: after the entry they succeed, one
line each, every other byte kept (comments, block-style entries, a last line without newline)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import yaml

from generator.facts.offer_lines import flow_line, insert_offers, successor
from generator.facts.offer_schema import Offer

DAY = dt.date(2026, 12, 4)
TEXT = """\
id: x
offers:
  # fal: per second
  - {platform: fal, resolution: 1080p, audio: false, price_per_second: "0.20", source: a}  # base
  - platform: fal
    mode: image_to_video
    unit: clip
    price_per_clip: "0.28"
    clip_seconds: 6
    source: b

  # other platforms
  - {platform: other, price_per_second: "1"}
notes: after"""


def _offer(**fields) -> Offer:
    return Offer.model_validate({"platform": "fal", **fields})


def test_entries_go_right_after_the_ones_they_succeed():
    first = successor(_offer(resolution="1080p", audio=False, price_per_second="0.20", source="a"),
                      Decimal("0.25"), "api", DAY, "fal-ai/x")
    clip = successor(_offer(mode="image_to_video", unit="clip", price_per_clip="0.28", clip_seconds=6, source="b"),
                     Decimal("0.30"), "api", DAY)
    out = insert_offers(TEXT, {0: [first], 1: [clip]}).splitlines()
    old = TEXT.splitlines()
    assert out[:4] == old[:4] and out[5:11] == old[4:10] and out[12:] == old[10:]
    assert out[4] == ('  - {platform: fal, resolution: 1080p, audio: false, price_per_second: "0.25", '
                      'effective_from: 2026-12-04, endpoint: fal-ai/x, source: api, as_of: 2026-12-04}')
    assert out[11] == ('  - {platform: fal, mode: image_to_video, unit: clip, price_per_clip: "0.30", clip_seconds: 6, '
                       'effective_from: 2026-12-04, source: api, as_of: 2026-12-04}')


def test_the_last_entry_of_a_file_and_bad_places():
    text = "offers:\n- {platform: fal, price_per_second: \"1\"}"
    new = successor(_offer(price_per_second="1"), Decimal("2"), "api", DAY)
    assert insert_offers(text, {0: [new]}) == f"offers:\n- {{platform: fal, price_per_second: \"1\"}}\n- {flow_line(new)}"
    with pytest.raises(ValueError, match=r"no offers\[3\]"):
        insert_offers(text, {3: [new]})
    with pytest.raises(ValueError, match="no block list 'offers'"):
        insert_offers("offers: [{platform: fal}]\n", {0: [new]})
    with pytest.raises(ValueError, match="layout is not one --write can follow"):  # a dash alone on its line
        insert_offers('offers:\n  -\n    platform: fal\n    price_per_second: "1"\nid: x\n', {0: [new]})


def test_text_is_quoted_as_a_flow_mapping_needs():
    for note in ("Pro endpoint; fal says per video, and 1080p: 6 s {always}", 'it\'s "Pro" — über', "Plain words"):
        line = flow_line(successor(_offer(price_per_second="1", note=note), Decimal("2"), "api", DAY, "fal-ai/x"))
        assert yaml.safe_load(f"- {line}")[0]["note"] == note
    assert line.endswith(", note: Plain words}")


def test_a_file_with_windows_line_endings_keeps_them():
    text = "offers:\r\n  - platform: fal\r\n    price_per_second: \"1\"\r\n  # next\r\n  - {platform: b}\r\n"
    new = successor(_offer(price_per_second="1"), Decimal("2"), "api", DAY)
    out = insert_offers(text, {0: [new]})
    assert out.split("\r\n")[3] == f"  - {flow_line(new)}" and out.count("\r\n") == text.count("\r\n") + 1
    assert "\n" not in out.replace("\r\n", "")


def test_a_price_of_more_than_one_figure_is_not_written():
    with pytest.raises(ValueError, match="a credit price is not one amount"):
        successor(_offer(unit="credit", credits_per_second="10", credit_price="0.01"), Decimal("0.2"), "api", DAY)
