"""No unexpected 5xx from any demo, by schemathesis over the served OpenAPI document.

The fuzzing itself is tests/serve/fuzz_openapi.py, run here in a pytest process of its own
(with the schemathesis and hypothesis plugins that the main run leaves out: see that file).
Its report, the routes excluded on purpose and the known bugs, is printed with this test's
output; any failure there fails this test with the child's own report.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


@pytest.mark.early
def test_schemathesis_finds_no_unexpected_server_error():
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    done = subprocess.run(
        [
            *(sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider"),
            *("-o", "addopts="),
            str(HERE / "fuzz_openapi.py"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=600,
        check=False,
    )
    report = done.stdout + done.stderr
    print(report[-3000:])
    assert done.returncode == 0, report[-6000:]
    summary = report.strip().splitlines()[-1]
    passed = re.search(r"(\d+) passed", summary)
    # The fuzzing phase is one test per operation: far more than the handful of checks.
    assert passed and int(passed.group(1)) > 50, summary
    assert "failed" not in summary and "error" not in summary, summary
    assert "schemathesis: excluded on purpose:" in report


# Bugs this fuzzer found, fixed in the demos; kept as regression tests.


def test_found_by_fuzzing_unknown_draft_is_a_404(client):
    assert client.get("/response-models/drafts/424242").status_code == 404
    assert client.patch("/response-models/drafts/424242", json={}).status_code == 404


def test_found_by_fuzzing_rows_is_bounded(client):
    # Documented with a maximum, and a huge value is refused before the handler runs.
    document = client.get("/openapi.json").json()
    rows = next(
        p for p in document["paths"]["/gzip/users"]["get"]["parameters"] if p["name"] == "rows"
    )
    assert rows["schema"]["maximum"] == 10_000
    assert client.get("/gzip/users", params={"rows": 10**9}).status_code == 422
