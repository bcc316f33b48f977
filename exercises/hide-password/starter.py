from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class UserInDB(BaseModel):
    id: int
    name: str
    email: str
    hashed_password: str
    is_superuser: bool = False


USERS = {
    1: UserInDB(
        id=1,
        name="Alice",
        email="alice@example.com",
        hashed_password="$2b$12$Jx0dFakeHashForTheExercise",
    ),
}


# TODO: this answer sends hashed_password and is_superuser to every client.
# Declare a public model with only id, name and email, and make FastAPI filter
# the response through it (the docs at /openapi.json should change too).
@app.get("/users/{user_id}")
def read_user(user_id: int) -> UserInDB:
    return USERS[user_id]
