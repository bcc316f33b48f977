"""Wire facts of every example of the conditional-requests demo."""

import hashlib
import os
from email.utils import formatdate
from pathlib import Path

import pytest

GUIDE = (
    Path(__file__).resolve().parents[2] / "demos" / "_data" / "conditional_requests" / "guide.txt"
)


@pytest.fixture(scope="module")
def run(recorded):
    return recorded("conditional-requests")


def validators(path: Path) -> tuple[str, str]:
    st = os.stat(path)
    etag = hashlib.md5(f"{st.st_mtime}-{st.st_size}".encode(), usedforsecurity=False).hexdigest()
    return f'"{etag}"', formatdate(st.st_mtime, usegmt=True)


def full_answer(ex) -> None:
    assert ex.response.status == 200
    assert ex.body == GUIDE.read_bytes()
    assert ex.response.header("content-length") == str(GUIDE.stat().st_size)


def test_validators_come_from_stat(run):
    ex = run.first("validators")
    full_answer(ex)
    etag, last_modified = validators(GUIDE)
    assert ex.response.header("etag") == etag
    assert ex.response.header("last-modified") == last_modified


def header_names(ex) -> list[str]:
    return [k.lower() for k, _ in ex.response.headers]


@pytest.mark.parametrize("name", ["static-any-etag", "static-since"])
def test_static_files_answer_304_with_a_bare_head(run, name):
    ex = run.first(name)
    assert ex.response.status == 304
    assert ex.body == b"" and ex.chunks == []
    assert header_names(ex) == ["date", "server", "etag"]
    assert ex.response.header("etag") == validators(GUIDE)[0]


def test_if_none_match_decides_alone(run):
    full_answer(run.first("static-etag-wins"))


def test_file_response_ignores_if_none_match(run):
    ex = run.first("file-response-ignores")
    full_answer(ex)
    assert ex.response.header("etag") == validators(GUIDE)[0]


def test_if_range_match_gives_the_part(run):
    ex = run.first("if-range-match")
    assert ex.response.status == 206
    assert ex.response.header("etag") == '"guide-v1"'
    size = GUIDE.stat().st_size
    assert ex.response.header("content-range") == f"bytes 0-11/{size}"
    assert ex.body == GUIDE.read_bytes()[:12]


def test_if_range_stale_gives_the_whole_file(run):
    ex = run.first("if-range-stale")
    full_answer(ex)
    assert ex.response.header("content-range") is None


@pytest.mark.parametrize(
    ("headers", "static_status"),
    [
        ({"if-none-match": "*"}, 304),
        ({"if-none-match": "{etag}"}, 304),
        ({"if-none-match": "W/{etag}"}, 304),  # a weak match counts
        ({"if-none-match": '"other", {etag}'}, 304),  # any tag of a list
        ({"if-none-match": '"other"'}, 200),
        ({"if-modified-since": "{last_modified}"}, 304),  # equal is not modified
        ({"if-modified-since": "Mon, 01 Jan 2001 00:00:00 GMT"}, 200),
        ({"if-none-match": '"other"', "if-modified-since": "{last_modified}"}, 200),
    ],
)
def test_static_files_answer_304_and_file_response_never(tmp_path, headers, static_status):
    from fastapi import FastAPI
    from fastapi.responses import FileResponse
    from fastapi.staticfiles import StaticFiles

    from tests.demos._live import served

    (tmp_path / "a.txt").write_text("hello")
    etag, last_modified = validators(tmp_path / "a.txt")
    sent = {k: v.format(etag=etag, last_modified=last_modified) for k, v in headers.items()}
    app = FastAPI()
    app.mount("/static", StaticFiles(directory=tmp_path))

    @app.get("/file")
    def file() -> FileResponse:
        return FileResponse(tmp_path / "a.txt")

    with served(app) as (client, _):
        static = client.get("/static/a.txt", headers=sent)
        plain = client.get("/file", headers=sent)
    assert static.status_code == static_status
    assert plain.status_code == 200 and plain.content == b"hello"
