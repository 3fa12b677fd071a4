"""The provider clients, keyed from the environment: which key and base-URL variable each
reads (the names the vendors' own SDKs read), checked before any call is made."""

from __future__ import annotations

import importlib.util
import re
import time
from typing import Callable, Mapping

from ..facts.errors import UsageError

PROVIDER_ENV: dict[str, tuple[str, str]] = {
    "gemini": ("GEMINI_API_KEY", "GOOGLE_GEMINI_BASE_URL"),
    "replicate": ("REPLICATE_API_TOKEN", "REPLICATE_BASE_URL"),
    "openai": ("OPENAI_API_KEY", "OPENAI_BASE_URL"),
}
"""Provider → (key variable, base-URL variable): the names the vendors' own SDKs read."""
NEEDS = {"gemini": ("httpx",), "replicate": ("httpx",), "openai": ("openai",)}
"""Provider → the modules of the ``clips`` extra it imports."""


def make_providers(names: set[str], env: Mapping[str, str], timeout: float = 60.0,
                   sleep: Callable[[float], None] = time.sleep) -> dict:
    """One client per provider name, keyed from ``env``. Raises UsageError, before any call,
    naming (never showing) a missing key, or when the ``clips`` extra is not installed."""
    missing = sorted(PROVIDER_ENV[n][0] for n in names if not env.get(PROVIDER_ENV[n][0]))
    if missing:
        raise UsageError("set " + " and ".join(missing) + " in the environment (keys are read from there only)")
    odd = sorted(PROVIDER_ENV[n][0] for n in names if not re.fullmatch(r"[!-~]+", env[PROVIDER_ENV[n][0]]))
    if odd:
        raise UsageError(" and ".join(odd) + " should be printable ASCII without spaces or line breaks"
                         " (was it pasted with a newline?)")
    for name in names:
        url = env.get(PROVIDER_ENV[name][1])
        if url and not re.fullmatch(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[!-~]*)?", url):
            raise UsageError(f"{PROVIDER_ENV[name][1]} is not an http(s) URL such as https://host[:port][/path]")
    lacking = sorted({m for n in names for m in NEEDS[n] if importlib.util.find_spec(m) is None})
    if lacking:
        raise UsageError(f"the clips extra is not installed (no {', '.join(lacking)}): pip install -e '.[clips]'")
    from .gemini import GeminiProvider
    from .openai_videos import OpenAIVideosProvider
    from .replicate import ReplicateProvider

    classes = {"gemini": GeminiProvider, "replicate": ReplicateProvider, "openai": OpenAIVideosProvider}
    providers = {}
    for name in sorted(names):
        key_var, url_var = PROVIDER_ENV[name]
        extra = {"base_url": env[url_var]} if env.get(url_var) else {}
        providers[name] = classes[name](env[key_var], timeout=timeout, sleep=sleep, **extra)
    return providers
