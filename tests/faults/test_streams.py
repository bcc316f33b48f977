"""Closed, vanished and non-UTF-8 standard streams: no traceback, the command's own exit code."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from .helpers import assert_quiet, child_env, frcli, seed_answers

# One of each kind of output: plain lists, a rich table, the welcome, a demo's chunk lines (Δ),
# a quiz banner (·), and Click's own help.
COMMANDS = {
    "list": ["list"],
    "progress": ["progress"],
    "welcome": [],
    "demo": ["demo", "streaming", "tokens"],
    "quiz": ["quiz", "response-models", "-n", "1", "--seed", "1"],
    "help": ["--help"],
}


def _close(*fds: int):
    def close() -> None:
        for fd in fds:
            os.close(fd)

    return close


@pytest.mark.parametrize("name", COMMANDS)
def test_closed_stdout(home, name):
    seed_answers(home / "progress.db")
    proc = frcli(COMMANDS[name], home=home, stdin="1\n", preexec=_close(1))
    assert_quiet(proc, 0, max_lines=0)


@pytest.mark.parametrize("name", ["quiz", "welcome", "list"])
def test_closed_stdin(home, name):
    proc = frcli(COMMANDS[name], home=home, preexec=_close(0))
    assert_quiet(proc, 0, max_lines=0)
    if name == "quiz":
        assert "End of input after 0 of 1 questions." in proc.stdout


def test_closed_stdout_and_stderr_keep_the_exit_code(home):
    proc = frcli(["demo", "no-such-demo"], home=home, preexec=_close(1, 2))
    assert proc.returncode == 2 and proc.stdout == proc.stderr == ""


ENCODINGS = {
    "ascii": {"PYTHONIOENCODING": "ascii"},
    "C-locale": {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
    "latin-1": {"PYTHONIOENCODING": "latin-1"},
    "cp1252": {"PYTHONIOENCODING": "cp1252"},
}


@pytest.mark.parametrize("name", COMMANDS)
@pytest.mark.parametrize("encoding", ENCODINGS)
def test_non_utf8_output(home, encoding, name):
    seed_answers(home / "progress.db")
    env = {**child_env(home), **ENCODINGS[encoding]}
    if encoding == "C-locale":
        env.pop("PYTHONIOENCODING", None)
    proc = subprocess.run(
        [sys.executable, "-m", "fastapi_responses_cli", *COMMANDS[name]],
        input=b"1\n",
        capture_output=True,
        env=env,
        timeout=60,
    )
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and "UnicodeEncodeError" not in err, err
    assert proc.returncode == 0, err
    assert len(err.splitlines()) <= 1, err
    codec = {"C-locale": "ascii"}.get(encoding, encoding)
    text = proc.stdout.decode(codec)  # every byte is in the terminal's encoding
    assert text.strip()
    if codec == "ascii" and name == "demo":
        assert re.search(r" d\d+\.\d ms ", text)  # the gap column: "d" stands in for "Δ"


# -- a reader that stops early ----------------------------------------------------------------
PIPES = {
    "version": (["--version"], 0),
    "help": (["--help"], 0),
    "validate-bad": (["quiz", "validate", "BAD"], 1),
    "list": (["list"], 0),
    "list-json": (["list", "--json"], 0),
    "unknown-demo": (["demo", "no-such-demo"], 2),
    "demo": (["demo", "streaming", "tokens"], 0),
    "curl": (["demo", "files", "--curl"], 0),
}


@pytest.mark.parametrize("name", PIPES)
def test_reader_gone_before_the_first_write_keeps_the_exit_code(home, tmp_path, name):
    """`frcli ... | true`: the reader is gone before frcli writes anything; under pipefail the
    command's own exit code is what the shell sees."""
    args, code = PIPES[name]
    bad = tmp_path / "bad.toml"
    bad.write_text("x = 1\n[[questions]]\nid = 3\n")
    args = [str(bad) if a == "BAD" else a for a in args]
    read, write = os.pipe()
    os.close(read)  # `true` has already exited
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "fastapi_responses_cli", *args],
            stdin=subprocess.DEVNULL,
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            env=child_env(home),
            timeout=60,
        )
    finally:
        os.close(write)
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr, proc.stderr
    assert proc.returncode == code, proc.stderr
    assert len(proc.stderr.splitlines()) <= 1, proc.stderr
