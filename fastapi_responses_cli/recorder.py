"""Send example requests over real HTTP and record what happened on the timeline.

Nothing here imports rich: the recording is plain data (:mod:`.timeline`), consumed live by
the renderer through :func:`run_example`'s events, or dumped as JSON by ``--json``.
"""

from __future__ import annotations

import socket
import threading
import time
import zlib
from collections.abc import Callable, Generator, Iterable, Iterator
from typing import Any, ClassVar

import httpcore
import httpx

from .content import Example
from .live_server import ServerLog
from .timeline import Chunk, Event, Exchange, RequestRecord, ResponseHead, Timings, Wire

MAX_HOPS = 10


class WireTap(httpcore.NetworkBackend):
    """A network backend that hands httpcore tapped streams: every socket write and read is
    recorded, with its time, into the current exchange's :class:`~.timeline.Wire`.

    This is the wire itself (request line, chunk-size lines, the final ``0\\r\\n\\r\\n``),
    not a reconstruction from the parsed response. One tap serves one client; the recorder
    points ``sink`` at the exchange being sent (requests on a client are sequential).
    """

    def __init__(self) -> None:
        self._backend = httpcore.SyncBackend()
        self.sink: Wire | None = None
        self.t0 = 0.0

    def attach(self, wire: Wire | None, t0: float = 0.0) -> None:
        self.sink, self.t0 = wire, t0

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._backend.connect_tcp(host, port, timeout, local_address, socket_options)
        return TapStream(stream, self)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        return TapStream(self._backend.connect_unix_socket(path, timeout, socket_options), self)

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


class TapStream(httpcore.NetworkStream):
    """A socket stream that reports each write and read to its tap."""

    def __init__(self, stream: httpcore.NetworkStream, tap: WireTap) -> None:
        self._stream = stream
        self._tap = tap

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        data = self._stream.read(max_bytes, timeout)
        sink = self._tap.sink
        if data and sink is not None:
            sink.on_received(time.perf_counter() - self._tap.t0, data)
        return data

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, timeout)
        sink = self._tap.sink
        if buffer and sink is not None:
            sink.on_sent(time.perf_counter() - self._tap.t0, buffer)

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        # Over TLS the tap would see ciphertext; record what the TLS layer reads and writes.
        return TapStream(self._stream.start_tls(ssl_context, server_hostname, timeout), self._tap)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class TappedTransport(httpx.HTTPTransport):
    """httpx's own transport, with its connection pool built on a :class:`WireTap`.

    httpx 0.28 has no ``network_backend`` argument, so the pool is rebuilt here the way
    ``HTTPTransport.__init__`` builds it (no proxy, HTTP/1.1), plus the backend; everything
    else (request mapping, exception mapping, streaming) is httpx's.
    """

    def __init__(self, tap: WireTap, limits: httpx.Limits | None = None) -> None:
        limits = limits or httpx.Limits()
        super().__init__(verify=False, trust_env=False, limits=limits)
        self._pool.close()
        self._pool = httpcore.ConnectionPool(
            ssl_context=None,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=tap,
        )


class TappedClient(httpx.Client):
    """An ``httpx.Client`` whose socket reads and writes are recorded (``.tap``)."""

    def __init__(self, **kwargs: Any) -> None:
        self.tap = WireTap()
        super().__init__(transport=TappedTransport(self.tap), **kwargs)


def _tap_of(client: httpx.Client) -> WireTap | None:
    return getattr(client, "tap", None)


class _Phases:
    """The ``trace`` extension's callback: httpcore reports each phase as it starts and ends."""

    EVENTS: ClassVar[dict[str, str]] = {
        "connection.connect_tcp.complete": "connect",
        "http11.send_request_body.complete": "request_sent",
        "http11.receive_response_headers.complete": "head",
        "http11.response_closed.complete": "end",
    }

    def __init__(self, timings: Timings, t0: float) -> None:
        self.timings = timings
        self.t0 = t0

    def __call__(self, name: str, info: dict[str, Any]) -> None:
        attr = self.EVENTS.get(name)
        if attr is not None:
            setattr(self.timings, attr, time.perf_counter() - self.t0)


class _Decoder:
    """Undo a content-encoding chunk by chunk, so compressed streams still show live."""

    def __init__(self, encoding: str | None) -> None:
        self.encoding = encoding
        self._z: zlib._Decompress | None
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
    """A client for loopback ``http://`` only, no proxies from the environment; every socket
    read and write is recorded on the exchange's wire."""
    return TappedClient(trust_env=False, timeout=httpx.Timeout(10.0))


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
    *,
    keep_body: bool = True,
    keep_wire: bool = True,
) -> Iterator[Event]:
    """Send ``example`` (following redirects hop by hop when it asks) and yield events live.

    ``settle`` is called after each hop's body, before the server log is collected: the
    runner passes LiveServer.wait_idle so late records (exceptions logged after a 500, failing
    background tasks) belong to the request that caused them.

    ``keep_body`` / ``keep_wire``: keep every chunk's bytes / every socket read on the
    exchange (tests, ``--json``, ``--wire``). Off, only running counts are kept, and the
    events still carry each chunk: the live renderer needs nothing more, at any body size.
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
            wire=Wire(keep=keep_wire),
            keep_body=keep_body,
        )
        yield Event("request", exchange)
        response = yield from _one_hop(client, request, exchange, example, deadline)
        if log is not None:
            if settle is not None:
                settle()
            exchange.server_log = log.between(exchange.t0, time.perf_counter())
        next_request = response.next_request if response is not None else None
        follow = example.follow_redirects and next_request is not None and hop + 1 < MAX_HOPS
        exchange.last = not follow
        yield Event("end", exchange)
        if not follow or next_request is None:
            return
        request = next_request


def _one_hop(
    client: httpx.Client,
    request: httpx.Request,
    exchange: Exchange,
    example: Example,
    deadline: float,
) -> Generator[Event, None, httpx.Response | None]:
    """Send one hop and yield its events; return the response (None if it never came)."""
    t0 = exchange.t0 = time.perf_counter()
    exchange.started_at = time.time()
    read_timeout = max(0.05, deadline - t0)
    timeout = httpx.Timeout(connect=5.0, read=read_timeout, write=5.0, pool=5.0)
    response: httpx.Response | None = None
    tap = _tap_of(client)
    if tap is not None:
        tap.attach(exchange.wire, t0)
    try:
        request.extensions["timeout"] = timeout.as_dict()
        request.extensions["trace"] = _Phases(exchange.timings, t0)
        response = client.send(request, stream=True, follow_redirects=False)
    except httpx.HTTPError as exc:
        exchange.error = _describe(exc)
        exchange.t_end = time.perf_counter() - t0
        _finish_timings(exchange, tap)
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
        watchdog = _deadline_watchdog(response, deadline)
        try:
            for raw in response.iter_raw():
                now = time.perf_counter()
                chunk = Chunk(t=now - t0, size=len(raw), data=decoder.feed(raw))
                exchange.add_chunk(chunk)
                yield Event("chunk", exchange, chunk)
                if example.max_chunks and exchange.chunk_count >= example.max_chunks:
                    exchange.stopped = f"stopped after {example.max_chunks} chunks"
                    break
                if example.max_bytes and exchange.body_size >= example.max_bytes:
                    exchange.stopped = f"stopped after {exchange.body_size:,} bytes"
                    break
                if now >= deadline:
                    exchange.stopped = f"stopped after {example.max_seconds:g} s"
                    break
            tail = decoder.flush()
            if tail:
                exchange.add_chunk(Chunk(t=time.perf_counter() - t0, size=0, data=tail))
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
        _finish_timings(exchange, tap)
    return response


def _finish_timings(exchange: Exchange, tap: WireTap | None) -> None:
    """Fill in what ``trace`` did not report, and detach the tap from this exchange."""
    timings = exchange.timings
    timings.first_byte = exchange.wire.first_byte
    if timings.head is None and exchange.response is not None:
        timings.head = exchange.t_head
    if timings.end is None:
        timings.end = exchange.t_end
    if tap is not None:
        tap.attach(None)


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
