"""Shared fixtures: copies of the data sets and of the project, so tests never touch the repo."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from generator.answers.asof import AsOf, as_of
from generator.facts.catalog import Catalog, build_catalog
from generator.facts.validate import load_dataset
from generator.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTICLE = FIXTURES / "article"
PRICING = FIXTURES / "pricing"
TODAY = dt.date(2026, 11, 29)


def at(catalog: Catalog, day: dt.date = TODAY) -> AsOf:
    """The as-of view of ``catalog`` on ``day`` (default: the tests' today)."""
    return as_of(catalog, day)


@pytest.fixture
def article_dir(tmp_path: Path) -> Path:
    """A writable copy of the article-only fixture data set."""
    return Path(shutil.copytree(ARTICLE, tmp_path / "data"))


@pytest.fixture(scope="session")
def article_catalog() -> Catalog:
    return build_catalog(load_dataset(ARTICLE))


@pytest.fixture(scope="session")
def real_catalog() -> Catalog:
    return build_catalog(load_dataset(ROOT / "data"))


def copy_project(target: Path, data: Path | None = None, engine: str | None = None) -> Settings:
    """A throwaway project: mkdocs.yml, hand-written docs and data; built by ``engine``
    (default: mkdocs, there being no pyproject.toml)."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "docs" / "about", target / "docs" / "about")
    shutil.copytree(ROOT / "docs" / "assets" / "javascripts", target / "docs" / "assets" / "javascripts")
    shutil.copytree(ROOT / "docs" / "assets" / "stylesheets", target / "docs" / "assets" / "stylesheets")
    shutil.copytree(data or ROOT / "data", target / "data")
    return Settings.from_cwd(project_dir=target, data_dir=target / "data", docs_dir=target / "docs",
                             site_dir=target / "site", engine=engine)


@pytest.fixture
def article_project(tmp_path: Path) -> Settings:
    return copy_project(tmp_path / "project", ARTICLE)


@pytest.fixture(scope="session")
def pricing_catalog() -> Catalog:
    """The invented pricing fixture: history, credits, a plan, a retired model."""
    return build_catalog(load_dataset(PRICING))


@pytest.fixture(scope="session")
def real_view(real_catalog: Catalog) -> AsOf:
    return at(real_catalog)


@pytest.fixture(scope="session")
def article_view(article_catalog: Catalog) -> AsOf:
    return at(article_catalog)


@pytest.fixture(scope="session")
def pricing_view(pricing_catalog: Catalog) -> AsOf:
    return at(pricing_catalog)


EXTENDED_ALPHA = {
    "  aspect_ratios: [\"16:9\", \"9:16\"]\n": "  max_total_seconds: 29\n"
    "  extension: {step_seconds: 7, max_steps: 3, resolutions: [720p]}\n"
    "  aspect_ratios: [\"16:9\", \"9:16\"]\n  inputs: [text, image_first_frame]\n",
    "  - {platform: acme-app,": "  - {platform: acme-api, mode: extension, resolution: 720p, audio: true,"
                             " price_per_second: \"0.20\"}\n  - {platform: acme-app,",
}
"""The pricing fixture's Alpha with extension (7 s a call, at most 3, 720p, 29 s in all),
priced on Acme API only, and documented inputs."""


@pytest.fixture(scope="session")
def plans_view(tmp_path_factory) -> AsOf:  # noqa: ANN001
    """The pricing fixture with :data:`EXTENDED_ALPHA`, for the planner."""
    data = Path(shutil.copytree(PRICING, tmp_path_factory.mktemp("plans") / "data"))
    alpha = data / "models" / "alpha.yaml"
    text = alpha.read_text()
    for old, new in EXTENDED_ALPHA.items():
        assert old in text
        text = text.replace(old, new)
    alpha.write_text(text)
    return at(build_catalog(load_dataset(data)))


def estimated_only_view(tmp_path: Path) -> AsOf:
    """The real data with Gemini Omni 1.1 Flash's Gemini API token price removed, so that only
    fal's "about $0.125 per second" (an estimate) is left for it."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    model = data / "models" / "gemini-omni-flash.yaml"
    lines = model.read_text().splitlines(keepends=True)
    model.write_text("".join(l for l in lines if not l.startswith("  - {platform: gemini-api, resolution: 720p, unit: token")))
    return at(build_catalog(load_dataset(data)))
