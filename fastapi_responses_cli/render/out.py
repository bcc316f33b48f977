"""Lines out: wrapping with hanging indents, and writing many lines cheaply.

The renderer wraps its own lines (rich's line splitting on one giant segment grows worse than
linearly, and it folds URLs mid-word). A line is a list of ``(text, style)`` segments; ``Out``
writes a batch of them in one go: straight to the stream in plain mode, as one ``Text`` through
the console when colour is on or the console records (``--svg``/``--html``). Fast streams are
batched: a line is written at once when the previous write is older than ``interval``,
otherwise queued and written by a timer thread within ``interval``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator

from rich.console import Console, RenderableType
from rich.text import Text

Seg = tuple[str, str]  # (text, style)
MAX_URL = 2048  # a "word" longer than this is split even if it looks like a URL
Line = list[Seg]


def spans(text: str, width: int, start: int = 0) -> Iterator[tuple[int, int]]:
    """``(begin, end)`` of each piece of ``text[start:]`` at most ``width`` long, broken at
    spaces where there are any (the space itself is dropped).

    A word longer than the width is split only if it is not a URL: a URL goes out whole on
    its own line, so it can still be copied or clicked. Linear in ``len(text)``.
    """
    width = max(width, 8)
    n = len(text)
    i = start
    while n - i > width:
        cut = text.rfind(" ", i, i + width + 1)
        if cut > i:
            yield i, cut
            i = cut + 1
            continue
        # A URL (its scheme in the word's first characters) is kept whole, up to a sane length.
        end = text.find(" ", i, i + MAX_URL)
        end = n if end < 0 and n - i <= MAX_URL else end
        if end > 0 and text.find("://", i, min(end, i + 12)) >= 0:
            yield i, end
            i = min(end + 1, n)
            if i == n:
                return
        else:
            yield i, i + width
            i += width
    yield i, n


def wrap(text: str, width: int) -> Iterator[str]:
    """The pieces of :func:`spans`, as strings."""
    for a, b in spans(text, width):
        yield text[a:b]


def hanging(
    prefix: Line, text: str, width: int, style: str = "", indent: int | None = None
) -> list[Line]:
    """``prefix`` then ``text``, wrapped to ``width``; continuation lines indented under the
    text (or by ``indent`` columns). Text that fits is one line, as it came."""
    used = sum(len(t) for t, _ in prefix)
    pad = " " * (used if indent is None else indent)
    first_width = width - used
    if len(text) <= first_width:
        return [[*prefix, (text, style)]]
    # The first piece at the first line's width, the rest at the continuation width.
    a, b = next(spans(text, first_width))
    lines: list[Line] = [[*prefix, (text[a:b], style)]]
    rest = b + 1 if b < len(text) and text[b] == " " else b
    if rest < len(text):
        for a, b in spans(text, width - len(pad), rest):
            lines.append([(pad, ""), (text[a:b], style)])
    return lines


def note(lines: list[Line], text: str, width: int, style: str = "dim", sep: str = " ") -> None:
    """Append ``text`` to the last line, or under it when it would pass ``width``."""
    last = lines[-1]
    used = sum(len(t) for t, _ in last)
    if used + len(text) <= width:
        last.append((text, style))
        return
    indent = len(last[0][0]) - len(last[0][0].lstrip(" ")) if last else 0
    lines.append([(" " * (indent + 2), ""), (text.strip() if sep else text, style)])


def to_text(line: Line) -> Text:
    t = Text()
    for text, style in line:
        t.append(text, style=style or None)
    return t


class Out:
    """Writes lines for one console; see the module docstring."""

    def __init__(self, console: Console, *, interval: float = 0.01) -> None:
        self.console = console
        self.width = console.width
        self.plain = console.color_system is None and not console.record
        self.interval = interval
        self._lock = threading.Lock()
        self._queue: list[Line] = []
        self._last = 0.0
        self._timer: threading.Timer | None = None
        self._error: OSError | None = None

    def lines(self, lines: Iterable[Line]) -> None:
        if self._error is not None:
            self._raise_pending()
        with self._lock:
            self._queue.extend(lines)
            if time.perf_counter() - self._last >= self.interval:
                self._write_locked()
            elif self._timer is None:
                self._timer = threading.Timer(self.interval, self._on_timer)
                self._timer.daemon = True
                self._timer.start()

    def line(self, *segs: Seg) -> None:
        self.lines([list(segs)])

    def text(self, text: str, style: str = "", indent: int = 0) -> None:
        """A paragraph, wrapped with every line at ``indent``."""
        self.lines(hanging([(" " * indent, "")], text, self.width, style))

    def print(self, renderable: RenderableType = "") -> None:
        """Anything rich can draw, in order after the queued lines."""
        with self._lock:
            self._write_locked()
            self.console.print(renderable)
            self._last = time.perf_counter()

    def flush(self) -> None:
        self._raise_pending()
        with self._lock:
            self._write_locked()
            self._cancel_timer()
        self._flush_file()

    def close(self) -> None:
        self.flush()

    def _on_timer(self) -> None:
        try:
            with self._lock:
                self._timer = None
                self._write_locked()
        except OSError as exc:  # a closed pipe: the next write in the main thread reports it
            self._error = exc

    def _raise_pending(self) -> None:
        if self._error is not None:
            exc, self._error = self._error, None
            raise exc

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _write_locked(self) -> None:
        if not self._queue:
            return
        queue, self._queue = self._queue, []
        if self.plain:
            file = self.console.file
            file.write("".join("".join(t for t, _ in line) + "\n" for line in queue))
        else:
            self.console.print(Text("\n").join(to_text(line) for line in queue), soft_wrap=True)
        self._last = time.perf_counter()
        self._flush_file()

    def _flush_file(self) -> None:
        try:
            self.console.file.flush()
        except (AttributeError, ValueError):
            pass
