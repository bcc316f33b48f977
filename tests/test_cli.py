"""The CLI as a learner meets it: real subprocesses and Typer's runner, real servers.

Output checks go through Typer's runner (``run``), in this process: the same commands, the
same real servers, without a second interpreter each. What only a real process shows (signals,
a closed pipe, the import cost) runs one (``frcli``); tests/faults/test_streams.py runs the
piped demo in real processes under odd encodings and closed pipes.
"""

import json
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass

import pytest
from typer.testing import CliRunner

from fastapi_responses_cli.cli import app

ANSI = re.compile(r"\x1b\[")
runner = CliRunner()


def frcli(*args, input=None, env=None, timeout=60):
    full_env = {**os.environ, "COLUMNS": "80", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "fastapi_responses_cli", *args],
        input=input,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
    )


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Ran:
    """``frcli ARGS`` through Typer's runner: stdin is not a terminal, as when piped."""
    result = runner.invoke(app, list(args), input=input, env={"COLUMNS": "80", **(env or {})})
    return Ran(result.exit_code, result.stdout, result.stderr)


HEAVY_PROBE = """
import sys
sys.argv = ["frcli", *sys.argv[1:]]
from fastapi_responses_cli import cli
try:
    cli.main()
except SystemExit:
    pass
heavy = [m for m in ("fastapi", "uvicorn", "httpx", "starlette") if m in sys.modules]
print("HEAVY:" + ",".join(heavy), file=sys.stderr)
"""


@pytest.mark.parametrize("args", [["--help"], ["list"], ["list", "--json"], ["demo", "--help"]])
def test_light_commands_import_no_web_stack(args):
    out = subprocess.run(
        [sys.executable, "-c", HEAVY_PROBE, *args], capture_output=True, text=True, timeout=30
    )
    assert "HEAVY:\n" in out.stderr or out.stderr.rstrip().endswith("HEAVY:"), out.stderr


def test_help_lists_commands():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for cmd in ("demo", "list", "quiz", "serve", "progress"):
        assert cmd in result.output


def test_version_names_the_stack():
    out = frcli("--version")
    assert out.returncode == 0
    for name in ("frcli", "fastapi", "starlette", "pydantic", "uvicorn"):
        assert re.search(rf"^{name} \d", out.stdout, re.M), out.stdout


def test_list_json_shape():
    result = runner.invoke(app, ["list", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    names = [d["name"] for d in data["demos"]]
    assert {"response-models", "streaming"} <= set(names)
    streaming = next(d for d in data["demos"] if d["name"] == "streaming")
    assert set(streaming) == {"name", "title", "topic", "examples", "legacy"}
    assert "sse" in streaming["examples"] and streaming["legacy"] is True  # has a legacy example
    for quiz in data["quizzes"]:
        assert set(quiz) == {"topic", "title", "questions"}


def test_unknown_demo_one_line_with_suggestion():
    out = run("demo", "streamin")
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1, out.stderr
    assert "unknown demo 'streamin'" in out.stderr and "Did you mean 'streaming'?" in out.stderr
    assert "Traceback" not in out.stderr


def test_unknown_example_one_line_with_suggestion():
    out = run("demo", "streaming", "token")
    assert out.returncode == 2
    assert "unknown example 'token' in demo 'streaming'. Did you mean 'tokens'?" in out.stderr
    assert out.stderr.count("\n") == 1


def test_demo_piped_is_plain_and_shows_chunks_live():
    out = run("demo", "streaming", "tokens")
    assert out.returncode == 0, out.stderr
    assert not ANSI.search(out.stdout)
    text = out.stdout
    assert "> GET /tokens?prompt=streaming HTTP/1.1" in text
    assert "< HTTP/1.1 200 OK" in text
    assert "< content-type: text/plain; charset=utf-8" in text
    chunk_lines = re.findall(r"^\s+\+[\d.]+ m?s\s+Δ[\d.]+ m?s\s+\d+ B\s+'(.*)'$", text, re.M)
    assert chunk_lines == ["Here ", "is ", "a ", "streamed ", "answer ", "about ", "streaming. "]
    assert "What to notice:" in text
    assert "async def tokens" in text  # the route's source
    assert max(len(line) for line in text.splitlines()) <= 80


def test_headers_shown_in_wire_order():
    out = run("demo", "streaming", "sse", "--no-source")
    heads = re.findall(r"^< ([A-Za-z-]+):", out.stdout, re.M)
    assert heads == [
        "date",
        "server",
        "content-type",
        "cache-control",
        "x-accel-buffering",
        "Transfer-Encoding",
    ]


def test_sse_rendered_as_events():
    out = run("demo", "streaming", "sse", "--no-source")
    text = out.stdout
    assert "Server-Sent Events as they arrive" in text
    # In wire order: FastAPI writes event, data, id, retry, in that order.
    assert re.search(r"event: start\s+data: \{\"total\": 3\}\s+id: 0\s+retry: 3000", text)
    assert 'data: {"step":2,"done":false}' in text
    assert ": that was the last one   (comment)" in text


def test_jsonl_rendered_one_object_a_line():
    out = run("demo", "streaming", "jsonl", "--no-source")
    objs = re.findall(r"^\s+\+[\d.]+ m?s\s+Δ[\d.]+ m?s\s+\d+ B\s+(\{.*\})$", out.stdout, re.M)
    assert [json.loads(o) for o in objs] == [
        {"step": 1, "done": False},
        {"step": 2, "done": False},
        {"step": 3, "done": True},
    ]


def test_many_chunks_are_counted_not_flooded():
    out = run("demo", "streaming", "csv", "--no-source")
    assert re.search(
        r"… 4,989 more chunks \([\d,]+ body bytes\) not shown; --full shows all", out.stdout
    )
    assert len(out.stdout.splitlines()) < 80


def test_json_timeline_shape():
    out = run("demo", "streaming", "tokens", "--json")
    assert out.returncode == 0, out.stderr
    (ex,) = json.loads(out.stdout)
    assert ex["demo"] == "streaming" and ex["example"] == "tokens"
    assert ex["request"]["method"] == "GET" and ex["request"]["url"].endswith(
        "/tokens?prompt=streaming"
    )
    assert ["Accept", "*/*"] in ex["request"]["headers"]
    assert ex["response"]["status"] == 200 and ex["response"]["reason"] == "OK"
    assert ex["response"]["http_version"] == "HTTP/1.1"
    assert ex["response"]["headers"][0][0] == "date"
    assert [c["text"] for c in ex["chunks"]][:2] == ["Here ", "is "]
    ts = [c["t"] for c in ex["chunks"]]
    assert ts == sorted(ts) and ts[-1] - ts[0] > 0.5
    assert ex["t_head"] < ex["chunks"][0]["t"] <= ex["t_end"]
    assert ex["error"] is None


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["response-models", "created", "--curl"],
            "curl -i -N -H 'content-type: application/json' --data-raw "
            '\'{"id":3,"name":"Tablet","price":450}\' '
            "http://127.0.0.1:8000/response-models/items",
        ),
        (
            ["redirects", "see-other-303", "--httpie"],
            'http --print=hb --stream --follow --all --raw \'{"item":"tea","qty":2}\' '
            "POST http://127.0.0.1:8000/redirects/orders",
        ),
    ],
)
def test_printed_commands(args, expected):
    out = run("demo", *args)
    assert out.returncode == 0
    assert expected in out.stdout
    assert all(len(line) <= 80 for line in out.stdout.splitlines() if line.startswith("#"))


def test_no_name_without_terminal_lists_demos():
    out = run("demo")
    assert out.returncode == 2
    assert "response-models" in out.stdout and "give a demo name" in out.stderr


def test_welcome():
    out = run()
    assert out.returncode == 0
    assert "frcli demo response-models" in out.stdout
    assert "fastapi 0." in out.stdout


def test_welcome_shows_quiz_progress_once_there_is_some(tmp_path):
    env = {"FRCLI_HOME": str(tmp_path)}
    before = run(env=env)
    assert "Your quizzes" not in before.stdout
    quiz = run("quiz", "response-models", "--count", "2", "--seed", "1", input="1\n1\n", env=env)
    assert quiz.returncode == 0, quiz.stderr
    after = run(env=env)
    assert after.returncode == 0
    total = re.search(r"\((\d+) questions\)", after.stdout).group(1)
    assert f"Your quizzes: 2 of {total} questions answered" in after.stdout
    assert "A topic you have not tried: frcli quiz " in after.stdout
    assert all(len(line) <= 80 for line in after.stdout.splitlines())


def test_ctrl_c_during_stream_exits_130_without_traceback():
    proc = subprocess.Popen(
        [sys.executable, "-m", "fastapi_responses_cli", "demo", "streaming", "tokens"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen = ""
    deadline = time.monotonic() + 20
    while "as they arrive" not in seen and time.monotonic() < deadline:
        seen += proc.stdout.readline()
    assert "as they arrive" in seen
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=20)
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert err.strip() == "frcli: interrupted"
    assert "streaming." not in out  # it really stopped mid-stream


def test_picker_driven_by_keystrokes():
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from fastapi_responses_cli import catalog
    from fastapi_responses_cli.commands.demo import pick_demo

    names = list(catalog.demos())
    with create_pipe_input() as inp:
        inp.send_text("\x1b[B\r")  # arrow down, enter
        chosen = pick_demo(input=inp, output=DummyOutput())
    assert chosen == names[1]


@pytest.mark.parametrize(
    "args",
    [["demo", "streaming"], ["demo", "response-models", "--json"], ["quiz", "response-models"]],
)
def test_reader_closing_the_pipe_early_is_not_an_error(args):
    """`frcli demo streaming | head -3`: the reader stops early; frcli ends quietly with 0."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "fastapi_responses_cli", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "COLUMNS": "80"},
    )
    first = proc.stdout.readline()
    assert first
    proc.stdout.close()  # like head after its lines
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=30) == 0, err
    assert err == ""
