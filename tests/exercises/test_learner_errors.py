"""The learner's own mistakes: their error trimmed to their file with the line, one line from
frcli, a failed verdict; never a frcli traceback, and frcli itself never hangs."""

import textwrap
import time

import pytest

from fastapi_responses_cli.exercises.checker import check_path

GOOD_HEAD = "from fastapi import FastAPI\n\napp = FastAPI()\n"


def write(tmp_path, text, name="hide_password.py"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


def assert_learners_own(verdict, path, *, line):
    assert not verdict.passed and verdict.checks == []
    assert verdict.message and "\n" not in verdict.message
    assert f'File "{path}", line {line}' in verdict.error
    assert "fastapi_responses_cli" not in verdict.error  # no frame of frcli's


def test_syntax_error_shows_the_line_and_caret(tmp_path, pool):
    path = write(
        tmp_path,
        GOOD_HEAD + "\n@app.get('/users/{user_id}')\ndef read_user(user_id: int)\n    return {}\n",
    )
    verdict = check_path("hide-password", path, pool=pool)
    assert_learners_own(verdict, path, line=6)
    assert "def read_user(user_id: int)" in verdict.error and "^" in verdict.error
    assert verdict.message == "hide_password.py has a syntax error at line 6"


def test_import_error_points_at_the_import(tmp_path, pool):
    path = write(tmp_path, "import fastapi\nfrom pydantic import BaseModell\n")
    verdict = check_path("hide-password", path, pool=pool)
    assert_learners_own(verdict, path, line=2)
    assert "ImportError: cannot import name 'BaseModell'" in verdict.error
    assert "failed to import" in verdict.message


def test_exception_at_import_time_keeps_only_the_learners_frames(tmp_path, pool):
    path = write(tmp_path, GOOD_HEAD + "USERS = {1: 'a'}\nFIRST = USERS[2]\n")
    verdict = check_path("hide-password", path, pool=pool)
    assert_learners_own(verdict, path, line=5)
    assert "KeyError: 2" in verdict.error
    assert "raised KeyError while importing" in verdict.message


def test_missing_app_is_named(tmp_path, pool):
    path = write(tmp_path, "from fastapi import FastAPI\n\napplication = FastAPI()\n")
    verdict = check_path("hide-password", path, pool=pool)
    assert not verdict.passed and verdict.checks == []
    assert verdict.message == "hide_password.py has no `app`: define it, e.g. `app = FastAPI()`"


def test_app_that_is_not_an_app(tmp_path, pool):
    path = write(tmp_path, "app = 'FastAPI()'\n")
    verdict = check_path("hide-password", path, pool=pool)
    assert "is a str, not an ASGI app" in verdict.message


def test_startup_failure_shows_the_lifespan_error(tmp_path, pool):
    path = write(
        tmp_path,
        """\
        from contextlib import asynccontextmanager

        from fastapi import FastAPI


        @asynccontextmanager
        async def lifespan(app):
            raise RuntimeError("no database")
            yield


        app = FastAPI(lifespan=lifespan)
        """,
    )
    verdict = check_path("hide-password", path, pool=pool)
    assert not verdict.passed
    assert "did not start up" in verdict.message
    assert (
        f'File "{path}", line 8' in verdict.error and "RuntimeError: no database" in verdict.error
    )


def test_hang_in_a_handler_is_stopped_at_the_timeout_with_its_line(tmp_path, pool):
    path = write(
        tmp_path,
        GOOD_HEAD + "import time\n\n\n@app.get('/users/{user_id}')\ndef read_user(user_id: int):\n"
        "    time.sleep(60)\n",
    )
    child = pool.take()
    child.wait_ready(time.perf_counter() + 60)  # its imports are not the learner's time
    start = time.perf_counter()
    verdict = check_path("hide-password", path, child=child, timeout=2)
    took = time.perf_counter() - start
    # The 2 s limit, then at most 2 s for the hung process's stack dump: far from the 60 s.
    assert 2 <= took < 5, took
    assert not verdict.passed
    assert verdict.message == "hide_password.py did not answer GET /users/1 within 2 s"
    assert f'File "{path}", line 9, in read_user' in verdict.error
    assert "time.sleep(60)" in verdict.error


def test_hang_at_import_time_is_stopped_too(tmp_path, pool):
    path = write(tmp_path, "while True:\n    pass\n")
    verdict = check_path("hide-password", path, pool=pool, timeout=1.5)
    assert verdict.message == "hide_password.py did not import and start up within 1.5 s"
    assert f'File "{path}", line' in verdict.error


def test_a_process_that_dies_mid_request_is_reported(tmp_path, pool):
    path = write(
        tmp_path,
        GOOD_HEAD + "import os\n\n\n@app.get('/users/{user_id}')\ndef read_user(user_id: int):\n"
        "    os._exit(3)\n",
    )
    verdict = check_path("hide-password", path, pool=pool)
    assert not verdict.passed
    assert verdict.message == (
        "the process running hide_password.py ended during GET /users/1 (exit code 3)"
    )


def test_a_handler_exception_is_a_500_with_the_learners_traceback_in_the_log(tmp_path, pool):
    path = write(
        tmp_path,
        GOOD_HEAD + "\n\n@app.get('/users/{user_id}')\ndef read_user(user_id: int):\n"
        "    return {'id': 1} + 1\n",
    )
    verdict = check_path("hide-password", path, pool=pool)
    assert verdict.error is None  # the app ran: the checks judge the 500
    status = next(c for c in verdict.checks if c.name == "alice: status 200")
    assert status.got == "status 500 Internal Server Error"
    (ex,) = verdict.exchanges
    logged = "\n".join(e.message for e in ex.server_log)
    assert f'File "{path}", line 8, in read_user' in logged
    assert "TypeError" in logged and "fastapi_responses_cli" not in logged


def test_edits_and_their_imports_are_picked_up_each_check(tmp_path, pool):
    (tmp_path / "users.py").write_text("NAME = 'Bob'\n")
    path = write(
        tmp_path,
        GOOD_HEAD + "from users import NAME\n\n\n@app.get('/users/{user_id}')\n"
        "def read_user(user_id: int):\n    return {'id': 1, 'name': NAME}\n",
    )
    first = check_path("hide-password", path, pool=pool)
    assert '"name": "Bob"' in next(c.got for c in first.checks if "json_equals" in c.name)
    (tmp_path / "users.py").write_text("NAME = 'Carol'\n")
    second = check_path("hide-password", path, pool=pool)
    assert '"name": "Carol"' in next(c.got for c in second.checks if "json_equals" in c.name)


def test_prints_become_log_lines_and_do_not_break_the_protocol(tmp_path, pool):
    path = write(
        tmp_path,
        GOOD_HEAD + "print('importing')\n\n\n@app.get('/users/{user_id}')\n"
        "def read_user(user_id: int):\n    print('{\"ev\": \"done\"}')\n    return {'id': 1}\n",
    )
    verdict = check_path("hide-password", path, pool=pool)
    assert verdict.error is None
    assert [e.message for e in verdict.startup_log] == ["importing"]
    assert [e.message for e in verdict.exchanges[0].server_log] == ['{"ev": "done"}']


def test_missing_file(tmp_path):
    verdict = check_path("hide-password", tmp_path / "nope.py")
    assert not verdict.passed and "does not exist" in verdict.message


@pytest.mark.parametrize("target", ["mod:app", "pkg.mod:application", "x.py", "dir/x.py:app"])
def test_split_target(target):
    from fastapi_responses_cli.usercode import split_target

    where, attr = split_target(target)
    assert f"{where}:{attr}" == (target if ":" in target else target + ":app")


def test_load_app_target_in_process(tmp_path, monkeypatch):
    from fastapi_responses_cli.usercode import UserCodeError, load_app_target

    (tmp_path / "myapp.py").write_text(GOOD_HEAD + "other = FastAPI()\n")
    mine = [(tmp_path / "myapp.py").resolve()]
    loaded = load_app_target(str(tmp_path / "myapp.py"))
    assert loaded.app.__class__.__name__ == "FastAPI" and loaded.files == mine
    monkeypatch.chdir(tmp_path)
    app, files = load_app_target("myapp:other")
    assert app is not None and files == mine
    with pytest.raises(UserCodeError, match="has no `nothing`"):
        load_app_target(f"{tmp_path / 'myapp.py'}:nothing")
    with pytest.raises(UserCodeError, match="no module named 'nomodule_here'"):
        load_app_target("nomodule_here:app")
