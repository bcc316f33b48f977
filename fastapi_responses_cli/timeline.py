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
    size: int  # bytes on the wire (before any content-encoding is undone)
    data: bytes  # the decoded bytes this wire chunk produced (may be empty for gzip)


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

    @property
    def body(self) -> bytes:
        return b"".join(c.data for c in self.chunks)

    @property
    def wire_size(self) -> int:
        return sum(c.size for c in self.chunks)

    def to_json(self) -> dict[str, Any]:
        def chunk(c: Chunk) -> dict[str, Any]:
            out: dict[str, Any] = {"t": round(c.t, 6), "size": c.size}
            try:
                out["text"] = c.data.decode("utf-8")
            except UnicodeDecodeError:
                out["base64"] = base64.b64encode(c.data).decode("ascii")
            return out

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
            "chunks": [chunk(c) for c in self.chunks],
            "t_head": None if self.t_head is None else round(self.t_head, 6),
            "t_end": None if self.t_end is None else round(self.t_end, 6),
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
