"""Finds demos and quizzes, reads their metadata and resolves names.

Nothing here imports FastAPI: metadata is read from each demo module's source with ``ast``.
Only :func:`load_app` imports a demo module, when a command really needs its app. Nor pydantic:
listing needs names and titles (:attr:`Demo.info`, :func:`quiz_topics`), and only a command
that runs a demo or validates content pays for the models (:attr:`Demo.meta`).

Quiz files are read by one function, :func:`read_quiz_data`: each file is parsed at most once
per process, and every reader (the index, ``frcli quiz``, ``frcli quiz validate``) goes
through it. A file that cannot be a quiz (not a regular file, not UTF-8, not TOML) is a
:class:`QuizFileError`; the index skips it with one warning line.
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import stat
import sys
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import FrcliError, UnknownName

if TYPE_CHECKING:  # pydantic is imported only where META is validated
    from .content import DemoMeta, Example

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


def exercises_dir() -> Path:
    """The exercises content (and the learning path): ``exercise_files`` inside the package in
    a wheel (the name ``exercises`` is the engine's), else the repository's ``exercises``."""
    inside = _PACKAGE_DIR / "exercise_files"
    return inside if inside.is_dir() else _REPO_DIR / "exercises"


def read_toml(path: Path) -> dict[str, Any]:
    """A content TOML file (an exercise spec, the manifest, the path), or one-line FrcliError.

    A UTF-8 byte-order mark is accepted. Quiz files have their own reader
    (:func:`read_quiz_data`), which also refuses FIFOs and caches each parse.
    """
    import tomllib  # here: listing demos and quizzes never needs it

    try:
        return tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise FrcliError(f"{path}: missing") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError, RecursionError) as exc:
        raise FrcliError(f"{path}: cannot read: {exc}") from None


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
        """The validated metadata (imports pydantic): for running and checking a demo."""
        return _validate_meta(self.path, _raw_meta(self.path))

    @cached_property
    def info(self) -> DemoInfo:
        """Names, titles and flags for listing, read without pydantic (and, while the file is
        unchanged, from the content index without parsing it)."""
        if "meta" not in self.__dict__:
            index = content_index()
            key, entry = index.get("demo", self.path)
            if entry is not None:
                return DemoInfo.from_json(entry)
            info = DemoInfo.from_raw(_raw_meta(self.path))
            if info is not None:
                if key is not None:
                    index.put("demo", self.path, key, info.to_json())
                return info
        return DemoInfo.from_meta(self.meta)  # an odd META: the full check says what is wrong

    @property
    def title(self) -> str:
        return self.info.title

    def example(self, name: str) -> Example:
        ex = self.meta.example(name)
        if ex is None:
            known = [e.name for e in self.meta.examples]
            raise UnknownName("example", name, known, where=f" in demo '{self.name}'")
        return ex


@dataclass(frozen=True)
class ExampleInfo:
    name: str
    title: str
    legacy: bool


@dataclass(frozen=True)
class DemoInfo:
    """What listing a demo needs: its META's names, titles and flags, not validated."""

    title: str
    topic: str
    legacy: bool
    examples: tuple[ExampleInfo, ...]

    @classmethod
    def from_raw(cls, raw: object) -> DemoInfo | None:
        """None unless ``raw`` has the plain shape expected (then the full check decides)."""
        if not isinstance(raw, dict):
            return None
        title, topic, legacy = raw.get("title"), raw.get("topic"), raw.get("legacy", False)
        examples = raw.get("examples")
        if not (
            isinstance(title, str)
            and isinstance(topic, str)
            and isinstance(legacy, bool)
            and isinstance(examples, list)
            and examples
        ):
            return None
        out: list[ExampleInfo] = []
        for ex in examples:
            if not isinstance(ex, dict):
                return None
            name, ex_title, ex_legacy = ex.get("name"), ex.get("title"), ex.get("legacy", False)
            if not (isinstance(name, str) and isinstance(ex_title, str)):
                return None
            if not isinstance(ex_legacy, bool):
                return None
            out.append(ExampleInfo(name, ex_title, ex_legacy))
        return cls(title, topic, legacy, tuple(out))

    def to_json(self) -> dict[str, Any]:
        examples = [[e.name, e.title, e.legacy] for e in self.examples]
        return {"title": self.title, "topic": self.topic, "legacy": self.legacy, "ex": examples}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DemoInfo:
        examples = tuple(ExampleInfo(n, t, bool(lg)) for n, t, lg in data["ex"])
        return cls(data["title"], data["topic"], bool(data["legacy"]), examples)

    @classmethod
    def from_meta(cls, meta: DemoMeta) -> DemoInfo:
        examples = tuple(ExampleInfo(e.name, e.title, e.legacy) for e in meta.examples)
        return cls(meta.title, meta.topic, meta.legacy, examples)


@cache
def _raw_meta(path: Path) -> object:
    """The ``META`` literal of a demo module, read with ``ast`` (never imported)."""
    text = path.read_text(encoding="utf-8")
    found = _meta_literal(text)
    if found is not None:
        return found
    tree = ast.parse(text, filename=str(path))
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id == "META"
        ):
            try:
                return ast.literal_eval(node.value)
            except ValueError as exc:
                raise FrcliError(f"{path.name}: META must be a plain literal ({exc})") from None
    raise FrcliError(f"{path.name}: no module-level META dict")


def _meta_literal(text: str) -> object | None:
    """The usual layout, ``META = {`` ... a ``}`` alone on a line, parsed alone: a tenth of
    the cost of parsing the whole module. None when the file is laid out otherwise (then the
    whole module is parsed)."""
    start = text.find("\nMETA = {")
    if start < 0:
        return None
    start += len("\nMETA = ")
    end = start
    while True:
        end = text.find("\n}", end + 1)
        if end < 0:
            return None
        after = end + 2
        if after < len(text) and text[after] not in "\r\n":
            continue
        try:
            return ast.literal_eval(text[start:after])
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            continue


def _validate_meta(path: Path, raw: object) -> DemoMeta:
    from pydantic import ValidationError

    from .content import DemoMeta

    try:
        return DemoMeta.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise FrcliError(f"{path.name}: META: {where}: {err['msg']}") from None


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
    """The demos a quiz file's questions point at, most used first (the one quiz reader)."""
    try:
        questions = read_quiz_data(path).get("questions", [])
    except QuizFileError:
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


@contextlib.contextmanager
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


# -- quiz files: one reader, one index ---------------------------------------------------------


class QuizFileError(FrcliError):
    """A file in the quizzes folder that cannot be read as a quiz: ``problem`` says why."""

    def __init__(self, name: str, problem: str, field: str = "-") -> None:
        super().__init__(f"{name}: {problem}")
        self.problem = problem
        self.field = field  # "toml" when the text is not TOML, "-" otherwise


# (path, device, inode, size, mtime) -> the parsed TOML, or the error reading it gave
_PARSED: dict[tuple[str, int, int, int, int], dict[str, Any] | QuizFileError] = {}


def read_quiz_data(path: Path, *, display: str | None = None) -> dict[str, Any]:
    """The TOML of one quiz file, parsed at most once per process (again only if it changed).

    Refuses, as a :class:`QuizFileError` naming ``display`` (default: the file name), what is
    not a regular file (a folder named ``x.toml``, a FIFO, a device: never opened, so never
    blocks), a dangling symlink, bytes that are not UTF-8, and text that is not TOML (nesting
    too deep included). A UTF-8 byte order mark is accepted.
    """
    name = display or path.name
    try:
        st = path.stat()
    except FileNotFoundError:
        problem = "broken symbolic link" if path.is_symlink() else "no such file"
        raise QuizFileError(name, problem) from None
    except OSError as exc:
        why = exc.strerror or exc.__class__.__name__
        raise QuizFileError(name, f"cannot read ({why})") from None
    if stat.S_ISDIR(st.st_mode):
        raise QuizFileError(name, "is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise QuizFileError(name, "not a regular file (a FIFO, socket or device)")
    key = (str(path), st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
    found = _PARSED.get(key)
    if found is None:
        found = _parse_quiz_bytes(path)
        _PARSED[key] = found
    if isinstance(found, QuizFileError):
        if found.message.startswith(f"{name}: "):
            raise found
        raise QuizFileError(name, found.problem, found.field)
    return found


def _parse_quiz_bytes(path: Path) -> dict[str, Any] | QuizFileError:
    name = path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return QuizFileError(name, f"cannot read ({exc.strerror or exc.__class__.__name__})")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return QuizFileError(
            name, f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
        )
    import tomllib  # here: a run that finds every file in the content index never needs it

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return QuizFileError(name, f"not valid TOML: {_one_line(str(exc))}", "toml")
    except RecursionError:
        return QuizFileError(name, "not valid TOML: nested too deeply", "toml")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def quiz_files(folder: Path | None = None) -> list[Path]:
    """The ``*.toml`` entries directly in the quizzes folder (or ``folder``), by name. Whether
    each really is a quiz file is :func:`read_quiz_data`'s to say."""
    folder = folder if folder is not None else quizzes_dir()
    try:
        return sorted(folder.glob("*.toml"))
    except OSError:
        return []


@dataclass(frozen=True)
class QuizTopic:
    """One quiz file as the index knows it: enough to list, count and order topics."""

    topic: str
    title: str
    order: int
    question_ids: tuple[str, ...]
    path: Path

    @property
    def questions(self) -> int:
        return len(self.question_ids)


def is_quiz_topic(key: str) -> bool:
    """Whether ``key`` (a normal name) is a quiz topic: its own file is looked at first, so
    naming one topic does not read every quiz file; the index decides otherwise."""
    path = quizzes_dir() / f"{key}.toml"
    if key and "/" not in key and not key.startswith(".") and path.is_file():
        return True
    return key in quiz_topics()


DEFAULT_ORDER = 100  # a topic without ``order`` comes after those that have one


def quiz_order(data: dict[str, Any]) -> int:
    order = data.get("order", DEFAULT_ORDER)
    return order if isinstance(order, int) and not isinstance(order, bool) else DEFAULT_ORDER


def _warn(message: str) -> None:
    try:
        print(f"frcli: warning: {message}", file=sys.stderr)
    except (OSError, ValueError, AttributeError):  # no stderr to warn on
        pass


@cache
def quiz_topics() -> dict[str, QuizTopic]:
    """Every quiz topic, in the content's order (each file's ``order``, then name).

    Read once per process, with :func:`read_quiz_data` (or from the content index while a
    file is unchanged); full validation is the quiz loader's. A file that cannot be read is
    left out, with one warning line on stderr.
    """
    index = content_index()
    found: list[QuizTopic] = []
    for path in quiz_files():
        key, entry = index.get("quiz", path)
        if entry is None:
            entry = _quiz_entry(path)
            if key is not None:
                index.put("quiz", path, key, entry)
        if "problem" in entry:
            _warn(f"{entry['problem']}; skipped")
            continue
        found.append(
            QuizTopic(path.stem, entry["title"], entry["order"], tuple(entry["ids"]), path)
        )
    found.sort(key=lambda t: (t.order, t.topic))
    return {t.topic: t for t in found}


def _quiz_entry(path: Path) -> dict[str, Any]:
    """What the index keeps of one quiz file: title, order and question ids, or the problem."""
    try:
        data = read_quiz_data(path)
    except QuizFileError as exc:
        return {"problem": exc.message}
    title = data.get("title")
    questions = data.get("questions")
    ids = [
        q["id"]
        for q in (questions if isinstance(questions, list) else [])
        if isinstance(q, dict) and isinstance(q.get("id"), str)
    ]
    return {
        "title": title if isinstance(title, str) else path.stem,
        "order": quiz_order(data),
        "ids": ids,
    }


def exercise_titles() -> dict[str, str]:
    """Every exercise of the course, in course order: name -> title.

    The manifest and each spec are checked by :mod:`.exercises.spec` (pydantic) when first
    read, and kept in the content index while the file is unchanged, so `frcli progress`
    reads neither TOML nor pydantic on an unchanged course. A broken manifest is a one-line
    FrcliError; a spec that does not load shows its name for a title.
    """
    index = content_index()
    manifest = exercises_dir() / "info.toml"
    key, entry = index.get("exercise-manifest", manifest)
    names = entry.get("names") if entry is not None else None
    if not isinstance(names, list):
        from .exercises.spec import load_manifest

        names = [e.name for e in load_manifest().exercise]
        if key is not None:
            index.put("exercise-manifest", manifest, key, {"names": names})
    out: dict[str, str] = {}
    for name in names:
        path = exercises_dir() / str(name) / "exercise.toml"
        key, entry = index.get("exercise", path)
        title = entry.get("title") if entry is not None else None
        if not isinstance(title, str):
            from .exercises.spec import load_spec

            try:
                title = load_spec(name).title
            except FrcliError:
                out[name] = name
                continue
            if key is not None:
                index.put("exercise", path, key, {"title": title})
        out[name] = title
    return out


# -- the content index: what listing needs, kept between runs -------------------------------
INDEX_NAME = "content-index.json"
INDEX_FORMAT = 1


class ContentIndex:
    """What `frcli list`, the welcome and progress need from each content file (a demo's
    titles, a quiz's title, order and question ids), kept in ``FRCLI_HOME`` (or the user data
    folder) as JSON, keyed by each file's path, device, inode, size and modification time.

    An entry is used only while its file is exactly the same file, unchanged; anything else
    reads the file again. It is a cache like Python's ``.pyc`` files: parsing every quiz file
    with tomllib and 23 demo modules with ``ast`` costs more than the rest of `frcli list`.
    A folder that cannot be written only means the files are read every time.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._entries: dict[str, Any] = {}
        self._dirty = False
        if path is None:
            return
        try:
            import json

            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if (
            isinstance(data, dict)
            and data.get("format") == INDEX_FORMAT
            and data.get("code") == self.code()
        ):
            entries = data.get("entries")
            if isinstance(entries, dict):
                self._entries = entries

    @staticmethod
    @cache
    def code() -> list[Any]:
        """Which frcli wrote the entries: its version and the modules that decide them (an
        edited checkout or another release reads every file again)."""
        from . import __version__

        here = Path(__file__).parent
        files = [
            here / "catalog.py",
            here / "quiz" / "model.py",
            here / "quiz" / "schema.py",
            here / "exercises" / "spec.py",
        ]
        return [__version__, *(ContentIndex._key(f) for f in files)]

    @staticmethod
    def _key(path: Path) -> list[int] | None:
        try:
            st = path.stat()
        except OSError:
            return None
        return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns]

    def get(self, kind: str, path: Path) -> tuple[list[int] | None, dict[str, Any] | None]:
        """The file's key now, and its entry if that entry is for exactly this file."""
        key = self._key(path)
        entry = self._entries.get(f"{kind}:{path}")
        if key is None or not isinstance(entry, dict) or entry.get("key") != key:
            return key, None
        value = entry.get("value")
        return key, value if isinstance(value, dict) else None

    def put(self, kind: str, path: Path, key: list[int], value: dict[str, Any]) -> None:
        self._entries[f"{kind}:{path}"] = {"key": key, "value": value}
        if not self._dirty and self.path is not None:
            import atexit

            atexit.register(self.save)
        self._dirty = True

    def save(self) -> None:
        if not self._dirty or self.path is None:
            return
        self._dirty = False
        import json
        import os

        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(
                json.dumps({"format": INDEX_FORMAT, "code": self.code(), "entries": self._entries}),
                encoding="utf-8",
            )
            os.replace(tmp, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()


@cache
def content_index() -> ContentIndex:
    from .home import data_dir

    try:
        return ContentIndex(data_dir() / INDEX_NAME)
    except Exception:  # no home folder to find: keep nothing between runs
        return ContentIndex(None)
