"""Running frcli as a learner would, with one fault injected, and checking how it failed.

Every case asserts the same four things: the exit code, at most two lines on stderr, no
``Traceback`` anywhere, and no answer lost that frcli said it saved.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

NOBODY = 65534
QUIZ = ["quiz", "response-models", "-n", "1", "--seed", "1"]
BUSY = "frcli: progress database is busy: another frcli is writing; try again"


def child_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "COV_"))}
    env.update(FRCLI_HOME=str(home), NO_COLOR="1", COLUMNS="80", FRCLI_BUSY_TIMEOUT="0.3")
    env.pop("FORCE_COLOR", None)
    env.update(extra)
    return env


def frcli(
    args: Sequence[str],
    *,
    home: Path,
    stdin: str = "",
    env: dict[str, str] | None = None,
    user: int | None = None,
    preexec: Callable[[], None] | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """``frcli ARGS`` in a child process; ``user`` runs it as that uid (the suite is root)."""
    command = [sys.executable, "-m", "fastapi_responses_cli", *args]
    if user is not None:
        command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *command]
    return subprocess.run(
        command,
        input=stdin,
        capture_output=True,
        text=True,
        env={**child_env(home), **(env or {})},
        timeout=timeout,
        preexec_fn=preexec,
    )


def can_run_as_nobody() -> str | None:
    """Why permission cases cannot run here, or None when they can.

    As root they run as uid 65534, which must be able to start frcli from this interpreter:
    a virtual environment inside a private (0700) folder is out of its reach.
    """
    if os.geteuid() != 0:
        return None  # already unprivileged: permissions apply as they are
    probe = subprocess.run(
        [
            *("setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"),
            *(sys.executable, "-c", "import typer, fastapi_responses_cli.cli"),
        ],
        capture_output=True,
        text=True,
        cwd="/",
    )
    if probe.returncode == 0:
        return None
    last = (probe.stderr.strip().splitlines() or ["no output"])[-1]
    return f"uid {NOBODY} cannot start frcli from {sys.prefix} ({last})"


def unprivileged_user() -> int | None:
    """The uid for permission cases: nobody when the suite is root, else the suite's own."""
    reason = can_run_as_nobody()
    if reason:
        pytest.skip(reason)
    return NOBODY if os.geteuid() == 0 else None


def assert_quiet(
    proc: subprocess.CompletedProcess[str], code: int, *, max_lines: int = 2
) -> list[str]:
    """The exit code, at most ``max_lines`` on stderr, no traceback; returns stderr's lines."""
    lines = proc.stderr.splitlines()
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    assert proc.returncode == code, (proc.returncode, proc.stderr, proc.stdout[-500:])
    assert len(lines) <= max_lines, proc.stderr
    return lines


def claimed_saved(stdout: str) -> int:
    """How many answers the quiz's feedback said were taken (each is saved before it shows)."""
    return stdout.count("Right.") + stdout.count("Not quite.")


def real_questions(n: int = 3) -> list[str]:
    """``n`` question ids of response-models, so `frcli progress` counts their answers."""
    from fastapi_responses_cli.quiz.store import known_questions

    return sorted(known_questions()["response-models"][1])[:n]


def seed_answers(db: Path, n: int = 3) -> list[tuple]:
    """A progress database with ``n`` saved answers; returns them, as rows, to check later."""
    from fastapi_responses_cli.quiz.store import Store

    with Store(db) as store:
        for i, question in enumerate(real_questions(n)):
            store.record("response-models", question, i % 2 == 0, [f"choice {i}"])
    return answers(db)


def answers(db: Path) -> list[tuple]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute(
            "SELECT id, topic, question, correct, chosen, answered_at FROM answers ORDER BY id"
        ).fetchall()
    finally:
        conn.close()
