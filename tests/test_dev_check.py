"""`frcli dev check` on a small content folder of its own: sound first, then broken one way at
a time, each problem asserted as the exact line an author reads."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from fastapi_responses_cli import catalog
from fastapi_responses_cli.commands import dev

DEMO = """from fastapi import FastAPI

app = FastAPI()

META = {
    "title": "TITLE",
    "summary": "A tiny demo.",
    "topic": "TOPIC",
    "quizzes": ["alpha"],
    "examples": [
        {"name": "hello", "title": "Hello", "path": "/", "route": "hello", "notice": "Hi."},
    ],
}


@app.get("/")
def hello() -> dict:
    return {"hi": 1}
"""

QUIZ = """title = "Alpha"

[[questions]]
id = "greets"
difficulty = "easy"
question = "What does the route answer?"
right = ["A JSON object"]
wrong = ["An HTML page, always", "Text"]
explanation = "A dict becomes JSON, as the demo shows."
demo = "alpha"
example = "hello"

[[questions]]
id = "style"
difficulty = "medium"
claim = "advice"
question = "Which status suits a created item?"
right = ["201"]
wrong = ["200 OK", "204 No Content"]
explanation = "201 says a resource was created by the request."
demo = "beta"
example = "hello"
"""

FACTS = """from x import fact


@fact("alpha/greets")
def _(ex, run):
    assert ex.response.status == 200
"""


class Content:
    """A source checkout in a temporary folder, which the catalog reads instead of the real one."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, rel: str, text: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        _forget()
        return path

    def edit(self, rel: str, old: str, new: str) -> None:
        text = (self.root / rel).read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        self.write(rel, text.replace(old, new))

    def remove(self, rel: str) -> None:
        (self.root / rel).unlink()
        _forget()


def _forget() -> None:
    """Drop the catalog's per-process caches, so the next read sees the files as they are."""
    for name in dir(catalog):
        obj = getattr(catalog, name)
        if isinstance(obj, functools._lru_cache_wrapper):
            obj.cache_clear()


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Content:
    root = tmp_path / "checkout"
    monkeypatch.setattr(catalog, "_PACKAGE_DIR", root / "fastapi_responses_cli")
    monkeypatch.setattr(catalog, "_REPO_DIR", root)
    c = Content(root)
    c.write("pyproject.toml", "[project]\nname = 'x'\n")
    c.write("demos/__init__.py", 'ORDER = ["alpha", "beta"]\n')
    c.write("demos/alpha.py", DEMO.replace("TITLE", "Alpha").replace("TOPIC", "alpha"))
    c.write("demos/beta.py", DEMO.replace("TITLE", "Beta").replace("TOPIC", "alpha"))
    c.write("quizzes/alpha.toml", QUIZ)
    c.write("tests/demos/test_alpha.py", "")
    c.write("tests/demos/test_beta.py", "")
    c.write("tests/quiz/test_facts.py", FACTS)
    yield c
    _forget()


def problems(capsys: pytest.CaptureFixture[str]) -> list[str]:
    code = dev.check()
    out = capsys.readouterr().out.splitlines()
    lines = [line for line in out if not line.startswith(("answer length:", "frcli dev check"))]
    assert code == (1 if lines else 0)
    return lines


def test_sound_content_passes_and_reports_the_answer_length_figure(content, capsys, monkeypatch):
    figures = []
    real_figure = dev._shipped_figure
    monkeypatch.setattr(dev, "_shipped_figure", lambda: figures.append(1) or real_figure())
    assert dev.check() == 0
    assert len(figures) == 1  # checked and printed from one reading of the quizzes
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "answer length: the right choice is strictly the longest in 0 of 2 single-answer "
        "questions (0%); its length rank: 2nd 1, 3rd 1",
        "frcli dev check: all content is in order",
    ]


def test_bad_meta_and_a_route_that_names_nothing(content, capsys):
    content.edit("demos/alpha.py", '"title": "Alpha",\n', "")
    content.edit("demos/beta.py", '"route": "hello"', '"route": "nope"')
    assert problems(capsys) == [
        "demos/alpha.py: META: title: Field required",
        "demos/beta.py: example 'hello': route: no top-level function, class or assignment "
        "named 'nope'",
    ]


def test_order_lists_exactly_the_demo_modules(content, capsys):
    content.write("demos/__init__.py", 'ORDER = ["alpha", "gamma", "alpha"]\n')
    assert problems(capsys) == [
        "demos/__init__.py: ORDER: 'gamma' is not a demo module (no demos/gamma.py)",
        "demos/__init__.py: ORDER: 'alpha' is listed twice",
        "demos/__init__.py: ORDER: demo 'beta' is missing (add it where a newcomer meets it)",
    ]


def test_every_demo_has_its_test_file_in_a_checkout_only(content, capsys):
    content.remove("tests/demos/test_beta.py")
    assert problems(capsys) == [
        "demos/beta.py: tests: no tests/demos/test_beta.py (every example needs a wire test)"
    ]
    content.remove("pyproject.toml")  # an installed copy: no tests to look for
    assert dev.check() == 0
    assert "not a source checkout" in capsys.readouterr().out


def test_quiz_file_problems_and_references(content, capsys):
    content.edit("quizzes/alpha.toml", 'demo = "alpha"', 'demo = "alpah"')
    content.edit("quizzes/alpha.toml", 'difficulty = "medium"', 'difficulty = "tough"')
    lines = problems(capsys)
    assert lines == ["quizzes/alpha.toml: style: difficulty: 'tough': use easy, medium or hard"]
    content.edit("quizzes/alpha.toml", 'difficulty = "tough"', 'difficulty = "medium"')
    content.edit(
        "quizzes/alpha.toml", 'demo = "beta"\nexample = "hello"', 'demo = "beta"\nexample = "bye"'
    )
    assert problems(capsys) == [
        "quizzes/alpha.toml: greets: demo: no demo named 'alpah' (did you mean 'alpha'?)",
        "quizzes/alpha.toml: style: example: demo 'beta' has no example 'bye' (known: hello)",
    ]


def test_meta_topic_and_quizzes_must_be_quiz_topics(content, capsys):
    content.edit("demos/beta.py", '"topic": "alpha"', '"topic": "json"')
    content.edit("demos/beta.py", '"quizzes": ["alpha"]', '"quizzes": ["alpha", "alphas"]')
    assert problems(capsys) == [
        "demos/beta.py: META.topic: 'json' is not a quiz topic (frcli list --json gives it "
        "as the demo's topic); did you mean 'alpha'?",
        "demos/beta.py: META.quizzes: 'alphas' is not a quiz topic; did you mean 'alpha'?",
    ]


def test_every_fact_question_has_a_proof_and_every_proof_a_fact_question(content, capsys):
    content.write(
        "tests/quiz/test_facts.py",
        FACTS.replace("alpha/greets", "alpha/style")
        + '\n\n@fact("alpha/gone")\ndef _(ex, run):\n    pass\n'
        + '\n\nKEY = "alpha/greets"\n\n\n@fact(KEY)\ndef _(ex, run):\n    pass\n',
    )
    assert problems(capsys) == [
        "tests/quiz/test_facts.py: line 17: @fact: the key must be a string literal "
        '"topic/question-id", so dev check can read it',
        "quizzes/alpha.toml: greets: claim: a fact without a proof: add "
        '@fact("alpha/greets") to tests/quiz/test_facts.py, or claim = "advice"',
        'tests/quiz/test_facts.py: line 4: @fact("alpha/style"): the question is claim = "advice"',
        'tests/quiz/test_facts.py: line 9: @fact("alpha/gone"): no such question',
    ]


def test_answer_length_fails_above_35_percent(content, capsys):
    # Backticks do not count: "`A JSON object, sent`" is 19 long, one less than the longest
    # wrong choice, so nothing changes yet.
    content.edit(
        "quizzes/alpha.toml", 'right = ["A JSON object"]', 'right = ["`A JSON object, sent`"]'
    )
    assert problems(capsys) == []
    content.edit("quizzes/alpha.toml", "`A JSON object, sent`", "A JSON object, as sent")
    assert problems(capsys) == [
        "quizzes: answer length: the right choice is strictly the longest in 1 of 2 "
        "single-answer questions (50%); its length rank: longest 1, 3rd 1 (at most 35%: "
        "shorten right choices, lengthen wrong ones)"
    ]


def test_the_fact_map_read_by_ast_is_the_one_the_suite_runs():
    """dev check reads @fact keys without importing the facts module: the same keys."""
    from tests.quiz import test_facts

    path = Path(test_facts.__file__)
    keys, unreadable = dev.fact_keys(path)
    assert unreadable == []
    assert set(keys) == set(test_facts.FACTS)
