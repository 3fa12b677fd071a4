"""Display text for values."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from generator.facts import schema as s
from generator.pages import format as fmt


def test_usd_keeps_cents_and_extra_digits():
    assert fmt.usd(Decimal("0.4")) == "$0.40"
    assert fmt.usd(Decimal("0.40")) == "$0.40"
    assert fmt.usd(Decimal("0.084")) == "$0.084"
    assert fmt.usd(Decimal("1E+1")) == "$10.00"
    assert fmt.usd(Decimal("0.35"), approximate=True) == "~$0.35"


def test_values_by_field():
    res = s.Resolution(label="4K", width=3840, height=2160, durations_seconds=[8])
    assert fmt.value("max_resolution", res) == "4K (3840×2160) — 8 s clips only"
    assert fmt.value("max_clip_seconds", 8) == "8 s"
    assert fmt.value("clip_durations_seconds", [4, 6, 8]) == "4, 6, 8 s"
    assert fmt.value("frame_rates_fps", [24, 30]) == "24 fps, 30 fps"
    assert fmt.value("inputs", ["text", "video_extension"]) == "Text, Video (extend a clip)"
    assert fmt.value("audio", "separate_step") == "Separate generation step"
    assert fmt.value("api", False) == "No"
    assert fmt.value("anything", None) == "not documented"


def test_lifecycle_text():
    assert fmt.lifecycle(s.Lifecycle(status="retired", shutdown=dt.date(2026, 9, 24))) == "Retired on 2026-09-24"
    assert fmt.lifecycle(s.Lifecycle(status="deprecated", shutdown=dt.date(2026, 6, 30))) == \
        "Deprecated, shutdown 2026-06-30"
    assert fmt.lifecycle(s.Lifecycle(status="preview", since=dt.date(2026, 6, 30))) == "Preview since 2026-06-30"
