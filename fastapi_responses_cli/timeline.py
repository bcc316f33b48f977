"""The timeline: what one request and its answer looked like, as plain data.

Standard library only. The recorder (:mod:`.recorder`) fills these in as bytes arrive; the
renderer (:mod:`.render`) and ``--json`` read them. Neither side needs the other's imports.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Any, Literal


@dataclass
class LogEntry:
    """Something the server side said: a log record or a Python warning."""

    t: float  # time.perf_counter() when it was emitted
    level: str  # "WARNING", "ERROR", ... ; "WARNING" for Python warnings
    source: str  # logger name, or the warning's category name
    message: str


@dataclass
class Chunk:
    t: float  # seconds since the request was sent
    size: int  # body bytes as received (content-coded; chunk framing not counted)
    data: bytes  # the decoded bytes this wire chunk produced (may be empty for gzip)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"t": round(self.t, 6), "size": self.size}
        try:
            out["text"] = self.data.decode("utf-8")
        except UnicodeDecodeError:
            out["base64"] = base64.b64encode(self.data).decode("ascii")
        return out


@dataclass
class WireRead:
    """One ``write`` to, or one ``read`` from, the socket: the bytes exactly as they crossed."""

    t: float  # seconds since the exchange started
    data: bytes

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"t": round(self.t, 6)}
        try:
            out["text"] = self.data.decode("utf-8")
        except UnicodeDecodeError:
            out["base64"] = base64.b64encode(self.data).decode("ascii")
        return out


@dataclass
class Wire:
    """What the socket tap saw for one exchange: every write and read, in socket order.

    The byte counts always run; the reads themselves are kept only when ``keep`` is set
    (``--wire``, ``--json``, the tests), so a million-row stream costs no memory here.
    """

    keep: bool = True
    sent: list[WireRead] = field(default_factory=list)
    received: list[WireRead] = field(default_factory=list)
    sent_bytes: int = 0
    received_bytes: int = 0
    reads: int = 0  # socket reads that returned bytes
    first_byte: float | None = None  # when the first response byte was read

    def on_sent(self, t: float, data: bytes) -> None:
        self.sent_bytes += len(data)
        if self.keep:
            self.sent.append(WireRead(t, bytes(data)))

    def on_received(self, t: float, data: bytes) -> None:
        if self.first_byte is None:
            self.first_byte = t
        self.received_bytes += len(data)
        self.reads += 1
        if self.keep:
            self.received.append(WireRead(t, data))

    def to_json(self) -> dict[str, Any]:
        return {
            "sent": [r.to_json() for r in self.sent],
            "received": [r.to_json() for r in self.received],
        }


@dataclass
class Timings:
    """Phase times, seconds since the exchange started (httpcore's ``trace`` and the tap)."""

    connect: float | None = None  # TCP connect done; None on a reused connection
    request_sent: float | None = None  # request head and body written
    first_byte: float | None = None  # first response byte read from the socket
    head: float | None = None  # response head parsed (what "time to first byte" tools show)
    end: float | None = None  # last body byte read and the response closed

    def to_json(self) -> dict[str, float | None]:
        def r(v: float | None) -> float | None:
            return None if v is None else round(v, 6)

        return {
            "connect": r(self.connect),
            "request_sent": r(self.request_sent),
            "head": r(self.head),
            "end": r(self.end),
            "first_byte": r(self.first_byte),
        }


@dataclass
class RequestRecord:
    method: str
    url: str
    headers: list[tuple[str, str]]
    body: bytes


@dataclass
class ResponseHead:
    status: int
    reason: str
    http_version: str
    headers: list[tuple[str, str]]  # wire order, names as sent (lower case on HTTP/1.1 here)

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), None)

    @property
    def media_type(self) -> str:
        return (self.header("content-type") or "").split(";")[0].strip().lower()

    @property
    def content_encoding(self) -> str | None:
        enc = self.header("content-encoding")
        return enc.strip().lower() if enc else None


@dataclass
class Exchange:
    """One request and its answer: a hop of an example (redirects give several hops)."""

    demo: str
    example: str
    hop: int
    request: RequestRecord
    response: ResponseHead | None = None
    chunks: list[Chunk] = field(default_factory=list)
    t_head: float | None = None
    t_end: float | None = None
    error: str | None = None
    stopped: str | None = None  # why reading stopped early (a bound), if it did
    server_log: list[LogEntry] = field(default_factory=list)
    last: bool = True  # the example's last hop (False when the recorder follows a redirect)
    t0: float = 0.0  # perf_counter at send; not part of the JSON
    started_at: float = 0.0  # time.time() at send (HAR's startedDateTime)
    timings: Timings = field(default_factory=Timings)
    wire: Wire = field(default_factory=Wire)
    # Running counts, kept whether or not ``chunks`` keeps the bytes (see ``keep_body``).
    chunk_count: int = 0  # body pieces httpx handed over
    body_size: int = 0  # body bytes as received (content-coded, without chunk framing)
    decoded_size: int = 0  # body bytes after undoing the content-encoding
    keep_body: bool = True  # False: ``chunks`` stays empty and only the counts run

    def add_chunk(self, chunk: Chunk) -> None:
        self.chunk_count += 1
        self.body_size += chunk.size
        self.decoded_size += len(chunk.data)
        if self.keep_body:
            self.chunks.append(chunk)

    @property
    def body(self) -> bytes:
        """The decoded body (empty when the recorder was told not to keep it)."""
        return b"".join(c.data for c in self.chunks)

    def to_json(self) -> dict[str, Any]:
        req_body: str | None
        try:
            req_body = self.request.body.decode("utf-8") if self.request.body else None
        except UnicodeDecodeError:
            req_body = base64.b64encode(self.request.body).decode("ascii")
        return {
            "demo": self.demo,
            "example": self.example,
            "hop": self.hop,
            "request": {
                "method": self.request.method,
                "url": self.request.url,
                "headers": [list(h) for h in self.request.headers],
                "body": req_body,
            },
            "response": None
            if self.response is None
            else {
                "status": self.response.status,
                "reason": self.response.reason,
                "http_version": self.response.http_version,
                "headers": [list(h) for h in self.response.headers],
            },
            "chunks": [c.to_json() for c in self.chunks],
            "t_head": None if self.t_head is None else round(self.t_head, 6),
            "t_end": None if self.t_end is None else round(self.t_end, 6),
            "timings": self.timings.to_json(),
            "wire": self.wire.to_json(),
            "sizes": {
                "sent": self.wire.sent_bytes,
                "received": self.wire.received_bytes,
                "body": self.body_size,
                "decoded": self.decoded_size,
            },
            "error": self.error,
            "stopped": self.stopped,
            "server_log": [
                {
                    "t": round(e.t - self.t0, 6),
                    "level": e.level,
                    "source": e.source,
                    "message": e.message,
                }
                for e in self.server_log
            ],
        }


EventKind = Literal["request", "head", "chunk", "end"]


@dataclass
class Event:
    kind: EventKind
    exchange: Exchange
    chunk: Chunk | None = None
