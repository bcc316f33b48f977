import tempfile
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse

app = FastAPI()

# A 2000-byte log file: 200 lines of 10 bytes, "line 0001\n" to "line 0200\n".
LOG = Path(tempfile.mkdtemp()) / "app.log"
LOG.write_text("".join(f"line {n:04}\n" for n in range(1, 201)))


# FileResponse reads the Range header: 206 with Content-Range for a range it
# can serve, 416 for one past the end, and Accept-Ranges: bytes on every answer.
@app.get("/downloads/app.log")
def download_log() -> FileResponse:
    return FileResponse(LOG, media_type="text/plain")
