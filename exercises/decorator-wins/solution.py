from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class UserOut(BaseModel):
    id: int
    name: str


class UserInDB(UserOut):
    hashed_password: str


CURRENT_USER = UserInDB(id=7, name="Grace", hashed_password="$2b$12$FakeHashForTheExercise")


# With no response_model, the return annotation is the response model:
# the UserInDB is filtered down to UserOut's fields.
@app.get("/me")
def read_me() -> UserOut:
    return CURRENT_USER
