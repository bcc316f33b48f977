from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class User(BaseModel):
    id: int
    name: str
    email: str
    role: str
    hashed_password: str


USERS = {
    1: User(
        id=1, name="Alice", email="alice@example.com", role="admin", hashed_password="$2b$12$x"
    ),
}


# TODO: both routes send the whole User. Keep the one model, and tell each
# route which fields to send: /users/{uid} everything but hashed_password,
# /users/{uid}/public only id and name.
@app.get("/users/{uid}")
def read_user(uid: int) -> User:
    return USERS[uid]


@app.get("/users/{uid}/public")
def read_public_user(uid: int) -> User:
    return USERS[uid]
