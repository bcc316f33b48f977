"""Incremental parsers for streamed bodies: Server-Sent Events, JSON Lines, JSON text sequences.

Pure functions over bytes, so the renderer can show each event as its chunk arrives and the
tests can assert on the same parse. The SSE parser follows the WHATWG event-stream rules but,
unlike a browser (or httpx-sse), keeps comment lines and unknown fields, in the order they came:
keep-alive pings and field order are worth seeing. Every parser is linear in its input: each
byte is scanned a bounded number of times, however the input is split into chunks.
"""

from __future__ import annotations

import codecs
import json
from dataclasses import dataclass, field


@dataclass(slots=True)
class SSEEvent:
    event: str | None = None
    data: str | None = None
    id: str | None = None
    retry: int | None = None
    comments: list[str] = field(default_factory=list)
    # Every line of the event as it came: (field name, value); "" names a comment line and
    # a value of None a line without a colon (all of it is the field name). Unknown fields
    # and every data: line of a multi-line event are here, in wire order.
    lines: list[tuple[str, str | None]] = field(default_factory=list)

    @property
    def is_comment_only(self) -> bool:
        return self.data is None and self.event is None and self.id is None and self.retry is None


class SSEParser:
    """Feed bytes as they arrive; get back the events completed by them."""

    def __init__(self) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending: list[str] = []  # the pieces of an incomplete last line
        self._cur = SSEEvent()
        self._data: list[str] = []
        self._touched = False

    def feed(self, data: bytes) -> list[SSEEvent]:
        piece = self._decoder.decode(data)
        if "\n" not in piece and "\r" not in piece:  # nothing ends: keep it, join it later
            if piece:
                self._pending.append(piece)
            return []
        self._pending.append(piece)
        text = "".join(self._pending)
        hold = ""
        if text.endswith("\r"):  # maybe the first half of \r\n: decide when more comes
            text, hold = text[:-1], "\r"
        if "\r" in text:  # CRLF and a lone CR end lines too
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        lines = text.split("\n")
        rest = lines.pop() + hold
        self._pending = [rest] if rest else []
        out: list[SSEEvent] = []
        cur, data_lines, touched = self._cur, self._data, self._touched
        for line in lines:
            if not line:
                if touched:
                    if data_lines:
                        cur.data = "\n".join(data_lines)
                    out.append(cur)
                    cur, data_lines, touched = SSEEvent(), [], False
                continue
            touched = True
            if line[0] == ":":
                comment = line[2:] if line.startswith(": ") else line[1:]
                cur.comments.append(comment)
                cur.lines.append(("", comment))
                continue
            name, colon, value = line.partition(":")
            if value[:1] == " ":
                value = value[1:]
            cur.lines.append((name, value if colon else None))
            if name == "data":
                data_lines.append(value)
            elif name == "event":
                cur.event = value
            elif name == "id":
                cur.id = value
            elif name == "retry" and value.isdigit():
                cur.retry = int(value)
        self._cur, self._data, self._touched = cur, data_lines, touched
        return out


def parse_sse(data: bytes) -> list[SSEEvent]:
    return SSEParser().feed(data)


class JSONLinesParser:
    """Feed bytes; get back ``(line_text, value_or_None)`` for each complete line."""

    separator = b"\n"

    def __init__(self) -> None:
        self._buf: list[bytes] = []  # the pieces of an incomplete last record

    def feed(self, data: bytes) -> list[tuple[str, object | None]]:
        if self.separator not in data:  # nothing completes: keep the piece, join it later
            if data:
                self._buf.append(data)
            return []
        self._buf.append(data)
        parts = b"".join(self._buf).split(self.separator)
        rest = parts.pop()
        self._buf = [rest] if rest else []
        return [r for r in (self._record(p) for p in parts) if r is not None]

    def close(self) -> list[tuple[str, object | None]]:
        """The record left without a final separator, if any (at the end of the body)."""
        rest, self._buf = b"".join(self._buf), []
        record = self._record(rest)
        return [record] if record is not None else []

    @staticmethod
    def _record(line: bytes) -> tuple[str, object | None] | None:
        text = line.decode("utf-8", errors="replace").rstrip("\r\n")
        if not text:
            return None
        try:
            return text, json.loads(text)
        except ValueError:
            return text, None

    @property
    def pending(self) -> bytes:
        return b"".join(self._buf)


class JSONSeqParser(JSONLinesParser):
    """``application/json-seq`` (RFC 7464): each record starts with RS (0x1E) and ends with LF.

    A record is complete when the next RS arrives, or at the end of the body (:meth:`close`).
    """

    separator = b"\x1e"


def parse_jsonl(data: bytes) -> list[object | None]:
    return [v for _, v in JSONLinesParser().feed(data if data.endswith(b"\n") else data + b"\n")]
