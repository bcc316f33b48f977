import tempfile
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import StreamingResponse

app = FastAPI()

LOG = Path(tempfile.mkdtemp()) / "app.log"
LOG.write_text("".join(f"line {n:04}\n" for n in range(1, 201)))


# Streamed from disk, which saves memory, but the Range header is still ignored.
@app.get("/downloads/app.log")
def download_log() -> StreamingResponse:
    return StreamingResponse(
        LOG.open("rb"), media_type="text/plain", headers={"Accept-Ranges": "bytes"}
    )
