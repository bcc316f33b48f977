import tempfile
from pathlib import Path

from fastapi import FastAPI, Response

app = FastAPI()

# A 2000-byte log file: 200 lines of 10 bytes, "line 0001\n" to "line 0200\n".
LOG = Path(tempfile.mkdtemp()) / "app.log"
LOG.write_text("".join(f"line {n:04}\n" for n in range(1, 201)))


# TODO: a client that lost its connection asks for the rest of the file with a
# Range header, and gets all 2000 bytes again. Answer a byte range with 206
# Partial Content and only those bytes, and a range past the end with 416.
@app.get("/downloads/app.log")
def download_log() -> Response:
    return Response(LOG.read_bytes(), media_type="text/plain")
