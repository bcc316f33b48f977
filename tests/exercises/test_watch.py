"""Watch mode driven in a test: keys through prompt_toolkit's pipe input, a file written, the
verdict read from the output; a pass moves on to the next exercise."""

import shutil
import threading
import time

from prompt_toolkit.input import create_pipe_input

from fastapi_responses_cli.commands.exercise import watch_exercises
from fastapi_responses_cli.exercises import file_stem
from fastapi_responses_cli.exercises.spec import exercises_dir, load_manifest
from fastapi_responses_cli.exercises.state import exercise_states


def wait_for(capsys, text, seen, timeout=60.0):
    """Read the output until ``text`` appears after what was already seen."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        seen.append(capsys.readouterr().out)
        if text in "".join(seen):
            return "".join(seen)
        time.sleep(0.05)
    raise AssertionError(f"{text!r} never appeared in:\n{''.join(seen)}")


def test_watch_checks_on_save_takes_keys_and_moves_on(tmp_path, capsys):
    # The course order is content: the exercises after hide-password, read from the manifest.
    _, second, third = (e.name for e in load_manifest().exercise[:3])
    directory = tmp_path / "ex"
    result: list[int] = []
    with create_pipe_input() as inp:

        def run():
            result.append(watch_exercises("hide-password", directory=directory, input=inp))

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        seen: list[str] = []
        # It writes the starter and checks it at once.
        wait_for(capsys, "expectations not met yet", seen)
        assert (directory / "hide_password.py").is_file()
        out = wait_for(capsys, "q quit", seen)
        assert "✗ alice: hashed_password is still in the body" in out

        seen.clear()
        inp.send_text("h")
        wait_for(capsys, "Hint 1 of", seen)

        seen.clear()
        inp.send_text("l")
        out = wait_for(capsys, "sse-current", seen)
        assert "→ hide-password" in out

        # A save: the watcher checks again, the pass moves on to the next exercise.
        seen.clear()
        shutil.copy(
            exercises_dir() / "hide-password" / "solution.py", directory / "hide_password.py"
        )
        out = wait_for(capsys, "hide-password is done", seen)
        out = wait_for(capsys, f"On to {second}", seen)
        out = wait_for(capsys, "expectations not met yet", seen)  # the next starter, checked
        assert (directory / f"{file_stem(second)}.py").is_file()
        assert exercise_states()["hide-password"] == "done"

        seen.clear()
        inp.send_text("n")
        wait_for(capsys, f"On to {third}", seen)
        wait_for(capsys, "q quit", seen)
        inp.send_text("q")
        thread.join(30)
    assert not thread.is_alive()
    assert result == [0]


def test_manual_run_checks_on_r_only(tmp_path, capsys):
    directory = tmp_path / "ex"
    directory.mkdir()
    shutil.copy(exercises_dir() / "created-status" / "starter.py", directory / "created_status.py")
    with create_pipe_input() as inp:
        result: list[int] = []
        thread = threading.Thread(
            target=lambda: result.append(
                watch_exercises("created-status", directory=directory, manual_run=True, input=inp)
            ),
            daemon=True,
        )
        thread.start()
        seen: list[str] = []
        wait_for(capsys, "r check · h hint", seen)
        shutil.copy(
            exercises_dir() / "created-status" / "solution.py", directory / "created_status.py"
        )
        time.sleep(1.0)  # no watcher: a save alone does nothing
        assert "created-status is done" not in "".join(seen) + capsys.readouterr().out
        seen.clear()
        inp.send_text("r")
        wait_for(capsys, "created-status is done", seen)
        wait_for(capsys, "q quit", seen)
        inp.send_text("q")
        thread.join(30)
    assert result == [0]
