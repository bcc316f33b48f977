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
from fastapi_responses_cli.quiz.flow import first_line
from fastapi_responses_cli.quiz.model import load_topic
from fastapi_responses_cli.quiz.store import Store

DOWN, ENTER, CTRL_C = "\x1b[B", "\r", "\x03"
AGAIN, DONE = "1" + ENTER, "2" + ENTER  # the offer after a round with wrong answers
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
    keys = answer_keys(asked[0], right=False) + ENTER + answer_keys(asked[1]) + ENTER + DONE
    drive(keys, count=2, seed=11)
    out = capsys.readouterr().out
    assert "Not quite." in out
    for choice in asked[0].right_choices():
        assert choice.split("`")[0][:30] in out
    assert f"See it live: {asked[0].demo_command}" in out
    assert "1 of 2 right (50%)" in out
    missed = out[out.index("To look at again:") :]
    assert first_line(asked[0].question.question) in missed  # named by its text, not its id
    assert f"\n  {asked[0].question.id}\n" not in missed
    assert "Next review in 10 minutes: frcli quiz --review" in out
    with Store() as store:
        due = store.schedule()
    wrong = due[(TOPIC, asked[0].question.id)]
    right = due[(TOPIC, asked[1].question.id)]
    assert wrong < right
    # Without --seed, the next session picks where it helps most: the missed question, once
    # due, first; never-answered ones before those answered right.
    quiz = load_topic(TOPIC)
    later = datetime.now(UTC) + timedelta(hours=1)
    first = session.plan(quiz, schedule=due, now=later, count=1)
    assert [a.question.id for a in first] == [asked[0].question.id]
    most = session.plan(quiz, schedule=due, now=later, count=len(quiz.questions) - 1)
    assert asked[1].question.id not in {a.question.id for a in most}


def test_missed_ones_are_asked_again_at_once_with_new_choice_order(capsys):
    asked = plan(3, seed=6)
    keys = "".join(
        answer_keys(a, right=i == 1) + ENTER for i, a in enumerate(asked)
    )  # 1st and 3rd wrong
    missed = [session.Result(asked[0], (), False), session.Result(asked[2], (), False)]
    again = session.again(missed, seed=6)
    keys += AGAIN + answer_keys(again[0]) + ENTER + answer_keys(again[1], right=False) + ENTER
    keys += DONE  # the one still missed: not a third time
    assert drive(keys, count=3, seed=6) == 0
    out = capsys.readouterr().out
    assert "1 of 3 right (33%)" in out
    assert "Again, with the choices in a new order: 2 you missed." in out
    second = out[out.index("Second try") :]
    assert "Question 1 of 2" in out[out.index("Again, with the choices") :]
    assert "1 of 2 right (50%)" in second
    assert first_line(asked[2].question.question) in second  # still missed
    rows = history()
    assert [(r["question"], r["correct"]) for r in rows] == [
        (asked[0].question.id, False),
        (asked[1].question.id, True),
        (asked[2].question.id, False),
        (asked[0].question.id, True),
        (asked[2].question.id, False),
    ]
    # A second try is practice: the missed cards keep their relearning step (minutes), the
    # right one on the second try did not graduate to days.
    with Store() as store:
        due = store.schedule()
    soon = datetime.now(UTC) + timedelta(minutes=11)
    assert due[(TOPIC, asked[0].question.id)] < soon
    assert due[(TOPIC, asked[2].question.id)] < soon
    assert due[(TOPIC, asked[1].question.id)] > datetime.now(UTC) + timedelta(days=1)


def test_no_offer_when_all_right_or_when_stopped(capsys):
    asked = plan(2, seed=5)
    keys = answer_keys(asked[0], right=False) + DOWN + DOWN + ENTER  # wrong, then "Stop here"
    assert drive(keys, count=2, seed=5) == 0  # no keys left for an offer: none was made
    out = capsys.readouterr().out
    assert "Stopped after 1 of 2 questions." in out and "Second try" not in out


def test_failed_cards_come_back_in_review_after_the_relearning_step(capsys):
    asked = plan(2, seed=3)
    keys = "".join(answer_keys(a, right=False) + ENTER for a in asked) + DONE
    drive(keys, count=2, seed=3)
    capsys.readouterr()
    assert drive("", topic=None, review=True) == 0
    out = capsys.readouterr().out
    assert "Nothing is due for review. Next review in 10 minutes." in out
    assert "tomorrow" not in out
    # The same two wrong answers given 11 minutes ago: the step is over, review offers them.
    with Store() as store:
        store.reset()
        past = datetime.now(UTC) - timedelta(minutes=11)
        for a in asked:
            store.record(TOPIC, a.question.id, False, ["x"], now=past)
    due = sorted((TOPIC, a.question.id) for a in asked)  # same due time: by id, as stored
    review = session.plan_review({TOPIC: load_topic(TOPIC)}, due, seed=0, order="ramp")
    keys = "".join(answer_keys(a) + ENTER for a in review)
    assert drive(keys, topic=None, review=True, seed=0) == 0
    out = capsys.readouterr().out
    assert "Review: 2 questions due" in out and "2 of 2 right" in out
    with Store() as store:  # answered right after the step: back in about a day, not minutes
        assert min(store.schedule().values()) > datetime.now(UTC) + timedelta(hours=20)


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
    drive(only_first + ENTER + DONE, count=1, seed=seed)
    assert "0 of 1 right" in capsys.readouterr().out
    assert history()[0]["correct"] is False


def test_multi_answer_partly_right_says_what_was_left_out_and_wrongly_picked(capsys):
    seed = next(s for s in range(500) if (a := plan(1, seed=s)[0]).multi and len(a.right) > 1)
    (asked,) = plan(1, seed=seed)
    first_right = min(asked.right)
    a_wrong = min(set(range(len(asked.choices))) - asked.right)
    keys, pos = "", 0
    for i in sorted((first_right, a_wrong)):
        keys += DOWN * (i - pos) + " "
        pos = i
    drive(keys + ENTER + ENTER + DONE, count=1, seed=seed)
    out = capsys.readouterr().out
    assert "Partly right." in out and "Not quite." not in out
    left_out = out[out.index("You left out:") : out.index("Not right, yet picked:")]
    picked = out[out.index("Not right, yet picked:") :].split("\n\n")[0]
    for i in sorted(asked.right - {first_right}):
        assert f"{i + 1}) {asked.choices[i][:30]}" in left_out
    assert asked.choices[first_right][:30] not in left_out
    assert f"{a_wrong + 1}) {asked.choices[a_wrong][:30]}" in picked
    assert "0 of 1 right" in out


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


def test_review_asks_due_questions_across_topics(capsys, monkeypatch):
    from fastapi_responses_cli.quiz import model

    loads = []
    real_load_all = model.load_all
    monkeypatch.setattr(model, "load_all", lambda: loads.append(1) or real_load_all())
    past = datetime.now(UTC) - timedelta(days=3)
    with Store() as store:
        store.record("errors", "unknown-path-404", False, ["x"], now=past)
        store.record(TOPIC, "exclude-none", False, ["x"], now=past + timedelta(hours=1))
        store.record(TOPIC, "list-of-models", True, ["x"])  # just answered: not due
    quizzes = {"errors": load_topic("errors"), TOPIC: load_topic(TOPIC)}
    asked = session.plan_review(
        quizzes, [("errors", "unknown-path-404"), (TOPIC, "exclude-none")], seed=0, order="ramp"
    )
    keys = "".join(answer_keys(a) + ENTER for a in asked)
    assert drive(keys, topic=None, review=True, seed=0) == 0
    out = capsys.readouterr().out
    assert "Review: 2 questions due" in out
    assert "errors · easy" in out and "response-models · easy" in out
    assert "2 of 2 right" in out
    assert len(loads) == 1  # the quiz files are read once for the scope and the review plan
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
