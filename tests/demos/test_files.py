"""Wire facts of every example of the files demo, against the installed FastAPI/Starlette."""

import hashlib
import os
import re
from email.utils import formatdate
from pathlib import Path

import pytest
from starlette.responses import FileResponse

from fastapi_responses_cli.runner import run_demo

DEMOS = Path(__file__).resolve().parents[2] / "demos"
NOTES = DEMOS / "_data" / "files" / "notes.txt"
PIXEL = DEMOS / "_data" / "files" / "pixel.png"


@pytest.fixture(scope="module")
def run(recorded):
    return recorded("files")


def stat_headers(path: Path) -> tuple[str, str, str]:
    """content-length, last-modified and etag as Starlette derives them from os.stat."""
    st = os.stat(path)
    etag = hashlib.md5(f"{st.st_mtime}-{st.st_size}".encode(), usedforsecurity=False).hexdigest()
    return str(st.st_size), formatdate(st.st_mtime, usegmt=True), f'"{etag}"'


def test_download_head_comes_from_the_file(run):
    ex = run.first("download")
    size, last_modified, etag = stat_headers(NOTES)
    r = ex.response
    assert r.status == 200
    assert r.header("content-type") == "text/plain; charset=utf-8"
    assert r.header("content-disposition") == 'attachment; filename="report.txt"'
    assert r.header("accept-ranges") == "bytes"
    assert r.header("content-length") == size
    assert r.header("last-modified") == last_modified
    assert r.header("etag") == etag  # md5 of "mtime-size", not of the content
    assert r.header("transfer-encoding") is None
    assert ex.body == NOTES.read_bytes()


def test_etag_ignores_content(tmp_path):
    # Same size, same mtime, different bytes: the same etag. That is what "not of its bytes" means.
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(b"aaaa")
    b.write_bytes(b"bbbb")
    os.utime(b, ns=(os.stat(a).st_atime_ns, os.stat(a).st_mtime_ns))
    ra, rb = FileResponse(a, stat_result=os.stat(a)), FileResponse(b, stat_result=os.stat(b))
    assert ra.headers["etag"] == rb.headers["etag"]


def test_file_response_reads_64_kib_pieces():
    assert FileResponse.chunk_size == 64 * 1024


def test_single_range_is_206_with_content_range(run):
    ex = run.first("range")
    size = NOTES.stat().st_size
    r = ex.response
    assert r.status == 206
    assert r.header("content-range") == f"bytes 0-25/{size}"
    assert r.header("content-length") == "26"
    assert r.header("content-type") == "text/plain; charset=utf-8"
    assert ex.body == NOTES.read_bytes()[0:26] == b"Release notes, version 2.4"


def test_range_past_the_end_is_416(run):
    ex = run.first("past-end")
    size = NOTES.stat().st_size
    assert size < 5000
    r = ex.response
    assert r.status == 416
    assert r.header("content-range") == f"bytes */{size}"
    assert r.header("content-length") == "0"
    assert ex.body == b""
    # A fresh response: nothing of the file's head survives.
    assert r.header("etag") is None
    assert r.header("content-disposition") is None
    assert r.header("accept-ranges") is None


def test_two_ranges_are_multipart_byteranges(run):
    ex = run.first("multi-range")
    data, size = NOTES.read_bytes(), NOTES.stat().st_size
    r = ex.response
    assert r.status == 206
    m = re.fullmatch(r"multipart/byteranges; boundary=([0-9a-f]{26})", r.header("content-type"))
    assert m, r.header("content-type")
    boundary = m.group(1)
    assert r.header("content-range") is None
    assert r.header("content-length") == str(len(ex.body))
    expected = (
        (
            f"--{boundary}\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            f"Content-Range: bytes 0-6/{size}\r\n\r\n"
        ).encode()
        + data[0:7]
        + (
            f"\r\n--{boundary}\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            f"Content-Range: bytes 29-37/{size}\r\n\r\n"
        ).encode()
        + data[29:38]
        + f"\r\n--{boundary}--".encode()
    )
    assert ex.body == expected
    assert data[0:7] == b"Release" and data[29:38] == b"downloads"


def test_multipart_boundary_is_random_per_response():
    twice = run_demo("files", ["multi-range", "multi-range"])
    types = [e.response.header("content-type") for e in twice.exchanges]
    assert len(types) == 2 and types[0] != types[1]


def test_image_is_served_without_content_disposition(run):
    ex = run.first("image")
    size, _last_modified, etag = stat_headers(PIXEL)
    r = ex.response
    assert r.status == 200
    assert r.header("content-type") == "image/png"
    assert r.header("content-disposition") is None
    assert r.header("content-length") == size
    assert r.header("etag") == etag
    assert ex.body == PIXEL.read_bytes()
    assert ex.body.startswith(b"\x89PNG\r\n\x1a\n")


def test_media_type_is_guessed_from_the_name_not_the_bytes(tmp_path):
    fake = tmp_path / "picture.txt"
    fake.write_bytes(PIXEL.read_bytes())
    assert FileResponse(fake).media_type == "text/plain"


def test_traversal_reaches_the_route_decoded_and_is_refused(run):
    ex = run.first("traversal")
    # The client really sent the encoded slashes...
    assert ex.request.url.endswith("/files/..%2F..%2Ffiles.py")
    # ...the route got them decoded (its 404 detail echoes the parameter)...
    assert ex.response.status == 404
    assert ex.response.media_type == "application/json"
    assert ex.body == b"""{"detail":"No file named '../../files.py' here"}"""
    # ...and that name really points at a file outside the folder: the check is what saved it.
    target = (DEMOS / "_data" / "files" / "../../files.py").resolve()
    assert target == (DEMOS / "files.py").resolve() and target.is_file()
    assert b"import" not in ex.body


def test_renamed_download_takes_its_type_from_filename(run):
    ex = run.first("renamed")
    assert ex.response.status == 200
    assert ex.response.header("content-type") == "text/csv; charset=utf-8"
    assert ex.response.header("content-disposition") == 'attachment; filename="notes.csv"'
    assert ex.body == NOTES.read_bytes()  # the same bytes as notes.txt


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        (None, "application/octet-stream"),  # data.bin: the path decides
        ("report.pdf", "application/pdf"),
        ("notes.csv", "text/csv; charset=utf-8"),
        ("page.html", "text/html; charset=utf-8"),
        ("photo.png", "image/png"),
        ("archive.zip", "application/zip"),
        ("no-extension", "application/octet-stream"),  # filename given: the path is not asked
    ],
)
def test_content_type_is_guessed_from_filename_else_the_path(tmp_path, filename, expected):
    from fastapi import FastAPI

    from tests.demos._live import fetch

    data = tmp_path / "data.bin"
    data.write_bytes(b"\x00\x01")
    app = FastAPI()

    @app.get("/f")
    def f() -> FileResponse:
        return FileResponse(data, filename=filename)

    response = fetch(app, "GET", "/f")
    assert response.status_code == 200
    assert response.headers["content-type"] == expected
    assert response.content == b"\x00\x01"


def test_without_filename_a_txt_path_gives_text_plain(tmp_path):
    from fastapi import FastAPI

    from tests.demos._live import fetch

    data = tmp_path / "data.txt"
    data.write_bytes(b"hi")
    app = FastAPI()

    @app.get("/f")
    def f() -> FileResponse:
        return FileResponse(data)

    response = fetch(app, "GET", "/f")
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert "content-disposition" not in response.headers
