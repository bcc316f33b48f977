"""Additional responses: documenting the answers a route gives besides its main one.

Run alone: uvicorn demos.additional_responses:app
"""

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel

META = {
    "title": "Additional responses in the OpenAPI document",
    "summary": (
        "The return type or response_model documents a route's main answer; everything "
        "else it can send you document yourself. responses= in the decorator adds "
        "statuses with a model (a 404 or 409 body) or other media types (an image). It "
        "only writes documentation: the handler must still return those answers. "
        "response_class= documents the media type of a Response you return yourself, and "
        "response_model=None is the escape hatch for an annotation that is not a Pydantic "
        "type, such as -> Response | dict, which otherwise stops the app at start-up. The "
        "last example fetches the served /openapi.json to show what each decorator wrote."
    ),
    "topic": "additional-responses",
    "quizzes": ["additional-responses"],
    "examples": [
        {
            "name": "found",
            "title": "The main answer: 200 with the return type",
            "path": "/items/1",
            "route": ["Item", "Message", "get_item"],
            "notice": (
                "The documented 200 is the response model Item. The 404 and 409 entries in "
                "responses= change nothing on the wire; they are there for clients and docs."
            ),
        },
        {
            "name": "not-found",
            "title": "A documented 404, returned by hand",
            "path": "/items/99",
            "route": ["Item", "Message", "get_item"],
            "notice": (
                'The body is {"message": ...}, the Message model that responses= documents '
                "for 404. Nothing checks it: the handler builds this JSONResponse itself, and "
                "a returned Response skips every model."
            ),
        },
        {
            "name": "image",
            "title": "A second media type for the 200",
            "path": "/items/1/image",
            "route": ["item_image"],
            "notice": (
                "content-type: image/png and raw bytes. responses={200: {'content': "
                "{'image/png': {}}}} adds image/png beside application/json in the "
                "document: the 200 of this route lists both media types."
            ),
        },
        {
            "name": "html-class",
            "title": "response_class= documents a Response you return",
            "path": "/items/1/page",
            "route": ["item_page"],
            "notice": (
                "The handler returns an HTMLResponse itself, so response_class=HTMLResponse "
                "changes nothing here; it makes the document say text/html instead of the "
                "default application/json."
            ),
        },
        {
            "name": "escape-hatch",
            "title": "response_model=None for -> RedirectResponse | dict",
            "path": "/go?to=docs",
            "route": ["go"],
            "notice": (
                "A union of a Response and a dict is not a Pydantic type: without "
                "response_model=None the decorator raises FastAPIError and the app never "
                "starts. With it, the route returns either, and no response model is made."
            ),
        },
        {
            "name": "escape-hatch-redirect",
            "title": "The same route, the Response branch",
            "path": "/go?to=elsewhere",
            "route": ["go"],
            "notice": (
                "This time the handler returns a RedirectResponse: a 307 with location: "
                "/elsewhere, sent as it is. The document shows a 200 with an empty schema, "
                "since no model describes the union."
            ),
        },
        {
            "name": "openapi",
            "title": "What the decorators wrote: /openapi.json",
            "path": "/openapi.json",
            "route": ["get_item", "item_image", "item_page"],
            "notice": (
                "Under paths, /items/{item_id} lists 200 (Item), 404 and 409 (Message) and "
                "the automatic 422; the image route's 200 has application/json and image/png; "
                "the page route's 200 is text/html."
            ),
        },
    ],
}

app = FastAPI(title="Additional responses")


class Item(BaseModel):
    id: int
    name: str


class Message(BaseModel):
    message: str


ITEMS = {1: Item(id=1, name="Lamp")}


@app.get(
    "/items/{item_id}",
    response_model=Item,
    responses={404: {"model": Message}, 409: {"model": Message}},
)
def get_item(item_id: int):
    if item_id not in ITEMS:
        body = {"message": f"no item {item_id}"}
        return JSONResponse(status_code=404, content=body)
    return ITEMS[item_id]


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cff00f0004ff02fea7a36e2f"
    "0000000049454e44ae426082"
)


@app.get(
    "/items/{item_id}/image",
    responses={200: {"content": {"image/png": {}}}},
)
def item_image(item_id: int) -> Response:
    return Response(PNG, media_type="image/png")


@app.get("/items/{item_id}/page", response_class=HTMLResponse)
def item_page(item_id: int) -> HTMLResponse:
    return HTMLResponse(f"<h1>Item {item_id}</h1>")


@app.get("/go", response_model=None)
def go(to: str = "docs") -> RedirectResponse | dict:
    if to == "docs":
        return {"see": "/docs"}
    return RedirectResponse(f"/{to}")
