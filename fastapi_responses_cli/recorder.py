"""Send example requests over real HTTP and record what happened on the timeline.

Nothing here imports rich: the recording is plain data (:mod:`.timeline`), consumed live by
the renderer through :func:`run_example`'s events, or dumped as JSON by ``--json``.
"""

from __future__ import annotations

import socket
import threading
import time
import zlib
from collections.abc import Callable, Generator, Iterator

import httpx

from .content import Example
from .live_server import ServerLog
from .timeline import Chunk, Event, Exchange, RequestRecord, ResponseHead

MAX_HOPS = 10


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
