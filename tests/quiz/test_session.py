"""Pure quiz logic: order, shuffling, answers, scoring, text blocks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from fastapi_responses_cli.quiz import session
from fastapi_responses_cli.quiz.model import QuizFile, load_topic, parse_quiz

QUIZ = """
title = "Tiny"

[[questions]]
id = "one"
difficulty = "easy"
question = "Which one is right, the first?"
right = ["alpha"]
wrong = ["beta", "gamma", "delta"]
explanation = "Because alpha is the first letter."
demo = "streaming"
example = "csv"

[[questions]]
id = "two"
difficulty = "medium"
kind = "multi"
question = "Which ones are right, the two first?"
right = ["alpha", "beta"]
wrong = ["gamma", "delta"]
explanation = "Because alpha and beta come first."
demo = "streaming"
example = "csv"

[[questions]]
id = "three"
difficulty = "hard"
question = "Which one is right, the third?"
right = ["gamma"]
wrong = ["alpha", "beta"]
explanation = "Because gamma is the third letter."
demo = "streaming"
example = "csv"
"""


def tiny(tmp_path: Path) -> QuizFile:
    path = tmp_path / "tiny.toml"
    path.write_text(QUIZ)
    quiz, problems = parse_quiz(path)
    assert problems == [] and quiz is not None
    return quiz


def test_seed_gives_the_same_order_and_choices():
    quiz = load_topic("response-models")
    a = session.plan(quiz, seed=7)
    b = session.plan(quiz, seed=7)
    c = session.plan(quiz, seed=8)
    assert [(x.question.id, x.choices) for x in a] == [(x.question.id, x.choices) for x in b]
    assert [x.question.id for x in a] != [x.question.id for x in c]
    assert len(a) == len(quiz.questions)


def test_seeded_order_ignores_progress_and_count_only_cuts():
    quiz = load_topic("response-models")
    full = session.plan(quiz, seed=3)
    now = datetime.now(UTC)
    schedule = {full[-1].question.id: now - timedelta(days=3)}  # overdue
    short = session.plan(quiz, seed=3, count=4, schedule=schedule, now=now)
    assert [(x.question.id, x.choices) for x in short] == [
        (x.question.id, x.choices) for x in full[:4]
    ]


def test_unseeded_order_puts_due_first_then_unseen_then_later(tmp_path):
    quiz = tiny(tmp_path)
    now = datetime(2026, 1, 10, tzinfo=UTC)
    schedule = {"one": now + timedelta(days=5), "three": now - timedelta(hours=1)}
    for _ in range(10):  # the groups hold whatever the shuffle does
        order = [a.question.id for a in session.plan(quiz, schedule=schedule, now=now)]
        assert order == ["three", "two", "one"]


def test_shuffled_choices_keep_the_right_answers(tmp_path):
    quiz = tiny(tmp_path)
    seen_positions = set()
    for seed in range(30):
        for asked in session.plan(quiz, seed=seed):
            assert sorted(asked.right_choices()) == sorted(asked.question.right)
            assert sorted(asked.choices) == sorted(asked.question.choices)
            if asked.question.id == "one":
                seen_positions.add(asked.choices.index("alpha"))
    assert seen_positions == {0, 1, 2, 3}  # really shuffled


def test_difficulty_filter(tmp_path):
    quiz = tiny(tmp_path)
    assert [a.question.id for a in session.plan(quiz, difficulty="hard", seed=1)] == ["three"]


def test_check_single_and_multi(tmp_path):
    quiz = tiny(tmp_path)
    by_id = {a.question.id: a for a in session.plan(quiz, seed=1)}
    one, two = by_id["one"], by_id["two"]
    assert one.check(one.right)
    assert not one.check({(min(one.right) + 1) % 4})
    assert two.check(two.right)
    assert not two.check({min(two.right)})  # half right is wrong
    assert not two.check(set(range(4)))  # picking everything is wrong


def test_parse_answer(tmp_path):
    quiz = tiny(tmp_path)
    by_id = {a.question.id: a for a in session.plan(quiz, seed=1)}
    one, two = by_id["one"], by_id["two"]
    assert session.parse_answer("2\n", one) == (1,)
    assert session.parse_answer(" 4 ", one) == (3,)
    assert session.parse_answer("1 3", one) == "one answer only"
    assert session.parse_answer("5", one) == "choose from 1 to 4"
    assert session.parse_answer("0", one) == "choose from 1 to 4"
    assert session.parse_answer("b", one) == "not a number: 'b'"
    assert session.parse_answer("", one) == "no answer"
    assert session.parse_answer("3,1", two) == (0, 2)
    assert session.parse_answer("1 1 3", two) == (0, 2)


def test_score_by_difficulty(tmp_path):
    quiz = tiny(tmp_path)
    score = session.Score()
    for asked in session.plan(quiz, seed=2):
        ok = asked.question.id != "two"
        chosen = tuple(asked.right) if ok else ()
        score.add(session.Result(asked, chosen, asked.check(chosen)))
    assert (score.right, score.total) == (2, 3)
    assert score.by_difficulty() == {"easy": (1, 1), "medium": (0, 1), "hard": (1, 1)}
    assert [r.asked.question.id for r in score.missed()] == ["two"]


def test_review_plan_skips_vanished_questions(tmp_path):
    quiz = tiny(tmp_path)
    asked = session.plan_review(
        {"tiny": quiz}, [("tiny", "three"), ("tiny", "gone"), ("other", "x"), ("tiny", "one")]
    )
    assert [a.question.id for a in asked] == ["three", "one"]


def test_blocks_join_prose_and_keep_code():
    text = """
First line of prose
continues here.

    @app.get("/")
    def home():
        return {}

Last paragraph.
"""
    blocks = session.blocks(text)
    assert [b.kind for b in blocks] == ["text", "code", "text"]
    assert blocks[0].text == "First line of prose continues here."
    assert blocks[1].text == '@app.get("/")\ndef home():\n    return {}'
    assert blocks[2].text == "Last paragraph."
