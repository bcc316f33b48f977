from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class UserOut(BaseModel):
    id: int
    name: str


class UserInDB(UserOut):
    hashed_password: str


CURRENT_USER = UserInDB(id=7, name="Grace", hashed_password="$2b$12$FakeHashForTheExercise")


# response_model=None does not hand over to the annotation: it turns filtering off.
@app.get("/me", response_model=None)
def read_me() -> UserOut:
    return CURRENT_USER
