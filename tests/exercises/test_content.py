"""Every exercise in the manifest, proved on the wire: its starter runs but fails, its solution
passes, one more correct solution in another style passes and one plausible wrong one fails
(tests/exercises/solutions/<name>/), so the expectations judge behaviour and not spelling.
Also: hints, links that resolve, a quiz topic, and a course ordered easy to hard."""

import json
import subprocess
import sys
import tomllib
from functools import cache
from pathlib import Path

import pytest

from fastapi_responses_cli.exercises.spec import exercises_dir, load_manifest, load_spec

NAMES = [e.name for e in load_manifest().exercise]
ROOT = Path(__file__).resolve().parents[2]
SOLUTIONS = Path(__file__).resolve().parent / "solutions"
LEVELS = {"easy": 0, "medium": 1, "hard": 2}

# For the exercises of this lane: one expectation each wrong solution must fail (the point
# of the exercise), by the start of its check name. The contract four are pinned in
# test_contract.py.
WRONG_FAILS = {
    "plain-text-ping": "ping: media_type text/plain",
    "html-page": "status-page: text_equals",
    "xml-feed": "feed: media_type application/xml",
    "maintenance-page": "home: media_type text/html",
    "list-of-items": "items: json_lacks_key supplier_cost",
    "decorator-wins": "me: json_lacks_key hashed_password",
    "no-content-delete": "openapi: DELETE /items/{item_id} 204",
    "not-found": "unknown: json_equals",
    "validate-body": "bad-price: status 422",
    "skip-empty-fields": "sparse: json_lacks_key bio",
    "include-exclude": "public: json_equals",
    "only-set-fields": "baz: json_equals",
    "created-with-headers": "create: header_equals location",
    "injected-headers": "items: header_equals x-total-count",
    "session-cookie": "login: header_matches set-cookie",
    "logout-cookie": "logout: header_matches set-cookie",
    "csv-download": "export: media_type text/csv",
    "file-download": "report: header_matches content-disposition",
    "redirect-after-post": "create: status 303",
    "moved-for-good": "follow: status 201",
    "orjson-to-return-type": "products: json_lacks_key supplier_cost",
    "background-email": "signup: log_after_response",
    "process-time": "unknown-path: header_matches x-process-time",
    "stream-csv": "export: chunks_at_least 5",
    "jsonl-from-yield": "events: jsonl_objects",
    "answer-head": "get: status 200",
    "not-modified": "current-copy: status 304",
    "patch-partial": "clear-description: json_equals",
    "header-on-error": "missing: header_equals x-request-id",
    "validation-errors-400": "bad-quantity: status 400",
    "cats-or-dogs": "dog: json_equals",
    "sse-resume": "reconnect: sse_events",
    "resume-download": "the-rest: status 206",
}


@pytest.fixture
def check(request):
    """check_path with the session's warm child pool (tests/exercises/conftest.py)."""
    checker = pytest.importorskip("fastapi_responses_cli.exercises.checker")
    pool = request.getfixturevalue("pool")

    def run(name: str, path: Path):
        return checker.check_path(name, path, pool=pool)

    return run


def failed(verdict) -> set[str]:
    """The names of the failing checks; the file itself must have run."""
    assert verdict.error is None, verdict.error
    assert verdict.message is None, verdict.message
    assert verdict.checks, "no expectation was judged"
    return {c.name for c in verdict.checks if not c.passed}


@cache
def listing() -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "fastapi_responses_cli", "list", "--json"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout)


@cache
def question_ids(topic: str) -> set[str]:
    path = ROOT / "quizzes" / f"{topic}.toml"
    return {q["id"] for q in tomllib.loads(path.read_text(encoding="utf-8"))["questions"]}


@pytest.mark.parametrize("name", NAMES)
def test_starter_runs_but_fails(name, check):
    verdict = check(name, exercises_dir() / name / "starter.py")
    assert not verdict.passed
    assert failed(verdict)


@pytest.mark.parametrize("name", NAMES)
def test_solution_passes(name, check):
    verdict = check(name, exercises_dir() / name / "solution.py")
    assert failed(verdict) == set()
    assert verdict.passed


@pytest.mark.parametrize("name", NAMES)
def test_alternative_passes(name, check):
    verdict = check(name, SOLUTIONS / name / "alternative.py")
    assert failed(verdict) == set()
    assert verdict.passed


@pytest.mark.parametrize("name", NAMES)
def test_wrong_fails(name, check):
    verdict = check(name, SOLUTIONS / name / "wrong.py")
    assert not verdict.passed
    names = failed(verdict)
    if name in WRONG_FAILS:
        assert any(n.startswith(WRONG_FAILS[name]) for n in names), names


@pytest.mark.parametrize("name", NAMES)
def test_alternative_is_another_style(name):
    shipped = (exercises_dir() / name / "solution.py").read_text(encoding="utf-8")
    for kind in ("alternative", "wrong"):
        assert (SOLUTIONS / name / f"{kind}.py").read_text(encoding="utf-8") != shipped, kind


@pytest.mark.parametrize("name", NAMES)
def test_hints_links_and_topic(name):
    spec = load_spec(name)
    assert spec.hints and all(h.strip() for h in spec.hints)
    demos = {d["name"]: d for d in listing()["demos"]}
    topics = {q["topic"] for q in listing()["quizzes"]}
    assert spec.topic in topics, f"topic {spec.topic} is not a quiz topic"
    assert spec.links.demo in demos, spec.links.demo
    if spec.links.example is not None:
        assert spec.links.example in demos[spec.links.demo]["examples"]
    assert spec.links.quiz, "no quiz question linked"
    for ref in spec.links.quiz:
        topic, _, qid = ref.partition("/")
        assert topic in topics, ref
        assert qid in question_ids(topic), ref


@pytest.mark.parametrize("name", NAMES)
def test_starter_says_what_to_change(name):
    starter = (exercises_dir() / name / "starter.py").read_text(encoding="utf-8")
    solution = (exercises_dir() / name / "solution.py").read_text(encoding="utf-8")
    assert "# TODO:" in starter
    assert "TODO" not in solution
    for text in (starter, solution):
        assert len(text.splitlines()) <= 50, "a learner reads this file: keep it short"
        compile(text, name, "exec")


def test_the_course_goes_from_easy_to_hard():
    levels = [LEVELS[load_spec(name).difficulty] for name in NAMES]
    assert levels == sorted(levels), list(zip(NAMES, levels, strict=True))
    assert len(NAMES) >= 24


def test_every_folder_is_listed_and_has_its_test_solutions():
    folders = {
        p.name
        for p in exercises_dir().iterdir()
        if p.is_dir() and not p.name.startswith((".", "_"))
    }
    assert folders == set(NAMES)
    for name in NAMES:
        assert (SOLUTIONS / name / "alternative.py").is_file(), name
        assert (SOLUTIONS / name / "wrong.py").is_file(), name
    assert set(WRONG_FAILS) <= set(NAMES)
