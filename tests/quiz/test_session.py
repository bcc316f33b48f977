"""Pure quiz logic: order, shuffling, answers, scoring, text blocks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from fastapi_responses_cli.quiz import session
from fastapi_responses_cli.quiz.model import DIFFICULTIES, QuizFile, load_topic, parse_quiz

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
    schedule = {("response-models", full[-1].question.id): now - timedelta(days=3)}  # overdue
    short = session.plan(quiz, seed=3, count=4, schedule=schedule, now=now)
    assert [(x.question.id, x.choices) for x in short] == [
        (x.question.id, x.choices) for x in full[:4]
    ]


def test_unseeded_picks_due_first_then_unseen_then_later_and_asks_them_as_a_ramp(tmp_path):
    quiz = tiny(tmp_path)
    now = datetime(2026, 1, 10, tzinfo=UTC)
    schedule = {
        ("tiny", "one"): now + timedelta(days=5),
        ("tiny", "three"): now - timedelta(hours=1),
        ("other", "two"): now - timedelta(days=9),  # another topic's "two": not this one
    }

    def ids(**options) -> list[str]:
        return [a.question.id for a in session.plan(quiz, schedule=schedule, now=now, **options)]

    for _ in range(10):  # the groups hold whatever the shuffle does
        assert ids(count=1) == ["three"]  # due
        assert ids(count=2) == ["two", "three"]  # due, then unseen; asked easy to hard
        assert ids() == ["one", "two", "three"]


def levels(tmp_path: Path, per_level: int = 4) -> QuizFile:
    """A quiz with ``per_level`` questions of each difficulty, written hard ones first."""
    text = 'title = "Levels"\n'
    for d in reversed(DIFFICULTIES):
        for i in range(per_level):
            text += f"""
[[questions]]
id = "{d}-{i}"
difficulty = "{d}"
question = "Which one is right, the first?"
right = ["alpha"]
wrong = ["beta", "gamma"]
explanation = "Because alpha is the first letter."
demo = "streaming"
example = "csv"
"""
    path = tmp_path / "levels.toml"
    path.write_text(text)
    quiz, problems = parse_quiz(path)
    assert problems == [] and quiz is not None
    return quiz


def test_default_order_is_a_ramp_shuffled_within_each_level(tmp_path):
    quiz = levels(tmp_path)
    orders = set()
    for seed in [None, *range(8)]:
        asked = session.plan(quiz, seed=seed)
        assert [a.question.difficulty for a in asked] == [d for d in DIFFICULTIES for _ in range(4)]
        orders.add(tuple(a.question.id for a in asked))
    assert len(orders) > 1  # not the file's order every time: shuffled inside each level
    # --count keeps the ramp: a first session of 5 starts with the easy questions.
    assert [a.question.difficulty for a in session.plan(quiz, count=5)] == ["easy"] * 4 + ["medium"]


def test_shuffle_is_fully_random_and_the_seed_still_reproduces_it(tmp_path):
    quiz = levels(tmp_path)
    ramp = [d for d in DIFFICULTIES for _ in range(4)]
    runs = [session.plan(quiz, seed=s, shuffle=True) for s in range(8)]
    assert any([a.question.difficulty for a in run] != ramp for run in runs)
    again = session.plan(quiz, seed=3, shuffle=True)
    assert [(a.question.id, a.choices) for a in again] == [
        (a.question.id, a.choices) for a in runs[3]
    ]
    unseeded = session.plan(quiz, shuffle=True)
    assert sorted(a.question.id for a in unseeded) == sorted(q.id for q in quiz.questions)


def test_a_plan_may_mix_topics(tmp_path):
    quiz = tiny(tmp_path)
    items = [("a", quiz.questions[2]), ("b", quiz.questions[0])]
    asked = session.plan(items, seed=1)
    assert [(a.topic, a.question.id) for a in asked] == [("b", "one"), ("a", "three")]


def test_again_asks_the_missed_with_the_choices_in_a_new_order(tmp_path):
    quiz = tiny(tmp_path)
    for seed in range(20):
        first = session.plan(quiz, seed=seed)
        missed = [session.Result(a, (), False) for a in first]
        again = session.again(missed, seed=seed)
        assert [a.question.id for a in again] == [a.question.id for a in first]
        for before, after in zip(first, again, strict=True):
            assert after.choices != before.choices
            assert sorted(after.choices) == sorted(before.choices)
            assert sorted(after.right_choices()) == sorted(before.question.right)


def test_a_partly_right_multi_answer_knows_what_was_left_out_and_wrongly_picked(tmp_path):
    quiz = tiny(tmp_path)
    two = next(a for a in session.plan(quiz, seed=4) if a.question.id == "two")
    alpha, gamma = two.choices.index("alpha"), two.choices.index("gamma")
    result = session.Result(two, tuple(sorted((alpha, gamma))), False)
    assert [two.choices[i] for i in result.left_out()] == ["beta"]
    assert result.picked_wrongly() == [gamma]


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
    assert [a.question.id for a in asked] == ["three", "one"]  # in the order given


def test_review_plan_takes_the_most_overdue_then_ramps(tmp_path):
    quiz = tiny(tmp_path)
    due = [("tiny", "three"), ("tiny", "two"), ("tiny", "one")]  # most overdue first
    two = session.plan_review({"tiny": quiz}, due, count=2, order="ramp")
    assert [a.question.id for a in two] == ["two", "three"]
    shuffled = {
        tuple(
            a.question.id for a in session.plan_review({"tiny": quiz}, due, seed=s, order="shuffle")
        )
        for s in range(10)
    }
    assert len(shuffled) > 1


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
