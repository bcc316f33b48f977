from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Profile(BaseModel):
    id: int
    name: str
    bio: str | None = None
    website: str | None = None
    location: str | None = None


# Loaded from the database: every column is there, and an empty one is None.
PROFILES = {
    1: Profile(id=1, name="Ada", bio=None, website="https://ada.dev", location=None),
    2: Profile(id=2, name="Linus", bio="Kernel", website="https://kernel.org", location="Portland"),
}


# exclude_none drops the fields whose value is None, however they got it.
@app.get("/profiles/{profile_id}", response_model_exclude_none=True)
def read_profile(profile_id: int) -> Profile:
    return PROFILES[profile_id]
