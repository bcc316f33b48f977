import os

import pytest


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    """Every test gets its own FRCLI_HOME, so progress never touches the real user's data."""
    monkeypatch.setenv("FRCLI_HOME", str(tmp_path / "frcli-home"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    yield


def pytest_report_header(config):
    import fastapi
    import starlette
    import uvicorn

    return (
        f"fastapi {fastapi.__version__}, starlette {starlette.__version__}, "
        f"uvicorn {uvicorn.__version__}, cwd {os.getcwd()}"
    )
