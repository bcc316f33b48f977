from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Profile(BaseModel):
    id: int
    name: str
    bio: str | None = None
    website: str | None = None
    location: str | None = None


PROFILES = {
    1: Profile(id=1, name="Ada", bio=None, website="https://ada.dev", location=None),
    2: Profile(id=2, name="Linus", bio="Kernel", website="https://kernel.org", location="Portland"),
}


@app.get("/profiles/{profile_id}")
async def read_profile(profile_id: int) -> dict[str, Any]:
    return PROFILES[profile_id].model_dump(exclude_none=True)
