"""Wire facts of every example of the gzip demo, against the installed FastAPI."""

import gzip
import json

import pytest
from fastapi import Response
from fastapi.responses import StreamingResponse

from fastapi_responses_cli.catalog import get_demo, load_app
from fastapi_responses_cli.live_server import LiveServer
from fastapi_responses_cli.recorder import build_request, make_client
from fastapi_responses_cli.streams import parse_sse


@pytest.fixture(scope="module")
def run(recorded):
    return recorded("gzip")


def sent_accept_encoding(ex) -> list[str]:
    return [v for k, v in ex.request.headers if k.lower() == "accept-encoding"]


def test_gzip_compresses_and_sets_the_headers(run):
    ex = run.first("gzip")
    assert sent_accept_encoding(ex) == ["gzip"]
    assert ex.response.status == 200
    assert ex.response.content_encoding == "gzip"
    assert ex.response.header("vary") == "Accept-Encoding"
    assert ex.response.header("content-length") == "473"
    assert ex.body_size == 473
    assert len(ex.body) == 2581
    assert json.loads(ex.body) == [{"id": i, "name": f"user{i}"} for i in range(100)]


def test_identity_sends_the_same_body_uncompressed_with_vary(run):
    ex = run.first("identity")
    assert sent_accept_encoding(ex) == ["identity"]
    assert ex.response.content_encoding is None
    assert ex.response.header("content-length") == "2581"
    assert ex.body_size == len(ex.body) == 2581
    assert ex.response.header("vary") == "Accept-Encoding"
    assert ex.body == run.first("gzip").body


def test_small_body_is_not_compressed_and_has_no_vary(run):
    ex = run.first("small")
    assert sent_accept_encoding(ex) == ["gzip"]
    assert ex.response.content_encoding is None
    assert ex.response.header("vary") is None
    assert ex.body == b'{"ok":true}'
    assert ex.response.header("content-length") == "11"
    assert ex.body_size == 11


def test_stream_is_compressed_chunk_by_chunk(run):
    ex = run.first("stream")
    assert ex.response.content_encoding == "gzip"
    assert ex.response.header("vary") == "Accept-Encoding"
    assert ex.response.header("content-length") is None
    assert ex.response.header("transfer-encoding") == "chunked"
    lines = [f"{i:02d} GET /users 200 - " + "." * 35 + "\n" for i in range(4)]
    assert all(len(line) == 56 for line in lines)
    # Each wire chunk decodes on its own to exactly one line: flushed, not held back.
    assert [c.data.decode() for c in ex.chunks[:4]] == lines
    assert ex.chunks[0].size > ex.chunks[1].size  # the first carries the gzip header
    assert all(c.size <= 12 for c in ex.chunks[1:4])
    trailer = ex.chunks[4]
    assert (trailer.size, trailer.data) == (10, b"")
    assert len(ex.chunks) == 5
    assert ex.body_size < len(ex.body) == 4 * 56
    gaps = [b.t - a.t for a, b in zip(ex.chunks[:4], ex.chunks[1:4], strict=False)]
    assert all(g > 0.06 for g in gaps)  # asyncio.sleep(0.1): still live through gzip
    assert ex.body == "".join(lines).encode()


def test_event_stream_is_excluded_from_gzip(run):
    ex = run.first("sse")
    assert sent_accept_encoding(ex) == ["gzip"]
    assert ex.response.header("content-type") == "text/event-stream; charset=utf-8"
    assert ex.response.content_encoding is None
    assert ex.response.header("vary") is None
    assert ex.body_size == len(ex.body)
    events = parse_sse(ex.body)
    assert [json.loads(e.data)["tick"] for e in events] == [0, 1, 2]
    assert all(len(c.data) > 300 for c in ex.chunks)


def test_q_zero_is_ignored(run):
    ex = run.first("q-zero")
    assert sent_accept_encoding(ex) == ["gzip;q=0"]
    assert ex.response.content_encoding == "gzip"
    assert ex.body_size < len(ex.body)
    assert json.loads(ex.body) == [{"id": i, "name": f"user{i}"} for i in range(50)]


@pytest.mark.parametrize("name", ["gzip", "stream"])
def test_wire_bytes_gunzip_to_the_body_the_engine_shows(run, name):
    """Fetch the raw, still-compressed bytes separately and gunzip them in one go."""
    example = get_demo("gzip").example(name)
    with LiveServer(load_app(get_demo("gzip"))) as server, make_client() as client:
        request = build_request(client, server.url, example)
        response = client.send(request, stream=True)
        try:
            raw = b"".join(response.iter_raw())
        finally:
            response.close()
    ex = run.first(name)
    assert len(raw) == ex.body_size
    assert gzip.decompress(raw) == ex.body


def test_a_tiny_stream_is_compressed_whatever_its_size(run):
    ex = run.first("tiny-stream")
    assert ex.body == b"tiny stream" and len(ex.body) < 500
    assert ex.response.content_encoding == "gzip"
    assert ex.response.header("vary") == "Accept-Encoding"
    assert ex.body_size > len(ex.body)  # the gzip header and trailer cost more than it saves


def test_png_is_excluded_although_large_enough(run):
    ex = run.first("png")
    assert ex.response.media_type == "image/png"
    assert len(ex.body) == 768 > 500
    assert ex.response.content_encoding is None
    assert ex.response.header("vary") is None
    assert ex.body_size == 768


def _gzip_app(make_response):
    from fastapi import FastAPI
    from fastapi.middleware.gzip import GZipMiddleware

    app = FastAPI()
    app.add_middleware(GZipMiddleware, minimum_size=500)
    app.get("/x")(make_response)
    return app


BIG = b"a" * 2000


@pytest.mark.parametrize(
    ("name", "make_response", "compressed"),
    [
        ("one message, big", lambda: Response(BIG, media_type="text/plain"), True),
        ("one message, small", lambda: Response(b"a" * 499, media_type="text/plain"), False),
        ("stream, small", lambda: StreamingResponse(iter([b"ab", b"c"])), True),
        ("206", lambda: Response(BIG, status_code=206, media_type="text/plain"), False),
        (
            "already encoded",
            lambda: Response(BIG, media_type="text/plain", headers={"content-encoding": "br"}),
            False,
        ),
        ("image/jpeg", lambda: Response(BIG, media_type="image/jpeg"), False),
        ("image/svg+xml", lambda: Response(BIG, media_type="image/svg+xml"), True),
        ("audio/*", lambda: Response(BIG, media_type="audio/ogg"), False),
        ("video/*", lambda: Response(BIG, media_type="video/mp4"), False),
        ("font/woff2", lambda: Response(BIG, media_type="font/woff2"), False),
        ("application/zip", lambda: Response(BIG, media_type="application/zip"), False),
        (
            "event stream",
            lambda: StreamingResponse(iter([BIG]), media_type="text/event-stream"),
            False,
        ),
    ],
)
def test_what_gzip_compresses_and_what_it_skips(name, make_response, compressed):
    from tests.demos._live import served

    def x():
        return make_response()

    with served(_gzip_app(x)) as (client, _):
        with client.stream("GET", "/x", headers={"accept-encoding": "gzip"}) as response:
            raw = b"".join(response.iter_raw())
    encoding = response.headers.get("content-encoding")
    if compressed:
        assert encoding == "gzip", name
        assert gzip.decompress(raw) in (BIG, b"a" * 499, b"abc")
    else:
        assert encoding != "gzip", name
        assert len(raw) in (2000, 499)
