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


@pytest.fixture(scope="session")
def served_hops(served, once_per_run):
    """``served_hops(name, example)``: the exchanges (one per hop) frcli's engine records for an
    example sent to the combined server under ``/<name>``; recorded once per test run (by one
    worker's server: see ``once_per_run``), shared by test_combined and test_commands."""
    from fastapi_responses_cli.recorder import make_client, run_example

    cache: dict[tuple[str, str], list] = {}

    def record(name: str, example) -> list:
        with warnings.catch_warnings(), make_client() as c:
            warnings.simplefilter("ignore")  # demos teach deprecations; not tested here
            events = run_example(c, f"{served.url}/{name}", name, example)
            return [e.exchange for e in events if e.kind == "end"]

    def get(name: str, example) -> list:
        key = (name, example.name)
        if key not in cache:
            cache[key] = once_per_run(
                f"served.{name}.{example.name}", lambda: record(name, example)
            )
        return cache[key]

    return get


def catalog_names() -> list[str]:
    return list(catalog.demos())


def route_table(combined: CombinedApp) -> list[tuple[str, str, str]]:
    """(method, path, owner) for every route the combined app answers, for the clash checks."""
    from starlette.routing import Route

    table: list[tuple[str, str, str]] = []
    for route in combined.site.routes:
        if isinstance(route, Route):
            for method in sorted(route.methods or ["*"]):
                table.append((method, route.path, "site"))
    for name, entry in combined.mounted.items():
        for route in entry.app.routes:
            path = getattr(route, "path", None)
            if path is None:
                continue
            for method in sorted(getattr(route, "methods", None) or ["*"]):
                table.append((method, f"/{name}{path}", name))
    return table


def frcli_command() -> list[str]:
    return [sys.executable, "-m", "fastapi_responses_cli"]
