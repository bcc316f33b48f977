"""Custom JSON: the old ORJSONResponse advice, today's Pydantic fast path, and how to lose it.

Run alone: uvicorn demos.custom_json:app
"""

from fastapi import APIRouter, FastAPI
from fastapi.responses import JSONResponse, ORJSONResponse
from pydantic import BaseModel

META = {
    "title": "Custom JSON serialisation",
    "summary": (
        "For years the advice for faster JSON was response_class=ORJSONResponse. Current "
        "FastAPI deprecates it: when a route has a return type or response_model and no "
        "response class, Pydantic validates the value and writes the JSON bytes in one step, "
        "with no dict in between. Any explicit response class opts out of that path, and "
        "default_response_class does it for every route at once: the data then goes through "
        "dump_python(mode='json') and on to the class's own render. For JSONResponse that "
        "is Python's json module, which shows on the wire; ORJSONResponse uses orjson (NaN "
        "becomes null) and HTMLResponse just encodes a string."
    ),
    "topic": "response-classes",
    "quizzes": ["json-response", "response-classes"],
    "examples": [
        {
            "name": "orjson-legacy",
            "title": "response_class=ORJSONResponse (the legacy advice)",
            "path": "/legacy?peak=nan",
            "route": ["Reading", "legacy_orjson"],
            "legacy": True,
            "notice": (
                "It still answers, but the first response built with ORJSONResponse makes the "
                "server emit a FastAPIDeprecationWarning (shown under the exchange) that points "
                "to the return-type path instead. orjson writes NaN as null."
            ),
        },
        {
            "name": "current",
            "title": "Return type, no response class (the current way)",
            "path": "/reading?peak=nan",
            "route": ["Reading", "reading"],
            "notice": (
                "No response class and no warning: Pydantic writes the JSON bytes straight "
                "from the model. Its number format shows: 1e-7 and NaN as null."
            ),
        },
        {
            "name": "default-class",
            "title": "default_response_class=JSONResponse turns the fast path off",
            "path": "/slow/reading?peak=2.5",
            "route": ["Reading", "plain_json_router"],
            "notice": (
                "Same model, same data, but the router sets default_response_class, so "
                "JSONResponse renders a dict with json.dumps: the same number comes out as "
                "1e-07, Python's spelling."
            ),
        },
        {
            "name": "default-class-nan",
            "title": "The same NaN without the fast path",
            "path": "/slow/reading?peak=nan",
            "route": ["plain_json_router"],
            "notice": (
                "The NaN that the fast path wrote as null now reaches json.dumps with "
                "allow_nan=False: a 500 Internal Server Error and a ValueError in the log."
            ),
        },
    ],
}

app = FastAPI(title="Custom JSON serialisation")


class Reading(BaseModel):
    sensor: str
    value: float
    peak: float


@app.get("/legacy", response_class=ORJSONResponse)
def legacy_orjson(peak: float = 2.5) -> Reading:
    return Reading(sensor="probe-7", value=1e-7, peak=peak)


@app.get("/reading")
def reading(peak: float = 2.5) -> Reading:
    return Reading(sensor="probe-7", value=1e-7, peak=peak)


def plain_json_router() -> APIRouter:
    # default_response_class on FastAPI(...) has the same effect on every route.
    router = APIRouter(prefix="/slow", default_response_class=JSONResponse)

    @router.get("/reading")
    def slow_reading(peak: float = 2.5) -> Reading:
        return Reading(sensor="probe-7", value=1e-7, peak=peak)

    return router


app.include_router(plain_json_router())
