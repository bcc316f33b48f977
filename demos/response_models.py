"""Response models: the declared output type filters, validates and documents what leaves.

Run alone: uvicorn demos.response_models:app
"""

from typing import Any

from fastapi import FastAPI, HTTPException
from fastapi.responses import JSONResponse
from pydantic import BaseModel

META = {
    "title": "Response models",
    "summary": (
        "The response model is the type FastAPI checks your return value against before it "
        "writes JSON: fields the model does not declare are dropped, missing ones are a server "
        "error, and the model becomes the documented schema. Declare it with a return "
        "annotation or with response_model=; the response_model_* options trim the output "
        "further. Return a Response yourself and none of it happens."
    ),
    "topic": "response-models",
    "quizzes": ["response-models"],
    "examples": [
        {
            "name": "filter",
            "title": "A database object goes in, the public fields come out",
            "path": "/users/1",
            "route": ["UserOut", "UserInDB", "get_user"],
            "notice": (
                "The handler returns a UserInDB with hashed_password and is_superuser, yet the "
                "JSON has only id, name and email: response_model=UserOut keeps the fields "
                "UserOut declares and drops the rest before serialising."
            ),
        },
        {
            "name": "annotation",
            "title": "The same filter from a return annotation",
            "path": "/v2/users/1",
            "route": ["UserOut", "UserInDB", "get_user_annotated"],
            "notice": (
                "No response_model= here: the return annotation -> UserOut does the same job. "
                "UserInDB subclasses UserOut, so a type checker accepts the return, and FastAPI "
                "still sends only UserOut's fields."
            ),
        },
        {
            "name": "priority",
            "title": "response_model= wins over the return annotation",
            "path": "/v3/users/1",
            "route": ["get_user_any"],
            "notice": (
                "The function is annotated -> dict[str, Any], but response_model=UserOut is "
                "what FastAPI uses to validate and filter. Use the parameter when the type you "
                "return is not the type you want to send."
            ),
        },
        {
            "name": "list",
            "title": "A list of models: every item is filtered",
            "path": "/items",
            "route": ["ItemOut", "list_items"],
            "notice": (
                "response_model=list[ItemOut] applies to each element: the 'secret' key of the "
                "first dict is gone, and the integer prices come out as floats because ItemOut "
                "declares price: float."
            ),
        },
        {
            "name": "optional",
            "title": "An Optional model can answer null",
            "path": "/items/999",
            "route": ["get_item"],
            "notice": (
                "ItemOut | None lets the handler return None: the answer is 200 with the JSON "
                "body null, not a 404. If 'not found' is what you mean, raise HTTPException(404)."
            ),
        },
        {
            "name": "created",
            "title": "status_code=201 on a POST",
            "method": "POST",
            "path": "/items",
            "json": {"id": 3, "name": "Tablet", "price": 450},
            "route": ["create_item"],
            "notice": (
                "status_code=201 in the decorator replaces the default 200; the body is still "
                "the validated ItemOut, price turned into 450.0."
            ),
        },
        {
            "name": "include",
            "title": "response_model_include keeps only the named fields",
            "path": "/users/1/card",
            "route": ["User", "user_card"],
            "notice": (
                "Only id and name survive. Handy for a one-off, but the schema in /docs still "
                "shows every field of User; a dedicated output model documents itself correctly."
            ),
        },
        {
            "name": "exclude",
            "title": "response_model_exclude drops the named fields",
            "path": "/users/1/profile",
            "route": ["User", "user_profile"],
            "notice": (
                "hashed_password is excluded, every other field of User is sent. Forget to list "
                "a new secret field and it leaks: an output model that lacks it is safer."
            ),
        },
        {
            "name": "exclude-none",
            "title": "response_model_exclude_none drops fields that are None",
            "path": "/report",
            "route": ["Report", "report"],
            "notice": (
                "average and notes are None, so they are left out: the body is just "
                '{"total": 100}. Without the option they would be sent as null.'
            ),
        },
        {
            "name": "exclude-unset",
            "title": "response_model_exclude_unset: unset on the returned object",
            "path": "/drafts/1",
            "route": ["Item", "draft"],
            "notice": (
                "The returned Item was built with only name set; description and price keep "
                "their defaults and are left out. 'Unset' means never assigned on the object "
                "the handler returns, not 'absent from the request'. That holds for a "
                "returned model instance or a dict (its missing keys are the unset fields)."
            ),
        },
        {
            "name": "exclude-unset-row",
            "title": "exclude_unset with an ORM-style object: nothing is left out",
            "path": "/rows/1",
            "route": ["Item", "DraftRow", "draft_row"],
            "notice": (
                "Same options, but the handler returns a plain object with attributes, as an "
                "ORM does. FastAPI reads it attribute by attribute into a new Item, so every "
                "field counts as set and description and price are sent, null and 0.0."
            ),
        },
        {
            "name": "exclude-unset-patch",
            "title": "exclude_unset does not echo only what a PATCH sent",
            "method": "PATCH",
            "path": "/drafts/2",
            "json": {"price": 12.5},
            "route": ["Item", "ItemPatch", "patch_draft"],
            "notice": (
                "The client sent only price, yet every field comes back: the stored item had "
                "all its fields set, and model_copy(update=...) keeps them set. Use "
                "patch.model_dump(exclude_unset=True) on the input to learn what the client sent."
            ),
        },
        {
            "name": "leak",
            "title": "Returning JSONResponse yourself skips the model",
            "path": "/leaky/users/1",
            "route": ["leaky_user"],
            "notice": (
                "response_model=UserOut is declared, but a Response returned by the handler is "
                "sent as it is: no validation, no filtering, and hashed_password is on the wire."
            ),
        },
    ],
}

app = FastAPI(title="Response models")


class UserOut(BaseModel):
    id: int
    name: str
    email: str


class UserInDB(UserOut):
    hashed_password: str
    is_superuser: bool


def load_user(user_id: int) -> UserInDB:
    return UserInDB(
        id=user_id,
        name="Alice",
        email="alice@example.com",
        hashed_password="$2b$12$not-a-real-hash",
        is_superuser=False,
    )


@app.get("/users/{user_id}", response_model=UserOut)
async def get_user(user_id: int):
    return load_user(user_id)


@app.get("/v2/users/{user_id}")
async def get_user_annotated(user_id: int) -> UserOut:
    return load_user(user_id)


@app.get("/v3/users/{user_id}", response_model=UserOut)
async def get_user_any(user_id: int) -> dict[str, Any]:
    return load_user(user_id).model_dump()


class ItemOut(BaseModel):
    id: int
    name: str
    price: float


@app.get("/items", response_model=list[ItemOut])
async def list_items():
    return [
        {"id": 1, "name": "Laptop", "price": 1200, "secret": "supplier cost"},
        {"id": 2, "name": "Phone", "price": 600},
    ]


@app.get("/items/{item_id}")
async def get_item(item_id: int) -> ItemOut | None:
    if item_id == 999:
        return None
    return ItemOut(id=item_id, name="Laptop", price=1200)


@app.post("/items", status_code=201)
async def create_item(item: ItemOut) -> ItemOut:
    return item


class User(BaseModel):
    id: int
    name: str
    email: str
    role: str
    hashed_password: str


def full_user(user_id: int) -> User:
    return User(
        id=user_id,
        name="Alice",
        email="alice@example.com",
        role="admin",
        hashed_password="$2b$12$not-a-real-hash",
    )


@app.get(
    "/users/{user_id}/card",
    response_model=User,
    response_model_include={"id", "name"},
)
async def user_card(user_id: int):
    return full_user(user_id)


@app.get(
    "/users/{user_id}/profile",
    response_model=User,
    response_model_exclude={"hashed_password"},
)
async def user_profile(user_id: int):
    return full_user(user_id)


class Report(BaseModel):
    total: int
    average: float | None = None
    notes: str | None = None


@app.get("/report", response_model=Report, response_model_exclude_none=True)
async def report():
    return Report(total=100)


class Item(BaseModel):
    name: str
    description: str | None = None
    price: float = 0.0


class ItemPatch(BaseModel):
    name: str | None = None
    description: str | None = None
    price: float | None = None


DRAFTS = {
    1: Item(name="Desk lamp"),
    2: Item(name="Chair", description="Oak, four legs", price=80.0),
}


def find_draft(draft_id: int) -> Item:
    if draft_id not in DRAFTS:
        raise HTTPException(status_code=404, detail="No such draft")
    return DRAFTS[draft_id]


@app.get(
    "/drafts/{draft_id}",
    response_model=Item,
    response_model_exclude_unset=True,
)
async def draft(draft_id: int):
    return find_draft(draft_id)


class DraftRow:
    """What an ORM hands back: attributes, not a Pydantic model."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.description = None
        self.price = 0.0


@app.get(
    "/rows/{draft_id}",
    response_model=Item,
    response_model_exclude_unset=True,
)
async def draft_row(draft_id: int):
    return DraftRow(name="Desk lamp")


@app.patch(
    "/drafts/{draft_id}",
    response_model=Item,
    response_model_exclude_unset=True,
)
async def patch_draft(draft_id: int, patch: ItemPatch):
    stored = find_draft(draft_id)
    return stored.model_copy(update=patch.model_dump(exclude_unset=True))


@app.get("/leaky/users/{user_id}", response_model=UserOut)
async def leaky_user(user_id: int):
    return JSONResponse(content=load_user(user_id).model_dump())
