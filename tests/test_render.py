"""Presentation: how the renderer draws bodies and streams, from recorded timelines.

Facts about FastAPI are tested against live servers in tests/demos; here the input is plain
recorded data, so each drawing rule can be checked on its own.
"""

import gzip
import io
import re

from rich.console import Console

from fastapi_responses_cli import catalog
from fastapi_responses_cli.content import Example
from fastapi_responses_cli.render.body import render_body
from fastapi_responses_cli.render.exchange import DemoRenderer
from fastapi_responses_cli.timeline import Chunk, Event, Exchange, RequestRecord, ResponseHead


def draw(renderable, width=80) -> str:
    out = io.StringIO()
    Console(file=out, width=width, color_system=None).print(renderable)
    return out.getvalue()


def test_pretty_json_is_indented():
    """render_body is --pretty's: the JSON reformatted (the renderer labels it)."""
    long = ('{"items":[' + ",".join(f'{{"id":{i}}}' for i in range(12)) + "]}").encode()
    text = draw(render_body(long, "application/json"))
    assert '"items": [' in text and '"id": 11' in text and "more lines" not in text


def test_long_text_is_cut_with_a_count_and_full_shows_all():
    body = "\n".join(f"line {i}" for i in range(100)).encode()
    cut = draw(render_body(body, "text/plain; charset=utf-8"))
    assert "line 39" in cut and "line 40" not in cut
    assert "… 60 more lines of the reformatted text" in cut and "--full shows all" in cut
    full = draw(render_body(body, "text/plain", full=True))
    assert "line 99" in full and "more lines" not in full


def test_binary_is_a_short_hex_preview():
    data = bytes(range(256))
    text = draw(render_body(data, "application/octet-stream"))
    assert text.startswith("00000000  00 01 02 03")
    assert "… 192 more bytes not shown" in text


def test_csv_becomes_a_table():
    body = b"id,name\n1,Ada\n2,Linus\n"
    text = draw(render_body(body, "text/csv; charset=utf-8"))
    assert re.search(r"id\s+┃\s+name", text) and "Linus" in text


def test_charset_is_honoured():
    assert "café" in draw(render_body("café".encode("latin-1"), "text/plain; charset=latin-1"))


def test_multipart_is_shown_as_text():
    body = (
        b"--XX\r\nContent-Type: text/plain\r\nContent-Range: bytes 0-1/10\r\n\r\nab\r\n--XX--\r\n"
    )
    text = draw(render_body(body, "multipart/byteranges; boundary=XX"))
    assert "Content-Range: bytes 0-1/10" in text


def test_empty_body():
    assert "(empty body)" in draw(render_body(b"", "application/json"))


def _exchange(headers, chunks, status=200, method="GET"):
    return Exchange(
        demo="streaming",
        example="tokens",
        hop=0,
        request=RequestRecord(method, "http://127.0.0.1:1/x", [("Host", "127.0.0.1:1")], b""),
        response=ResponseHead(status, "OK", "HTTP/1.1", headers),
        chunks=chunks,
        t_head=0.001,
        t_end=0.5,
    )


def replay(exchange: Exchange, width: int = 80) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, color_system=None)
    demo = catalog.get_demo("streaming")
    renderer = DemoRenderer(console, [demo.example("tokens")])
    chunks, exchange.chunks = exchange.chunks, []
    renderer.handle(Event("request", exchange))
    renderer.handle(Event("head", exchange))
    for c in chunks:
        exchange.add_chunk(c)
        renderer.handle(Event("chunk", exchange, c))
    renderer.handle(Event("end", exchange))
    return out.getvalue()


def test_gzip_body_is_shown_decoded_and_the_encoding_named():
    raw = b'{"hello":"world"}'
    packed = gzip.compress(raw)
    ex = _exchange(
        [
            ("content-type", "application/json"),
            ("content-encoding", "gzip"),
            ("content-length", str(len(packed))),
        ],
        [Chunk(0.01, len(packed), raw)],
    )
    text = replay(ex)
    assert "body, decoded from gzip:" in text
    assert '{"hello":"world"}' in text
    assert f"body {len(packed)} B (content-length), gzip-decoded to 17 B" in text


def test_bodiless_answers():
    ex = _exchange([("etag", '"x"')], [], status=304)
    assert "(no body)" in replay(ex)


def test_stream_chunk_lines_have_time_gap_size_and_text():
    ex = _exchange(
        [("content-type", "text/plain"), ("transfer-encoding", "chunked")],
        [Chunk(0.1, 3, b"ab\n"), Chunk(0.35, 2, b"cd")],
    )
    text = replay(ex)
    assert re.search(r"\+100\.0 ms\s+Δ99\.0 ms\s+3 B\s+'ab\\n'", text), text
    assert re.search(r"\+350\.0 ms\s+Δ250\.0 ms\s+2 B\s+'cd'", text), text


def test_binary_stream_chunks_in_hex():
    ex = _exchange(
        [("content-type", "application/octet-stream"), ("transfer-encoding", "chunked")],
        [Chunk(0.1, 4, b"\xff\xfe\x00\x01")],
    )
    assert "ff fe 00 01" in replay(ex)


def test_error_and_stop_and_server_log_are_shown():
    from fastapi_responses_cli.timeline import LogEntry

    ex = _exchange([("content-type", "application/jsonl")], [Chunk(0.1, 8, b'{"a":1}\n')])
    ex.error = "RemoteProtocolError: incomplete chunked read"
    ex.server_log = [LogEntry(0.0, "ERROR", "uvicorn.error", "Exception in ASGI application")]
    text = replay(ex)
    assert "✗ the client saw an error: RemoteProtocolError: incomplete chunked read" in text
    assert "! +0.0 ms ERROR uvicorn.error: Exception in ASGI application" in text
    ex2 = _exchange([("content-type", "text/event-stream")], [Chunk(0.1, 6, b": ping\n\n")])
    ex2.stopped = "stopped after 2 s"
    text2 = replay(ex2)
    assert "■ stopped after 2 s: frcli closed the connection" in text2
    assert re.search(r"\+100\.0 ms .* : ping   \(comment\)$", text2, re.M), text2


def test_example_meta_requires_a_route_and_a_notice():
    import pytest
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Example(name="x", title="t", path="/", route=[], notice="n")
    with pytest.raises(ValidationError):
        Example(name="Bad Name", title="t", path="/", route=["f"], notice="n")


def test_every_route_source_shown_fits_80_columns():
    """The source is printed as written: a line over 80 characters wraps mid-code at 80."""
    wide = [
        f"{demo.name} {example.name}: {line.strip()[:50]}"
        for demo in catalog.demos().values()
        for example in demo.meta.examples
        for line in catalog.route_source(demo, example.route).splitlines()
        if len(line) > 80
    ]
    assert wide == []


def test_the_note_follows_the_hop_the_recorder_marks_last():
    """The recorder decides which hop ends an example (a redirect it follows is not the last,
    nor is any hop before MAX_HOPS cuts a loop); the renderer only draws that decision."""
    for last, footer in ((False, False), (True, True)):
        ex = _exchange([("location", "/again"), ("content-length", "0")], [], status=302)
        ex.last = last
        assert ("What to notice" in replay(ex)) is footer
