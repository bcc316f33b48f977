from typing import Annotated

from fastapi import FastAPI, Header, Response

app = FastAPI()

GUIDE = {"id": 1, "title": "Getting started", "version": 3, "body": "A long text..."}


# The tag is compared without its quotes, so it never matches.
@app.get("/guide", response_model=None)
def read_guide(
    response: Response, if_none_match: Annotated[str | None, Header()] = None
) -> dict | Response:
    if if_none_match == "v3":
        return Response(status_code=304, headers={"ETag": '"v3"'})
    response.headers["ETag"] = '"v3"'
    return GUIDE
