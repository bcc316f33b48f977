# Another style: the return annotation is the public model, and the handler returns the
# database object; FastAPI filters it through the annotation.
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class PublicUser(BaseModel):
    id: int
    name: str
    email: str


class UserInDB(PublicUser):
    hashed_password: str
    is_superuser: bool = False


DB = {1: UserInDB(id=1, name="Alice", email="alice@example.com", hashed_password="x")}


@app.get("/users/{user_id}")
async def read_user(user_id: int) -> PublicUser:
    return DB[user_id]
