"""`frcli dev check`: every piece of content, checked the way the engine will read it.

Each checker is a function yielding one line per problem (``file: where: problem``). Content
kinds add their checker to ``CHECKERS``; the command prints every line and exits 1 if any.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator

from .. import catalog
from ..errors import FrcliError

Checker = Callable[[], Iterator[str]]


def check_demos() -> Iterator[str]:
    """Every demo's META validates and every example's route names a definition in its file."""
    for demo in catalog.demos().values():
        try:
            meta = demo.meta
        except FrcliError as exc:
            yield exc.message
            continue
        for example in meta.examples:
            try:
                catalog.route_source(demo, example.route)
            except FrcliError as exc:
                yield f"{exc.message} (example '{example.name}')"


def check_quizzes() -> Iterator[str]:
    """Every quiz file validates (the same rules as `frcli quiz validate`)."""
    from ..quiz.validate import check_file

    for path in sorted(catalog.quizzes_dir().glob("*.toml")):
        _quiz, problems = check_file(path)
        yield from (str(p) for p in problems)


def check_path() -> Iterator[str]:
    """The learning path (exercises/path.toml) reads, and every demo, example, quiz question
    and exercise it names exists."""
    from ..curriculum_model import check_path as check

    yield from check()


CHECKERS: list[Checker] = [check_demos, check_quizzes, check_path]


def check(*, no_color: bool = False) -> int:
    problems = 0
    for checker in CHECKERS:
        for line in checker():
            problems += 1
            print(line)
    if problems:
        print(f"frcli dev check: {problems} problem{'s' * (problems != 1)}", file=sys.stderr)
        return 1
    print("frcli dev check: all content is in order")
    return 0
