"""Where terminal vs pipe is decided, once (as HTTPie's output layer does).

Colour is off when output is not a terminal, when ``NO_COLOR`` is set (any value), or with
``--no-color``; then no escape codes at all are written. ``FORCE_COLOR`` forces it on.

:func:`setup_streams` (called first thing by the ``frcli`` entry point) makes the standard
streams safe to use whatever the learner's shell did to them: a closed one is /dev/null, a
reader that stops early (``| head``) makes further output vanish instead of raising, and an
encoding that cannot carry a character (``PYTHONIOENCODING=ascii``, ``LC_ALL=C``, latin-1,
cp1252) gets an ASCII stand-in for it (``Δ`` -> ``d``, box drawing -> ``-|+``) instead of a
``UnicodeEncodeError``. Code that picks its own symbols should take them from :func:`glyphs`.
"""

from __future__ import annotations

import codecs
import io
import os
import sys
from functools import cache
from types import SimpleNamespace
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # rich is imported only by commands that draw something
    from rich.console import Console


def color_wanted(no_color: bool = False, stream: TextIO | None = None) -> bool:
    stream = stream or sys.stdout
    if no_color or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return _isatty(stream)


def _console_class() -> type[Console]:
    from rich.console import Console

    class PipeAwareConsole(Console):
        """rich answers a closed pipe with SystemExit(1); a reader that stopped early
        (`| head`) is not an error, so the command's handler ends quietly with 0 instead."""

        def on_broken_pipe(self) -> None:
            silence_stdout()
            raise BrokenPipeError

    return PipeAwareConsole


def make_console(
    no_color: bool = False, *, stderr: bool = False, width: int | None = None
) -> Console:
    _Console = _console_class()
    stream = sys.stderr if stderr else sys.stdout
    color = color_wanted(no_color, stream)
    if width is None:  # decided once: rich would otherwise ask the terminal on every print
        width = terminal_width(stream)
    console = _Console(
        # Plain output: rich pads wrapped lines with spaces; drop them so output diffs cleanly.
        file=stream if color else TrimmedLines(stream),  # type: ignore[arg-type]  # a text stream
        color_system="auto" if color else None,
        # Decided here once; left as None, rich re-reads the environment on every print.
        force_terminal=color,
        no_color=not color,
        highlight=False,
        emoji=False,
        width=width,
        soft_wrap=False,
    )
    return console


def silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


class TrimmedLines:
    """A text stream that drops the spaces rich leaves at line ends, so plain output diffs cleanly.

    Only complete lines are trimmed: a prompt such as ``Answer (1-4): `` is flushed as it is.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._pending = ""

    def write(self, text: str) -> int:
        data = self._pending + text
        *lines, self._pending = data.split("\n")
        if lines:
            self.stream.write("".join(line.rstrip(" ") + "\n" for line in lines))
        return len(text)

    def flush(self) -> None:
        if self._pending:
            self.stream.write(self._pending)
            self._pending = ""
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def encoding(self) -> str:
        return getattr(self.stream, "encoding", "utf-8")


def terminal_width(stream: TextIO | None = None) -> int:
    """COLUMNS if set, else the terminal's width, else 80 (pipes)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    stream = stream or sys.stdout
    try:
        if stream.isatty():
            return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, OSError, ValueError):
        pass
    return 80


def _isatty(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError, OSError):  # closed, or not a real stream
        return False


def is_interactive() -> bool:
    """True when a person can answer prompts: stdin and stdout are both terminals."""
    return _isatty(sys.stdin) and _isatty(sys.stdout)


def error(message: str, label: str | None = "error") -> None:
    """One line on stderr, no traceback: control characters in ``message`` are escaped."""
    from .errors import one_line

    head = f"frcli: {label}: " if label else "frcli: "
    print(head + one_line(message), file=sys.stderr)


# -- streams that cannot break a command --------------------------------------------------------
# Stand-ins for the characters frcli draws, where the output encoding cannot carry them.
ASCII_STANDINS = {
    "Δ": "d",
    "·": "-",
    "…": "...",
    "✓": "v",
    "✗": "x",
    "→": "->",
    "←": "<-",
    "»": ">>",
    "•": "*",
    "\u201c": '"',  # curly quotes and dashes, written as escapes (ruff RUF001)
    "\u201d": '"',
    "\u2018": "'",
    "\u2019": "'",
    "\u2013": "-",
    "\u2014": "--",
}
_BOX_STANDINS = str.maketrans(
    {
        **dict.fromkeys("─━═╌╍┄┅┈┉", "-"),
        **dict.fromkeys("│┃║╎╏┆┇┊┋", "|"),
        **dict.fromkeys("┌┐└┘├┤┬┴┼╭╮╯╰┏┓┗┛┣┫┳┻╋╔╗╚╝╠╣╦╩╬╞╡╤╧╪╒╕╘╛╓╖╙╜╟╢╥╨╫", "+"),
    }
)
ERRORS = "frcli-ascii"


def _ascii_standin(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    out = []
    for char in bad:
        standin = ASCII_STANDINS.get(char) or char.translate(_BOX_STANDINS)
        out.append(standin if standin != char else "?")
    return "".join(out), exc.end


codecs.register_error(ERRORS, _ascii_standin)


def can_encode(text: str, stream: TextIO | None = None) -> bool:
    """Whether ``stream`` (stdout) can carry ``text`` as it is."""
    stream = stream or sys.stdout
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


@cache
def _glyphs(unicode: bool) -> SimpleNamespace:
    if unicode:
        return SimpleNamespace(
            delta="Δ", dot="·", ellipsis="…", ok="✓", bad="✗", arrow="→", rule="─", unicode=True
        )
    return SimpleNamespace(
        delta="d", dot="-", ellipsis="...", ok="v", bad="x", arrow="->", rule="-", unicode=False
    )


def glyphs(stream: TextIO | None = None) -> SimpleNamespace:
    """The symbols to draw with: Unicode where stdout's encoding carries them, else ASCII.

    ``glyphs().delta``, ``.dot``, ``.ellipsis``, ``.ok``, ``.bad``, ``.arrow``, ``.rule``.
    """
    return _glyphs(can_encode("Δ·…✓✗→─", stream))


class SafeWriter(io.TextIOWrapper):
    """stdout or stderr: once the reader is gone (EPIPE), output goes to /dev/null, quietly.

    The command then ends as it would have, with its own exit code (``frcli quiz validate
    bad.toml | head -1`` still exits 1), and the interpreter's last flush cannot fail.
    """

    def write(self, text: str) -> int:
        try:
            return super().write(text)
        except BrokenPipeError:
            self._gone()
            return len(text)

    def flush(self) -> None:
        try:
            super().flush()
        except BrokenPipeError:
            self._gone()
            try:
                super().flush()
            except OSError:
                pass

    def _gone(self) -> None:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self.fileno())
            os.close(devnull)
        except (OSError, ValueError):
            pass


def _fill_closed(fd: int) -> bool:
    """Put /dev/null on ``fd`` if it is closed (``frcli list >&-``); True if it was."""
    try:
        os.fstat(fd)
        return False
    except OSError:
        pass
    devnull = os.open(os.devnull, os.O_RDWR)
    if devnull != fd:
        os.dup2(devnull, fd)
        os.close(devnull)
    return True


def setup_streams() -> None:
    """Make stdin, stdout and stderr safe: closed ones become /dev/null; stdout and stderr
    survive a vanished reader and an encoding that cannot carry frcli's symbols."""
    for fd, name, mode in ((0, "stdin", "r"), (1, "stdout", "w"), (2, "stderr", "w")):
        if _fill_closed(fd) or getattr(sys, name) is None:
            setattr(sys, name, open(fd, mode, closefd=False))
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        buffer = getattr(stream, "buffer", None)
        if buffer is None or isinstance(stream, SafeWriter):
            continue
        encoding = stream.encoding or "utf-8"
        errors = stream.errors or "strict"
        if not can_encode("Δ·…✓✗→─│┌", stream):
            errors = ERRORS
        try:
            stream.flush()
        except OSError:
            pass
        buffer = stream.detach()  # the old wrapper must not close the file when it goes
        safe = SafeWriter(
            buffer,
            encoding=encoding,
            errors=errors,
            line_buffering=stream.line_buffering,
            write_through=getattr(stream, "write_through", False),
        )
        setattr(sys, name, safe)
        setattr(sys, f"__{name}__", safe)
