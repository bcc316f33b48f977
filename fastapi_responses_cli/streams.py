"""Incremental parsers for streamed bodies: Server-Sent Events and JSON Lines.

Pure functions over bytes, so the renderer can show each event as its chunk arrives and the
tests can assert on the same parse. The SSE parser follows the WHATWG event-stream rules but,
unlike a browser (or httpx-sse), keeps comment lines: keep-alive pings are worth seeing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field


@dataclass
class SSEEvent:
    event: str | None = None
    data: str | None = None
    id: str | None = None
    retry: int | None = None
    comments: list[str] = field(default_factory=list)

    @property
    def is_comment_only(self) -> bool:
        return self.data is None and self.event is None and self.id is None and self.retry is None


class SSEParser:
    """Feed bytes as they arrive; get back the events completed by them."""

    def __init__(self) -> None:
        self._buf = ""
        self._decoder_tail = b""
        self._cur = SSEEvent()
        self._data: list[str] = []
        self._touched = False

    def feed(self, data: bytes) -> list[SSEEvent]:
        raw = self._decoder_tail + data
        try:
            text = raw.decode("utf-8")
            self._decoder_tail = b""
        except UnicodeDecodeError as exc:  # a multi-byte character split across chunks
            text = raw[: exc.start].decode("utf-8")
            self._decoder_tail = raw[exc.start :]
        self._buf += text
        out: list[SSEEvent] = []
        while True:
            idx = _line_end(self._buf)
            if idx is None:
                break
            end, nxt = idx
            line, self._buf = self._buf[:end], self._buf[nxt:]
            ev = self._line(line)
            if ev is not None:
                out.append(ev)
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
            self._cur.comments.append(line[1:].removeprefix(" "))
            return None
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "data":
            self._data.append(value)
        elif name == "event":
            self._cur.event = value
        elif name == "id":
            self._cur.id = value
        elif name == "retry" and value.isdigit():
            self._cur.retry = int(value)
        return None


def _line_end(buf: str) -> tuple[int, int] | None:
    for i, ch in enumerate(buf):
        if ch == "\n":
            return i, i + 1
        if ch == "\r":
            if i + 1 == len(buf):
                return None  # wait: it may be the first half of \r\n
            return (i, i + 2) if buf[i + 1] == "\n" else (i, i + 1)
    return None


def parse_sse(data: bytes) -> list[SSEEvent]:
    return SSEParser().feed(data)


class JSONLinesParser:
    """Feed bytes; get back ``(line_text, value_or_None)`` for each complete line."""

    def __init__(self) -> None:
        self._buf = b""

    def feed(self, data: bytes) -> list[tuple[str, object | None]]:
        self._buf += data
        out: list[tuple[str, object | None]] = []
        while b"\n" in self._buf:
            line, self._buf = self._buf.split(b"\n", 1)
            text = line.decode("utf-8", errors="replace").rstrip("\r")
            if not text:
                continue
            try:
                out.append((text, json.loads(text)))
            except ValueError:
                out.append((text, None))
        return out

    @property
    def pending(self) -> bytes:
        return self._buf


def parse_jsonl(data: bytes) -> list[object | None]:
    return [v for _, v in JSONLinesParser().feed(data if data.endswith(b"\n") else data + b"\n")]
