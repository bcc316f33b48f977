"""Files: FileResponse, byte ranges, and a file route that cannot be walked out of its folder.

Run alone: uvicorn demos.files:app
"""

from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse

META = {
    "title": "Files and byte ranges",
    "summary": (
        "FileResponse reads a file from disk in 64 KiB pieces and fills in the head from the "
        "file itself: a content-type guessed from the file name, content-length, last-modified and "
        "an etag from the file's size and modification time, and accept-ranges: bytes. It "
        "also answers Range requests on its own: one range gives a 206 with content-range, "
        "several give a multipart/byteranges body, and a range past the end gives a 416. "
        "What it does not do is check where a path points: that is your route's job."
    ),
    "topic": "files",
    "quizzes": ["files", "response-classes"],
    "examples": [
        {
            "name": "download",
            "title": "A download with a file name",
            "path": "/report",
            "route": ["report"],
            "notice": (
                "filename= becomes content-disposition: attachment, which asks the client to "
                "save the body as report.txt. The etag is an md5 of the file's modification "
                "time and size, not of its bytes, and accept-ranges: bytes tells the client it "
                "may ask for a part."
            ),
        },
        {
            "name": "renamed",
            "title": "The download name decides the content-type",
            "path": "/export",
            "route": ["export"],
            "notice": (
                "The file on disk is notes.txt, but filename= says notes.csv, and the "
                "content-type is guessed from filename= when you give one: text/csv. Without "
                "filename= it is guessed from the path, as in the image example."
            ),
        },
        {
            "name": "range",
            "title": "One byte range: 206 Partial Content",
            "path": "/report",
            "headers": {"range": "bytes=0-25"},
            "route": ["report"],
            "notice": (
                "The same route, no code of yours involved: FileResponse sees the Range header "
                "and answers 206 with the first 26 bytes. content-range says which bytes these "
                "are and the whole size; content-length counts only the part sent."
            ),
        },
        {
            "name": "past-end",
            "title": "A range that starts past the end: 416",
            "path": "/report",
            "headers": {"range": "bytes=5000-"},
            "route": ["report"],
            "notice": (
                "The file is shorter than 5000 bytes, so the answer is 416 Range Not "
                "Satisfiable with content-range: bytes */<size> and an empty body. This "
                "response is built fresh: the file's etag and content-disposition are gone."
            ),
        },
        {
            "name": "multi-range",
            "title": "Two ranges: a multipart/byteranges body",
            "path": "/report",
            "headers": {"range": "bytes=0-6,29-37"},
            "route": ["report"],
            "notice": (
                "Two ranges come back as one 206 whose content-type is multipart/byteranges "
                "with a random boundary. Each part has its own content-type and content-range "
                "lines; the head itself has no content-range, and content-length is exact."
            ),
        },
        {
            "name": "image",
            "title": "A file from a folder, by name",
            "path": "/files/pixel.png",
            "route": ["get_file"],
            "notice": (
                "No filename= here, so there is no content-disposition: nothing asks the client "
                "to save the file as a download. content-type image/png is guessed from the "
                "extension, not from the bytes."
            ),
        },
        {
            "name": "traversal",
            "title": "A path traversal attempt, refused",
            "path": "/files/..%2F..%2Ffiles.py",
            "route": ["get_file"],
            "notice": (
                "uvicorn decodes %2F before routing, so the {name:path} parameter receives "
                "'../../files.py' (the 404 detail echoes it), which points at this demo's own "
                "source. The route resolves the path, sees it leaves the folder, and refuses."
            ),
        },
    ],
}

app = FastAPI(title="Files and byte ranges")

DATA = Path(__file__).parent / "_data" / "files"


@app.get("/report")
def report() -> FileResponse:
    return FileResponse(DATA / "notes.txt", filename="report.txt")


@app.get("/export")
def export() -> FileResponse:
    return FileResponse(DATA / "notes.txt", filename="notes.csv")


@app.get("/files/{name:path}")
def get_file(name: str) -> FileResponse:
    folder = (Path(__file__).parent / "_data" / "files").resolve()
    try:  # a NUL byte, or a name too long for the disk, is no file here either
        target = (folder / name).resolve()  # follows '..' and symlinks
        found = target.is_relative_to(folder) and target.is_file()
    except (ValueError, OSError):
        found = False
    if not found:
        detail = f"No file named {name!r} here"
        raise HTTPException(status_code=404, detail=detail)
    return FileResponse(target)
