"""The suite's forked frcli runs (tests/forkrun.py) print, exit and take signals as exec'd ones do,
and a run whose start-up could differ is exec'd."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from . import forkrun

FRCLI = [sys.executable, "-m", "fastapi_responses_cli"]
forking = pytest.mark.skipif(
    os.environ.get(forkrun.ENV_OFF) == "1", reason=f"{forkrun.ENV_OFF}=1: every run is exec'd"
)

# Commands whose output does not depend on the clock: help, errors, listings, a quiz answer.
SAME = {
    "version": (["--version"], ""),
    "help": (["--help"], ""),
    "demo-help": (["demo", "--help"], ""),
    "list": (["list"], ""),
    "list-json": (["list", "--json"], ""),
    "progress": (["progress"], ""),
    "unknown-demo": (["demo", "nope"], ""),
    "bad-option": (["quiz", "response-models", "-n", "x"], ""),
    "quiz-answer": (["quiz", "response-models", "-n", "1", "--seed", "1"], "1\n"),
    "exercise-list": (["exercise", "list"], ""),
    "inspect-no-app": (["inspect", "nowhere.py", "/"], ""),
}


def run(args: list[str], stdin: str, home: Path, cwd: Path) -> tuple[bool, int, str, str]:
    env = {**os.environ, "FRCLI_HOME": str(home)}
    with subprocess.Popen(
        [*FRCLI, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=cwd,
    ) as proc:
        out, err = proc.communicate(stdin, timeout=60)
    return getattr(proc, "forked", False), proc.returncode, out, err


@forking
@pytest.mark.parametrize("name", SAME)
def test_a_forked_run_prints_and_exits_as_an_execd_one(name, tmp_path):
    args, stdin = SAME[name]
    home = Path(os.environ["FRCLI_HOME"])
    before = tmp_path / "home-before"
    shutil.copytree(home, before)
    forked = run(args, stdin, home, tmp_path)
    shutil.rmtree(home)  # the same home, as it was: a quiz answer is saved, and paths show
    shutil.copytree(before, home)
    with forkrun.paused():
        execd = run(args, stdin, home, tmp_path)
    assert forked[0] and not execd[0]
    assert forked[1:] == execd[1:]


@forking
@pytest.mark.parametrize(
    "env",
    [
        {"PYTHONUNBUFFERED": None, "PYTHONDONTWRITEBYTECODE": None},
        {"PYTHONUNBUFFERED": "1", "PYTHONDONTWRITEBYTECODE": "1"},
        {"PYTHONUNBUFFERED": None, "PYTHONDONTWRITEBYTECODE": "1"},
    ],
    ids=["buffered-bytecode", "unbuffered-no-bytecode", "buffered-no-bytecode"],
)
def test_a_forked_run_starts_up_as_an_execd_one(env):
    """The streams, sys.path[0], sys.argv and the two start-up variables the fork applies
    (None: the variable is not set)."""
    command = [sys.executable, "-m", forkrun.PROBE, "an", "argument"]
    full = {**os.environ, "PROBE_VALUE": "seen"}
    for name, value in env.items():
        full.pop(name, None)
        if value is not None:
            full[name] = value
    root = Path(__file__).resolve().parents[1]
    seen = []
    for paused in (False, True):
        with forkrun.paused() if paused else contextlib.nullcontext():
            proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=full, cwd=root)
            out, _ = proc.communicate(timeout=60)
        assert proc.forked is not paused and proc.returncode == 0
        seen.append(json.loads(out))
    assert seen[0] == seen[1]
    assert seen[0]["streams"]["stderr"]["write_through"] is (env["PYTHONUNBUFFERED"] is not None)
    assert seen[0]["dont_write_bytecode"] is (env["PYTHONDONTWRITEBYTECODE"] is not None)
    assert seen[0]["argv"] == ["an", "argument"] and seen[0]["env"] == "seen"


def _parent_of(pid: int) -> int:
    stat = Path(f"/proc/{pid}/stat").read_text()
    return int(stat.rsplit(")", 1)[1].split()[1])


@forking
def test_a_forked_run_is_this_process_child_and_takes_ctrl_c():
    with subprocess.Popen(
        [*FRCLI, "quiz", "response-models"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as proc:
        assert proc.forked
        assert _parent_of(proc.pid) == os.getpid()
        assert proc.stdout is not None
        proc.stdout.readline()  # it is running: the quiz has started to print
        time.sleep(0.2)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, (out, err)
    assert "Traceback" not in err and err.strip().splitlines()[-1].startswith("frcli:"), err


@pytest.mark.parametrize(
    "command, env",
    [
        ([*FRCLI, "--version"], {"PYTHONIOENCODING": "latin-1"}),
        ([*FRCLI, "--version"], {"LC_ALL": "C"}),
        ([*FRCLI, "--version"], {"HOME": "/nonexistent"}),  # read while preloading
        ([sys.executable, "-X", "utf8", "-m", "fastapi_responses_cli", "--version"], {}),
        ([sys.executable, "-c", "import fastapi_responses_cli"], {}),
        ([sys.executable, "-m", "json.tool", "--help"], {}),
    ],
    ids=["io-encoding", "locale", "preloaded-read", "x-flag", "c-script", "other-module"],
)
def test_a_run_whose_start_up_could_differ_is_execd(command, env):
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, env={**os.environ, **env}) as proc:
        assert not proc.forked
    assert proc.returncode == 0


def test_a_preexec_fn_is_execd():
    with subprocess.Popen(
        [*FRCLI, "--version"], stdout=subprocess.DEVNULL, preexec_fn=os.getpid
    ) as proc:
        assert not proc.forked
    assert proc.returncode == 0


@pytest.mark.exec_frcli
def test_the_marker_execs():
    with subprocess.Popen([*FRCLI, "--version"], stdout=subprocess.DEVNULL) as proc:
        assert not proc.forked
    assert proc.returncode == 0


@forking
def test_a_zygote_that_dies_means_execd_runs_not_failures(capfd):
    first = subprocess.run([*FRCLI, "--version"], capture_output=True, text=True, check=True)
    zygote = forkrun._state["zygote"]
    assert zygote is not None
    zygote.proc.kill()
    zygote.proc.wait()
    try:
        with subprocess.Popen([*FRCLI, "--version"], stdout=subprocess.PIPE, text=True) as proc:
            out, _ = proc.communicate(timeout=60)
        assert not proc.forked and proc.returncode == 0 and out == first.stdout
        assert "every frcli run is exec'd from now on: the zygote failed" in capfd.readouterr().err
    finally:  # a new zygote for this worker's other tests
        zygote.sock.close()
        forkrun._state.update(zygote=None, owner=None, broken=None)
