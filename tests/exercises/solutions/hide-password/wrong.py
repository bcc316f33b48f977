# Plausible but wrong: the body is filtered by hand, so the wire looks right, but the docs
# say nothing about the answer's shape (a dict), so clients cannot know it.
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class UserInDB(BaseModel):
    id: int
    name: str
    email: str
    hashed_password: str
    is_superuser: bool = False


USERS = {1: UserInDB(id=1, name="Alice", email="alice@example.com", hashed_password="x")}


@app.get("/users/{user_id}")
def read_user(user_id: int) -> dict:
    return USERS[user_id].model_dump(exclude={"hashed_password", "is_superuser"})
