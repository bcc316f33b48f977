"""The wire, exactly: the socket tap, the --wire view, phase timings, --json's names, SSE in
wire order, bodies as sent, 80 columns, exports.

Facts come from a real server (LiveServer) and a raw socket client on the same route; the
rendered text is parsed back and compared with those bytes.
"""

from __future__ import annotations

import base64
import io
import itertools
import json
import re
import socket
import xml.etree.ElementTree as ET

import pytest
from rich.console import Console

from fastapi_responses_cli import catalog
from fastapi_responses_cli.content import Example
from fastapi_responses_cli.live_server import LiveServer
from fastapi_responses_cli.recorder import make_client, run_example
from fastapi_responses_cli.render.exchange import DemoRenderer
from fastapi_responses_cli.render.out import hanging, wrap
from fastapi_responses_cli.streams import JSONLinesParser, JSONSeqParser, SSEParser
from fastapi_responses_cli.timeline import Chunk, Event, Exchange, RequestRecord, ResponseHead


def _example(path: str, name: str = "x", **kw) -> Example:
    return Example(name=name, title="t", path=path, route=["f"], notice="n", **kw)


@pytest.fixture(scope="module")
def streaming():
    demo = catalog.get_demo("streaming")
    with LiveServer(catalog.load_app(demo)) as server:
        yield server


@pytest.fixture(scope="module")
def sse_server():
    demo = catalog.get_demo("sse")
    with LiveServer(catalog.load_app(demo)) as server:
        yield server


def record(server, examples, **kw) -> tuple[list[Exchange], list[Event]]:
    events: list[Event] = []
    with make_client() as client:
        for ex in examples:
            events += list(run_example(client, server.url, "d", ex, **kw))
    return [e.exchange for e in events if e.kind == "end"], events


def render(events, examples, width=80, **kw) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, color_system=None)
    renderer = DemoRenderer(console, examples, **kw)
    for event in events:
        renderer.handle(event)
    renderer.close()
    return out.getvalue()


def raw_socket(server, request: bytes) -> bytes:
    """What a plain socket client reads for ``request``: bytes, no HTTP library at all
    (the end: the terminating chunk, or content-length bytes after the head)."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(request)
        data = b""
        while True:
            head, sep, body = data.partition(b"\r\n\r\n")
            length = re.search(rb"\r\ncontent-length: (\d+)", head, re.I)
            if sep and length and len(body) >= int(length.group(1)):
                break
            if sep and not length and data.endswith(b"\r\n0\r\n\r\n"):
                break
            more = sock.recv(65536)
            if not more:
                break
            data += more
    return data


def without_date(data: bytes) -> bytes:
    # The only bytes two requests may not share: the clock's second can tick between them
    # (the date header, a cookie's expires), same length either way.
    data = re.sub(rb"\r\ndate: [^\r]*\r\n", b"\r\ndate: -\r\n", data, count=1)
    return re.sub(rb"expires=[^;]*GMT", b"expires=-", data)


_NAMED = {b"r": b"\r", b"n": b"\n", b"t": b"\t"}


_NOTE = re.compile(
    r"   \((chunk size 0x[0-9a-f]+ = [\d,]+ B|the last chunk: size 0|end of the body|trailer)\)$"
)


def unescape_wire_view(text: str, mark: str) -> bytes:
    """The bytes the --wire view shows, read back from its text: the inverse of its escapes
    and of its wrapping (a continuation line is four spaces, then the bytes)."""
    out = b""
    inside = False
    for line in text.splitlines():
        if line.startswith(f"  {mark} "):
            body, inside = line[4:], True
        elif inside and line.startswith("    ") and not line.strip().startswith("("):
            body = line[4:]
        else:
            inside = False
            continue
        body = _NOTE.sub("", body)
        out += re.sub(
            rb"\\(r|n|t|x[0-9a-f]{2})",
            lambda m: _NAMED.get(m.group(1)) or bytes([int(m.group(1)[1:], 16)]),
            body.encode(),
        )
    return out


@pytest.mark.parametrize("path", ["/tokens?prompt=wire", "/export.csv?rows=300"])
def test_wire_view_is_byte_for_byte_what_a_raw_socket_client_reads(streaming, path):
    examples = [_example(path)]
    [ex], events = record(streaming, examples)
    sent = b"".join(w.data for w in ex.wire.sent)
    assert sent.startswith(f"GET {path} HTTP/1.1\r\n".encode()) and sent.endswith(b"\r\n\r\n")
    received = b"".join(r.data for r in ex.wire.received)
    raw = raw_socket(streaming, sent)
    assert without_date(received) == without_date(raw)
    assert received.endswith(b"\r\n0\r\n\r\n")  # the terminating chunk: framing is on the wire
    assert len(received) == ex.wire.received_bytes > ex.body_size
    # The view, read back, gives the same bytes (every CR, LF and chunk-size line).
    text = render(events, examples, wire=True, full=True)
    assert unescape_wire_view(text, ">") == sent
    assert unescape_wire_view(text, "<") == received
    assert "(chunk size 0xc = 12 B)" in text or "(chunk size 0x5 = 5 B)" in text
    assert "(the last chunk: size 0)" in text and "(end of the body)" in text


def test_wire_view_of_long_header_lines_wraps_and_stays_exact():
    demo = catalog.get_demo("headers-cookies")
    examples = [demo.example("delete-cookie")]
    with LiveServer(catalog.load_app(demo)) as server:
        [ex], events = record(server, examples)
        sent = b"".join(w.data for w in ex.wire.sent)
        raw = raw_socket(server, sent)
    received = b"".join(r.data for r in ex.wire.received)
    assert without_date(received) == without_date(raw)
    text = render(events, examples, wire=True, full=True)
    assert all(len(line) <= 80 for line in text.splitlines())
    assert re.search(r"^    +Path=/; SameSite=lax\\r\\n$", text, re.M), text  # wrapped
    assert unescape_wire_view(text, "<") == received


def test_wire_reads_each_have_their_time_and_the_json_concatenates_to_the_bytes(streaming):
    [ex], _ = record(streaming, [_example("/tokens?prompt=json")])
    data = ex.to_json()
    assert set(data["wire"]) == {"sent", "received"}

    def joined(parts):
        return b"".join(
            p["text"].encode() if "text" in p else base64.b64decode(p["base64"]) for p in parts
        )

    assert joined(data["wire"]["sent"]) == b"".join(w.data for w in ex.wire.sent)
    assert joined(data["wire"]["received"]) == b"".join(r.data for r in ex.wire.received)
    times = [p["t"] for p in data["wire"]["received"]]
    assert times == sorted(times) and len(times) >= 8  # paced words: one read each
    assert times[-1] - times[0] > 0.9  # about 150 ms apart, seven gaps


def test_binary_reads_are_base64_in_json(streaming):
    gzip_demo = catalog.get_demo("gzip")
    with LiveServer(catalog.load_app(gzip_demo)) as server:
        [ex], _ = record(server, [gzip_demo.example("gzip")])
    parts = ex.to_json()["wire"]["received"]
    assert any("base64" in p for p in parts)
    body = b"".join(
        p["text"].encode() if "text" in p else base64.b64decode(p["base64"]) for p in parts
    )
    assert body == b"".join(r.data for r in ex.wire.received)


def test_timings_present_and_ordered_and_connect_null_when_reused(streaming):
    examples = [_example("/tokens?prompt=a", "a"), _example("/export.csv?rows=50", "b")]
    (first, second), _ = record(streaming, examples)
    for ex in (first, second):
        t = ex.to_json()["timings"]
        assert set(t) >= {"connect", "request_sent", "head", "end"}
        assert (t["connect"] or 0) <= t["request_sent"] <= t["head"] <= t["end"]
        assert ex.timings.first_byte is not None
        assert ex.timings.request_sent <= ex.timings.first_byte <= ex.timings.head
        # The last body byte cannot be read before the last chunk was handed over.
        assert ex.chunks[-1].t <= t["end"]
    assert first.to_json()["timings"]["connect"] is not None
    assert second.to_json()["timings"]["connect"] is None  # kept-alive connection


def test_running_counts_without_keeping_bytes(streaming):
    [kept], _ = record(streaming, [_example("/export.csv?rows=400")])
    [lean], _ = record(
        streaming, [_example("/export.csv?rows=400")], keep_body=False, keep_wire=False
    )
    assert lean.chunks == [] and lean.wire.received == [] and lean.wire.sent == []
    assert lean.chunk_count == kept.chunk_count == len(kept.chunks)
    assert lean.body_size == kept.body_size == len(kept.body)
    assert lean.wire.received_bytes == kept.wire.received_bytes


def _replay(headers, chunks, *, width=80, method="GET", **kw) -> str:
    ex = Exchange(
        demo="d",
        example="x",
        hop=0,
        request=RequestRecord(method, "http://127.0.0.1:1/x", [("host", "127.0.0.1:1")], b""),
    )
    events = [Event("request", ex)]
    ex.response = ResponseHead(200, "OK", "HTTP/1.1", headers)
    ex.t_head = 0.001
    events.append(Event("head", ex))
    for c in chunks:
        events.append(Event("chunk", ex, c))
    ex.t_end = 0.5
    events.append(Event("end", ex))
    out = io.StringIO()
    renderer = DemoRenderer(
        Console(file=out, width=width, color_system=None), [_example("/x")], **kw
    )
    for e in events:
        if e.kind == "chunk":
            ex.add_chunk(e.chunk)
        renderer.handle(e)
    renderer.close()
    return out.getvalue()


ARRAY = b'[{"id":1,"name":"Laptop","price":1200.0},{"id":2,"name":"Phone","price":600.0}]'


def test_body_is_shown_as_sent_and_pretty_only_on_request_with_a_label():
    headers = [("content-length", str(len(ARRAY))), ("content-type", "application/json")]
    plain = _replay(headers, [Chunk(0.01, len(ARRAY), ARRAY)], width=120)
    assert ARRAY.decode() in plain  # one line, as it came
    assert "pretty-printed" not in plain and '"id": 1' not in plain
    pretty = _replay(headers, [Chunk(0.01, len(ARRAY), ARRAY)], width=120, pretty=True)
    assert "pretty-printed by frcli; sent as 1 line, 79 B" in pretty
    assert '"id": 1' in pretty and ARRAY.decode() not in pretty
    # At 80 columns the line wraps with a hanging indent; joined, it is the body again.
    narrow = _replay(headers, [Chunk(0.01, len(ARRAY), ARRAY)])
    body_lines = [ln for ln in narrow.splitlines() if ln.startswith(("  [", "    "))]
    assert body_lines[0].startswith("  [") and body_lines[1].startswith("    ")
    assert "".join(ln.strip() for ln in body_lines[:2]) == ARRAY.decode()


def test_csv_is_not_a_table_unless_pretty():
    body = b"id,name\n1,Ada\n2,Linus\n"
    headers = [("content-length", str(len(body))), ("content-type", "text/csv")]
    text = _replay(headers, [Chunk(0.01, len(body), body)])
    assert "  id,name\n  1,Ada\n  2,Linus\n" in text and "┃" not in text
    assert "┃" in _replay(headers, [Chunk(0.01, len(body), body)], pretty=True)


def test_cut_counts_body_bytes_of_what_was_left_out():
    lines = [f"line {i:03}".encode() for i in range(100)]
    body = b"\n".join(lines) + b"\n"
    headers = [("content-length", str(len(body))), ("content-type", "text/plain")]
    # Arrives in uneven chunks; the count must not depend on where they split.
    chunks = [Chunk(0.01, 37, body[i : i + 37]) for i in range(0, len(body), 37)]
    text = _replay(headers, chunks)
    assert "line 039" in text and "line 040" not in text
    hidden = b"".join(line + b"\n" for line in lines[40:])
    assert f"… {len(hidden):,} more body bytes not shown (60 more lines)" in text
    assert "line 099" in _replay(headers, chunks, full=True)


def test_one_long_line_is_shown_while_it_arrives_and_cut_by_bytes():
    body = b"x" * 100_000
    headers = [("content-length", str(len(body))), ("content-type", "text/plain")]
    chunks = [Chunk(0.01, 4096, body[i : i + 4096]) for i in range(0, len(body), 4096)]
    text = _replay(headers, chunks)
    shown = sum(len(ln.strip()) for ln in text.splitlines() if set(ln.strip()) == {"x"})
    assert f"… {len(body) - shown:,} more body bytes not shown (the rest of this line)" in text
    full = _replay(headers, chunks, full=True)
    assert sum(len(ln.strip()) for ln in full.splitlines() if set(ln.strip()) == {"x"}) == len(body)


def test_sse_fields_in_wire_order_with_comments_and_every_data_line(sse_server):
    demo = catalog.get_demo("sse")
    texts = []
    for name in ("fields", "legacy"):
        examples = [demo.example(name)]
        [ex], events = record(sse_server, examples)
        text = render(events, examples, full=True)
        texts.append(text)
        wire_lines = [ln for ln in ex.body.decode().splitlines() if ln]
        shown = []
        block = text[text.index("Server-Sent Events as they arrive") :]
        for line in block.splitlines()[1:]:
            if line.startswith("  = body"):
                break
            if line.startswith(" " * 38) and line.strip().startswith("("):
                continue  # a note frcli put under a line
            shown.append(
                re.sub(r"   \((comment|unknown field: clients ignore it)\)$", "", line[36:])
            )
        assert shown == wire_lines
    assert ": job stream opened   (comment)" in texts[0]
    assert "second line" in texts[1]  # the line clients drop is on screen, marked
    assert "(unknown field: clients ignore it)" in texts[1]


def test_sse_view_says_how_many_events_it_did_not_show():
    body = b"".join(f"data: {i}\n\n".encode() for i in range(40))
    headers = [("content-type", "text/event-stream"), ("transfer-encoding", "chunked")]
    text = _replay(headers, [Chunk(0.01, len(body), body)])  # one chunk, 40 events
    assert text.count("data: ") == 12
    assert "… 28 more events" in text


def test_json_seq_is_record_separator_framed():
    parser = JSONSeqParser()
    out = parser.feed(b'\x1e{"a":1}\n\x1e{"b":\n2}\n\x1e') + parser.close()
    assert [v for _, v in out] == [{"a": 1}, {"b": 2}]


def _sse_body(n: int) -> bytes:
    return b"".join(f'event: e\ndata: {{"i": {i}}}\nid: {i}\n\n'.encode() for i in range(n))


def _jsonl_body(n: int) -> bytes:
    return b"".join(f'{{"i": {i}}}\n'.encode() for i in range(n))


def _feed_in(parser, body: bytes, size: int) -> list:
    out = []
    for start in range(0, len(body), size):
        out.extend(parser.feed(body[start : start + size]))
    return out


@pytest.mark.parametrize("size", [1, 2, 3, 7, 64, 4096])
def test_parsers_give_the_same_records_however_the_body_is_split(size):
    """Every split of the body gives what one buffer gives: the parsers keep an unfinished
    line as pieces and join them once it ends (linear work; timed in bench_wire.py)."""
    sse = _sse_body(200) + b"data: caf\xc3\xa9\r\ndata: two\r\r: ping\n\n"
    whole = [(e.event, e.data, e.id, e.comments) for e in SSEParser().feed(sse)]
    split = [(e.event, e.data, e.id, e.comments) for e in _feed_in(SSEParser(), sse, size)]
    assert split == whole and len(whole) == 202 and whole[-2][1] == "café\ntwo"
    jsonl = _jsonl_body(200) + b'{"last": true}'
    parser = JSONLinesParser()
    records = _feed_in(parser, jsonl, size)
    assert parser.pending == b'{"last": true}'
    assert records + parser.close() == JSONLinesParser().feed(jsonl + b"\n")


def test_one_long_line_in_many_pieces_is_kept_until_it_ends():
    parser = JSONLinesParser()
    line = b'{"blob": "' + b"x" * 100_000 + b'"}'
    assert _feed_in(parser, line, 10) == [] and parser.pending == line
    assert parser.feed(b"\n") == [(line.decode(), {"blob": "x" * 100_000})]
    assert parser.pending == b""
    sse = SSEParser()
    assert _feed_in(sse, b"data: " + b"y" * 100_000, 10) == []
    (event,) = sse.feed(b"\n\n")
    assert event.data == "y" * 100_000


def test_sse_parser_keeps_crlf_and_lone_cr_line_ends():
    events = SSEParser().feed(b"data: a\r\ndata: b\rdata: c\n\r\n")
    assert events[0].data == "a\nb\nc"
    parser = SSEParser()
    assert parser.feed(b"data: x\r") == []  # maybe half of \r\n: wait
    assert [e.data for e in parser.feed(b"\n\r\n")] == ["x"]


# -- 80 columns ----------------------------------------------------------------------------


def test_wrap_keeps_urls_whole_and_is_linear():
    url = "https://fastapi.tiangolo.com/advanced/custom-response/#orjsonresponse"
    text = "ORJSONResponse is deprecated, see " + url + " for details"
    pieces = list(wrap(text, 40))
    assert url in pieces and all(len(p) <= 40 or "://" in p for p in pieces)
    long = "a" * 1_000_000
    assert sum(len(p) for p in wrap(long, 78)) == len(long)


def test_hanging_indent_for_long_header_values():
    value = 'session=""; expires=Tue, 01 Dec 2026 19:11:01 GMT; Max-Age=0; Path=/; SameSite=lax'
    lines = hanging([("< ", ""), ("set-cookie", ""), (": ", "")], value, 80, indent=4)
    text = ["".join(t for t, _ in line) for line in lines]
    assert len(text) == 2 and all(len(t) <= 80 for t in text)
    assert text[1].startswith("    ") and not text[1].startswith("     ")
    assert " ".join(t.strip() for t in text).endswith(value.split(" ", 1)[1])


def test_demo_output_fits_80_columns_with_hanging_indents():
    from fastapi_responses_cli.runner import run_demo

    checks = {
        "headers-cookies": ["delete-cookie"],
        "background-tasks": None,
        "json-lines": None,
        "custom-json": None,  # the deprecation warning's URLs
        "head-options": None,  # CORS: vary, access-control-allow-headers
    }
    texts = {}
    for name, only in checks.items():
        demo = catalog.get_demo(name)
        examples = [demo.example(n) for n in only] if only else list(demo.meta.examples)
        out = io.StringIO()
        console = Console(file=out, width=80, color_system=None)
        renderer = DemoRenderer(console, examples)
        run_demo(
            demo,
            [e.name for e in examples],
            on_event=renderer.handle,
            keep_body=False,
            keep_wire=False,
        )
        renderer.close()
        text = texts[name] = out.getvalue()
        for line in text.splitlines():
            assert len(line) <= 80 or "://" in line, (name, line)
            assert not line.startswith(("fastapi_responses_cli", "demos.")), (name, line)
        if name == "background-tasks":
            # Logger names cut to what tells them apart; times on the exchange's +t clock.
            assert re.search(r"^  ! \+[\d.]+ m?s INFO background_tasks: ", text, re.M), text
            assert "fastapi_responses_cli.demos" not in text
    urls = re.findall(r"https?://\S+", texts["custom-json"])
    assert "https://fastapi.tiangolo.com/advanced/custom-response/#orjson-or-response-model" in urls
    # Header values that wrap continue under a four-space hanging indent, never at column 0.
    for name, text in texts.items():
        lines = text.splitlines()
        for prev, line in itertools.pairwise(lines):
            if prev.startswith("< ") and line and not line.startswith(("< ", "  ")):
                raise AssertionError(f"{name}: a header continued at column 0: {line!r}")


# -- exports -------------------------------------------------------------------------------


def test_exports_load_back(tmp_path):
    from fastapi_responses_cli.commands.demo import View, show_demo

    svg, html, har = tmp_path / "a.svg", tmp_path / "a.html", tmp_path / "a.har"
    view = View(svg=svg, html=html, har=har)
    assert show_demo("streaming", "tokens", view=view, source=False) == 0
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    svg_text = "".join(root.itertext()).replace("\xa0", " ")
    assert "streamed" in svg_text
    assert "What&#160;to&#160;notice" in svg.read_text() or "What to notice" in svg_text
    assert "Here" in html.read_text() and "<html" in html.read_text().lower()
    log = json.loads(har.read_text())["log"]
    assert log["version"] == "1.2"
    [entry] = log["entries"]
    assert entry["request"]["method"] == "GET" and "/tokens" in entry["request"]["url"]
    assert entry["response"]["status"] == 200
    assert entry["response"]["content"]["text"] == "Here is a streamed answer about streaming. "
    t = entry["timings"]
    assert {"send", "wait", "receive"} <= set(t) and t["receive"] > 500  # seven paced words
    assert entry["time"] == pytest.approx(sum(v for v in t.values() if v > 0), abs=0.01)
    assert any(h["name"].lower() == "transfer-encoding" for h in entry["response"]["headers"])
