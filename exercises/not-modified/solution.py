from typing import Annotated

from fastapi import FastAPI, Header, Response

app = FastAPI()

GUIDE = {"id": 1, "title": "Getting started", "version": 3, "body": "A long text..."}
GUIDE_ETAG = '"v3"'  # an ETag value is a quoted string


@app.get("/guide", response_model=None)
def read_guide(
    response: Response, if_none_match: Annotated[str | None, Header()] = None
) -> dict | Response:
    if if_none_match == GUIDE_ETAG:
        # 304: the client's copy is current. No body, but the validators again.
        return Response(status_code=304, headers={"ETag": GUIDE_ETAG})
    response.headers["ETag"] = GUIDE_ETAG
    return GUIDE
