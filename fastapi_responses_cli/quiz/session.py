"""Pure quiz logic: which questions, in what order, with shuffled choices; checking; scoring.

No I/O here. The terminal and plain front ends both ask an :class:`Asked` and report a
:class:`Result`; :class:`Score` adds them up.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from .model import DIFFICULTIES, Question, QuizFile


@dataclass(frozen=True)
class Asked:
    """A question as it is put to the learner: its choices in the order shown."""

    topic: str
    question: Question
    choices: tuple[str, ...]
    right: frozenset[int]  # indices into ``choices``

    @property
    def multi(self) -> bool:
        return self.question.kind == "multi"

    @property
    def demo_command(self) -> str:
        return f"frcli demo {self.question.demo} {self.question.example}"

    def check(self, chosen: Iterable[int]) -> bool:
        return frozenset(chosen) == self.right

    def right_choices(self) -> list[str]:
        return [self.choices[i] for i in sorted(self.right)]


@dataclass(frozen=True)
class Result:
    asked: Asked
    chosen: tuple[int, ...]
    correct: bool

    def left_out(self) -> list[int]:
        """The right choices the learner did not pick (indices into ``asked.choices``)."""
        return sorted(self.asked.right - set(self.chosen))

    def picked_wrongly(self) -> list[int]:
        """The choices the learner picked that are not right (indices into ``asked.choices``)."""
        return sorted(set(self.chosen) - self.asked.right)


@dataclass
class Score:
    results: list[Result] = field(default_factory=list)

    def add(self, result: Result) -> None:
        self.results.append(result)

    @property
    def total(self) -> int:
        return len(self.results)

    @property
    def right(self) -> int:
        return sum(r.correct for r in self.results)

    def by_difficulty(self) -> dict[str, tuple[int, int]]:
        """difficulty -> (right, asked), in easy, medium, hard order, only those asked."""
        out: dict[str, tuple[int, int]] = {}
        for d in DIFFICULTIES:
            rs = [r for r in self.results if r.asked.question.difficulty == d]
            if rs:
                out[d] = (sum(r.correct for r in rs), len(rs))
        return out

    def missed(self) -> list[Result]:
        return [r for r in self.results if not r.correct]


def _shuffle_choices(topic: str, q: Question, rng: random.Random) -> Asked:
    order = list(range(len(q.choices)))
    rng.shuffle(order)
    choices = tuple(q.choices[i] for i in order)
    right = frozenset(pos for pos, i in enumerate(order) if i < len(q.right))
    return Asked(topic, q, choices, right)


Item = tuple[str, Question]  # (topic, question): a session may mix topics


def ramp(items: list[Item]) -> list[Item]:
    """Easy, then medium, then hard; the order inside a level is kept (shuffle it first)."""
    return sorted(items, key=lambda item: DIFFICULTIES.index(item[1].difficulty))


def plan(
    quiz: QuizFile | Iterable[Item],
    *,
    count: int | None = None,
    difficulty: str | None = None,
    seed: int | None = None,
    shuffle: bool = False,
    schedule: Mapping[tuple[str, str], datetime] | None = None,
    now: datetime | None = None,
) -> list[Asked]:
    """The questions of one topic (or any ``(topic, question)`` pairs), in the order to ask them.

    Which questions: with ``seed``, the seed alone decides (the same seed, the same quiz, on
    any machine; ``--count`` only cuts it shorter). Without one, what helps most is picked
    first: questions due for review (most overdue first), then questions never answered
    (easiest first), then the rest (soonest due first).

    In what order: a ramp, easy then medium then hard, shuffled within each level; with
    ``shuffle``, fully random. ``schedule`` maps ``(topic, question id)`` -> when it is due.
    """
    items = [(quiz.topic, q) for q in quiz.questions] if isinstance(quiz, QuizFile) else list(quiz)
    items = [it for it in items if difficulty is None or it[1].difficulty == difficulty]
    rng = random.Random(seed)
    rng.shuffle(items)  # ties inside each group, and each level of the ramp, in random order
    if seed is None:
        now = now or datetime.now(UTC)
        schedule = schedule or {}

        def due_at(item: Item) -> datetime | None:
            return schedule.get((item[0], item[1].id))

        timed = sorted(
            ((t, it) for it in items if (t := due_at(it)) is not None), key=lambda pair: pair[0]
        )
        due = [it for t, it in timed if t <= now]
        later = [it for t, it in timed if t > now]
        unseen = [it for it in items if due_at(it) is None]
        items = due + (unseen if shuffle else ramp(unseen)) + later
    elif not shuffle:
        items = ramp(items)
    items = items[:count] if count else items
    if shuffle:
        rng.shuffle(items)
    else:
        items = ramp(items)
    return [_shuffle_choices(topic, q, rng) for topic, q in items]


def plan_review(
    quizzes: Mapping[str, QuizFile],
    due: Iterable[tuple[str, str]],
    *,
    count: int | None = None,
    difficulty: str | None = None,
    seed: int | None = None,
    order: Literal["given", "ramp", "shuffle"] = "given",
) -> list[Asked]:
    """The questions named by ``due`` (``(topic, id)`` pairs, most important first) that still
    exist: the first ``count`` of them, in the given order, as a ramp (easy to hard, shuffled
    within a level), or fully shuffled."""
    items: list[Item] = []
    for topic, qid in due:
        quiz = quizzes.get(topic)
        q = quiz.get(qid) if quiz else None
        if q is not None and (difficulty is None or q.difficulty == difficulty):
            items.append((topic, q))
    items = items[:count] if count else items
    rng = random.Random(seed)
    if order != "given":
        rng.shuffle(items)
    if order == "ramp":
        items = ramp(items)
    return [_shuffle_choices(topic, q, rng) for topic, q in items]


def again(missed: Iterable[Result], *, seed: int | None = None) -> list[Asked]:
    """The missed questions asked again, in the same order, each with its choices in a new
    order (so the right one is not found by where it was)."""
    rng = random.Random(seed)
    out: list[Asked] = []
    for r in missed:
        fresh = _shuffle_choices(r.asked.topic, r.asked.question, rng)
        for _ in range(20):  # a different order exists whenever there are two choices
            if fresh.choices != r.asked.choices:
                break
            fresh = _shuffle_choices(r.asked.topic, r.asked.question, rng)
        out.append(fresh)
    return out


_SEPARATORS = re.compile(r"[\s,]+")


def parse_answer(text: str, asked: Asked) -> tuple[int, ...] | str:
    """The chosen indices from a typed answer ("2", or "1 3" / "1,3" for multi-answer),
    or a one-line explanation of what is wrong with it."""
    n = len(asked.choices)
    parts = [p for p in _SEPARATORS.split(text.strip()) if p]
    if not parts:
        return "no answer"
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        return f"not a number: {text.strip()!r}"
    if any(not 1 <= x <= n for x in numbers):
        return f"choose from 1 to {n}"
    if not asked.multi and len(numbers) > 1:
        return "one answer only"
    return tuple(sorted({x - 1 for x in numbers}))


@dataclass(frozen=True)
class Block:
    kind: str  # "text" or "code"
    text: str


def blocks(text: str) -> list[Block]:
    """Split question or explanation text into paragraphs and code blocks.

    Lines indented by four spaces are code, kept as written. Other lines join into paragraphs
    (a blank line ends one), so authors can wrap prose anywhere in the TOML file.
    """
    out: list[Block] = []
    para: list[str] = []
    code: list[str] = []

    def flush_para() -> None:
        if para:
            out.append(Block("text", " ".join(s.strip() for s in para)))
            para.clear()

    def flush_code() -> None:
        while code and not code[-1].strip():
            code.pop()
        if code:
            out.append(Block("code", "\n".join(line[4:] for line in code)))
            code.clear()

    for line in text.splitlines():
        if line.startswith("    ") and (code or not para):
            flush_para()
            code.append(line)
        elif not line.strip():
            if code:
                code.append("")
            else:
                flush_para()
        else:
            flush_code()
            para.append(line)
    flush_para()
    flush_code()
    return out
