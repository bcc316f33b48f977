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


@app.get("/users/{uid}", response_model_exclude={"hashed_password"})
def read_user(uid: int) -> User:
    return USERS[uid]


# Excluding the fields one can think of misses the secret one.
@app.get("/users/{uid}/public", response_model_exclude={"email", "role"})
def read_public_user(uid: int) -> User:
    return USERS[uid]
