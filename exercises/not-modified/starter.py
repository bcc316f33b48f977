from typing import Annotated

from fastapi import FastAPI, Header, Response

app = FastAPI()

GUIDE = {"id": 1, "title": "Getting started", "version": 3, "body": "A long text..."}
GUIDE_ETAG = '"v3"'  # an ETag value is a quoted string


# TODO: clients send back the ETag they hold in If-None-Match, and download the
# whole guide again every time. When their copy is current, answer 304 Not
# Modified with no body, still with the ETag header.
@app.get("/guide")
def read_guide(response: Response, if_none_match: Annotated[str | None, Header()] = None) -> dict:
    response.headers["ETag"] = GUIDE_ETAG
    return GUIDE
