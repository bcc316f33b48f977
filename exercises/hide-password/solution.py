from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class UserOut(BaseModel):
    id: int
    name: str
    email: str


class UserInDB(UserOut):
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


# response_model filters what the handler returns: only UserOut's fields are sent,
# and /openapi.json documents UserOut as the 200 answer.
@app.get("/users/{user_id}", response_model=UserOut)
def read_user(user_id: int) -> UserInDB:
    return USERS[user_id]
