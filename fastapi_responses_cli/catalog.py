"""Finds demos and quizzes, reads their metadata and resolves names.

Nothing here imports FastAPI: metadata is read from each demo module's source with ``ast``.
Only :func:`load_app` imports a demo module, when a command really needs its app.
"""

from __future__ import annotations

import ast
import importlib
import sys
import tomllib
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .content import DemoMeta, Example
from .errors import FrcliError, UnknownName

_PACKAGE_DIR = Path(__file__).resolve().parent
_REPO_DIR = _PACKAGE_DIR.parent


def _content_dir(name: str) -> tuple[Path, str]:
    """Where ``demos`` or ``quizzes`` live, and the import prefix for them.

    A wheel ships them inside the package (``fastapi_responses_cli/demos``); a source
    checkout (editable install, tests) has them at the top level of the repository.
    """
    inside = _PACKAGE_DIR / name
    if inside.is_dir():
        return inside, f"{__package__}.{name}"
    return _REPO_DIR / name, name


def demos_dir() -> Path:
    return _content_dir("demos")[0]


def quizzes_dir() -> Path:
    return _content_dir("quizzes")[0]


class Demo:
    """A demo module, found by its file name; its META is read on first use."""

    def __init__(self, name: str, module: str, path: Path) -> None:
        self.name = name  # "response-models"
        self.module = module  # "demos.response_models" (import path)
        self.path = path

    def __repr__(self) -> str:
        return f"Demo({self.name!r})"

    @cached_property
    def meta(self) -> DemoMeta:
        return _read_meta(self.path)

    @property
    def title(self) -> str:
        return self.meta.title

    def example(self, name: str) -> Example:
        ex = self.meta.example(name)
        if ex is None:
            known = [e.name for e in self.meta.examples]
            raise UnknownName("example", name, known, where=f" in demo '{self.name}'")
        return ex


def _read_meta(path: Path) -> DemoMeta:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id == "META"
        ):
            try:
                raw = ast.literal_eval(node.value)
            except ValueError as exc:
                raise FrcliError(f"{path.name}: META must be a plain literal ({exc})") from None
            try:
                return DemoMeta.model_validate(raw)
            except ValidationError as exc:
                err = exc.errors()[0]
                where = ".".join(str(p) for p in err["loc"])
                raise FrcliError(f"{path.name}: META: {where}: {err['msg']}") from None
    raise FrcliError(f"{path.name}: no module-level META dict")


@cache
def demos() -> dict[str, Demo]:
    """Every demo, keyed by its name, in the content's order (``demos/__init__.py``)."""
    folder, prefix = _content_dir("demos")
    found: dict[str, Demo] = {}
    for path in sorted(folder.glob("*.py")):
        if path.stem.startswith("_"):
            continue
        name = path.stem.replace("_", "-")
        found[name] = Demo(name, f"{prefix}.{path.stem}", path)
    listed = _demo_order(folder / "__init__.py")
    order = [n for n in listed if n in found] + [n for n in found if n not in listed]
    return {n: found[n] for n in order}


def _demo_order(path: Path) -> list[str]:
    """The ``ORDER`` list in ``demos/__init__.py`` (content, read without importing it)."""
    if not path.is_file():
        return []
    for node in ast.parse(path.read_text(encoding="utf-8"), filename=str(path)).body:
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id == "ORDER"
        ):
            value = ast.literal_eval(node.value)
            if isinstance(value, list) and all(isinstance(n, str) for n in value):
                return value
            raise FrcliError(f"{path.name}: ORDER must be a list of demo names")
    return []


def normal_name(name: str) -> str:
    """How a typed demo or topic name is looked up: "JSON_Lines " -> "json-lines"."""
    return name.strip().lower().replace("_", "-")


def get_demo(name: str) -> Demo:
    table = demos()
    key = normal_name(name)
    if key not in table:
        raise unknown_demo(name)
    return table[key]


def unknown_demo(name: str) -> UnknownName:
    """An unknown demo name, searched in the quiz topics too: "'cors' is a quiz topic: frcli
    quiz cors" when it is one, a guess among the topics when no demo name comes close."""
    from .errors import closest

    key, table, topics = normal_name(name), demos(), quiz_topics()
    if key in topics:
        shown_by = [d for d in _topic_demos(topics[key].path) if d in table]
        live = f" (shown live by frcli demo {', '.join(shown_by)})" if shown_by else ""
        return UnknownName(
            "demo", name, table, elsewhere=f"'{key}' is a quiz topic: frcli quiz {key}{live}"
        )
    if closest(key, table) is None and (topic := closest(key, topics)) is not None:
        return UnknownName(
            "demo",
            name,
            table,
            elsewhere=f"Did you mean the quiz topic '{topic}'? frcli quiz {topic}",
        )
    return UnknownName("demo", name, table)


def _topic_demos(path: Path) -> list[str]:
    """The demos a quiz file's questions point at, most used first (tomllib only)."""
    try:
        questions = tomllib.loads(path.read_text(encoding="utf-8")).get("questions", [])
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return []
    counts: dict[str, int] = {}
    for q in questions if isinstance(questions, list) else []:
        if isinstance(q, dict) and isinstance(q.get("demo"), str):
            counts[q["demo"]] = counts.get(q["demo"], 0) + 1
    return sorted(counts, key=lambda d: -counts[d])


def unknown_quiz(name: str) -> UnknownName:
    """An unknown quiz name: neither a topic nor a demo (``frcli quiz`` takes both)."""
    topics = list(quiz_topics())
    return UnknownName("quiz topic", name, topics + [d for d in demos() if d not in topics])


def load_app(demo: Demo) -> Any:  # a FastAPI app; fastapi is imported only here
    """Import the demo module and return its ``app``."""
    root = str(demos_dir().parent)
    if demo.module.startswith("demos.") and root not in sys.path:
        sys.path.insert(0, root)
    with _no_gc_pauses():
        module = importlib.import_module(demo.module)
    return module.app


@contextmanager
def _no_gc_pauses():
    """Importing FastAPI and building an app allocate ~10^6 long-lived objects; the cyclic
    collector would walk them again and again while they are made (about 5% of a demo run's
    instructions, measured with callgrind). Pause it, then freeze what was built so later
    collections skip it. Nothing here makes garbage cycles worth collecting."""
    import gc

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


@cache
def _definitions(path: Path) -> tuple[list[str], dict[str, tuple[int, int]]]:
    """The file's lines and, for each top-level function, class or single-name assignment
    (``app = FastAPI(...)``, ``router = APIRouter(...)``), its first and last line, decorators
    included. Parsed once per file."""
    text = path.read_text(encoding="utf-8")
    spans: dict[str, tuple[int, int]] = {}
    for node in ast.parse(text).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            start = min([node.lineno] + [d.lineno for d in node.decorator_list])
            spans[node.name] = (start, node.end_lineno or node.lineno)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if len(targets) == 1 and isinstance(targets[0], ast.Name) and targets[0].id != "META":
                spans[targets[0].id] = (node.lineno, node.end_lineno or node.lineno)
    return text.splitlines(), spans


def route_source(demo: Demo, names: list[str]) -> str:
    """The source of the named top-level functions or classes, decorators included."""
    lines, spans = _definitions(demo.path)
    parts: list[str] = []
    for name in names:
        if name not in spans:
            raise FrcliError(
                f"{demo.path.name}: no top-level function, class or assignment named '{name}'"
            )
        start, end = spans[name]
        parts.append("\n".join(lines[start - 1 : end]))
    return "\n\n\n".join(parts)


@dataclass(frozen=True)
class QuizTopic:
    topic: str
    title: str
    questions: int
    path: Path


@cache
def quiz_topics() -> dict[str, QuizTopic]:
    """Every quiz file, with its title and question count (full validation is the quiz loader's)."""
    out: dict[str, QuizTopic] = {}
    for path in sorted(quizzes_dir().glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise FrcliError(f"{path.name}: not valid TOML ({exc})") from None
        topic = path.stem
        out[topic] = QuizTopic(
            topic, str(data.get("title", topic)), len(data.get("questions", [])), path
        )
    return out
