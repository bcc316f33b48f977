"""``--wire``: the bytes of an exchange exactly as they crossed the socket, read by read.

Input is the socket tap's record (:class:`~..timeline.Wire`), never the parsed response. Each
write or read gets a line with its ``+t`` and size; its bytes follow, split after each LF, with
CR and LF shown as ``\\r`` and ``\\n``, a tab as ``\\t`` and any other byte that is not
printable text as ``\\xNN``. In a chunked body, the chunk-size lines are annotated with their
value in decimal, and the last chunk and the end of the body are named.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..timeline import Exchange, WireRead
from .out import Line, Out, hanging
from .out import note as add_note
from .views import fmt_t

WIRE_LINES = 60  # received lines shown before the rest is counted (--full: all)
_PRINTABLE = re.compile(rb"[\x20-\x7e]+")


def escape(data: bytes, text: bool = True) -> list[tuple[str, bool]]:
    """``data`` as display text: runs of printable ASCII as they are, everything else
    escaped (the flag says which, so escapes can be styled). With ``text``, valid UTF-8
    letters beyond ASCII (``Zoë``) are kept as characters; in binary data every such byte
    is ``\\xNN``."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in _PRINTABLE.finditer(data):
        if m.start() > pos:
            out.extend(_escape_run(data[pos : m.start()], text))
        out.append((m.group().decode("ascii"), False))
        pos = m.end()
    if pos < len(data):
        out.extend(_escape_run(data[pos:], text))
    return out


def looks_like_text(data: bytes) -> bool:
    """Mostly printable ASCII and line ends: a head, a CSV, JSON; not gzip or an image."""
    if not data:
        return True
    printable = sum(len(m) for m in _PRINTABLE.findall(data[:4096]))
    sample = min(len(data), 4096)
    return printable + data[:4096].count(b"\r") + data[:4096].count(b"\n") >= 0.8 * sample


_NAMED = {0x0D: "\\r", 0x0A: "\\n", 0x09: "\\t"}


def _escape_run(run: bytes, text: bool) -> list[tuple[str, bool]]:
    if text:
        try:
            chars = run.decode("utf-8")
            if all(ord(c) > 0x9F and c.isprintable() for c in chars):
                return [(chars, False)]
        except UnicodeDecodeError:
            pass
    return [("".join(_NAMED.get(b, f"\\x{b:02x}") for b in run), True)]


def _keep_spaces(lines: list[Line], text: str) -> None:
    """Put back the space each word-wrap break dropped, at the start of the next line, so the
    view stays exactly the bytes (the continuation indent is four spaces, then that space)."""
    pos = 0
    for line in lines:
        piece = line[-1][0]
        at = text.find(piece, pos) if piece else pos
        if at > pos and line is not lines[0]:
            line[-1] = (text[pos:at] + piece, line[-1][1])
        pos = max(at, pos) + len(piece)


class _Framing:
    """Follows HTTP/1.1 framing over the received bytes to name the chunk-size lines."""

    def __init__(self) -> None:
        self.state = "head"  # head, size, data, data-end, trailer, done
        self.chunked = False
        self.remaining = 0
        self._head_tail = b""
        self._line = b""

    def notes(self, data: bytes) -> Iterator[tuple[bytes, str | None]]:
        """Split ``data`` into pieces, each with a note for the line it ends (or None)."""
        pos = 0
        n = len(data)
        while pos < n:
            if self.state == "head":
                window = self._head_tail + data[pos:]
                end = window.find(b"\r\n\r\n")
                if end < 0:
                    self._head_tail = window[-3:]
                    self._note_head(data[pos:])
                    yield data[pos:], None
                    return
                stop = pos + end + 4 - len(self._head_tail)
                self._note_head(data[pos:stop])
                yield data[pos:stop], None
                self.state = "size" if self.chunked else "done"
                pos = stop
            elif self.state in ("size", "trailer"):
                nl = data.find(b"\n", pos)
                if nl < 0:
                    self._line += data[pos:]
                    yield data[pos:], None
                    return
                line = self._line + data[pos : nl + 1]
                self._line = b""
                yield data[pos : nl + 1], self._size_note(line)
                pos = nl + 1
            elif self.state == "data":
                take = min(self.remaining, n - pos)
                self.remaining -= take
                yield data[pos : pos + take], None
                pos += take
                if self.remaining == 0:
                    self.state = "data-end"
            elif self.state == "data-end":
                nl = data.find(b"\n", pos)
                if nl < 0:
                    yield data[pos:], None
                    return
                yield data[pos : nl + 1], None
                pos = nl + 1
                self.state = "size"
            else:
                yield data[pos:], None
                return

    _head = b""

    def _note_head(self, piece: bytes) -> None:
        if len(self._head) < 64 * 1024:
            self._head += piece
        if b"\r\n\r\n" in self._head or self.state == "head":
            lower = self._head.lower()
            self.chunked = b"transfer-encoding: chunked" in lower

    def _size_note(self, line: bytes) -> str | None:
        if self.state == "trailer":
            if line in (b"\r\n", b"\n"):
                self.state = "done"
                return "end of the body"
            return "trailer"
        text = line.split(b";", 1)[0].strip()
        try:
            size = int(text, 16)
        except ValueError:
            return None
        if size == 0:
            self.state = "trailer"
            return "the last chunk: size 0"
        self.remaining = size
        self.state = "data"
        return f"chunk size 0x{text.decode('ascii')} = {size:,} B"


class WireView:
    """Prints an exchange's socket writes and reads as they are recorded."""

    def __init__(self, out: Out, *, full: bool) -> None:
        self.out = out
        self.full = full
        self.width = out.width
        self._sent = 0
        self._received = 0
        self._framing = _Framing()
        self._lines = 0
        self._hidden_reads = 0
        self._hidden_bytes = 0
        self._cut_reads = 0  # reads shown in part

    def update(self, ex: Exchange) -> None:
        """Print the writes and reads recorded since the last call."""
        wire = ex.wire
        batch: list[Line] = []
        for write in wire.sent[self._sent :]:
            batch += self._read(write, "sent", ">", None)
        self._sent = len(wire.sent)
        for read in wire.received[self._received :]:
            if not self.full and self._lines >= WIRE_LINES:
                self._hidden_reads += 1
                self._hidden_bytes += len(read.data)
                continue
            batch += self._read(read, "read", "<", self._framing)
        self._received = len(wire.received)
        if batch:
            self.out.lines(batch)

    def end(self, ex: Exchange) -> None:
        self.update(ex)
        if not ex.wire.keep:
            return
        if self._hidden_reads or self._hidden_bytes:
            reads = f"{self._hidden_reads:,} more read{'s' if self._hidden_reads != 1 else ''}"
            if self._cut_reads:
                reads = f"the rest of a read and {reads}" if self._hidden_reads else "the rest"
            self.out.lines(
                hanging(
                    [("  … ", "dim italic")],
                    f"{reads} ({self._hidden_bytes:,} B received) not shown; --full shows all",
                    self.width,
                    "dim italic",
                )
            )
        self.out.line(
            (
                f"  = {ex.wire.sent_bytes:,} B sent, {ex.wire.received_bytes:,} B received "
                f"in {ex.wire.reads:,} read{'s' if ex.wire.reads != 1 else ''}",
                "dim",
            )
        )

    def _read(self, read: WireRead, verb: str, mark: str, framing: _Framing | None) -> list[Line]:
        lines: list[Line] = [[(f"  {fmt_t(read.t)} {verb} {len(read.data):,} B", "dim")]]
        pieces = framing.notes(read.data) if framing is not None else iter([(read.data, None)])
        current: list[tuple[str, bool]] = []
        texty = looks_like_text(read.data)
        budget = None if self.full or framing is None else WIRE_LINES - self._lines
        consumed = 0
        for piece, note in pieces:
            start = 0
            while start < len(piece):
                nl = piece.find(b"\n", start)
                stop = len(piece) if nl < 0 else nl + 1
                current += escape(piece[start:stop], texty)
                consumed += stop - start
                start = stop
                if nl >= 0:
                    lines += self._line(mark, current, note if stop == len(piece) else None)
                    current = []
                    if budget is not None and len(lines) - 1 >= budget:
                        break
            if budget is not None and len(lines) - 1 >= budget:
                break
        if current:
            lines += self._line(mark, current, None)
        if budget is not None and len(lines) - 1 > budget:  # one long line: cut it here
            lines = lines[: budget + 1]
        if budget is not None and consumed < len(read.data):
            rest = len(read.data) - consumed
            if rest > 0:
                self._hidden_bytes += rest
                self._cut_reads += 1
        if framing is not None:
            self._lines += len(lines) - 1
        return lines

    def _line(self, mark: str, parts: list[tuple[str, bool]], note: str | None) -> list[Line]:
        """One line of the wire, wrapped to the width without splitting an escape; a line of
        text (a header, a CSV row) wraps at its spaces, as everywhere else."""
        prefix: Line = [(f"  {mark} ", "dim")]
        tail: list[tuple[str, bool]] = []
        while parts and parts[-1][1]:  # the escapes that end it (\r\n), kept as its suffix
            tail.insert(0, parts.pop())
        if not any(escaped for _, escaped in parts):
            text = "".join(t for t, _ in parts)
            lines = hanging(prefix, text, self.width, indent=4) if text else [list(prefix)]
            _keep_spaces(lines, text)
            for t, _ in tail:
                add_note(lines, t, self.width, "cyan", sep="")
        else:
            lines = self._fill(prefix, parts + tail)
        if note:
            add_note(lines, f"   ({note})", self.width)
        return lines

    def _fill(self, prefix: Line, parts: list[tuple[str, bool]]) -> list[Line]:
        tokens: list[tuple[str, str]] = []
        for text, escaped in parts:
            if escaped:
                tokens += [(e, "cyan") for e in re.findall(r"\\x[0-9a-f]{2}|\\.", text)]
            else:
                tokens += [(text[i : i + 16], "") for i in range(0, len(text), 16)]
        lines: list[Line] = [list(prefix)]
        used = sum(len(t) for t, _ in prefix)
        for token, style in tokens:
            if used + len(token) > self.width:
                lines.append([("    ", "")])
                used = 4
            lines[-1].append((token, style))
            used += len(token)
        return lines
