from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

app = FastAPI()

GUIDE = {"id": 1, "title": "Getting started", "version": 3, "body": "A long text..."}
GUIDE_ETAG = '"v3"'


@app.get("/guide")
async def read_guide(request: Request) -> Response:
    sent = [tag.strip() for tag in request.headers.get("if-none-match", "").split(",")]
    headers = {"ETag": GUIDE_ETAG, "Cache-Control": "no-cache"}
    if GUIDE_ETAG in sent:
        return Response(status_code=304, headers=headers)
    return JSONResponse(GUIDE, headers=headers)
