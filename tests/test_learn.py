"""`frcli learn`: the path file, its checker, and a learner's place kept across runs.

In a terminal the walk is driven through prompt_toolkit pipe input (keys sent up front, as in
tests/quiz/test_terminal.py); without one, `frcli learn` runs as a subprocess and prints the
next step. FRCLI_HOME is per test (tests/conftest.py), so each test starts a fresh path.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from fastapi_responses_cli import catalog, curriculum
from fastapi_responses_cli.commands.learn import choose_questions, run_learn
from fastapi_responses_cli.curriculum import Step, load_steps, place
from fastapi_responses_cli.curriculum_model import check_path
from fastapi_responses_cli.errors import FrcliError
from fastapi_responses_cli.quiz.store import Store

from .quiz.test_terminal import answer_keys

ENTER = "\r"
SEED = 7


def frcli(*args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fastapi_responses_cli", *args],
        input=input,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "80"},
        timeout=60,
    )


def drive(keys: str, **options: object) -> int:
    with create_pipe_input() as inp:
        inp.send_text(keys)
        inp.close()  # keys run out: EOFError at the next prompt, not a hang
        return run_learn(input=inp, output=DummyOutput(), seed=SEED, **options)  # type: ignore[arg-type]


def done() -> set[tuple[str, str]]:
    with Store() as store:
        return store.path_done()


# -- the path file ---------------------------------------------------------------------------
def test_shipped_path_is_valid_and_checked_clean():
    steps = load_steps()
    assert len(steps) >= 10
    assert list(check_path()) == []
    assert steps[0].parts == ("demo", "quiz", "exercise")


def test_light_reader_matches_the_validated_one():
    assert curriculum.peek_steps() == load_steps()


def test_path_file_is_where_the_exercises_are():
    from fastapi_responses_cli.exercises.spec import exercises_dir

    assert curriculum._exercises_dir() == exercises_dir()
    assert curriculum.path_file().is_file()


def write_path(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "path.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("toml", "problem"),
    [
        (
            '[[step]]\nname = "a"\ntitle = "A"\ntopic = "status-codes"\nexamples = ["created"]\n',
            "step 1 (a): examples need a demo",
        ),
        (
            '[[step]]\nname = "a"\ntitle = "A"\ntopic = "status-codes"\n',
            "step 1 (a): a step needs a demo, a quiz or an exercise",
        ),
        (
            '[[step]]\nname = "a"\ntitle = "A"\ntopic = "status-codes"\nquiz = 1\n' * 2,
            "step names must be unique: a",
        ),
        (
            '[[step]]\nname = "a"\ntitle = "A"\ntopic = "status-codes"\nquiz = 1\nextra = 1\n',
            "step 1 (a): extra",
        ),
        ("[[step]]\nname = ", "cannot read"),
    ],
)
def test_shape_problems_are_one_line(tmp_path, toml, problem):
    path = write_path(tmp_path, toml)
    with pytest.raises(FrcliError) as err:
        load_steps(path)
    assert problem in err.value.message and str(path) in err.value.message
    assert "\n" not in err.value.message
    assert [line for line in check_path(path)] == [err.value.message]


def test_checker_names_every_missing_reference(tmp_path):
    path = write_path(
        tmp_path,
        """
[[step]]
name = "one"
title = "One"
topic = "status-codes"
demo = "status-code"
quiz = ["set-201", "set-202"]
exercise = "no-such-exercise"

[[step]]
name = "two"
title = "Two"
topic = "nope"
demo = "status-codes"
examples = ["created", "creatd"]
quiz = 2

[[step]]
name = "three"
title = "Three"
topic = "status-codes"
quiz = 99
""",
    )
    problems = list(check_path(path))
    at = f"{path}: step"
    size = catalog.quiz_topics()["status-codes"].questions
    assert problems == [
        f"{at} 1 (one): demo: no demo 'status-code'",
        f"{at} 1 (one): quiz: no question 'set-202' in topic 'status-codes'",
        f"{at} 1 (one): exercise: no exercise 'no-such-exercise' in exercises/info.toml",
        f"{at} 2 (two): examples: no example 'creatd' in demo 'status-codes'",
        f"{at} 2 (two): topic: no quiz topic 'nope'",
        f"{at} 3 (three): quiz: 99 questions asked, topic 'status-codes' has {size}",
    ]


def test_dev_check_runs_the_path_checker():
    from fastapi_responses_cli.commands.dev import CHECKERS
    from fastapi_responses_cli.commands.dev import check_path as dev_check_path

    assert dev_check_path in CHECKERS


# -- where the learner stands ----------------------------------------------------------------
STEPS = [
    Step("a", "A", "status-codes", demo="status-codes", quiz=2),
    Step("b", "B", "status-codes", quiz=("set-201",), exercise="created-status"),
]


def test_place_is_the_first_part_not_done():
    assert place(STEPS, set()) == curriculum.Place(STEPS[0], 0, 2, "demo")
    assert place(STEPS, {("a", "demo")}).part == "quiz"
    assert place(STEPS, {("a", "demo"), ("a", "quiz")}) == curriculum.Place(STEPS[1], 1, 2, "quiz")
    # A part done out of order (a later step) does not move the place past an earlier one.
    assert place(STEPS, {("b", "quiz")}).part == "demo"
    every = {(s.name, p) for s in STEPS for p in s.parts}
    assert place(STEPS, every) is None


def test_questions_that_show_the_step_come_first_easy_first():
    step = Step("x", "X", "response-models", demo="response-models", examples=("exclude",), quiz=2)
    asked = choose_questions(step)
    ids = [a.question.id for a in asked]
    assert ids == ["exclude-sends-the-rest", "exclude-versus-output-model"]  # easy, then medium
    named = Step("y", "Y", "response-models", quiz=("exclude-none", "list-of-models"))
    assert [a.question.id for a in choose_questions(named)] == list(named.quiz)


# -- the walk, resumed across runs -----------------------------------------------------------
def first_step_questions():
    steps = load_steps()
    return steps[0], choose_questions(steps[0], seed=SEED)


def test_path_resumed_across_runs(capsys):
    step, asked = first_step_questions()
    assert step.parts[:2] == ("demo", "quiz")
    n = len(step.examples)
    # Run 1: the paced demo (Enter through every example), on to the quiz, answer the first
    # question, then "Stop here" in the quiz's own menu (its third choice).
    keys = ENTER * (n - 1) + "1" + ENTER + answer_keys(asked[0]) + "3" + ENTER
    assert drive(keys) == 0
    out = capsys.readouterr().out
    assert f"Step 1 of {len(load_steps())}: {step.title}" in out
    assert out.count("What to notice:") == n and out.count("served by uvicorn at") == 1
    assert "Question 1 of 3" in out and "Question 2 of 3" not in out
    assert "Stopped at step 1, the quiz (3 questions). frcli learn picks up there." in out
    assert done() == {(step.name, "demo")}

    # Between runs, without a terminal: the next step, and exit 2 (as frcli quiz).
    plain = frcli("learn")
    assert plain.returncode == 2
    assert f"Your path: step 1 of {len(load_steps())}, {step.title}" in plain.stdout
    assert "Next: the quiz (3 questions)\n  frcli quiz response-models -n 3" in plain.stdout
    assert "learn walks the path in a terminal" in plain.stderr
    # And the welcome shows the same next step.
    welcome = frcli()
    assert "Next: the quiz (3 questions): frcli learn" in welcome.stdout

    # Run 2 starts at the quiz, the demo marked done and not run again; three answers, then
    # "Stop here" in learn's menu after the quiz (next, again, stop).
    keys = "".join(answer_keys(a) + ENTER for a in asked) + "3" + ENTER
    assert drive(keys) == 0
    out = capsys.readouterr().out
    assert "served by uvicorn at" not in out
    assert f"  ✓ the demo {step.demo}" in out
    assert out.count("Question ") == 3 and "3 of 3 right (100%)" in out
    assert done() == {(step.name, "demo"), (step.name, "quiz")}
    assert f"Next time frcli learn starts at step 1 of {len(load_steps())}" in out
    assert "the exercise hide-password" in out


def test_restart_forgets_the_place_not_the_answers(capsys):
    step, asked = first_step_questions()
    with Store() as store:
        store.mark_path(step.name, "demo")
        store.record(step.topic, asked[0].question.id, True, [])
    assert frcli("learn", "--restart").returncode == 2
    assert done() == set()
    with Store() as store:
        assert len(store.history()) == 1
    out = frcli("learn")
    assert "Next: the demo" in out.stdout


def test_path_listing_marks_done_and_skipped():
    steps = load_steps()
    with Store() as store:
        store.mark_path(steps[0].name, "demo")
        store.mark_path(steps[0].name, "quiz", "skipped")
    out = frcli("learn", "--path")
    assert out.returncode == 0
    total = sum(len(s.parts) for s in steps)
    assert f"The path (frcli learn): 2 of {total} parts done" in out.stdout
    first = next(line for line in out.stdout.splitlines() if steps[0].title in line)
    assert first.startswith("→") and "✓ demo" in first and "- quiz" in first
    assert all(len(line) <= 80 for line in out.stdout.splitlines())


def test_the_whole_path_done():
    steps = load_steps()
    with Store() as store:
        for s in steps:
            for p in s.parts:
                store.mark_path(s.name, p)
    out = frcli("learn")
    assert out.returncode == 0
    assert f"You have walked the whole path ({len(steps)} steps)" in out.stdout
    assert f"You have walked the whole path ({len(steps)} steps)." in frcli().stdout


def test_welcome_before_any_step_says_start_here():
    out = frcli()
    assert "frcli learn" in out.stdout and "start here" in out.stdout
    assert "Your path:" not in out.stdout


def test_in_a_real_terminal_the_demo_is_paced_then_learn_asks(tmp_path):
    from .terminal import Terminal

    step = load_steps()[0]
    term = Terminal("learn", "--dir", str(tmp_path / "ex"), env={"NO_COLOR": "1"})
    try:
        seen = term.wait_for(r"Enter: 2/\d+ ")
        assert seen.count("What to notice:") == 1
        term.send("a")  # all the rest of the demo
        term.wait_for(r"What next\?")
        term.send("3\r")  # Stop here
        assert term.finish() == 0
    finally:
        term.kill()
    assert f"Next time frcli learn starts at step 1 of {len(load_steps())}" in term.text
    assert f"{step.title}: the quiz" in term.text.replace("\n", " ")
    assert done() == {(step.name, "demo")}


# -- the exercise part (the exercise engine's start and check) -------------------------------
def at_the_exercise() -> Step:
    step = load_steps()[0]
    assert step.exercise == "hide-password"
    with Store() as store:
        store.mark_path(step.name, "demo")
        store.mark_path(step.name, "quiz")
    return step


def outcomes() -> dict[tuple[str, str], str]:
    with Store() as store:
        return store.path_outcomes()


def test_exercise_started_checked_failing_then_skipped(tmp_path, capsys):
    step = at_the_exercise()
    folder = tmp_path / "mine"
    # Menu: watch, check, skip, stop. Check once (the starter fails), then skip; then learn's
    # menu after a part (next step, stop): stop.
    assert drive("2" + ENTER + "3" + ENTER + "2" + ENTER, directory=folder) == 0
    out = capsys.readouterr().out
    assert (folder / "hide_password.py").is_file()  # the starter, written by start
    assert "hashed_password is still in the body" in out  # the check's failing expectation
    assert outcomes()[(step.name, "exercise")] == "skipped"
    assert "Next time frcli learn starts at step 2 of" in out


def test_exercise_solved_in_the_learners_file_moves_on(tmp_path, capsys):
    from fastapi_responses_cli.exercises.spec import exercises_dir
    from fastapi_responses_cli.exercises.state import exercise_states

    step = at_the_exercise()
    folder = tmp_path / "mine"
    folder.mkdir()
    solution = (exercises_dir() / "hide-password" / "solution.py").read_text(encoding="utf-8")
    (folder / "hide_password.py").write_text(solution, encoding="utf-8")
    # Check once: it passes, so the part is done and learn asks about the next step: stop.
    assert drive("2" + ENTER + "2" + ENTER, directory=folder) == 0
    out = capsys.readouterr().out
    assert "Your file from before is still there" in out
    assert (folder / "hide_password.py").read_text(encoding="utf-8") == solution  # untouched
    assert outcomes()[(step.name, "exercise")] == "done"
    assert exercise_states()["hide-password"] == "done"
    # Solved already: the next time the offer after a quiz question is gone.
    from fastapi_responses_cli.quiz.offer import offer_line

    assert offer_line("response-models", "hide-a-secret-field", False) is None


def test_the_path_reaches_every_exercise_and_every_quiz_topic():
    """One learning path through it all: no exercise or quiz topic is left off it."""
    import tomllib

    from fastapi_responses_cli import catalog
    from fastapi_responses_cli.exercises.spec import exercises_dir, load_manifest

    steps = tomllib.loads((exercises_dir() / "path.toml").read_text(encoding="utf-8"))["step"]
    on_path = {s.get("exercise") for s in steps}
    assert [e.name for e in load_manifest().exercise if e.name not in on_path] == []
    topics = {s["topic"] for s in steps}
    assert [t for t in catalog.quiz_topics() if t not in topics] == []
