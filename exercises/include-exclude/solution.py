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


# exclude: every field but these. The docs still show the whole User.
@app.get("/users/{uid}", response_model_exclude={"hashed_password"})
def read_user(uid: int) -> User:
    return USERS[uid]


# include: only these fields.
@app.get("/users/{uid}/public", response_model_include={"id", "name"})
def read_public_user(uid: int) -> User:
    return USERS[uid]
