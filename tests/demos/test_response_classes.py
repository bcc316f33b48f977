"""Wire facts of every example of the response-classes demo, against the installed FastAPI."""

import json
import mimetypes
import os
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest

NOTES = Path(__file__).resolve().parents[2] / "demos" / "_data" / "response_classes" / "notes.txt"


@pytest.fixture(scope="module")
def run(recorded):
    return recorded("response-classes")


def test_json_has_no_charset_and_raw_utf8(run):
    ex = run.first("json")
    assert ex.response.status == 200
    assert ex.response.header("content-type") == "application/json"
    assert "caf\u00e9".encode() in ex.body
    assert b"\\u00e9" not in ex.body
    assert json.loads(ex.body) == {"class": "JSONResponse", "word": "caf\u00e9"}
    assert ex.response.header("content-length") == str(len(ex.body))


def test_html_gets_charset(run):
    ex = run.first("html")
    assert ex.response.header("content-type") == "text/html; charset=utf-8"
    assert ex.body == b"<p>Hello from <b>HTMLResponse</b></p>"


def test_plain_text_content_length_counts_bytes(run):
    ex = run.first("text")
    assert ex.response.header("content-type") == "text/plain; charset=utf-8"
    assert ex.body.decode("utf-8") == "caf\u00e9"
    assert len("caf\u00e9") == 4
    assert ex.response.header("content-length") == "5"


def test_base_response_sends_the_given_media_type_with_charset(run):
    ex = run.first("response")
    assert ex.response.header("content-type") == "text/markdown; charset=utf-8"
    assert ex.body == b"# Notes\n\n- made with Response\n"


def test_redirect_is_307_without_body_or_content_type(run):
    ex = run.first("redirect")
    assert len(run.by_example("redirect")) == 1  # not followed
    assert ex.response.status == 307
    assert ex.response.header("location") == "/text"
    assert ex.response.header("content-length") == "0"
    assert ex.response.header("content-type") is None
    assert ex.body == b""


def test_stream_is_chunked_one_chunk_per_yield(run):
    ex = run.first("stream")
    assert ex.response.header("content-type") == "text/plain; charset=utf-8"
    assert ex.response.header("content-length") is None
    assert ex.response.header("transfer-encoding") == "chunked"
    assert [c.data for c in ex.chunks] == [b"one\n", b"two\n", b"three\n"]


def test_file_response_guesses_type_and_describes_the_file(run):
    ex = run.first("file")
    assert mimetypes.guess_type("notes.txt")[0] == "text/plain"
    assert ex.response.header("content-type") == "text/plain; charset=utf-8"
    assert ex.body == NOTES.read_bytes()
    assert ex.response.header("content-length") == str(NOTES.stat().st_size)
    assert ex.response.header("accept-ranges") == "bytes"
    assert ex.response.header("etag")
    modified = parsedate_to_datetime(ex.response.header("last-modified"))
    assert int(modified.timestamp()) == int(os.stat(NOTES).st_mtime)


def test_custom_xml_class_gets_no_charset(run):
    ex = run.first("xml")
    assert ex.response.header("content-type") == "application/xml"
    assert ex.body.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    assert "<note>caf\u00e9</note>".encode() in ex.body


def test_overridden_render_indents_but_keeps_the_head(run):
    ex = run.first("pretty")
    assert ex.response.header("content-type") == "application/json"
    data = {"class": "PrettyJSONResponse", "tags": ["render", "indent"]}
    assert json.loads(ex.body) == data
    assert ex.body == json.dumps(data, indent=2).encode()
    assert ex.body.count(b"\n") > 3
    assert ex.response.header("content-length") == str(len(ex.body))
