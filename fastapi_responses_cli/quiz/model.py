"""Quiz files -> validated questions, with every problem reported as one line.

A quiz file is ``quizzes/<topic>.toml`` (see ``quizzes/README.md``)::

    title = "Response models"

    [[questions]]
    id = "filter-secret-field"
    difficulty = "easy"
    question = "..."
    right = ["..."]
    wrong = ["...", "..."]
    explanation = "..."
    demo = "json-response"
    example = "model"

Problems read ``file: question id: field: problem``. Questions are plain data
(:class:`Question`); pydantic checks a file (:mod:`.schema`) only when the content index does
not already hold this exact file's checked questions, so asking a quiz on an unchanged file
pays for neither tomllib nor pydantic. The welcome and ``frcli list`` never import rich,
questionary or FastAPI through this module.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

DIFFICULTIES: tuple[str, ...] = ("easy", "medium", "hard")
ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
TOP_KEYS = {"title", "description", "order", "questions"}
FILE_ID = "(file)"  # stands in for a question id when a problem concerns the whole file
CACHE_KIND = "quiz-checked"  # the content index's entries of checked questions


@dataclass(frozen=True)
class Question:
    """One multiple-choice question, as checked by :class:`.schema.QuestionSchema` (which
    documents each field). ``right`` and ``wrong`` are shuffled together when asked."""

    id: str
    difficulty: str  # easy, medium or hard
    question: str
    right: list[str]
    explanation: str
    demo: str
    example: str
    wrong: list[str]
    kind: str = "single"  # "single": exactly one right choice; "multi": every right one
    claim: str = "fact"  # "fact": proved by tests/quiz/test_facts.py; "advice": a design choice
    source: str | None = None  # the seed it came from, for the coverage test

    @property
    def choices(self) -> list[str]:
        return [*self.right, *self.wrong]


@dataclass(frozen=True)
class Problem:
    file: str
    qid: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.qid}: {self.field}: {self.message}"


@dataclass(frozen=True)
class QuizFile:
    topic: str
    title: str
    description: str
    path: Path
    questions: tuple[Question, ...]
    order: int = 100

    def get(self, qid: str) -> Question | None:
        return next((q for q in self.questions if q.id == qid), None)


def _plain(msg: str) -> str:
    # pydantic prefixes custom errors with "Value error, "; the learner does not need that.
    return msg.removeprefix("Value error, ")


def _cross_checks(q: Question) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    seen: set[str] = set()
    for c in q.choices:
        if c.lower() in seen:
            problems.append(("wrong" if c in q.wrong else "right", f"choice {c!r} appears twice"))
        seen.add(c.lower())
    if q.kind == "single" and len(q.right) != 1:
        problems.append(
            ("right", f'{len(q.right)} right answers: give exactly one, or set kind = "multi"')
        )
    if q.kind == "single" and not q.wrong:
        problems.append(("wrong", "no wrong choices: a single-answer question needs at least one"))
    if q.kind == "multi" and len(q.choices) < 3:
        problems.append(("wrong", "a multi-answer question needs at least 3 choices in all"))
    if len(q.choices) > 6:
        problems.append(("wrong", f"{len(q.choices)} choices: at most 6 read well in a terminal"))
    return problems


def parse_quiz(
    path: Path, *, display: str | None = None, use_index: bool = True
) -> tuple[QuizFile | None, list[Problem]]:
    """Read and validate one quiz file: the questions that are valid, and every problem found.

    The file is returned only when there are no problems at all. References to demos are not
    checked here (see :func:`check_references`), so loading a quiz never reads the demos.
    With ``use_index`` (not for `frcli quiz validate`), a file already checked, unchanged
    since, comes from the content index; a file found valid is added to it.
    """
    from ..catalog import content_index

    index = content_index()
    key, entry = index.get(CACHE_KIND, path) if use_index else (None, None)
    if entry is not None:
        cached = _from_cache(path, entry)
        if cached is not None:
            return cached, []
    quiz, problems = _check_file(path, display or str(path))
    if use_index and quiz is not None and key is not None:
        index.put(CACHE_KIND, path, key, _to_cache(quiz))
    return quiz, problems


def _to_cache(quiz: QuizFile) -> dict[str, Any]:
    return {
        "title": quiz.title,
        "description": quiz.description,
        "order": quiz.order,
        "questions": [asdict(q) for q in quiz.questions],
    }


def _from_cache(path: Path, entry: dict[str, Any]) -> QuizFile | None:
    """The checked quiz the index kept for exactly this file, or None if it does not fit."""
    try:
        questions = tuple(Question(**q) for q in entry["questions"])
        return QuizFile(
            path.stem, entry["title"], entry["description"], path, questions, entry["order"]
        )
    except (KeyError, TypeError):
        return None


def _check_file(path: Path, name: str) -> tuple[QuizFile | None, list[Problem]]:
    problems: list[Problem] = []

    def add(qid: str, field: str, message: str) -> None:
        problems.append(Problem(name, qid, field, message))

    from ..catalog import QuizFileError, read_quiz_data
    from .schema import QuestionSchema, ValidationError

    try:
        data = read_quiz_data(path, display=name)  # the same cached parse the index uses
    except QuizFileError as exc:
        add(FILE_ID, exc.field, exc.problem)
        return None, problems

    topic = path.stem
    if not re.match(ID_PATTERN, topic):
        add(FILE_ID, "-", f"file name {path.name!r}: use lower-case words joined by hyphens")
    for key in data:
        if key not in TOP_KEYS:
            add(FILE_ID, key, f"unknown top-level key (known: {', '.join(sorted(TOP_KEYS))})")
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        add(FILE_ID, "title", 'missing: give the topic a title, e.g. title = "Response models"')
        title = topic
    description = data.get("description", "")
    if not isinstance(description, str):
        add(FILE_ID, "description", "must be a string")
        description = ""
    order = data.get("order", 100)
    if not isinstance(order, int) or isinstance(order, bool):
        add(FILE_ID, "order", "must be a whole number (topics are listed by it, smallest first)")
        order = 100
    raw_questions = data.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        add(FILE_ID, "questions", "no [[questions]] tables")
        raw_questions = []

    questions: list[Question] = []
    ids: dict[str, int] = {}
    for i, raw in enumerate(raw_questions, start=1):
        qid = f"question #{i}"
        if isinstance(raw, dict) and isinstance(raw.get("id"), str) and raw["id"].strip():
            qid = raw["id"].strip()
        if not isinstance(raw, dict):
            add(qid, "-", "must be a [[questions]] table")
            continue
        if qid in ids:
            add(qid, "id", f"used twice (questions #{ids[qid]} and #{i})")
        else:
            ids[qid] = i
        try:
            q = Question(**QuestionSchema.model_validate(raw).model_dump())
        except ValidationError as exc:
            for err in exc.errors():
                loc = err["loc"]
                field = str(loc[0]) if loc else "-"
                msg = _plain(err["msg"])
                if err["type"] == "extra_forbidden":
                    msg = "unknown field"
                elif err["type"] == "missing":
                    msg = "missing"
                elif err["type"] == "literal_error" and field == "difficulty":
                    msg = f"{raw.get('difficulty')!r}: use easy, medium or hard"
                elif len(loc) > 1:
                    msg = f"item {int(loc[1]) + 1}: {msg}" if isinstance(loc[1], int) else msg
                add(qid, field, msg)
            continue
        for field, msg in _cross_checks(q):
            add(qid, field, msg)
        questions.append(q)

    if problems:
        return None, problems
    quiz = QuizFile(topic, title.strip(), description.strip(), path, tuple(questions), order)
    return quiz, []


def check_references(quiz: QuizFile, *, display: str | None = None) -> list[Problem]:
    """Every question's demo and example must exist (reads demo metadata, never imports FastAPI)."""
    from .. import catalog
    from ..errors import FrcliError, UnknownName

    name = display or str(quiz.path)
    demos = catalog.demos()
    problems: list[Problem] = []
    for q in quiz.questions:
        demo = demos.get(q.demo)
        if demo is None:
            hint = UnknownName("demo", q.demo, demos).suggestion
            extra = f" (did you mean '{hint}'?)" if hint else ""
            problems.append(Problem(name, q.id, "demo", f"no demo named '{q.demo}'{extra}"))
            continue
        try:
            meta = demo.meta
        except FrcliError:
            continue  # the demo's own check reports its META
        if meta.example(q.example) is None:
            known = [e.name for e in meta.examples]
            hint = UnknownName("example", q.example, known).suggestion
            extra = f"did you mean '{hint}'?" if hint else f"known: {', '.join(known)}"
            problems.append(
                Problem(
                    name,
                    q.id,
                    "example",
                    f"demo '{q.demo}' has no example '{q.example}' ({extra})",
                )
            )
    return problems


def load_topic(topic: str) -> QuizFile:
    """The quiz for ``topic``, or a one-line error: unknown name (exit 2) or an invalid file.

    A known topic reads its own file only; the index of every topic is read only to say what
    an unknown name might have meant.
    """
    from .. import catalog
    from ..errors import FrcliError, UnknownName

    key = catalog.normal_name(topic)
    path = catalog.quizzes_dir() / f"{key}.toml"
    if not re.match(ID_PATTERN, key) or not path.is_file():
        topics = catalog.quiz_topics()
        if key not in topics:
            raise UnknownName("quiz topic", topic, topics)
        path = topics[key].path
    quiz, problems = parse_quiz(path, display=path.name)
    if quiz is None:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise FrcliError(f"{problems[0]}{more}; check it with: frcli quiz validate {path}")
    return quiz


def load_all() -> dict[str, QuizFile]:
    """Every shipped quiz that is valid, keyed by topic, in the index's order (invalid files
    are skipped)."""
    from .. import catalog

    out: dict[str, QuizFile] = {}
    for topic, info in catalog.quiz_topics().items():
        quiz, _ = parse_quiz(info.path, display=info.path.name)
        if quiz is not None:
            out[topic] = quiz
    return out
