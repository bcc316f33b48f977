"""`frcli dev check` for exercises: every exercise proved, the way the engine will run it.

The manifest and the folders agree; each spec validates; its links resolve (demo, example,
quiz question ids, topic); its starter runs but fails at least one expectation; its solution
passes every one. Starters and solutions run in child interpreters, a few at a time.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import FrcliError

if TYPE_CHECKING:
    from .pool import ChildPool
    from .spec import ExerciseSpec

FILES = ("exercise.toml", "starter.py", "solution.py")


def _workers() -> int:
    return max(1, min(3, (os.cpu_count() or 2)))


def check_exercises(*, run: bool = True, pool: ChildPool | None = None) -> Iterator[str]:
    """Every problem found, one line each. ``run=False`` leaves out running the starters and
    solutions (the suite proves the shipped ones in tests/exercises/test_content.py);
    ``pool``: warm children to run them on (by default a pool of this call's own)."""
    from .spec import exercises_dir, load_manifest, load_spec

    root = exercises_dir()
    if not root.is_dir():
        return  # a content tree without exercises (an author's scratch checkout)
    label = root.name  # "exercises" (or "exercise_files" in a wheel)
    try:
        manifest = load_manifest()
    except FrcliError as exc:
        yield exc.message
        return
    listed = [e.name for e in manifest.exercise]
    folders = sorted(
        p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))
    )
    for folder in folders:
        if folder not in listed:
            yield f"{label}/{folder}: not listed in {label}/info.toml"
    runnable: list[str] = []
    from ..quiz.store import known_questions

    known = known_questions()  # once, for every exercise's links
    for name in listed:
        missing = [f for f in FILES if not (root / name / f).is_file()]
        if missing:
            yield f"{label}/{name}: missing {', '.join(missing)}"
            continue
        try:
            spec = load_spec(name)
        except FrcliError as exc:
            yield exc.message
            continue
        yield from _links(label, name, spec, known)
        if "TODO" not in (root / name / "starter.py").read_text(encoding="utf-8"):
            yield f"{label}/{name}/starter.py: no TODO comment saying what to change"
        runnable.append(name)
    if run:
        yield from _run_all(root, label, runnable, pool)


def _links(
    label: str, name: str, spec: ExerciseSpec, known: dict[str, tuple[str, set[str]]]
) -> Iterator[str]:
    """The spec's names resolve; ``known``: quiz topic -> (title, question ids)."""
    from .. import catalog

    where = f"{label}/{name}/exercise.toml"
    demos = catalog.demos()
    if spec.topic not in known and spec.topic not in demos:
        yield f"{where}: topic: '{spec.topic}' is neither a quiz topic nor a demo"
    links = spec.links
    if links.demo is not None:
        demo = demos.get(links.demo)
        if demo is None:
            yield f"{where}: links.demo: no demo '{links.demo}'"
        elif links.example is not None and demo.meta.example(links.example) is None:
            yield f"{where}: links.example: demo '{links.demo}' has no example '{links.example}'"
    elif links.example is not None:
        yield f"{where}: links.example: give links.demo too"
    for ref in links.quiz:
        topic, _, qid = ref.partition("/")
        if topic not in known:
            yield f"{where}: links.quiz: no quiz topic '{topic}' ({ref})"
        elif qid not in known[topic][1]:
            yield f"{where}: links.quiz: no question '{qid}' in quiz '{topic}'"


def _run_all(root: Path, label: str, names: list[str], given: ChildPool | None) -> Iterator[str]:
    from .checker import Verdict, check_path
    from .pool import ChildPool

    jobs = [(n, kind) for n in names for kind in ("starter", "solution")]
    if not jobs:
        return
    workers = given.size if given is not None else _workers()
    # A given pool is the caller's to close; one made here is closed here.
    owned = nullcontext(given) if given is not None else ChildPool(size=workers)
    with owned as pool, ThreadPoolExecutor(workers) as executor:

        def run(job: tuple[str, str]) -> Verdict:
            name, kind = job
            return check_path(name, root / name / f"{kind}.py", pool=pool)

        for (name, kind), verdict in zip(jobs, executor.map(run, jobs), strict=True):
            where = f"{label}/{name}/{kind}.py"
            if verdict.message is not None:
                yield f"{where}: does not run: {verdict.message}"
            elif kind == "starter" and verdict.passed:
                yield f"{where}: passes every expectation (a starter must fail at least one)"
            elif kind == "solution":
                for c in verdict.failed:
                    yield f"{where}: {c.name}: expected {c.expected}; got {c.got}"
