"""`frcli inspect`: a learner's file, a module, a running URL; their mistakes in their terms;
and the engine's memory flat in the size of a stream."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

APP = """
from fastapi import FastAPI

app = FastAPI()


@app.get("/items/{item_id}")
def read_item(item_id: int, q: str | None = None) -> dict:
    return {"item_id": item_id, "q": q}


@app.post("/items")
def create(item: dict) -> dict:
    return {"created": item}
"""


def frcli(*args: str, cwd: Path = ROOT, timeout: float = 60) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "fastapi_responses_cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=timeout,
    )


@pytest.fixture
def learner(tmp_path: Path) -> Path:
    (tmp_path / "main.py").write_text(APP)
    return tmp_path


def test_inspect_a_file_shows_the_exchange_and_the_handler_source(learner):
    out = frcli("inspect", "main.py", "GET", "/items/3?q=x", cwd=learner)
    assert out.returncode == 0, out.stderr
    assert "# main.py:7" in out.stdout and "def read_item(item_id: int" in out.stdout
    assert "> GET /items/3?q=x HTTP/1.1" in out.stdout
    assert "< HTTP/1.1 200 OK" in out.stdout
    assert '  {"item_id":3,"q":"x"}' in out.stdout
    assert "timings (ms): connect" in out.stdout


def test_inspect_sends_json_like_curl_and_prints_the_timeline(learner):
    out = frcli(
        "inspect",
        "main.py:app",
        "/items",
        "--json",
        '{"name": "pen"}',
        "--print-json",
        cwd=learner,
    )
    assert out.returncode == 0, out.stderr
    [ex] = json.loads(out.stdout)
    assert ex["request"]["method"] == "POST"  # a body without a method: POST, as curl does
    assert ["content-type", "application/json"] in [
        [k.lower(), v] for k, v in ex["request"]["headers"]
    ]
    assert json.loads(ex["chunks"][0]["text"]) == {"created": {"name": "pen"}}
    t = ex["timings"]
    assert t["connect"] <= t["request_sent"] <= t["head"] <= t["end"]


def test_inspect_a_module(learner):
    # The demos' package name, as a wheel has it (a source checkout has them as demos.X).
    out = frcli("inspect", "fastapi_responses_cli.demos.response_models:app", "/items", "--wire")
    assert out.returncode == 0, out.stderr
    assert "> GET /items HTTP/1.1\\r\\n" in out.stdout
    assert "< HTTP/1.1 200 OK\\r\\n" in out.stdout and "< content-length: " in out.stdout


def test_inspect_a_running_url_and_refuse_a_remote_one(learner):
    from fastapi_responses_cli.live_server import LiveServer

    sys.path.insert(0, str(learner))
    try:
        import main  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(learner))
    with LiveServer(main.app) as server:
        out = frcli("inspect", server.url, "GET", "/items/9", "--timeline")
    assert out.returncode == 0, out.stderr
    assert f"running at {server.url}" in out.stdout
    assert '  {"item_id":9,"q":null}' in out.stdout
    assert "timeline: 0 to" in out.stdout and "response head" in out.stdout
    remote = frcli("inspect", "http://192.0.2.1:8000", "/")
    assert remote.returncode == 2
    assert "loopback addresses only" in remote.stderr and "--allow-remote" in remote.stderr


def test_inspect_a_file_with_a_syntax_error_gives_the_learners_traceback(tmp_path):
    (tmp_path / "broken.py").write_text("from fastapi import FastAPI\n\napp = FastAPI(\n")
    out = frcli("inspect", "broken.py", "/", cwd=tmp_path)
    assert out.returncode == 1
    lines = [line for line in out.stderr.splitlines() if line.strip()]
    assert lines[0].startswith('  File "') and "broken.py" in lines[0]
    assert any(line.startswith("SyntaxError") for line in lines)
    assert lines[-1] == "frcli: broken.py has a syntax error at line 3"
    assert "fastapi_responses_cli" not in out.stderr and out.stdout == ""


def test_inspect_trims_an_import_time_exception_to_the_learners_file(tmp_path):
    (tmp_path / "raises.py").write_text(
        textwrap.dedent(
            """\
            import json

            def settings():
                return json.loads("{nope")

            app = settings()
            """
        )
    )
    out = frcli("inspect", "raises.py", "/", cwd=tmp_path)
    assert out.returncode == 1
    frames = [line for line in out.stderr.splitlines() if line.startswith('  File "')]
    assert frames and all("raises.py" in f for f in frames)  # json's own frames left out
    assert "json.decoder.JSONDecodeError" in out.stderr or "JSONDecodeError" in out.stderr
    assert out.stderr.strip().splitlines()[-1] == (
        "frcli: raises.py raised JSONDecodeError while importing"
    )


@pytest.mark.parametrize("target", ["startup.py", "startup:app"])
def test_inspect_an_app_that_fails_at_start_up(tmp_path, target):
    (tmp_path / "startup.py").write_text(
        textwrap.dedent(
            """\
            from contextlib import asynccontextmanager
            from fastapi import FastAPI

            @asynccontextmanager
            async def lifespan(app):
                raise RuntimeError("database is down")
                yield

            app = FastAPI(lifespan=lifespan)
            """
        )
    )
    # -P: the current folder is not on sys.path, as under the `frcli` script; a module is
    # still found from it, and its frames are the learner's (load_app_target's files).
    out = subprocess.run(
        [sys.executable, "-P", "-m", "fastapi_responses_cli", "inspect", target, "/"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "COLUMNS": "80", "NO_COLOR": "1"},
        timeout=60,
    )
    assert out.returncode == 1
    assert 'startup.py", line 6, in lifespan' in out.stderr
    assert "RuntimeError: database is down" in out.stderr
    assert "starlette" not in out.stderr and "uvicorn" not in out.stderr
    assert out.stderr.strip().splitlines()[-1].startswith(f"frcli: {target}: the app failed")


def test_inspect_without_an_app(learner):
    out = frcli("inspect", "main.py:api", "/", cwd=learner)
    assert out.returncode == 1
    assert out.stderr.strip() == "frcli: main.py has no `api`: define it, e.g. `api = FastAPI()`"


FAST = """
from fastapi import FastAPI
from fastapi.responses import StreamingResponse

app = FastAPI()


@app.get("/rows")
async def rows(n: int) -> StreamingResponse:
    async def gen():
        yield "id,name,score\\n"
        for i in range(n):
            yield f"{i},user{i},{i * 1.5}\\n"

    return StreamingResponse(gen(), media_type="text/csv")
"""


def _peak_mb(mode: str, app: Path, path: str) -> float:
    """Peak RSS of one run in its own process, from the OS."""
    args = [sys.executable, str(ROOT / "benchmarks" / "_drive.py"), mode, str(app), path]
    if mode == "engine":
        args.append("--full")
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    assert status == 0, proc.stderr.read() if proc.stderr else status
    return usage.ru_maxrss / 1024


@pytest.mark.early
def test_memory_is_flat_at_100k_rows_with_full(tmp_path):
    """--full, 100k one-row chunks: the engine keeps counts, not chunks (it kept every chunk's
    bytes before, growing with the stream). How its peak compares with a raw download's (the
    1.3x goal) is benchmarks/bench_wire.py's to measure, at 1M rows."""
    app = tmp_path / "fast.py"
    app.write_text(FAST)
    small = _peak_mb("engine", app, "/rows?n=10000")
    large = _peak_mb("engine", app, "/rows?n=100000")
    assert large <= small + 6, (small, large)  # flat: 10x the rows, a few MB at most
