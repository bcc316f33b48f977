"""One small view per body kind, chosen once per response (as HTTPie's output streams are).

Every view is fed the body chunk by chunk as it arrives and shows it as it was sent: no
reformatting (``--pretty`` picks :class:`PrettyView`, which says that it reformatted). The base
class owns the bound (records shown before the rest are only counted) and the "N more not
shown" note; each subclass overrides one method, :meth:`BodyView.records`, which turns a chunk
into records, each a few lines to print. Nothing is kept but what is still to be shown, so a
view costs the same at ten rows as at a million.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass

from rich.console import RenderableType

from ..media import MediaInfo, charset_of, classify
from ..streams import JSONLinesParser, JSONSeqParser, SSEEvent, SSEParser
from ..timeline import Chunk, Exchange
from .out import Line, Out, hanging, note

BODY_LINES = 40  # lines of a whole body shown before the rest is counted (--full: all)
RECORDS = 12  # chunks, events or JSON lines shown before the rest is counted
HEX_ROWS = 4  # 16-byte rows of a binary body
INDENT = 2
CONT = 4  # where a wrapped body line continues


def fmt_size(n: int) -> str:
    return f"{n:,} B"


def fmt_t(seconds: float) -> str:
    return f"+{seconds * 1000:.1f} ms" if seconds < 1 else f"+{seconds:.3f} s"


@dataclass
class Record:
    lines: list[Line]
    size: int  # bytes of the body it stands for (for the "not shown" count)


class BodyView:
    """Base: bounded printing of records. ``noun`` names what a record is, for the note."""

    noun = ("line", "lines")
    title: str | None = None  # printed under the head, if any
    limit = BODY_LINES

    def __init__(self, out: Out, ex: Exchange, *, full: bool) -> None:
        self.out = out
        self.width = out.width
        self.full = full
        head = ex.response
        self.content_type = head.header("content-type") if head is not None else None
        self.shown = 0
        self.hidden = 0
        self.hidden_bytes = 0
        self._last_t = ex.t_head or 0.0

    # -- what subclasses override --------------------------------------------------------------
    def records(self, chunk: Chunk) -> Iterator[Record]:
        raise NotImplementedError

    def close(self) -> Iterator[Record]:
        """Records still pending at the end of the body."""
        return iter(())

    def skip(self, chunk: Chunk) -> bool:
        """Over the bound, count ``chunk`` without parsing it; False: parse to count records."""
        return False

    # -- the rest is shared ------------------------------------------------------------------
    def start(self) -> None:
        if self.title:
            self.out.line(("  " + self.title, "bold"))

    def feed(self, chunk: Chunk) -> None:
        if self._over() and self.skip(chunk):
            self._last_t = chunk.t
            return
        self._emit(self.records(chunk))

    def end(self, ex: Exchange) -> None:
        self._emit(self.close())
        if self.hidden:
            one, many = self.noun
            what = one if self.hidden == 1 else many
            self.out.lines(
                hanging(
                    [("  … ", "dim italic")],
                    f"{self.hidden:,} more {what} ({self.hidden_bytes:,} body bytes) not shown; "
                    "--full shows all",
                    self.width,
                    "dim italic",
                )
            )

    def _over(self) -> bool:
        return not self.full and self.shown >= self.limit

    def _emit(self, records: Iterator[Record]) -> None:
        batch: list[Line] = []
        for record in records:
            if self._over():
                self.hidden += 1
                self.hidden_bytes += record.size
            else:
                self.shown += 1
                batch.extend(record.lines)
        if batch:
            self.out.lines(batch)

    def timing(self, chunk: Chunk) -> Line:
        gap = chunk.t - self._last_t
        self._last_t = chunk.t
        delta = "Δ" + fmt_t(gap)[1:]
        return [(f"  {fmt_t(chunk.t):>11} {delta:>10} {fmt_size(chunk.size):>9}  ", "dim")]


class PlainView(BodyView):
    """A whole body, as sent: text decoded by its charset, lines wrapped with a hanging
    indent. A line longer than the screen is printed as it arrives, not held back; past the
    bound, bytes are only counted."""

    def __init__(self, out: Out, ex: Exchange, *, full: bool) -> None:
        super().__init__(out, ex, full=full)
        self.charset = charset_of(self.content_type)
        try:
            self._decoder = codecs.getincrementaldecoder(self.charset)(errors="replace")
        except LookupError:
            self.charset = "utf-8"
            self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending = ""  # text of the current, unfinished line
        self._continued = False  # part of the pending line is already on screen
        self._total = 0  # body bytes fed
        self._newlines = 0
        self._ends_with_newline = True
        self._started = 0  # source lines at least partly shown
        self._cut = False  # the bound was reached
        self._mid_line = False  # ... in the middle of a line

    def feed(self, chunk: Chunk) -> None:
        data = chunk.data
        if not data:
            return
        self._total += len(data)
        self._newlines += data.count(b"\n")
        self._ends_with_newline = data.endswith(b"\n")
        if self._cut:
            self.hidden_bytes += len(data)
            return
        self._take(self._pending + self._decoder.decode(data), final=False)

    def end(self, ex: Exchange) -> None:
        if not self._cut:
            tail = self._pending + self._decoder.decode(b"", final=True)
            if tail:
                self._take(tail, final=True)
        if not self._cut or not self.hidden_bytes:
            return
        lines = self._newlines + (0 if self._ends_with_newline else 1)
        more = lines - self._started
        what = f"{more:,} more line{'s' if more != 1 else ''}" if more > 0 else ""
        if self._mid_line:
            what = "the rest of this line" + (f" and {what}" if what else "")
        self.out.lines(
            hanging(
                [("  … ", "dim italic")],
                f"{self.hidden_bytes:,} more body bytes not shown ({what}); --full shows all",
                self.width,
                "dim italic",
            )
        )

    def _take(self, text: str, *, final: bool) -> None:
        """Show the complete lines of ``text`` (and most of a long unfinished one)."""
        batch: list[Line] = []
        pos, n = 0, len(text)
        self._pending = ""
        while pos < n:
            nl = text.find("\n", pos)
            if nl < 0 and not final:
                if n - pos > 4 * self.width:  # a long unfinished line: show all but its tail
                    pos = self._show(text, pos, n, batch, complete=False)
                if not self._cut:
                    self._pending = text[pos:]
                break
            end = n if nl < 0 else nl
            stop = end - 1 if end > pos and text[end - 1] == "\r" else end
            self._show(text, pos, stop, batch, complete=True)
            if self._cut:
                break
            self._continued = False
            pos = end + 1
        if batch:
            self.out.lines(batch)

    def _show(self, text: str, begin: int, end: int, batch: list[Line], *, complete: bool) -> int:
        """Add the display lines of ``text[begin:end]`` to ``batch``; return where the text
        not yet shown begins. At the bound, count the rest of ``text`` as hidden."""
        if not self._continued:
            self._started += 1
        first = CONT if self._continued else INDENT
        pieces = list(_spans_two(text, begin, end, (self.width - first, self.width - CONT)))
        if not complete:
            pieces = pieces[:-1]  # the last piece may still grow
        shown_to = begin
        for k, (a, b) in enumerate(pieces):
            if self._over():
                self._cut, self._mid_line = True, True
                self.hidden_bytes += len(text[a:].encode(self.charset, errors="replace"))
                return len(text)
            batch.append([(" " * (first if k == 0 else CONT), ""), (text[a:b], "")])
            self.shown += 1
            shown_to = b + 1 if text[b : b + 1] == " " else b
        if complete and self._over():  # the bound falls at a line's end: the rest is counted
            rest = text[end:].removeprefix("\r").removeprefix("\n")
            self._cut = True
            self.hidden_bytes += len(rest.encode(self.charset, errors="replace"))
        if not complete:
            self._continued = True
        return shown_to


def _spans_two(
    text: str, begin: int, end: int, widths: tuple[int, int]
) -> Iterator[tuple[int, int]]:
    """Spans of ``text[begin:end]``: the first at ``widths[0]``, the rest at ``widths[1]``."""
    from .out import spans

    segment = text[begin:end]
    if len(segment) <= widths[0]:
        yield begin, end
        return
    a, b = next(spans(segment, widths[0]))
    yield begin + a, begin + b
    rest = b + 1 if b < len(segment) and segment[b] == " " else b
    if rest < len(segment):
        for a, b in spans(segment, widths[1], rest):
            yield begin + a, begin + b


class HexView(BodyView):
    """Bytes that are not text: offset, 16 bytes in hex, the printable ones as characters."""

    noun = ("row of 16 bytes", "rows of 16 bytes")
    limit = HEX_ROWS

    def __init__(self, out: Out, ex: Exchange, *, full: bool) -> None:
        super().__init__(out, ex, full=full)
        self._offset = 0
        self._row = b""

    def skip(self, chunk: Chunk) -> bool:
        data = self._row + chunk.data
        self._row = b""
        self.hidden += -(-len(data) // 16)
        self.hidden_bytes += len(data)
        return True

    def records(self, chunk: Chunk) -> Iterator[Record]:
        data = self._row + chunk.data
        whole = len(data) - len(data) % 16
        self._row = data[whole:]
        for off in range(0, whole, 16):
            yield self._record(data[off : off + 16])

    def close(self) -> Iterator[Record]:
        if self._row:
            row, self._row = self._row, b""
            yield self._record(row)

    def _record(self, row: bytes) -> Record:
        hexes = " ".join(f"{b:02x}" for b in row)
        text = "".join(chr(b) if 32 <= b < 127 else "." for b in row)
        line = [(f"  {self._offset:08x}  {hexes:<47}  ", ""), (text, "dim")]
        self._offset += len(row)
        return Record([line], len(row))


class ChunksView(BodyView):
    """A stream with no record framing: one line per chunk, with its time, gap and size."""

    noun = ("chunk", "chunks")
    title = "chunks as they arrive (time since the request, gap, body bytes):"
    limit = RECORDS

    def __init__(self, out: Out, ex: Exchange, *, full: bool, text: bool) -> None:
        super().__init__(out, ex, full=full)
        self.text = text

    def feed(self, chunk: Chunk) -> None:
        # The hot path of a fast stream: one line a chunk, built in one go, no generator.
        if not self.full and self.shown >= self.limit:
            self.hidden += 1
            self.hidden_bytes += chunk.size
            self._last_t = chunk.t
            return
        self.shown += 1
        self.out.lines([self._line(chunk)])

    def records(self, chunk: Chunk) -> Iterator[Record]:
        yield Record([self._line(chunk)], chunk.size)

    def _line(self, chunk: Chunk) -> Line:
        t, gap = chunk.t, chunk.t - self._last_t
        self._last_t = t
        when = f"+{t * 1000:.1f} ms" if t < 1 else f"+{t:.3f} s"
        delta = f"Δ{gap * 1000:.1f} ms" if gap < 1 else f"Δ{gap:.3f} s"
        prefix = f"  {when:>11} {delta:>10} {chunk.size:>7,} B  "
        room = max(self.width - len(prefix), 12)
        data = chunk.data
        if self.text:
            shown = repr(data.decode("utf-8", errors="backslashreplace"))
        else:
            shown = data[:12].hex(" ") + (" …" if len(data) > 12 else "")
        if len(shown) > room:
            shown = shown[: room - 1] + "…"
        return [(prefix, "dim"), (shown, "")]


class SSEView(BodyView):
    """Server-Sent Events: each event's lines as they came, comments where they came."""

    noun = ("event", "events")
    title = "Server-Sent Events as they arrive (time since the request, gap, body bytes):"
    limit = RECORDS

    def __init__(self, out: Out, ex: Exchange, *, full: bool) -> None:
        super().__init__(out, ex, full=full)
        self.parser = SSEParser()

    def records(self, chunk: Chunk) -> Iterator[Record]:
        events = self.parser.feed(chunk.data)
        prefix = self.timing(chunk)
        pad = len(prefix[0][0])
        for i, event in enumerate(events):
            first = prefix if i == 0 else [(" " * pad, "")]
            yield Record(self._lines(first, pad, event), _event_size(event))

    def _lines(self, first: Line, pad: int, event: SSEEvent) -> list[Line]:
        lines: list[Line] = []
        for k, (name, value) in enumerate(event.lines):
            prefix: Line = list(first) if k == 0 else [(" " * pad, "")]
            if name == "":
                lines += hanging([*prefix, (": ", "dim")], value or "", self.width, "dim")
                note(lines, "   (comment)", self.width)
                continue
            known = name in ("event", "data", "id", "retry")
            style = "cyan" if known else "yellow"
            if value is None:  # no colon: the whole line names a field with no value
                lines += hanging(prefix, name, self.width, style)
            else:
                lines += hanging([*prefix, (f"{name}: ", style)], value, self.width)
            if not known:
                note(lines, "   (unknown field: clients ignore it)", self.width)
        return lines


def _event_size(event: SSEEvent) -> int:
    """About the bytes the event took on the wire: its lines and the blank line."""
    return sum(len(f"{n}: {v or ''}\n".encode()) for n, v in event.lines) + 1


class RecordsView(BodyView):
    """JSON Lines (newline-framed) or JSON text sequences (RS-framed): one record a line."""

    noun = ("record", "records")
    limit = RECORDS

    def __init__(self, out: Out, ex: Exchange, *, full: bool, seq: bool) -> None:
        super().__init__(out, ex, full=full)
        self.parser = JSONSeqParser() if seq else JSONLinesParser()
        name = "JSON text sequence records (RS-framed)" if seq else "JSON Lines"
        self.title = f"{name} as they arrive (time since the request, gap, body bytes):"

    def records(self, chunk: Chunk) -> Iterator[Record]:
        prefix = self.timing(chunk)
        pad = len(prefix[0][0])
        for i, (text, value) in enumerate(self.parser.feed(chunk.data)):
            yield self._record(prefix if i == 0 else [(" " * pad, "")], text, value)

    def close(self) -> Iterator[Record]:
        for text, value in self.parser.close():
            yield self._record([("  " + " " * 33, "")], text, value)

    def _record(self, prefix: Line, text: str, value: object | None) -> Record:
        lines = hanging(prefix, text, self.width, "red" if value is None else "")
        if value is None:
            note(lines, "  (not valid JSON)", self.width, "red")
        return Record(lines, len(text.encode()) + 1)


class PrettyView(BodyView):
    """``--pretty``: the whole body reformatted by frcli (JSON indented, CSV as a table, HTML
    highlighted), under a label that says so and what was really sent."""

    CAP = 64 * 1024 * 1024  # past this, it is shown as sent instead

    def __init__(self, out: Out, ex: Exchange, *, full: bool, color: bool) -> None:
        super().__init__(out, ex, full=full)
        self.color = color
        self._parts: list[bytes] = []
        self._size = 0
        self._fallback: PlainView | None = None
        self._ex = ex

    def feed(self, chunk: Chunk) -> None:
        if self._fallback is not None:
            self._fallback.feed(chunk)
            return
        self._parts.append(chunk.data)
        self._size += len(chunk.data)
        if self._size > self.CAP:
            self._fallback = PlainView(self.out, self._ex, full=self.full)
            for part in self._parts:
                self._fallback.feed(Chunk(chunk.t, 0, part))
            self._parts = []

    def end(self, ex: Exchange) -> None:
        if self._fallback is not None:
            self._fallback.end(ex)
            return
        from .body import render_body

        data = b"".join(self._parts)
        self._parts = []
        lines = data.count(b"\n") + (0 if data.endswith(b"\n") or not data else 1)
        self.out.line(
            (
                f"  pretty-printed by frcli; sent as {lines:,} line{'s' if lines != 1 else ''}, "
                f"{len(data):,} B (drop --pretty to see it as sent)",
                "yellow",
            )
        )
        self.out.print(
            _Indented(render_body(data, self.content_type, full=self.full, color=self.color))
        )


def _Indented(renderable: RenderableType) -> RenderableType:
    from rich.padding import Padding

    return Padding(renderable, (0, 0, 0, INDENT), expand=False)


def choose_view(out: Out, ex: Exchange, *, full: bool, pretty: bool, color: bool) -> BodyView:
    """The view for this response, decided once at its head."""
    head = ex.response
    assert head is not None
    info: MediaInfo = classify(head.header("content-type"))
    encoded = head.content_encoding not in (None, "identity", "gzip", "deflate")
    streamed = head.header("content-length") is None
    if not encoded and info.stream == "sse":
        return SSEView(out, ex, full=full)
    if not encoded and info.stream in ("jsonl", "json-seq"):
        return RecordsView(out, ex, full=full, seq=info.stream == "json-seq")
    if pretty and not encoded and info.kind in ("json", "csv", "html", "xml"):
        return PrettyView(out, ex, full=full, color=color)
    if streamed and not pretty:
        return ChunksView(out, ex, full=full, text=info.text and not encoded)
    if not info.text or encoded:
        return HexView(out, ex, full=full)
    return PlainView(out, ex, full=full)
