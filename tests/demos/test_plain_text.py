"""Wire facts of every example of the plain-text demo, against the installed FastAPI."""

import csv
import io

import pytest

GREETING = "Gr\u00fc\u00dfe aus K\u00f6ln"


@pytest.fixture(scope="module")
def run(recorded):
    return recorded("plain-text")


def charset(ex) -> str:
    return ex.response.header("content-type").split("charset=")[1]


def test_health_is_two_bytes_of_text(run):
    ex = run.first("health")
    assert ex.response.status == 200
    assert ex.response.header("content-type") == "text/plain; charset=utf-8"
    assert ex.body == b"ok"
    assert ex.response.header("content-length") == "2"


def test_ready_is_503_with_a_short_text(run):
    ex = run.first("ready")
    assert ex.response.status == 503
    assert ex.response.header("content-type") == "text/plain; charset=utf-8"
    assert ex.body == b"starting: cache is still warming up"


def test_csv_download(run):
    ex = run.first("csv")
    assert ex.response.status == 200
    assert ex.response.header("content-type") == "text/csv; charset=utf-8"
    assert ex.response.header("content-disposition") == 'attachment; filename="report.csv"'
    rows = list(csv.reader(io.StringIO(ex.body.decode("utf-8"))))
    assert rows == [
        ["id", "name", "city"],
        ["1", "Zo\u00eb", "M\u00fcnchen"],
        ["2", "Amir", "Oslo"],
    ]
    assert "Zo\u00eb".encode() in ex.body and "M\u00fcnchen".encode() in ex.body


def test_utf8_content_length_counts_bytes(run):
    ex = run.first("utf8")
    assert ex.response.header("content-type") == "text/plain; charset=utf-8"
    assert len(GREETING) == 14
    assert ex.body == GREETING.encode("utf-8")
    assert ex.response.header("content-length") == "17"
    assert ex.body.decode(charset(ex)) == GREETING


def test_latin1_changes_header_and_bytes_together(run):
    ex = run.first("latin1")
    assert ex.response.header("content-type") == "text/plain; charset=latin-1"
    assert ex.body == b"Gr\xfc\xdfe aus K\xf6ln"
    assert ex.response.header("content-length") == "14"
    assert ex.body.decode(charset(ex)) == GREETING
    utf8 = run.first("utf8")
    assert ex.body != utf8.body  # same text, different bytes
