from typing import Literal

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Pet(BaseModel):
    name: str


class Cat(Pet):
    kind: Literal["cat"] = "cat"
    lives_left: int


class Dog(Pet):
    kind: Literal["dog"] = "dog"
    good_boy: bool


PETS: dict[int, Cat | Dog] = {1: Cat(name="Tom", lives_left=7), 2: Dog(name="Rex", good_boy=True)}


# A union is a response model too: the value is validated against each member,
# and /openapi.json documents anyOf Cat, Dog.
@app.get("/pets/{pet_id}")
def read_pet(pet_id: int) -> Cat | Dog:
    return PETS[pet_id]
