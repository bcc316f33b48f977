"""`frcli dev check`: every piece of content, checked the way the engine will read it.

Each checker is a function yielding one line per problem (``file: where: problem``). Content
kinds add their checker to ``CHECKERS``; the command prints every line and exits 1 if any.
Checks that need the source checkout (the tests beside the content) are skipped in an
installed wheel, where there are no tests to look at.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .. import catalog
from ..errors import FrcliError

if TYPE_CHECKING:
    from ..quiz.model import QuizFile

Checker = Callable[[], Iterator[str]]

MAX_LONGEST_RIGHT = 0.35  # fail when the right choice is strictly longest more often
FACTS_FILE = Path("tests") / "quiz" / "test_facts.py"


def content_root() -> Path:
    """The folder holding ``demos/`` and ``quizzes/``: the repository in a source checkout."""
    return catalog.demos_dir().parent


def rel(path: Path) -> str:
    """``path`` as a problem line names it: relative to the content root when inside it."""
    try:
        return path.relative_to(content_root()).as_posix()
    except ValueError:
        return str(path)


def source_checkout() -> Path | None:
    """The repository root when running from a source checkout (it has the tests), else None."""
    root = content_root()
    if (root / "pyproject.toml").is_file() and (root / "tests").is_dir():
        return root
    return None


def _prefixed(demo: catalog.Demo, message: str) -> str:
    """The catalog names a demo file by its name alone; problem lines name it from the root."""
    name = demo.path.name
    return rel(demo.path) + message[len(name) :] if message.startswith(f"{name}:") else message


# -- demos -----------------------------------------------------------------------------------
def check_demos() -> Iterator[str]:
    """Every demo's META validates and every example's route names a definition in its file."""
    for demo in catalog.demos().values():
        try:
            meta = demo.meta
        except FrcliError as exc:
            yield _prefixed(demo, exc.message)
            continue
        for example in meta.examples:
            try:
                catalog.route_source(demo, example.route)
            except FrcliError as exc:
                problem = exc.message.split(": ", 1)[-1]
                yield f"{rel(demo.path)}: example '{example.name}': route: {problem}"


def check_demo_order() -> Iterator[str]:
    """``demos/__init__.py`` ORDER lists every demo module exactly once, and nothing else."""
    path = catalog.demos_dir() / "__init__.py"
    where = rel(path)
    if not path.is_file():
        yield f"{where}: ORDER: missing file (it gives the order a newcomer meets the demos in)"
        return
    try:
        order = catalog._demo_order(path)
    except (FrcliError, ValueError, SyntaxError) as exc:
        message = exc.message if isinstance(exc, FrcliError) else str(exc)
        yield f"{where}: ORDER: {message.split(': ', 1)[-1]}"
        return
    names = set(catalog.demos())
    seen: set[str] = set()
    for name in order:
        if name in seen:
            yield f"{where}: ORDER: '{name}' is listed twice"
        elif name not in names:
            yield f"{where}: ORDER: '{name}' is not a demo module (no demos/{_module(name)}.py)"
        seen.add(name)
    for name in catalog.demos():
        if name not in seen:
            yield f"{where}: ORDER: demo '{name}' is missing (add it where a newcomer meets it)"


def _module(name: str) -> str:
    return name.replace("-", "_")


def check_demo_tests() -> Iterator[str]:
    """Every demo has ``tests/demos/test_<module>.py`` (in a source checkout only)."""
    root = source_checkout()
    if root is None:
        return
    for demo in catalog.demos().values():
        test = root / "tests" / "demos" / f"test_{demo.path.stem}.py"
        if not test.is_file():
            yield f"{rel(demo.path)}: tests: no {rel(test)} (every example needs a wire test)"


# -- quizzes ---------------------------------------------------------------------------------
def check_quizzes() -> Iterator[str]:
    """Every quiz file validates, references included (the rules of `frcli quiz validate`)."""
    from ..quiz.validate import check_file

    for path in catalog.quiz_files():
        _quiz, problems = check_file(path, display=rel(path))
        yield from (str(p) for p in problems)


def check_references() -> Iterator[str]:
    """What a demo's META names: its ``topic`` and its ``quizzes`` must be quiz topics."""
    from ..errors import closest

    topics = catalog.quiz_topics()
    for demo in catalog.demos().values():
        try:
            meta = demo.meta
        except FrcliError:
            continue  # check_demos reports it
        where = rel(demo.path)
        if meta.topic not in topics:
            guess = next((q for q in meta.quizzes if q in topics), None) or closest(
                meta.topic, topics
            )
            hint = f"; did you mean '{guess}'?" if guess else ""
            yield (
                f"{where}: META.topic: '{meta.topic}' is not a quiz topic "
                f"(frcli list --json gives it as the demo's topic){hint}"
            )
        for name in meta.quizzes:
            if name not in topics:
                guess = closest(name, topics)
                hint = f"; did you mean '{guess}'?" if guess else ""
                yield f"{where}: META.quizzes: '{name}' is not a quiz topic{hint}"


def fact_keys(path: Path) -> tuple[dict[str, int], list[str]]:
    """The ``@fact("topic/id")`` keys in a facts file, each with its line, read with ``ast``
    (the file is the content helper's test module: never imported here); and one problem
    line for each ``@fact`` whose key is not a string literal."""
    keys: dict[str, int] = {}
    problems: list[str] = []
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for dec in node.decorator_list:
            if not (isinstance(dec, ast.Call) and getattr(dec.func, "id", None) == "fact"):
                continue
            arg = dec.args[0] if dec.args else None
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                keys.setdefault(arg.value, dec.lineno)
            else:
                problems.append(
                    f"{rel(path)}: line {dec.lineno}: @fact: the key must be a string "
                    'literal "topic/question-id", so dev check can read it'
                )
    return keys, problems


def check_fact_proofs() -> Iterator[str]:
    """Every fact question has a proof in tests/quiz/test_facts.py, and every proof a fact
    question (in a source checkout only)."""
    from ..quiz.model import load_all

    root = source_checkout()
    if root is None:
        return
    path = root / FACTS_FILE
    if not path.is_file():
        yield f"{rel(path)}: -: missing (every fact question is proved there)"
        return
    keys, problems = fact_keys(path)
    yield from problems
    claims: dict[str, str] = {}
    quizzes = load_all()  # the valid files: check_quizzes reports the others
    for topic, quiz in quizzes.items():
        for q in quiz.questions:
            key = f"{topic}/{q.id}"
            claims[key] = q.claim
            if q.claim == "fact" and key not in keys:
                yield (
                    f"{rel(quiz.path)}: {q.id}: claim: a fact without a proof: add "
                    f'@fact("{key}") to {FACTS_FILE.as_posix()}, or claim = "advice"'
                )
    for key, line in keys.items():
        if key.split("/")[0] in catalog.quiz_topics() and key.split("/")[0] not in quizzes:
            continue  # an invalid quiz file: check_quizzes reports it
        if key not in claims:
            yield f'{rel(path)}: line {line}: @fact("{key}"): no such question'
        elif claims[key] != "fact":
            yield f'{rel(path)}: line {line}: @fact("{key}"): the question is claim = "advice"'


# -- answer length ---------------------------------------------------------------------------
@dataclass(frozen=True)
class LengthFigure:
    """How often the right choice of a single-answer question gives itself away by length.

    Lengths are counted without backticks (as the terminal picker shows them). ``ranks[r]``
    counts the questions whose right choice has ``r`` wrong choices longer than it (0: it is
    the longest, ties included).
    """

    longest: int  # strictly longer than every wrong choice
    questions: int
    ranks: dict[int, int]

    @property
    def share(self) -> float:
        return self.longest / self.questions if self.questions else 0.0

    def __str__(self) -> str:
        ranks = ", ".join(f"{_ordinal(r + 1)} {n}" for r, n in sorted(self.ranks.items()))
        return (
            f"the right choice is strictly the longest in {self.longest} of {self.questions} "
            f"single-answer questions ({100 * self.share:.0f}%); its length rank: {ranks}"
        )


def _ordinal(n: int) -> str:
    return {1: "longest", 2: "2nd", 3: "3rd"}.get(n, f"{n}th")


def length_figure(quizzes: Iterable[QuizFile]) -> LengthFigure:
    def size(choice: str) -> int:
        return len(choice.replace("`", ""))

    longest = total = 0
    ranks: dict[int, int] = {}
    for quiz in quizzes:
        for q in quiz.questions:
            if q.kind == "multi" or len(q.right) != 1 or not q.wrong:
                continue
            right, wrong = size(q.right[0]), [size(w) for w in q.wrong]
            total += 1
            longest += right > max(wrong)
            rank = sum(w > right for w in wrong)
            ranks[rank] = ranks.get(rank, 0) + 1
    return LengthFigure(longest, total, ranks)


def _shipped_figure() -> LengthFigure:
    from ..quiz.model import load_all

    return length_figure(load_all().values())


def check_answer_length(figure: LengthFigure | None = None) -> Iterator[str]:
    """The right choice must not be strictly the longest in more than 35% of questions.
    ``figure``: the shipped quizzes' figure when the caller has it already."""
    figure = figure or _shipped_figure()
    if figure.share > MAX_LONGEST_RIGHT:
        yield (
            f"{rel(catalog.quizzes_dir())}: answer length: {figure} "
            f"(at most {100 * MAX_LONGEST_RIGHT:.0f}%: shorten right choices, lengthen wrong ones)"
        )


def check_exercises() -> Iterator[str]:
    """Every exercise: manifest and folders agree, specs validate, links resolve, starters
    fail and solutions pass (run in child interpreters)."""
    from ..exercises.devcheck import check_exercises as run

    yield from run()


def check_path() -> Iterator[str]:
    """The learning path (exercises/path.toml) reads, and every demo, example, quiz question
    and exercise it names exists."""
    from ..curriculum_model import check_path as check

    yield from check()


CHECKERS: list[Checker] = [
    check_demos,
    check_demo_order,
    check_demo_tests,
    check_quizzes,
    check_references,
    check_fact_proofs,
    check_answer_length,
    check_exercises,
    check_path,
]


def check(*, no_color: bool = False) -> int:
    problems = 0
    figure: LengthFigure | None = None  # checked in its turn, printed after every problem
    for checker in CHECKERS:
        if checker is check_answer_length:
            figure = _shipped_figure()
            lines = check_answer_length(figure)
        else:
            lines = checker()
        for line in lines:
            problems += 1
            print(line)
    print(f"answer length: {figure or _shipped_figure()}")
    if source_checkout() is None:
        print("(not a source checkout: the demo tests and fact proofs were not checked)")
    if problems:
        print(f"frcli dev check: {problems} problem{'s' * (problems != 1)}", file=sys.stderr)
        return 1
    print("frcli dev check: all content is in order")
    return 0
