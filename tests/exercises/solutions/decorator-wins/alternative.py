from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class UserOut(BaseModel):
    id: int
    name: str


class UserInDB(UserOut):
    hashed_password: str


CURRENT_USER = UserInDB(id=7, name="Grace", hashed_password="$2b$12$FakeHashForTheExercise")


@app.get("/me", response_model=UserOut)
async def read_me() -> UserInDB:
    return CURRENT_USER
