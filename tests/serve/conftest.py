"""Shared fixtures: the combined app `frcli serve` runs, served on a real loopback port."""

from __future__ import annotations

import sys
import warnings

import httpx
import pytest

from fastapi_responses_cli import catalog
from fastapi_responses_cli.live_server import LiveServer
from fastapi_responses_cli.site.app import CombinedApp, create_app


@pytest.fixture(scope="session")
def combined() -> CombinedApp:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # demos teach deprecations; not what is tested here
        return create_app()


@pytest.fixture(scope="session")
def served(combined):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with LiveServer(combined, graceful_timeout=0.5) as server:
            yield server


@pytest.fixture(scope="session")
def client(served):
    with httpx.Client(base_url=served.url, trust_env=False, timeout=10.0) as c:
        yield c


def catalog_names() -> list[str]:
    return list(catalog.demos())


def frcli_command() -> list[str]:
    return [sys.executable, "-m", "fastapi_responses_cli"]
