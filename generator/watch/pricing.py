"""Prices a platform publishes in a machine-readable form, and what the data says they are for.

A platform's *provider* reads the price of each of its endpoints (one model in one mode, as the
platform names it: fal.ai's ``fal-ai/veo3.1``). :class:`PriceProvider` is what a provider is: a
platform id, the source id the data cites for prices read from it, and one method,
:meth:`PriceProvider.read_prices`. The next platform that publishes prices is one module
beside :mod:`.fal`.

:func:`endpoint_of` says which endpoint a price entry of the data is for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Protocol, get_args
from urllib.parse import urlsplit

from ..facts.catalog import ModelRecord, OfferRecord
from ..facts.errors import GuideError
from ..facts.offer_schema import Offer

UNITS = {"second": "second", "seconds": "second", "video_second": "second", "video_seconds": "second",
         "video": "clip", "videos": "clip"}
"""A platform's billing unit → the data's :data:`~generator.facts.offer_schema.PriceUnit`
(fal.ai calls its units ``video_second``, ``video``, ``image``, ``megapixel`` …; see
https://fal.ai/docs/documentation/model-apis/pricing.md). A unit that names a count of tokens
(:data:`TOKENS`) is the data's ``token``. Any other unit is one the data cannot express from a
single figure, and is reported, never guessed."""
TOKENS = re.compile(r"(?:(?P<count>\d+)(?P<scale>[km]?)[_ ])?tokens?", re.I)
"""A unit priced per a stated number of tokens: ``token``, ``1k_tokens``, ``1m_tokens``,
``1000_tokens`` (k: thousand, m: million)."""
MILLION = Decimal(10) ** 6


class PricesError(GuideError):
    """A platform's prices could not be read (the message says why; it never holds a key)."""


@dataclass(frozen=True)
class PlatformPrice:
    """One endpoint's price as the platform gives it: ``unit_price`` ``currency`` per
    ``unit`` (the platform's own name for it, e.g. ``video_second``)."""

    endpoint_id: str
    unit_price: Decimal
    unit: str
    currency: str

    @property
    def data_unit(self) -> str | None:
        """The data's unit for this price (``second``, ``clip`` or ``token``), None when it has none."""
        return "token" if self._tokens() else UNITS.get(self.unit.strip().lower())

    @property
    def data_amount(self) -> Decimal:
        """The amount as the data records it in :attr:`data_unit`: per second, per clip, or
        per million tokens (``0.014`` per ``1k_tokens`` → ``14.000``)."""
        tokens = self._tokens()
        return self.unit_price * MILLION / tokens if tokens else self.unit_price

    def _tokens(self) -> int | None:
        """How many tokens the unit counts, None when it is no token unit."""
        found = TOKENS.fullmatch(self.unit.strip())
        if not found:
            return None
        count = int(found["count"] or 1) * {"": 1, "k": 1000, "m": 10**6}[found["scale"].lower()]
        return count or None


class PriceProvider(Protocol):
    """A platform whose prices can be read. ``platform``: its id in ``platforms.yaml``;
    ``source``: the id in ``sources.yaml`` that new price entries cite; ``name``: how the
    report names it; ``host``: where its model pages are (``https://{host}/models/<endpoint>``)."""

    platform: str
    source: str
    name: str
    host: str

    def read_prices(self, endpoint_ids: Iterable[str]) -> dict[str, tuple[PlatformPrice, ...]]:
        """The current prices of each endpoint the platform knows, by endpoint id: one each,
        unless the platform contradicts itself (then every distinct one, and the comparison
        calls it ambiguous); an id it does not know is left out. Raises :class:`PricesError`
        when the prices cannot be read."""
        ...


MODES = {mode: mode.replace("_", "-") for mode in get_args(Offer.model_fields["mode"].annotation) if mode != "extension"}
"""An offer's mode → how an endpoint id names it (``image_to_video`` → ``…/image-to-video``)."""
_MODEL_PAGE = re.compile(r"^/models/(?P<id>[^?#]+?)(?:/(?:llms\.txt|api|playground|examples))?/?$")


def _from_url(url: str | None, host: str) -> str | None:
    if not url:
        return None
    parts = urlsplit(url)
    found = _MODEL_PAGE.search(parts.path) if parts.hostname in (host, f"www.{host}") else None
    return found.group("id") if found else None


def endpoint_of(model: ModelRecord, offer: OfferRecord, platform: str, host: str) -> tuple[str | None, str]:
    """The endpoint ``offer`` is priced at on ``platform`` (whose model pages are
    ``https://{host}/models/<endpoint>``) and how that was found; (None, why) when the data
    does not say.

    The endpoint is the offer's ``endpoint`` field, else the model page the offer's source is
    (``…/models/<endpoint>[/llms.txt|/api|/playground]``), else the model's ``platform_ids``
    entry for the platform. Either must name
    the offer's mode when it names one (``…/image-to-video`` for an image-to-video price):
    a text-to-video page cited for an image-to-video price does not say which endpoint that is.
    """
    endpoint, how = offer.endpoint, "from its endpoint field"
    if endpoint is None:
        endpoint, how = _from_url(offer.source.url, host), f"from the source {offer.source.id}"
    if endpoint is None:
        endpoint, how = model.platform_ids.get(platform), f"from platform_ids.{platform}"
    if endpoint is None:
        return None, f"neither its source ({offer.source.id}) is a {host} model page nor has the model platform_ids.{platform}"
    named = [mode for mode, slug in MODES.items() if slug in endpoint.split("/")]
    if named and offer.mode not in named:
        return None, (f"the endpoint {endpoint} ({how}) is for {named[0].replace('_', '-')}, not "
                      f"{offer.mode.replace('_', '-')}: cite the page of its own endpoint")
    return endpoint, how
