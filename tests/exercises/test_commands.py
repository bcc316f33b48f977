"""`frcli exercise ...` as a learner meets it: start, check, hint, solution, reset, list,
progress. Checks run real child interpreters and real servers."""

import json
import shutil

import pytest
from typer.testing import CliRunner

from fastapi_responses_cli.cli import app
from fastapi_responses_cli.exercises.spec import exercises_dir, load_manifest, load_spec
from fastapi_responses_cli.exercises.state import exercise_states

runner = CliRunner()
NAME = "hide-password"
SECOND = load_manifest().exercise[1].name  # the course order is content: read it


def frcli(*args):
    return runner.invoke(app, list(args))


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def solve(path, name=NAME):
    shutil.copy(exercises_dir() / name / "solution.py", path)


def test_start_writes_the_starter_and_says_what_next(workdir):
    result = frcli("exercise", "start", NAME)
    assert result.exit_code == 0, result.output
    path = workdir / "frcli-exercises" / "hide_password.py"
    assert path.read_text() == (exercises_dir() / NAME / "starter.py").read_text()
    assert "Wrote frcli-exercises/hide_password.py" in result.output
    assert "Task: `GET /users/1` answers" in result.output
    assert "frcli exercise check hide-password" in result.output
    assert exercise_states()[NAME] == "failing"


def test_start_never_overwrites_and_force_keeps_a_backup(workdir):
    frcli("exercise", "start", NAME)
    path = workdir / "frcli-exercises" / "hide_password.py"
    path.write_text("# my work\n")
    again = frcli("exercise", "start", NAME)
    assert again.exit_code == 0
    assert "already exists; frcli never overwrites your work" in again.output
    assert path.read_text() == "# my work\n"
    forced = frcli("exercise", "start", NAME, "--force")
    assert forced.exit_code == 0
    assert (workdir / "frcli-exercises" / "hide_password.py.bak").read_text() == "# my work\n"
    assert "TODO" in path.read_text()


def test_start_with_dir_and_unknown_name(workdir):
    result = frcli("exercise", "start", "created_status", "--dir", "mine")
    assert result.exit_code == 0
    assert (workdir / "mine" / "created_status.py").is_file()
    assert "frcli exercise check created-status --dir mine" in result.output
    unknown = frcli("exercise", "start", "hide-pasword")
    assert unknown.exit_code == 2
    assert "Did you mean 'hide-password'?" in unknown.output


def test_check_the_starter_fails_naming_the_expectation(workdir):
    frcli("exercise", "start", NAME)
    result = frcli("exercise", "check", NAME)
    assert result.exit_code == 1, result.output
    out = result.output
    assert "> GET /users/1 HTTP/1.1" in out and "< HTTP/1.1 200 OK" in out  # the exchange
    assert out.index("< HTTP/1.1 200 OK") < out.index("Checks")  # then the checklist
    assert "✓ alice: status 200" in out
    assert "✗ alice: hashed_password is still in the body" in out
    assert "✗ openapi: the documented 200 answer still shows hashed_password" in out
    assert "4 of 6 expectations not met yet. A hint: frcli exercise hint hide-password" in out
    assert exercise_states()[NAME] == "failing"


def test_the_hint_command_is_never_broken_across_lines(workdir):
    """At 80 columns a long name does not fit after the count: the command gets its own line,
    whole, so that it can be copied."""
    long = "orjson-to-return-type"
    frcli("exercise", "start", long)
    out = frcli("exercise", "check", long).output
    assert "expectations not met yet. A hint:\n  frcli exercise hint orjson-to-return-type\n" in out


def test_check_a_solution_passes_and_the_exercise_is_done(workdir):
    frcli("exercise", "start", NAME)
    solve(workdir / "frcli-exercises" / "hide_password.py")
    result = frcli("exercise", "check", NAME)
    assert result.exit_code == 0, result.output
    assert "✗" not in result.output
    assert "hide-password is done: every expectation holds." in result.output
    assert f"Next: frcli exercise start {SECOND}" in result.output
    assert exercise_states()[NAME] == "done"
    listed = json.loads(frcli("exercise", "list", "--json").output)
    assert listed["next"] == SECOND
    rows = {r["name"]: r for r in listed["exercises"]}
    assert rows[NAME]["state"] == "done" and rows[SECOND]["next"]


def test_check_json(workdir):
    frcli("exercise", "start", NAME)
    result = frcli("exercise", "check", NAME, "--json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert {"exercise", "passed", "checks", "exchanges"} <= set(data)
    assert data["exercise"] == NAME and data["passed"] is False
    for check in data["checks"]:
        assert {"name", "passed", "expected", "got"} <= set(check)
    failing = [c["name"] for c in data["checks"] if not c["passed"]]
    assert "alice: json_lacks_key hashed_password" in failing
    (exchange,) = data["exchanges"]
    # As `frcli demo --json` prints them.
    assert {"demo", "example", "hop", "request", "response", "chunks", "server_log"} <= set(
        exchange
    )
    assert exchange["example"] == "alice" and exchange["response"]["status"] == 200


def test_check_a_syntax_error_is_the_learners_line_and_one_frcli_line(workdir):
    frcli("exercise", "start", NAME)
    path = workdir / "frcli-exercises" / "hide_password.py"
    broken = "def read_user(user_id: int) -> UserInDB"
    text = path.read_text().replace(broken + ":", broken)
    path.write_text(text)
    line = text.splitlines().index(broken) + 1
    result = frcli("exercise", "check", NAME)
    assert result.exit_code == 1
    out = result.output
    assert "def read_user(user_id: int) -> UserInDB" in out and "SyntaxError" in out
    frcli_lines = [line for line in out.splitlines() if line.startswith("frcli:")]
    assert frcli_lines == [
        f"frcli: hide_password.py has a syntax error at line {line}: fix it, then check again"
    ]
    assert "fastapi_responses_cli" not in out
    assert "Checks" not in out


def test_check_without_the_file_or_with_an_unknown_name_is_a_usage_error(workdir):
    missing = frcli("exercise", "check", NAME)
    assert missing.exit_code == 2
    assert "write the starter first: frcli exercise start hide-password" in missing.output
    assert frcli("exercise", "check", "nope").exit_code == 2


def test_hints_one_at_a_time_and_remembered(workdir):
    hints = load_spec(NAME).hints
    first = frcli("exercise", "hint", NAME)
    assert first.exit_code == 0
    assert f"Hint 1 of {len(hints)}: {hints[0]}" in " ".join(first.output.split())
    second = frcli("exercise", "hint", NAME)
    assert "Hint 2 of" in second.output and "Hint 1 of" in second.output
    for _ in hints:
        last = frcli("exercise", "hint", NAME)
    assert "That was the last hint" in last.output
    progress = json.loads(frcli("progress", "--json").output)
    row = next(r for r in progress["exercises"] if r["name"] == NAME)
    assert row["hints"] == len(hints) + 2


def test_solution_needs_a_pass_or_a_yes(workdir):
    refused = frcli("exercise", "solution", NAME)
    assert refused.exit_code == 2
    assert "frcli exercise solution hide-password --yes" in refused.output
    shown = frcli("exercise", "solution", NAME, "--yes")
    assert shown.exit_code == 0
    assert "response_model=UserOut" in shown.output
    frcli("exercise", "start", NAME)
    solve(workdir / "frcli-exercises" / "hide_password.py")
    assert frcli("exercise", "check", NAME).exit_code == 0
    after = frcli("exercise", "solution", NAME)
    assert after.exit_code == 0 and "response_model=UserOut" in after.output


def test_solution_asks_in_a_terminal():
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from fastapi_responses_cli.commands.exercise import show_solution

    with create_pipe_input() as inp:
        inp.send_text("n\r")
        assert show_solution(NAME, input=inp, output=DummyOutput()) == 0
    with create_pipe_input() as inp:
        inp.send_text("y\r")
        assert show_solution(NAME, input=inp, output=DummyOutput()) == 0


def test_reset_puts_the_starter_back_and_keeps_the_learners_file(workdir):
    frcli("exercise", "start", NAME)
    path = workdir / "frcli-exercises" / "hide_password.py"
    solve(path)
    assert frcli("exercise", "check", NAME).exit_code == 0
    result = frcli("exercise", "reset", NAME)
    assert result.exit_code == 0
    assert "TODO" in path.read_text()
    assert "response_model=UserOut" in (path.parent / "hide_password.py.bak").read_text()
    assert exercise_states()[NAME] == "not started"


def test_exercise_alone_lists_every_exercise(workdir):
    result = frcli("exercise")
    assert result.exit_code == 0
    for name in ("hide-password", "created-status", "stream-tokens", "sse-current"):
        assert name in result.output
    assert "→  hide-password" in result.output


def test_progress_shows_exercises(workdir):
    frcli("exercise", "start", NAME)
    frcli("exercise", "check", NAME)
    data = json.loads(frcli("progress", "--json").output)
    row = next(r for r in data["exercises"] if r["name"] == NAME)
    assert row["state"] == "failing" and row["checks"] == 1 and row["passes"] == 0
    text = frcli("progress").output
    assert "Exercises (0 of" in text and "hide-password" in text
