from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class PublicUser(BaseModel):
    id: int
    name: str


class UserOut(PublicUser):
    email: str
    role: str


class User(UserOut):
    hashed_password: str


USERS = {
    1: User(
        id=1, name="Alice", email="alice@example.com", role="admin", hashed_password="$2b$12$x"
    ),
}


@app.get("/users/{uid}", response_model=UserOut)
async def read_user(uid: int) -> User:
    return USERS[uid]


@app.get("/users/{uid}/public", response_model=PublicUser)
async def read_public_user(uid: int) -> User:
    return USERS[uid]
