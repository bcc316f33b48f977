"""The shipped quizzes: valid, big enough, pointing at demos that exist, covering the seeds."""

from __future__ import annotations

import subprocess
import sys

import pytest

from fastapi_responses_cli import catalog
from fastapi_responses_cli.quiz.model import check_references, parse_quiz
from fastapi_responses_cli.quiz.validate import check_file, validate_paths

FILES = sorted(catalog.quizzes_dir().glob("*.toml"))

# Every item of the two seed documents (../shared/seeds) must become a question; each question
# says where it came from in its `source` field.
SEED_ITEMS = {
    "000:q1",  # hide hashed_password from the response
    "000:q2",  # stream LLM tokens
    "001:response-model-basics",
    "001:response-model-vs-return-annotation",
    "001:exclude-none",
    "001:exclude-unset",
    "001:response-model-exclude",
    "001:json-response",
    "001:response-classes",
    "001:orjson-response",
    "001:streaming-response",
    "001:redirect-response",
    "001:response-model-include",
    "001:custom-response-headers",
    "001:background-tasks-response",
}


def all_questions():
    for path in FILES:
        quiz, problems = parse_quiz(path)
        assert quiz is not None, problems
        yield from ((quiz.topic, q) for q in quiz.questions)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_shipped_quiz_passes_the_authors_check(path):
    quiz, problems = check_file(path)
    assert [str(p) for p in problems] == []
    assert quiz is not None


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_reference_exists(path):
    """Fails when a question points at a demo or example that does not exist."""
    quiz, _ = parse_quiz(path)
    assert check_references(quiz) == []
    for q in quiz.questions:
        demo = catalog.get_demo(q.demo)
        assert demo.meta.example(q.example) is not None, f"{path.name}: {q.id}"


def test_ci_command_validates_every_shipped_quiz():
    proc = subprocess.run(
        [sys.executable, "-m", "fastapi_responses_cli", "quiz", "validate", *map(str, FILES)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert len(proc.stdout.splitlines()) == len(FILES)


def test_validate_with_no_path_checks_the_shipped_quizzes(capsys):
    assert validate_paths([]) == 0
    assert len(capsys.readouterr().out.splitlines()) == len(FILES)


def test_enough_questions_and_topics():
    questions = list(all_questions())
    topics = {t for t, _ in questions}
    assert len(questions) >= 60
    assert len(topics) >= 5 and "response-models" in topics
    for difficulty in ("easy", "medium", "hard"):
        assert any(q.difficulty == difficulty for _, q in questions)
    assert any(q.kind == "multi" for _, q in questions)


def test_every_seed_item_became_a_question():
    sources = {q.source for _, q in all_questions() if q.source}
    assert SEED_ITEMS - sources == set()
    assert sources - SEED_ITEMS == set(), "unknown source labels"


def test_question_ids_are_unique_per_topic_and_topics_match_file_names():
    seen = set()
    for topic, q in all_questions():
        assert (topic, q.id) not in seen
        seen.add((topic, q.id))
    assert {p.stem for p in FILES} == set(catalog.quiz_topics())


def test_stale_seed_claims_are_taught_corrected():
    """The seeds' outdated advice appears only as a wrong choice, never as a right one."""
    for _, q in all_questions():
        for right in q.right:
            if "ORJSONResponse" in right or "UJSONResponse" in right:
                assert "deprecated" in q.question, q.id
        if q.id == "exclude-unset-means-returned":
            assert "client did not send" in " ".join(q.wrong)
        if q.id == "redirect-default-307":
            assert q.right == ["307 Temporary Redirect"]


def test_quiz_topics_named_by_demos_exist():
    """Demo pages say "frcli quiz TOPIC"; every such topic must be a shipped quiz."""
    topics = set(catalog.quiz_topics())
    for demo in catalog.demos().values():
        missing = set(demo.meta.quizzes) - topics
        assert not missing, f"demo {demo.name} points at quiz topics {sorted(missing)}"


def test_the_right_choice_is_not_given_away_by_its_length():
    """Picking the longest choice must not pass a quiz: the right one is strictly the longest
    in at most 30% of single-answer questions, no length rank holds 40% of the right answers,
    and the longest choice is still right often enough (15%) not to be ruled out."""
    from fastapi_responses_cli.commands.dev import length_figure
    from fastapi_responses_cli.quiz.model import load_all

    figure = length_figure(load_all().values())
    assert figure.share <= 0.30, figure
    assert max(figure.ranks.values()) <= 0.4 * figure.questions, figure
    # Nor the reverse: "never the longest" must not be a strategy either.
    assert figure.ranks.get(0, 0) >= 0.15 * figure.questions, figure
