import os
import pickle
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

# pytest keeps each test module's assertion-rewritten code in __pycache__, but not where
# PYTHONDONTWRITEBYTECODE is set (as it is in many containers): then every xdist worker parses
# and rewrites all the test modules again on every run, 3 of its 5 s of start-up. The suite
# writes that cache regardless; only this process and its imports do (frcli's own
# subprocesses keep the variable), and *.pyc is ignored by git.
sys.dont_write_bytecode = False

import pytest  # noqa: E402

from fastapi_responses_cli import catalog  # noqa: E402
from fastapi_responses_cli.runner import DemoRun, run_demo  # noqa: E402

from . import forkrun  # noqa: E402

T = TypeVar("T")

WARM = """
from fastapi_responses_cli import catalog
from fastapi_responses_cli.quiz.model import load_all
for demo in catalog.demos().values():
    demo.info
load_all()
catalog.exercise_titles()
catalog.content_index().save()
"""


@pytest.fixture(scope="session")
def warm_index(once_per_run, shared_dir) -> Path:
    """A content index (``content-index.json``) filled by a run of its own (once per test
    run: see ``once_per_run``): every demo's titles, every quiz's checked questions, the
    exercises' titles. Each test's FRCLI_HOME starts with a copy, as a learner's does after
    their first command; the first run, which checks everything afresh, is tested on its own
    (tests/test_startup.py)."""
    home = shared_dir / "warm-home"

    def fill() -> Path:
        env = {**os.environ, "FRCLI_HOME": str(home)}
        subprocess.run([sys.executable, "-c", WARM], env=env, check=True, timeout=120)
        return home / "content-index.json"

    return once_per_run("warm-index", fill)


def seed_home(home: Path, index: Path) -> None:
    """Give a fresh FRCLI_HOME the warm content index (see ``warm_index``)."""
    home.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(index, home / index.name)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch, warm_index):
    """Every test gets its own FRCLI_HOME, so progress never touches the real user's data."""
    seed_home(tmp_path / "frcli-home", warm_index)
    monkeypatch.setenv("FRCLI_HOME", str(tmp_path / "frcli-home"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    yield


@pytest.fixture(scope="session")
def shared_dir(tmp_path_factory) -> Path:
    """A folder every xdist worker of this run shares (their base temps are its children);
    without xdist, the session's own base temp."""
    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder = root / "shared"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def once_per_run(shared_dir):
    """``once_per_run(key, make)``: ``make()``'s result, made by one xdist worker of this run
    (holding a file lock meanwhile) and read back by the others from ``shared_dir``: for the
    recordings, which each worker used to make for itself, the paced ones included (seconds of
    wall time each). The result must pickle; treat it as read-only."""
    from filelock import FileLock

    def get(key: str, make: Callable[[], T]) -> T:
        path = shared_dir / f"{key}.pickle"
        with FileLock(f"{path}.lock"):
            if path.exists():
                return pickle.loads(path.read_bytes())
            value = make()
            part = path.with_suffix(".part")  # whole or absent, even if this worker dies
            part.write_bytes(pickle.dumps(value))
            part.replace(path)
            return value

    return get


@pytest.fixture(scope="session")
def recorded(once_per_run):
    """``recorded(demo, examples=None)``: ``run_demo``'s result, recorded once per test run (see
    ``once_per_run``) and shared by every module that asks: the demo tests, the fact tests,
    test_combined. Treat it as read-only. A run that must be fresh (its own log handler, a
    random boundary compared across responses) calls ``run_demo`` itself."""
    cache: dict[tuple[str, tuple[str, ...] | None], DemoRun] = {}

    def record(demo: str, examples: list[str] | None) -> tuple[list, list]:
        run = run_demo(demo, examples)
        return run.exchanges, run.startup_log

    def get(demo: str, examples: list[str] | None = None) -> DemoRun:
        key = (demo, tuple(examples) if examples is not None else None)
        if key not in cache:
            name = ".".join(["recorded", demo, *(examples or [])])
            run = DemoRun(catalog.get_demo(demo))
            run.exchanges, run.startup_log = once_per_run(name, lambda: record(demo, examples))
            cache[key] = run
        return cache[key]

    return get


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "early: a test that takes many seconds of wall time; it is run first, so that it "
        "overlaps the rest of the suite instead of holding up its end",
    )
    config.addinivalue_line(
        "markers",
        "exec_frcli: every `python -m fastapi_responses_cli` this test starts is exec'd, "
        "not forked from the warm zygote (tests/forkrun.py): for tests of start-up itself",
    )
    forkrun.install()


def pytest_unconfigure(config):
    forkrun.uninstall()


@pytest.fixture(autouse=True)
def _exec_frcli(request):
    """Tests marked ``exec_frcli`` start frcli cold, as a learner's shell does."""
    if request.node.get_closest_marker("exec_frcli") is None:
        yield
        return
    with forkrun.paused():
        yield


def pytest_collection_modifyitems(config, items):
    # The same order in every xdist worker: a stable sort on the marker alone.
    items.sort(key=lambda item: item.get_closest_marker("early") is None)


def pytest_report_header(config):
    import fastapi
    import starlette
    import uvicorn

    return (
        f"fastapi {fastapi.__version__}, starlette {starlette.__version__}, "
        f"uvicorn {uvicorn.__version__}, cwd {os.getcwd()}"
    )
