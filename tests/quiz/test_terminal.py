"""The terminal quiz, driven through prompt_toolkit pipe input (as questionary's own tests do).

Keys for every prompt are sent up front: prompt_toolkit keeps unread type-ahead for the next
prompt on the same input, so one pipe drives a whole quiz.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, datetime, timedelta

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from fastapi_responses_cli.commands.quiz import run_quiz
from fastapi_responses_cli.errors import FrcliError, UnknownName
from fastapi_responses_cli.quiz import session
from fastapi_responses_cli.quiz.model import load_topic
from fastapi_responses_cli.quiz.store import Store

DOWN, ENTER, CTRL_C = "\x1b[B", "\r", "\x03"
TOPIC = "response-models"


def answer_keys(asked: session.Asked, right: bool = True) -> str:
    """Keys that answer ``asked`` right (or wrong) in its select or checkbox prompt."""
    if asked.multi:
        picks = (
            sorted(asked.right) if right else [min(set(range(len(asked.choices))) - asked.right)]
        )
        keys, pos = "", 0
        for i in picks:
            keys += DOWN * (i - pos) + " "
            pos = i
        return keys + ENTER
    index = min(asked.right) if right else min(set(range(len(asked.choices))) - asked.right)
    return f"{index + 1}{ENTER}"  # number shortcut, then Enter


def plan(count: int, seed: int, topic: str = TOPIC) -> list[session.Asked]:
    return session.plan(load_topic(topic), count=count, seed=seed)


def drive(keys: str, topic: str | None = TOPIC, **options) -> int:
    options = {"count": None, "difficulty": None, "seed": None, "review": False} | options
    with create_pipe_input() as inp:
        inp.send_text(keys)
        return run_quiz(topic, no_color=True, input=inp, output=DummyOutput(), **options)


def history():
    with Store() as store:
        return store.history()


def test_all_right_then_score(capsys):
    asked = plan(3, seed=5)
    keys = "".join(answer_keys(a) + ENTER for a in asked)  # answer, then "Next question"
    assert drive(keys, count=3, seed=5) == 0
    out = capsys.readouterr().out
    assert out.count("Right.") == 3
    assert "3 of 3 right (100%)" in out
    assert "\x1b[" not in out
    rows = history()
    assert [(r["question"], r["correct"]) for r in rows] == [(a.question.id, True) for a in asked]
    assert rows[0]["chosen"] == asked[0].right_choices()


def test_wrong_answer_explains_and_comes_back_first(capsys):
    asked = plan(2, seed=11)
    keys = answer_keys(asked[0], right=False) + ENTER + answer_keys(asked[1]) + ENTER
    drive(keys, count=2, seed=11)
    out = capsys.readouterr().out
    assert "Not quite." in out
    for choice in asked[0].right_choices():
        assert choice.split("`")[0][:30] in out
    assert f"See it live: {asked[0].demo_command}" in out
    assert "1 of 2 right (50%)" in out
    assert "To look at again:" in out and asked[0].question.id in out
    with Store() as store:
        due = store.schedule()
    wrong = due[(TOPIC, asked[0].question.id)]
    right = due[(TOPIC, asked[1].question.id)]
    assert wrong < right
    # Without --seed, the next session starts where it helps most: the missed question,
    # once due, comes first; never-answered ones before those answered right.
    quiz = load_topic(TOPIC)
    later = datetime.now(UTC) + timedelta(days=1, hours=1)
    order = session.plan(quiz, schedule={q: t for (_, q), t in due.items()}, now=later)
    assert order[0].question.id == asked[0].question.id
    assert order[-1].question.id == asked[1].question.id


def first_multi_seed() -> int:
    return next(s for s in range(500) if plan(1, seed=s)[0].multi)


def test_multi_answer_uses_a_checkbox(capsys):
    seed = first_multi_seed()
    (asked,) = plan(1, seed=seed)
    drive(answer_keys(asked) + ENTER, count=1, seed=seed)
    out = capsys.readouterr().out
    assert "pick all that apply" in out
    assert "1 of 1 right" in out
    assert history()[0]["correct"] is True
    assert sorted(history()[0]["chosen"]) == sorted(asked.question.right)


def test_multi_answer_half_right_is_wrong(capsys):
    seed = first_multi_seed()
    (asked,) = plan(1, seed=seed)
    only_first = DOWN * min(asked.right) + " " + ENTER
    drive(only_first + ENTER, count=1, seed=seed)
    assert "0 of 1 right" in capsys.readouterr().out
    assert history()[0]["correct"] is False


def test_stop_here_ends_with_the_score(capsys):
    asked = plan(3, seed=2)
    keys = answer_keys(asked[0]) + DOWN + DOWN + ENTER  # "Stop here"
    assert drive(keys, count=3, seed=2) == 0
    out = capsys.readouterr().out
    assert "Stopped after 1 of 3 questions." in out
    assert "1 of 1 right" in out
    assert len(history()) == 1


def test_ctrl_c_keeps_answers_and_propagates(capsys):
    asked = plan(3, seed=4)
    keys = answer_keys(asked[0]) + ENTER + CTRL_C
    with pytest.raises(KeyboardInterrupt):
        drive(keys, count=3, seed=4)
    out = capsys.readouterr().out
    assert "Interrupted after 1 of 3 questions; answers so far are saved." in out
    rows = history()
    assert [r["question"] for r in rows] == [asked[0].question.id]


def test_run_the_demo_from_a_question_then_come_back(capsys):
    from fastapi_responses_cli import catalog

    asked = plan(1, seed=9)
    q = asked[0].question
    keys = answer_keys(asked[0]) + DOWN + ENTER + ENTER  # "Run the demo here", then "See the score"
    assert drive(keys, count=1, seed=9) == 0
    out = capsys.readouterr().out
    example = catalog.get_demo(q.demo).example(q.example)
    assert f"{example.title}" in out  # the demo's example ran, its exchange drawn
    assert "< HTTP/1.1 " in out
    assert out.index("< HTTP/1.1 ") < out.index("back to the quiz") < out.index("1 of 1 right")


def test_topic_picker_shows_progress_and_starts_the_quiz(capsys):
    with Store() as store:
        store.record("errors", "unknown-path-404", True, ["x"])
    from fastapi_responses_cli.commands.quiz import _topic_rows

    rows = _topic_rows()
    index = [r["topic"] for r in rows].index(TOPIC)
    asked = plan(1, seed=1)
    keys = DOWN * index + ENTER + answer_keys(asked[0]) + ENTER
    assert drive(keys, topic=None, count=1, seed=1) == 0
    out = capsys.readouterr().out
    assert "Response models" in out and "1 of 1 right" in out
    assert [r["topic"] for r in history()] == ["errors", TOPIC]


def test_review_asks_due_questions_across_topics(capsys):
    past = datetime.now(UTC) - timedelta(days=3)
    with Store() as store:
        store.record("errors", "unknown-path-404", False, ["x"], now=past)
        store.record(TOPIC, "exclude-none", False, ["x"], now=past + timedelta(hours=1))
        store.record(TOPIC, "list-of-models", True, ["x"])  # just answered: not due
    quizzes = {"errors": load_topic("errors"), TOPIC: load_topic(TOPIC)}
    asked = session.plan_review(
        quizzes, [("errors", "unknown-path-404"), (TOPIC, "exclude-none")], seed=0
    )
    keys = "".join(answer_keys(a) + ENTER for a in asked)
    assert drive(keys, topic=None, review=True, seed=0) == 0
    out = capsys.readouterr().out
    assert "Review: 2 questions due" in out
    assert "errors · easy" in out and "response-models · easy" in out
    assert "2 of 2 right" in out
    assert drive("", topic=None, review=True) == 0
    assert "Nothing is due for review. Next review" in capsys.readouterr().out


def test_unknown_topic_suggests_a_name():
    with pytest.raises(UnknownName) as info:
        drive("", topic="response-model")
    assert info.value.code == 2
    assert "Did you mean 'response-models'?" in info.value.message


def test_bad_difficulty_and_empty_selection(monkeypatch):
    with pytest.raises(UnknownName) as info:
        drive("", difficulty="hardest")
    assert info.value.code == 2 and "Did you mean 'hard'?" in info.value.message

    from fastapi_responses_cli.quiz import model

    real = model.load_topic("status-codes")
    no_hard = dataclasses.replace(
        real, questions=tuple(q for q in real.questions if q.difficulty != "hard")
    )
    monkeypatch.setattr(model, "load_topic", lambda topic: no_hard)
    with pytest.raises(FrcliError, match="no hard questions in 'status-codes'"):
        drive("", topic="status-codes", difficulty="hard")


def test_progress_reset_asks_first_in_a_terminal(capsys):
    from fastapi_responses_cli.commands.progress import show_progress

    with Store() as store:
        store.record(TOPIC, "exclude-none", True, ["x"])
    with create_pipe_input() as inp:
        inp.send_text("n\r")
        assert show_progress(reset=True, input=inp, output=DummyOutput()) == 0
    assert "Kept your progress." in capsys.readouterr().out
    assert len(history()) == 1
    with create_pipe_input() as inp:
        inp.send_text("y\r")
        assert show_progress(reset=True, input=inp, output=DummyOutput()) == 0
    assert "Progress forgotten (1 answer)." in capsys.readouterr().out
    assert history() == []


def test_no_topic_opens_a_picker_with_each_topics_progress(capsys):
    # One answered question in response-models first, so the picker has progress to show.
    asked = plan(1, seed=2)
    assert drive(answer_keys(asked[0]) + ENTER, count=1, seed=2) == 0
    capsys.readouterr()

    from fastapi_responses_cli.commands.quiz import pick_topic

    with create_pipe_input() as inp:
        inp.send_text(ENTER)
        output = _Recording()
        assert pick_topic(input=inp, output=output) == "response-models"
    screen = output.text()
    # Names padded to the longest topic name, then the title.
    assert re.search(r"response-models +Response models", screen)
    total = len(load_topic(TOPIC).questions)
    assert f"1/{total} answered, 1 right" in screen
    assert f"0/{len(load_topic('json-response').questions)} answered" in screen  # not started

    # The whole flow: Down, Enter picks the second topic and its first question appears.
    with create_pipe_input() as inp:
        inp.send_text(DOWN + ENTER + CTRL_C)
        with pytest.raises(KeyboardInterrupt):
            run_quiz(None, no_color=True, input=inp, output=DummyOutput(), count=1, seed=1)
    assert "JSON responses" in capsys.readouterr().out


class _Recording(DummyOutput):
    """A prompt_toolkit output that keeps the text drawn, for asserting what the screen shows."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def write(self, data: str) -> None:
        self.parts.append(data)

    def write_raw(self, data: str) -> None:
        self.parts.append(data)

    def text(self) -> str:
        return "".join(self.parts)
