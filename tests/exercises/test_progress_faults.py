"""Exercise progress under the store's reliability rules: nothing saved is lost on kill -9,
a busy store is reported in one line and left as it is, and a killed check leaves no child."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

from fastapi_responses_cli.exercises.spec import exercises_dir

from ..faults.helpers import child_env


def events(home):
    with sqlite3.connect(home / "progress.db") as conn:
        return conn.execute(
            "SELECT exercise, kind, passed FROM exercise_events ORDER BY id"
        ).fetchall()


def run_frcli(args, home, cwd, **kw):
    return subprocess.run(
        [sys.executable, "-m", "fastapi_responses_cli", *args],
        cwd=cwd,
        env=child_env(home),
        capture_output=True,
        text=True,
        timeout=120,
        **kw,
    )


def test_kill_9_loses_nothing_saved(tmp_path):
    home = tmp_path / "home"
    script = (
        "import sys, time\n"
        "from fastapi_responses_cli.exercises import state\n"
        "for i in range(3):\n"
        "    state.record('hide-password', 'check', passed=bool(i == 2), failed=[])\n"
        "    print('saved', i, flush=True)\n"
        "time.sleep(60)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script], env=child_env(home), stdout=subprocess.PIPE, text=True
    )
    for i in range(3):
        assert proc.stdout.readline().strip() == f"saved {i}"
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    assert events(home) == [("hide-password", "check", 0)] * 2 + [("hide-password", "check", 1)]
    with sqlite3.connect(home / "progress.db") as conn:
        assert conn.execute("PRAGMA quick_check").fetchone() == ("ok",)


def test_a_check_killed_with_9_leaves_the_store_sound_and_no_child_behind(tmp_path):
    home = tmp_path / "home"
    assert run_frcli(["exercise", "start", "hide-password"], home, tmp_path).returncode == 0
    path = tmp_path / "frcli-exercises" / "hide_password.py"
    path.write_text(
        "import time\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
        "@app.get('/users/{user_id}')\ndef read_user(user_id: int):\n    time.sleep(60)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "fastapi_responses_cli", "exercise", "check", "hide-password"],
        cwd=tmp_path,
        env=child_env(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    for line in proc.stdout:
        if line.startswith("> GET /users/1"):
            break
    children = subprocess.run(
        ["pgrep", "-P", str(proc.pid)], capture_output=True, text=True
    ).stdout.split()
    assert children  # the interpreter running the learner's file
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    deadline = time.monotonic() + 5
    alive = list(children)
    while alive and time.monotonic() < deadline:
        time.sleep(0.1)
        alive = [pid for pid in alive if _alive(int(pid))]
    assert alive == []  # it noticed frcli was gone and ended
    assert events(home) == [("hide-password", "start", None)]
    again = run_frcli(["exercise", "list", "--json"], home, tmp_path)
    assert again.returncode == 0 and '"state": "failing"' in again.stdout


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is gone for our purposes (its parent was killed; init reaps it).
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ", 1)[1][0] != "Z"
    except OSError:
        return False


def test_a_busy_store_is_one_line_and_the_verdict_still_stands(tmp_path):
    home = tmp_path / "home"
    folder = tmp_path / "frcli-exercises"
    folder.mkdir()
    (folder / "hide_password.py").write_bytes(
        (exercises_dir() / "hide-password" / "solution.py").read_bytes()
    )
    assert run_frcli(["exercise", "hint", "hide-password"], home, tmp_path).returncode == 0
    holder = sqlite3.connect(home / "progress.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another frcli is writing
    try:
        result = run_frcli(["exercise", "check", "hide-password"], home, tmp_path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 0  # the verdict is the learner's, whatever the store says
    assert "hide-password is done" in result.stdout
    lines = result.stderr.strip().splitlines()
    assert lines == [
        "frcli: progress not saved (progress database is busy: another frcli is writing; try again)"
    ]
    assert "Traceback" not in result.stdout + result.stderr
    assert events(home) == [("hide-password", "hint", None)]  # kept, not moved aside
    assert not list(home.glob("progress.db.corrupt*"))
