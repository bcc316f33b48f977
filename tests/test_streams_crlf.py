"""The SSE parser's line endings: CRLF, CR and LF all end a line, and a CRLF split across two
chunks is one line end, not two (which would end the event early)."""

from __future__ import annotations

import pytest

from fastapi_responses_cli.streams import SSEParser, parse_sse

STREAM = "event: a\r\ndata: one\r\ndata: two\r\n\r\nid: 7\rdata: three\r\rdata: four\n\n"
EXPECTED = [("a", "one\ntwo", None), (None, "three", "7"), (None, "four", None)]


def shape(events) -> list[tuple]:
    return [(e.event, e.data, e.id) for e in events]


def test_crlf_cr_and_lf_end_lines():
    assert shape(parse_sse(STREAM.encode())) == EXPECTED


@pytest.mark.parametrize("cut", range(1, len(STREAM)))
def test_any_split_into_two_chunks_gives_the_same_events(cut):
    parser = SSEParser()
    data = STREAM.encode()
    events = parser.feed(data[:cut]) + parser.feed(data[cut:])
    assert shape(events) == EXPECTED, repr(STREAM[:cut])


def test_a_crlf_split_after_the_cr_is_one_line_end():
    parser = SSEParser()
    assert parser.feed(b"data: x\r") == []
    # "\n" completes the "\r\n" begun above; only the next blank line ends the event.
    assert parser.feed(b"\ndata: y\r") == []
    assert shape(parser.feed(b"\n\r\n")) == [(None, "x\ny", None)]
