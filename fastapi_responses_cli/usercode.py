"""Loading a learner's app, and telling them what went wrong in their own terms.

Shared by ``frcli exercise check`` (in its child interpreter) and ``frcli inspect``. A learner's
mistake (a syntax error, an import error, an exception at import time, no ``app``) is reported
as their own traceback trimmed to their files, never as frcli's: :func:`learner_traceback`.

Standard library only at import time; the learner's module imports whatever it imports.
"""

from __future__ import annotations

import importlib
import importlib.util
import linecache
import os
import re
import sys
import traceback
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

from .errors import FrcliError

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")


class UserCodeError(FrcliError):
    """The learner's code failed: ``message`` is frcli's one line, ``trace`` their own error."""

    def __init__(self, message: str, trace: str = "") -> None:
        super().__init__(message, code=1)
        self.trace = trace


def split_target(target: str) -> tuple[str, str]:
    """``module:app``, ``path/to/file.py:app`` or ``path/to/file.py`` -> (where, attribute).

    A Windows drive letter (``C:\\x.py``) is not taken for the separator.
    """
    where, sep, attr = target.rpartition(":")
    if sep and where and _IDENT.match(attr) and not re.fullmatch(r"[A-Za-z]", where):
        return where, attr
    return target, "app"


def _looks_like_file(where: str) -> bool:
    return where.endswith(".py") or os.sep in where or "/" in where or Path(where).is_file()


class LoadedApp(NamedTuple):
    """A learner's app, and their own files (what their tracebacks are trimmed to)."""

    app: Any
    files: list[Path]


def load_app_target(target: str) -> LoadedApp:
    """Import the learner's module and return its ASGI app (``app`` unless named) with the
    learner's files: the file imported, or the module's source file.

    ``target`` is ``module:app``, ``path/to/file.py`` or ``path/to/file.py:app``. A file is
    imported under its stem (so ``if __name__ == "__main__"`` guards hold) with its folder put
    first on ``sys.path``, so its sibling modules import as they would under uvicorn.
    Raises :class:`UserCodeError` for every mistake of the learner's.
    """
    where, attr = split_target(target)
    if _looks_like_file(where):
        module, files = _import_file(Path(where))
    else:
        module, files = _import_module(where)
    return LoadedApp(_get_app(module, attr, files), files)


def _import_file(path: Path) -> tuple[ModuleType, list[Path]]:
    path = path.expanduser()
    if not path.is_file():
        raise UserCodeError(f"{path}: no such file")
    path = path.resolve()
    folder = str(path.parent)
    if folder not in sys.path:
        sys.path.insert(0, folder)
    name = path.stem if path.stem.isidentifier() else "learner_app"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise UserCodeError(f"{path.name}: cannot be imported as Python")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # pydantic resolves forward references through sys.modules
    files = [path]
    try:
        spec.loader.exec_module(module)
    except BaseException as exc:
        sys.modules.pop(name, None)
        raise _failed(exc, files, path.name) from exc
    return module, files


def _import_module(name: str) -> tuple[ModuleType, list[Path]]:
    if "" not in sys.path and os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())  # as uvicorn does: modules are found from here
    files: list[Path] = []
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        spec = None
    if spec is None:
        raise UserCodeError(f"no module named '{name}' (looked from {os.getcwd()})")
    if spec.origin and spec.origin not in ("built-in", "frozen"):
        files.append(Path(spec.origin).resolve())
    try:
        module = importlib.import_module(name)
    except BaseException as exc:
        raise _failed(exc, files, name) from exc
    return module, files


def _failed(exc: BaseException, files: list[Path], label: str) -> UserCodeError | BaseException:
    if isinstance(exc, KeyboardInterrupt):
        return exc
    trace = learner_traceback(exc, files)
    if isinstance(exc, SyntaxError):
        line = f" at line {exc.lineno}" if exc.lineno else ""
        where = Path(exc.filename).name if exc.filename else label
        return UserCodeError(f"{where} has a syntax error{line}", trace)
    if isinstance(exc, ImportError):
        return UserCodeError(f"{label} failed to import something", trace)
    if isinstance(exc, SystemExit):
        return UserCodeError(f"{label} called sys.exit({exc.code!r}) while importing", trace)
    return UserCodeError(f"{label} raised {type(exc).__name__} while importing", trace)


def _get_app(module: ModuleType, attr: str, files: list[Path]) -> Any:
    label = Path(module.__file__).name if module.__file__ else module.__name__
    value: Any = module
    for part in attr.split("."):
        if not hasattr(value, part):
            raise UserCodeError(f"{label} has no `{attr}`: define it, e.g. `{attr} = FastAPI()`")
        value = getattr(value, part)
    if not callable(value):
        raise UserCodeError(
            f"`{attr}` in {label} is a {type(value).__name__}, not an ASGI app "
            f"(expected e.g. `{attr} = FastAPI()`)",
        )
    return value


def _same(a: str, files: set[str]) -> bool:
    try:
        return str(Path(a).resolve()) in files
    except (OSError, ValueError):
        return False


def learner_traceback(exc: BaseException, files: list[Path]) -> str:
    """The exception as Python prints it, but only the frames in ``files`` (the learner's).

    A syntax error shows the offending line and its caret. When no frame is the learner's
    (a library raised it on their behalf), the innermost frame is kept so there is a line to
    look at. Chained exceptions are left out: the last one is what to fix.
    """
    wanted = {str(Path(f).resolve()) for f in files}
    if isinstance(exc, SyntaxError):
        return "".join(traceback.format_exception_only(type(exc), exc)).rstrip("\n")
    frames = traceback.extract_tb(exc.__traceback__)
    mine = [f for f in frames if _same(f.filename, wanted)]
    if not mine and frames:
        mine = [frames[-1]]
    for frame in mine:  # make sure the source line is shown even for a freshly edited file
        if frame.line is None or not frame.line:
            linecache.checkcache(frame.filename)
    lines = ["Traceback (most recent call last):\n"] if mine else []
    lines += traceback.StackSummary.from_list(mine).format()
    lines += traceback.format_exception_only(type(exc), exc)
    return "".join(lines).rstrip("\n")


def trim_traceback_text(text: str, files: list[Path]) -> str:
    """A traceback already formatted as text (Starlette sends a lifespan failure that way),
    trimmed like :func:`learner_traceback`: the learner's frames and the exception line."""
    wanted = {str(Path(f).resolve()) for f in files}
    lines = text.rstrip("\n").splitlines()
    if not any(line.startswith("Traceback") for line in lines):
        return text.rstrip("\n")
    out = ["Traceback (most recent call last):"]
    frame = re.compile(r'^\s*File "([^"]+)", line \d+')
    i = 0
    while i < len(lines):
        m = frame.match(lines[i])
        if m:
            keep = _same(m.group(1), wanted)
            j = i + 1
            while j < len(lines) and lines[j].startswith("    ") and not frame.match(lines[j]):
                j += 1
            if keep:
                out += lines[i:j]
            i = j
            continue
        i += 1
    tail = [ln for ln in lines if ln and not ln.startswith(" ") and not ln.startswith("Traceback")]
    if tail:
        out.append(tail[-1])
    return "\n".join(out)


def frames_in(text: str, files: list[Path]) -> list[tuple[str, int, str]]:
    """(file name, line, function) of each frame in a faulthandler or traceback dump that is
    in ``files``: where a hung app was when it was stopped."""
    wanted = {str(Path(f).resolve()) for f in files}
    out: list[tuple[str, int, str]] = []
    for m in re.finditer(r'File "([^"]+)", line (\d+)(?:,)? in (\S+)', text):
        if _same(m.group(1), wanted):
            out.append((m.group(1), int(m.group(2)), m.group(3)))
    return out
