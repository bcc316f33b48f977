import os

import pytest

from fastapi_responses_cli.runner import DemoRun, run_demo


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    """Every test gets its own FRCLI_HOME, so progress never touches the real user's data."""
    monkeypatch.setenv("FRCLI_HOME", str(tmp_path / "frcli-home"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    yield


@pytest.fixture(scope="session")
def recorded():
    """``recorded(demo, examples=None)``: ``run_demo``'s result, recorded once per test session
    (per xdist worker) and shared by every module that asks: the demo tests, the fact tests,
    test_combined. Treat it as read-only. A run that must be fresh (its own log handler, a
    random boundary compared across responses) calls ``run_demo`` itself."""
    cache: dict[tuple[str, tuple[str, ...] | None], DemoRun] = {}

    def get(demo: str, examples: list[str] | None = None) -> DemoRun:
        key = (demo, tuple(examples) if examples is not None else None)
        if key not in cache:
            cache[key] = run_demo(demo, examples)
        return cache[key]

    return get


def pytest_report_header(config):
    import fastapi
    import starlette
    import uvicorn

    return (
        f"fastapi {fastapi.__version__}, starlette {starlette.__version__}, "
        f"uvicorn {uvicorn.__version__}, cwd {os.getcwd()}"
    )
