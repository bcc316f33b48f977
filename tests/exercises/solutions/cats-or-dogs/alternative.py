from typing import Annotated, Literal

from fastapi import FastAPI
from pydantic import BaseModel, Field

app = FastAPI()


class Cat(BaseModel):
    name: str
    kind: Literal["cat"] = "cat"
    lives_left: int


class Dog(BaseModel):
    name: str
    kind: Literal["dog"] = "dog"
    good_boy: bool


AnyPet = Annotated[Cat | Dog, Field(discriminator="kind")]

PETS = {
    1: {"name": "Tom", "kind": "cat", "lives_left": 7},
    2: {"name": "Rex", "kind": "dog", "good_boy": True},
}


@app.get("/pets/{pet_id}", response_model=AnyPet)
async def read_pet(pet_id: int):
    return PETS[pet_id]
