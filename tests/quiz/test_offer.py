"""From a quiz question to the exercise that practises it (content: the specs' topic and
links.quiz), offered after the explanation, suggested after a wrong answer."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from fastapi_responses_cli import curriculum
from fastapi_responses_cli.quiz import flow, offer, session
from fastapi_responses_cli.quiz.model import load_topic
from fastapi_responses_cli.quiz.store import Store


def spec(topic: str, quiz: list[str]) -> str:
    links = ", ".join(f'"{q}"' for q in quiz)
    return f'title = "t"\ntopic = "{topic}"\n[links]\nquiz = [{links}]\n'


@pytest.fixture
def exercises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A course of three: a topic match, an exact link, a second one on the same topic."""
    root = tmp_path / "exercises"
    course = {
        "first-on-topic": spec("status-codes", []),
        "linked": spec("status-codes", ["status-codes/set-201"]),
        "other-topic": spec("redirects", ["redirects/redirect-default-307"]),
        "broken": "topic = ",
    }
    for name, text in course.items():
        (root / name).mkdir(parents=True)
        (root / name / "exercise.toml").write_text(text, encoding="utf-8")
    names = "".join(f'[[exercise]]\nname = "{n}"\n' for n in course)
    (root / "info.toml").write_text(names, encoding="utf-8")
    monkeypatch.setattr(curriculum, "_exercises_dir", lambda: root)
    offer._exercises.cache_clear()
    states: dict[str, str] = {}
    monkeypatch.setattr(offer, "_state", lambda name, store=None: states.get(name, "not started"))
    yield states
    offer._exercises.cache_clear()


def test_linked_question_wins_over_topic(exercises):
    assert offer.exercise_for("status-codes", "set-201") == "linked"
    assert offer.exercise_for("status-codes", "accepted-202") == "first-on-topic"
    assert offer.exercise_for("redirects", "anything") == "other-topic"
    assert offer.exercise_for("cors", "anything") is None  # no exercise on that topic


def test_the_line_depends_on_the_answer_and_the_state(exercises):
    right = offer.offer_line("status-codes", "set-201", True)
    assert right is not None and right.plain == "Try it: frcli exercise start linked"
    wrong = offer.offer_line("status-codes", "set-201", False)
    assert wrong is not None
    assert wrong.plain == "Missed it? Write it yourself: frcli exercise start linked"
    exercises["linked"] = "failing"
    started = offer.offer_line("status-codes", "set-201", True)
    assert started is not None and started.plain.endswith("frcli exercise watch linked")
    exercises["linked"] = "done"
    assert offer.offer_line("status-codes", "set-201", False) is None
    assert offer.offer_line("cors", "x", False) is None


def test_shipped_content_offers_hide_password():
    """The shipped exercises: a response-models question leads to hide-password."""
    offer._exercises.cache_clear()
    assert offer.exercise_for("response-models", "hide-a-secret-field") == "hide-password"


def test_quiz_prints_the_offer_after_the_explanation(exercises, capsys):
    asked = session.plan(load_topic("status-codes"), count=2, seed=3)
    wrong = min(set(range(len(asked[0].choices))) - asked[0].right) + 1
    right = min(asked[1].right) + 1
    console = flow.quiz_console(True)
    with Store() as store:
        flow.QuizRun(
            console,
            store,
            asked,
            interactive=False,
            show_topic=False,
            no_color=True,
            stdin=io.StringIO(f"{wrong}\n{right}\n"),
        ).run()
    out = capsys.readouterr().out
    first, second = out.split("Question 2 of 2")
    name0 = offer.exercise_for("status-codes", asked[0].question.id)
    name1 = offer.exercise_for("status-codes", asked[1].question.id)
    assert f"See it live: {asked[0].demo_command}\nMissed it? Write it yourself: " in first
    assert f"frcli exercise start {name0}" in first
    assert f"See it live: {asked[1].demo_command}\nTry it: frcli exercise start {name1}" in second
