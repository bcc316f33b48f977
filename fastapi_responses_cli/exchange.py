"""Send a demo's example requests over real HTTP and record what happened, as plain data.

Nothing here imports rich: the recording is pure data (see :class:`Exchange`), consumed live by
the renderer through :func:`run_example`'s events, or dumped as JSON by ``--json``.
"""

from __future__ import annotations

import base64
import json
import shlex
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal

import httpx

from .content import Example
from .server import LogEntry, ServerLog

MAX_HOPS = 10


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
    t0: float = 0.0  # perf_counter at send; not part of the JSON

    @property
    def body(self) -> bytes:
        return b"".join(c.data for c in self.chunks)

    @property
    def wire_size(self) -> int:
        return sum(c.size for c in self.chunks)

    def to_json(self) -> dict:
        def chunk(c: Chunk) -> dict:
            out: dict = {"t": round(c.t, 6), "size": c.size}
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


class _Decoder:
    """Undo a content-encoding chunk by chunk, so compressed streams still show live."""

    def __init__(self, encoding: str | None) -> None:
        self.encoding = encoding
        if encoding == "gzip":
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._z = zlib.decompressobj()
        else:  # identity, or one we cannot undo: keep the bytes as they came
            self._z = None

    def feed(self, data: bytes) -> bytes:
        return self._z.decompress(data) if self._z else data

    def flush(self) -> bytes:
        return self._z.flush() if self._z else b""


def make_client() -> httpx.Client:
    """A client for loopback ``http://`` only: no proxies from the environment, no CA bundle."""
    return httpx.Client(verify=False, trust_env=False, timeout=httpx.Timeout(10.0))


def build_request(client: httpx.Client, base_url: str, example: Example) -> httpx.Request:
    kwargs: dict = {"headers": example.headers}
    if example.json_body is not None:
        kwargs["json"] = example.json_body
    elif example.body is not None:
        kwargs["content"] = example.body.encode("utf-8")
    return client.build_request(example.method, base_url + example.path, **kwargs)


def run_example(
    client: httpx.Client,
    base_url: str,
    demo: str,
    example: Example,
    log: ServerLog | None = None,
    settle: Callable[[], object] | None = None,
) -> Iterator[Event]:
    """Send ``example`` (following redirects hop by hop when it asks) and yield events live.

    ``settle`` is called after each hop's body, before the server log is collected: the
    runner passes LiveServer.wait_idle so late records (exceptions logged after a 500, failing
    background tasks) belong to the request that caused them.
    """
    request = build_request(client, base_url, example)
    deadline = time.perf_counter() + example.max_seconds
    for hop in range(MAX_HOPS):
        exchange = Exchange(
            demo=demo,
            example=example.name,
            hop=hop,
            request=RequestRecord(
                method=request.method,
                url=str(request.url),
                headers=[
                    (k.decode("latin-1"), v.decode("latin-1")) for k, v in request.headers.raw
                ],
                body=request.read(),
            ),
        )
        yield Event("request", exchange)
        response = yield from _one_hop(client, request, exchange, example, deadline)
        if log is not None:
            if settle is not None:
                settle()
            exchange.server_log = log.between(exchange.t0, time.perf_counter())
        yield Event("end", exchange)
        next_request = getattr(response, "next_request", None) if response is not None else None
        if not (example.follow_redirects and next_request is not None):
            return
        request = next_request


def _one_hop(
    client: httpx.Client,
    request: httpx.Request,
    exchange: Exchange,
    example: Example,
    deadline: float,
) -> Iterator[Event]:
    t0 = exchange.t0 = time.perf_counter()
    read_timeout = max(0.05, deadline - t0)
    timeout = httpx.Timeout(connect=5.0, read=read_timeout, write=5.0, pool=5.0)
    response: httpx.Response | None = None
    try:
        request.extensions["timeout"] = timeout.as_dict()
        response = client.send(request, stream=True, follow_redirects=False)
    except httpx.HTTPError as exc:
        exchange.error = _describe(exc)
        exchange.t_end = time.perf_counter() - t0
        return None
    try:
        exchange.t_head = time.perf_counter() - t0
        exchange.response = ResponseHead(
            status=response.status_code,
            reason=response.reason_phrase,
            http_version=response.http_version,
            headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, v in response.headers.raw],
        )
        yield Event("head", exchange)
        decoder = _Decoder(exchange.response.content_encoding)
        total = 0
        watchdog = _deadline_watchdog(response, deadline)
        try:
            for raw in response.iter_raw():
                now = time.perf_counter()
                chunk = Chunk(t=now - t0, size=len(raw), data=decoder.feed(raw))
                exchange.chunks.append(chunk)
                total += len(raw)
                yield Event("chunk", exchange, chunk)
                if example.max_chunks and len(exchange.chunks) >= example.max_chunks:
                    exchange.stopped = f"stopped after {example.max_chunks} chunks"
                    break
                if example.max_bytes and total >= example.max_bytes:
                    exchange.stopped = f"stopped after {total:,} bytes"
                    break
                if now >= deadline:
                    exchange.stopped = f"stopped after {example.max_seconds:g} s"
                    break
            tail = decoder.flush()
            if tail:
                exchange.chunks.append(Chunk(t=time.perf_counter() - t0, size=0, data=tail))
        except (httpx.HTTPError, zlib.error) as exc:
            if time.perf_counter() >= deadline - 0.01:
                # The watchdog cut the read at the deadline (or the read timed out there).
                exchange.stopped = f"stopped after {example.max_seconds:g} s"
            elif isinstance(exc, httpx.ReadTimeout):
                exchange.error = "read timed out"
            else:
                exchange.error = _describe(exc)
        finally:
            if watchdog is not None:
                watchdog.cancel()
    finally:
        response.close()
        exchange.t_end = time.perf_counter() - t0
    return response


def _deadline_watchdog(response: httpx.Response, deadline: float) -> threading.Timer | None:
    """Stop reading at the deadline even while a read is blocked.

    httpcore fixes one read timeout for the whole body, so a per-read timeout cannot follow a
    moving deadline. Instead, a timer shuts the socket's read side down at the deadline: the
    blocked ``recv`` returns at once, httpx reports an incomplete body, and the caller records
    the stream as stopped on time. The connection is closed with the response afterwards.
    """
    stream = response.extensions.get("network_stream")
    sock = stream.get_extra_info("socket") if stream is not None else None
    if sock is None:
        return None

    def cut() -> None:
        try:
            sock.shutdown(socket.SHUT_RD)
        except OSError:
            pass  # already closed: the body ended first

    timer = threading.Timer(max(0.0, deadline - time.perf_counter()), cut)
    timer.daemon = True
    timer.start()
    return timer


def _describe(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {text}"


def _body_text(example: Example) -> str | None:
    """The request body as command-line text: compact JSON, or the raw body, or None."""
    if example.json_body is not None:
        return json.dumps(example.json_body, separators=(",", ":"))
    return example.body


def curl_command(base_url: str, example: Example) -> str:
    """The curl command that sends the same request: -i shows the head, -N shows chunks live."""
    parts = ["curl", "-i", "-N"]
    data = _body_text(example)
    if example.method == "HEAD":
        parts = ["curl", "-I"]
    elif not (example.method == "GET" or (example.method == "POST" and data is not None)):
        # Data already means POST. An explicit -X POST would also be wrong with -L: curl then
        # keeps POST after a 303, where a client must switch to GET.
        parts += ["-X", example.method]
    if example.follow_redirects:
        parts.append("-L")
    headers = dict(example.headers)
    if example.json_body is not None:
        headers.setdefault("content-type", "application/json")
    for name, value in headers.items():
        if name.lower() == "accept-encoding" and "gzip" in value:
            parts.append("--compressed")  # asks for gzip and shows the decoded body
            continue
        parts += ["-H", f"{name}: {value}"]
    if data is not None:
        parts += ["--data-raw", data]
    parts.append(base_url + example.path)
    return " ".join(shlex.quote(p) for p in parts)


def httpie_command(base_url: str, example: Example) -> str:
    """The HTTPie command that sends the same request.

    ``--print=hb`` shows the response head and body even when piped; ``--stream`` shows a
    stream as it arrives; with ``--follow``, ``--all`` shows every hop, as frcli does. Options
    go before the method: HTTPie reads everything after the URL as request items.
    """
    parts = ["http", "--print=hb", "--stream"]
    if example.follow_redirects:
        parts += ["--follow", "--all"]
    data = _body_text(example)
    if data is not None:
        parts += ["--raw", data]  # with no --form, HTTPie labels it application/json
    parts += [example.method, base_url + example.path]
    # name:value sends a header; "name;" sends one with an empty value.
    parts += [f"{name}:{value}" if value else f"{name};" for name, value in example.headers.items()]
    return " ".join(shlex.quote(p) for p in parts)
