"""Serialization: how Pydantic models decide the JSON a response carries.

Run alone: uvicorn demos.serialization:app
"""

from datetime import UTC, datetime
from typing import Literal

from fastapi import FastAPI
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    computed_field,
    field_serializer,
)

META = {
    "title": "Serialization with Pydantic models",
    "summary": (
        "The response model decides the JSON, field by field. Field(exclude=True) keeps a "
        "field out of every dump; serialization_alias renames it on the way out, and "
        "FastAPI uses the alias unless response_model_by_alias=False. computed_field adds "
        "a value computed from the others, a field_serializer changes how one field is "
        "written, and ser_json_inf_nan decides what becomes of infinity and NaN. A Union "
        "return type is documented as anyOf and sends whichever model matched. The "
        "UserIn / UserOut / UserInDB pattern keeps the password on the way in and off "
        "the way out."
    ),
    "topic": "serialization",
    "quizzes": ["serialization", "response-models"],
    "examples": [
        {
            "name": "exclude-field",
            "title": "Field(exclude=True): never in the output",
            "path": "/accounts/1",
            "route": ["Account", "get_account"],
            "notice": (
                "The model has a risk_score field and the handler sets it, but "
                "Field(exclude=True) leaves it out of every dump, so it never reaches the "
                "JSON; the schema in /docs does not show it either."
            ),
        },
        {
            "name": "alias",
            "title": "serialization_alias renames on the way out",
            "path": "/profiles/1",
            "route": ["Profile", "get_profile"],
            "notice": (
                "The Python attribute is display_name; the JSON key is displayName, "
                "because FastAPI dumps by alias unless told otherwise."
            ),
        },
        {
            "name": "alias-off",
            "title": "response_model_by_alias=False",
            "path": "/v2/profiles/1",
            "route": ["Profile", "get_profile_by_name"],
            "notice": (
                "Same model, same data, but response_model_by_alias=False: the keys are the "
                "attribute names, display_name and joined_at."
            ),
        },
        {
            "name": "computed",
            "title": "computed_field and field_serializer",
            "path": "/orders/1",
            "route": ["Line", "get_order_line"],
            "notice": (
                "total is not stored: computed_field adds it from quantity and unit_price. "
                "The field_serializer writes shipped_at as a Unix timestamp instead of an "
                "ISO 8601 string."
            ),
        },
        {
            "name": "inf-nan-default",
            "title": "Infinity in a float field, default settings",
            "path": "/limits/default",
            "route": ["Limit", "default_limit"],
            "notice": (
                "JSON has no Infinity or NaN. By default Pydantic writes both as null, and "
                "the client cannot tell 'no limit' from 'unknown'."
            ),
        },
        {
            "name": "inf-nan-strings",
            "title": "ser_json_inf_nan='strings'",
            "path": "/limits/strings",
            "route": ["LimitAsText", "text_limit"],
            "notice": (
                "With ser_json_inf_nan='strings' in the model's config the values travel as "
                'the strings "Infinity" and "NaN"; the client must expect strings there.'
            ),
        },
        {
            "name": "union",
            "title": "A Union return type",
            "path": "/pets/2",
            "route": ["Cat", "Dog", "get_pet"],
            "notice": (
                "-> Cat | Dog: the returned Dog is validated and sent with its own fields. "
                "In the OpenAPI document the 200 schema is anyOf Cat, Dog."
            ),
        },
        {
            "name": "user-in-out",
            "title": "UserIn, UserOut, UserInDB",
            "method": "POST",
            "path": "/users",
            "json": {"username": "ada", "password": "s3cret!", "email": "ada@example.com"},
            "route": ["UserBase", "UserIn", "UserOut", "UserInDB", "create_user"],
            "notice": (
                "The request body is a UserIn with a password; the handler builds a "
                "UserInDB with a hash; response_model=UserOut shapes the answer. Neither the "
                "password nor the hash can leave: UserOut does not declare them."
            ),
        },
    ],
}

app = FastAPI(title="Serialization")


class Account(BaseModel):
    id: int
    owner: str
    risk_score: float = Field(exclude=True)


@app.get("/accounts/{account_id}")
def get_account(account_id: int) -> Account:
    return Account(id=account_id, owner="ada", risk_score=0.93)


class Profile(BaseModel):
    display_name: str = Field(serialization_alias="displayName")
    joined_at: datetime = Field(serialization_alias="joinedAt")


ADA = Profile(display_name="Ada", joined_at=datetime(2024, 5, 1, tzinfo=UTC))


@app.get("/profiles/{profile_id}")
def get_profile(profile_id: int) -> Profile:
    return ADA


@app.get("/v2/profiles/{profile_id}", response_model_by_alias=False)
def get_profile_by_name(profile_id: int) -> Profile:
    return ADA


class Line(BaseModel):
    quantity: int
    unit_price: float
    shipped_at: datetime

    @computed_field
    @property
    def total(self) -> float:
        return self.quantity * self.unit_price

    @field_serializer("shipped_at")
    def as_timestamp(self, value: datetime) -> int:
        return int(value.timestamp())


@app.get("/orders/{order_id}")
def get_order_line(order_id: int) -> Line:
    shipped = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    return Line(quantity=3, unit_price=2.5, shipped_at=shipped)


class Limit(BaseModel):
    maximum: float
    average: float


@app.get("/limits/default")
def default_limit() -> Limit:
    return Limit(maximum=float("inf"), average=float("nan"))


class LimitAsText(BaseModel):
    model_config = ConfigDict(ser_json_inf_nan="strings")

    maximum: float
    average: float


@app.get("/limits/strings")
def text_limit() -> LimitAsText:
    return LimitAsText(maximum=float("inf"), average=float("nan"))


class Cat(BaseModel):
    kind: Literal["cat"] = "cat"
    lives: int


class Dog(BaseModel):
    kind: Literal["dog"] = "dog"
    good: bool


@app.get("/pets/{pet_id}")
def get_pet(pet_id: int) -> Cat | Dog:
    if pet_id == 1:
        return Cat(lives=9)
    return Dog(good=True)


class UserBase(BaseModel):
    username: str
    email: str


class UserIn(UserBase):
    password: str


class UserOut(UserBase):
    pass


class UserInDB(UserBase):
    hashed_password: str


def fake_hash(password: str) -> str:
    return "hashed-" + password[::-1]


@app.post("/users", status_code=201, response_model=UserOut)
def create_user(user: UserIn) -> UserInDB:
    hashed = fake_hash(user.password)
    return UserInDB(**user.model_dump(), hashed_password=hashed)
