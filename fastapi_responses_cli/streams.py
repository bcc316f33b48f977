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
import re
from dataclasses import dataclass, field

_EOL = re.compile(r"\r\n|\r|\n")


@dataclass
class SSEEvent:
    event: str | None = None
    data: str | None = None
    id: str | None = None
    retry: int | None = None
    comments: list[str] = field(default_factory=list)
    # Every line of the event as it came: (field name, value); "" names a comment line.
    # Unknown fields and every data: line of a multi-line event are here, in wire order.
    lines: list[tuple[str, str]] = field(default_factory=list)

    @property
    def is_comment_only(self) -> bool:
        return self.data is None and self.event is None and self.id is None and self.retry is None


class SSEParser:
    """Feed bytes as they arrive; get back the events completed by them."""

    def __init__(self) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending = ""  # an incomplete last line
        self._cur = SSEEvent()
        self._data: list[str] = []
        self._touched = False

    def feed(self, data: bytes) -> list[SSEEvent]:
        text = self._pending + self._decoder.decode(data)
        out: list[SSEEvent] = []
        start = 0
        for m in _EOL.finditer(text):
            if m.group() == "\r" and m.end() == len(text):
                break  # wait: it may be the first half of \r\n
            ev = self._line(text[start : m.start()])
            if ev is not None:
                out.append(ev)
            start = m.end()
        self._pending = text[start:]
        return out

    def _line(self, line: str) -> SSEEvent | None:
        if line == "":
            if not self._touched:
                return None
            ev = self._cur
            if self._data:
                ev.data = "\n".join(self._data)
            self._cur, self._data, self._touched = SSEEvent(), [], False
            return ev
        self._touched = True
        if line.startswith(":"):
            comment = line[1:].removeprefix(" ")
            self._cur.comments.append(comment)
            self._cur.lines.append(("", comment))
            return None
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        self._cur.lines.append((name, value))
        if name == "data":
            self._data.append(value)
        elif name == "event":
            self._cur.event = value
        elif name == "id":
            self._cur.id = value
        elif name == "retry" and value.isdigit():
            self._cur.retry = int(value)
        return None


def parse_sse(data: bytes) -> list[SSEEvent]:
    return SSEParser().feed(data)


class JSONLinesParser:
    """Feed bytes; get back ``(line_text, value_or_None)`` for each complete line."""

    separator = b"\n"

    def __init__(self) -> None:
        self._buf = b""

    def feed(self, data: bytes) -> list[tuple[str, object | None]]:
        if self.separator not in data:  # the common small case: nothing completes
            self._buf += data
            return []
        parts = (self._buf + data).split(self.separator)
        self._buf = parts.pop()
        return [r for r in (self._record(p) for p in parts) if r is not None]

    def close(self) -> list[tuple[str, object | None]]:
        """The record left without a final separator, if any (at the end of the body)."""
        rest, self._buf = self._buf, b""
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
        return self._buf


class JSONSeqParser(JSONLinesParser):
    """``application/json-seq`` (RFC 7464): each record starts with RS (0x1E) and ends with LF.

    A record is complete when the next RS arrives, or at the end of the body (:meth:`close`).
    """

    separator = b"\x1e"


def parse_jsonl(data: bytes) -> list[object | None]:
    return [v for _, v in JSONLinesParser().feed(data if data.endswith(b"\n") else data + b"\n")]
