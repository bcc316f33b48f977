from pathlib import Path

import pytest

from fastapi_responses_cli.exercises.pool import ChildPool

HERE = Path(__file__).resolve().parent
SOLUTIONS = HERE / "solutions"


@pytest.fixture(scope="session")
def pool():
    """Warm child interpreters shared by a worker's tests: each check still gets a fresh one."""
    with ChildPool(size=1) as p:
        yield p
