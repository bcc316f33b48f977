"""Expectation keys judged through the real checker against a real app on the wire: each key
that can fail has a case that passes and a case that fails, with what the learner is told.

The apps are written here; each spec is built with ExerciseSpec, as an exercise.toml would be.
"""

import pytest
from pydantic import ValidationError

from fastapi_responses_cli.exercises.checker import check_path
from fastapi_responses_cli.exercises.spec import ExerciseSpec, exercises_dir

APP = """\
import logging

from fastapi import BackgroundTasks, FastAPI

app = FastAPI()
log = logging.getLogger("shop")


def audit(name: str) -> None:
    log.warning("audit: sold %s", name)


@app.get("/items")
def items(background: BackgroundTasks, secret: bool = False) -> list[dict]:
    if secret:
        log.info("loaded rows\\nrow 2 has password=hunter2\\nrow 3 ok")
    background.add_task(audit, "pen")
    return [{"id": 1, "name": "Foo", "tags": ["a"]}, {"id": 2, "name": "Bar", "price": 2.5}]


@app.get("/order")
def order() -> dict:
    return {"id": 7, "lines": [{"sku": "p-1", "qty": 2}, {"sku": "p-2", "qty": 1}]}


@app.get("/quiet")
def quiet() -> dict:
    return {"id": 1, "name": "Foo"}
"""


def spec_for(path: str, *expects: dict) -> ExerciseSpec:
    """One request to ``path`` with one named expectation per item: name -> check."""
    return ExerciseSpec.model_validate(
        {
            "title": "t",
            "topic": "response-models",
            "difficulty": "easy",
            "summary": "s",
            "task": "t",
            "hints": ["h"],
            "request": [
                {"name": "r", "path": path, "expect": [dict(e) for e in expects]},
            ],
        }
    )


@pytest.fixture(scope="module")
def app_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("vocab") / "shop.py"
    path.write_text(APP)
    return path


def judge(app_file, pool, path: str, *expects: dict):
    verdict = check_path("vocab", app_file, pool=pool, spec=spec_for(path, *expects))
    assert verdict.error is None and verdict.message is None, verdict.error
    assert len(verdict.checks) == len(expects)
    return verdict.checks


# -- log_lacks -----------------------------------------------------------------------------
def test_log_lacks_passes_and_fails_quoting_the_offending_line(app_file, pool):
    clean, said, late = judge(
        app_file,
        pool,
        "/items",
        {"log_lacks": "password="},
        {"log_lacks": "password=", "say": "a password reached the log"},
        {"log_lacks": r"audit: sold \w+"},
    )
    assert clean.passed
    assert clean.name == "r: log_lacks password="
    assert clean.expected == "no server log line matching 'password='"
    assert clean.got == "1 line logged, none matching"  # the background task's line
    # The background task ran after the body: its line is still this request's.
    assert not late.passed
    assert late.got == "logged (shop): audit: sold pen"
    assert said.passed  # /items without ?secret logs no password; a pass shows no `say`
    assert said.headline == "r: no server log line matching 'password='"


def test_log_lacks_fails_on_one_line_of_a_multi_line_message(app_file, pool):
    (leaked,) = judge(
        app_file, pool, "/items?secret=true", {"log_lacks": "password=", "say": "leaked"}
    )
    assert not leaked.passed
    assert leaked.got == "logged (shop): row 2 has password=hunter2"  # that line, not the first
    assert leaked.headline == "r: leaked"


def test_log_lacks_passes_when_nothing_is_logged(app_file, pool):
    (check,) = judge(app_file, pool, "/quiet", {"log_lacks": "."})
    assert check.passed and check.got == "the server logged nothing for this request"


def test_log_lacks_is_a_regex_checked_when_the_spec_loads():
    with pytest.raises(ValidationError, match=r"(?s)log_lacks.*not a valid regular expression"):
        spec_for("/x", {"log_lacks": "(unclosed"})


# -- json_contains on lists ------------------------------------------------------------------
def test_json_contains_finds_the_item_of_a_list_body(app_file, pool):
    name, two_keys, nested = judge(
        app_file,
        pool,
        "/items",
        {"json_contains": '{"name": "Foo"}'},
        {"json_contains": '{"id": 2, "price": 2.5}'},
        {"json_contains": '{"tags": ["a"]}'},
    )
    assert name.passed and two_keys.passed and nested.passed
    assert name.got == 'item [0] of 2: {"id": 1, "name": "Foo", "tags": ["a"]}'
    assert two_keys.got.startswith("item [1] of 2: ")


def test_json_contains_fails_when_no_single_item_holds_the_object(app_file, pool):
    missing, split, wrong_type = judge(
        app_file,
        pool,
        "/items",
        {"json_contains": '{"name": "Baz"}'},
        # id 1 and price 2.5 are both in the list, but not in one item
        {"json_contains": '{"id": 1, "price": 2.5}'},
        {"json_contains": '{"id": 1.0}'},  # 1 is not 1.0, as before
    )
    assert not missing.passed and not split.passed and not wrong_type.passed
    assert missing.got.startswith('2 items, none containing it: [{"id": 1')
    assert missing.expected == 'a JSON body containing {"name": "Baz"}'


def test_json_contains_looks_into_a_list_at_a_path(app_file, pool):
    found, absent, exact = judge(
        app_file,
        pool,
        "/order",
        {"json_contains": '{"id": 7, "lines": {"sku": "p-2"}}'},
        {"json_contains": '{"lines": {"sku": "p-3"}}'},
        # a list in the expectation still means that whole list, exactly (unchanged)
        {"json_contains": '{"lines": [{"sku": "p-1"}]}'},
    )
    assert found.passed
    assert not absent.passed and not exact.passed
    assert absent.got.startswith('{"id": 7, "lines": [')  # an object body: shown whole


def test_json_contains_on_an_object_body_is_unchanged(app_file, pool):
    part, whole, other = judge(
        app_file,
        pool,
        "/quiet",
        {"json_contains": '{"name": "Foo"}'},
        {"json_contains": '{"id": 1, "name": "Foo"}'},
        {"json_contains": '{"name": "Bar"}'},
    )
    assert part.passed and whole.passed and not other.passed
    assert other.got == '{"id": 1, "name": "Foo"}'


# -- openapi on list answers, in the shipped list exercises ----------------------------------
ROWS = """\
ROWS = [
    {"id": 1, "name": "Laptop", "price": 750.0, "supplier_cost": 610.0},
    {"id": 2, "name": "Phone", "price": 300.0, "supplier_cost": 220.0},
]
"""
ITEM = """\
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Item(BaseModel):
    id: int
    name: str
    price: float


"""
# Right on the wire, wrong in /openapi.json: (exercise, the one check that must fail, app).
DOCS_ONLY_WRONG = [
    # The rows converted by hand under the old annotation: the docs still say free-form objects.
    (
        "list-of-items",
        "openapi: GET /items 200",
        ITEM
        + ROWS
        + """
@app.get("/items")
def list_items() -> list[dict]:
    return [Item.model_validate(row).model_dump() for row in ROWS]
""",
    ),
    # A model with the private field, excluded from the body: the docs still show it.
    (
        "list-of-items",
        "openapi: GET /items 200",
        ITEM
        + ROWS
        + """
class Row(Item):
    supplier_cost: float


@app.get("/items", response_model=list[Row], response_model_exclude={"__all__": {"supplier_cost"}})
def list_items():
    return ROWS
""",
    ),
    # Headers set on a returned JSONResponse: the docs lose the items.
    (
        "injected-headers",
        "openapi: GET /items 200",
        """\
from fastapi import FastAPI
from fastapi.responses import JSONResponse

app = FastAPI()

ITEMS = [{"id": 1, "name": "pen"}, {"id": 2, "name": "pencil"}, {"id": 3, "name": "ruler"}]


@app.get("/items")
def list_items() -> JSONResponse:
    headers = {"X-Total-Count": str(len(ITEMS)), "Cache-Control": "max-age=60"}
    return JSONResponse(ITEMS, headers=headers)
""",
    ),
    # A return type on one route only: the list route still documents no shape.
    (
        "orjson-to-return-type",
        "openapi: GET /products 200",
        ITEM.replace("Item", "Product")
        + ROWS
        + """
@app.get("/products")
def list_products():
    return [Product.model_validate(row).model_dump() for row in ROWS]


@app.get("/products/{product_id}")
def read_product(product_id: int) -> Product:
    return ROWS[product_id - 1]
""",
    ),
]


@pytest.mark.parametrize(
    ("name", "check_name", "source"),
    DOCS_ONLY_WRONG,
    ids=["list-of-items-dicts", "list-of-items-row", "injected-headers", "orjson-to-return-type"],
)
def test_a_list_exercise_fails_only_on_its_documented_items(
    name, check_name, source, tmp_path, pool
):
    path = tmp_path / f"{name.replace('-', '_')}.py"
    path.write_text(source)
    verdict = check_path(name, path, pool=pool)
    assert verdict.error is None and verdict.message is None, verdict.error
    assert {c.name for c in verdict.failed} == {check_name}, [c.got for c in verdict.failed]
    (check,) = verdict.failed
    assert check.got.startswith("the documented 200 schema has "), check.got


@pytest.mark.parametrize("name", sorted({name for name, _, _ in DOCS_ONLY_WRONG}))
def test_the_shipped_solution_documents_its_items(name, pool):
    verdict = check_path(name, exercises_dir() / name / "solution.py", pool=pool)
    names = {check_name for n, check_name, _ in DOCS_ONLY_WRONG if n == name}
    checks = [c for c in verdict.checks if c.name in names]
    assert checks and all(c.passed for c in checks), [c.got for c in checks]
