"""Progress on disk: committed per answer, FRCLI_HOME, corrupt files, the overview, FSRS."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from fastapi_responses_cli.quiz import schedule
from fastapi_responses_cli.quiz.store import (
    CANNOT_CREATE,
    Store,
    db_path,
    progress_overview,
    progress_state,
    read_only_reason,
)

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def test_db_lives_under_frcli_home(tmp_path, monkeypatch):
    monkeypatch.setenv("FRCLI_HOME", str(tmp_path / "elsewhere"))
    assert db_path() == tmp_path / "elsewhere" / "progress.db"
    with Store() as store:
        store.record("response-models", "exclude-none", True, ["x"])
    assert (tmp_path / "elsewhere" / "progress.db").is_file()


def test_each_answer_is_committed_before_record_returns():
    store = Store()  # deliberately never closed before the second connection reads
    store.record("response-models", "exclude-none", False, ["wrong one"], now=T0)
    other = sqlite3.connect(db_path())
    rows = other.execute("SELECT topic, question, correct, chosen FROM answers").fetchall()
    assert rows == [("response-models", "exclude-none", 0, json.dumps(["wrong one"]))]
    cards = other.execute("SELECT topic, question FROM cards").fetchall()
    assert cards == [("response-models", "exclude-none")]
    other.close()
    store.close()


def _corrupt(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


@pytest.mark.parametrize(
    "data",
    [
        b"this is not a database at all, just some text" * 100,
        b"SQLite format 3\x00" + b"\xff" * 4080,  # right magic, garbage after it
    ],
    ids=["text", "bad-pages"],
)
def test_corrupt_db_is_moved_aside_with_one_line(data, capsys):
    path = db_path()
    _corrupt(path, data)
    with Store() as store:
        store.record("errors", "unknown-path-404", True, ["404"])
        assert len(store.history()) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert err.startswith("frcli: progress database ") and "started a fresh one" in err
    aside = [p for p in path.parent.iterdir() if p.name.startswith("progress.db.corrupt-")]
    assert len(aside) == 1 and aside[0].read_bytes() == data


def test_foreign_sqlite_file_is_moved_aside(capsys):
    path = db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE answers (something_else TEXT)")
    conn.commit()
    conn.close()
    with Store() as store:
        store.record("errors", "unknown-path-404", True, ["404"])
    assert "moved it to progress.db.corrupt-" in capsys.readouterr().err


def test_overview_without_a_db_creates_nothing():
    rows = progress_overview()
    assert not db_path().exists()
    topics = {r["topic"]: r for r in rows}
    assert "response-models" in topics
    assert topics["response-models"]["answered"] == 0
    assert topics["response-models"]["last_practised"] is None
    assert set(topics["response-models"]) >= {
        "topic",
        "answered",
        "correct",
        "last_practised",
        "due",
    }


def test_overview_counts_distinct_questions_latest_answer_and_due():
    with Store() as store:
        store.record("response-models", "exclude-none", False, ["a"], now=T0)
        store.record("response-models", "exclude-none", True, ["b"], now=T0 + timedelta(hours=1))
        store.record("response-models", "list-of-models", False, ["c"], now=T0)
        store.record("response-models", "no-longer-in-the-file", True, ["d"], now=T0)
        known = {"response-models": ("Response models", {"exclude-none", "list-of-models", "x"})}
        (row,) = store.overview(known, now=T0 + timedelta(days=1, minutes=30))
    assert row["questions"] == 3
    assert row["answered"] == 2  # distinct, and only questions still in the file
    assert row["correct"] == 1  # exclude-none: its latest answer was right
    assert row["attempts"] == 3
    assert row["last_practised"] == (T0 + timedelta(hours=1)).isoformat()
    assert (
        row["due"] == 1
    )  # list-of-models is due (wrong: back in a day); exclude-none, answered later, is not
    assert row["next_due"] is not None


def test_progress_overview_reads_the_shipped_topics():
    with Store() as store:
        store.record("response-models", "exclude-none", True, ["x"])
    topics = {r["topic"]: r for r in progress_overview()}
    assert topics["response-models"]["answered"] == 1
    assert topics["response-models"]["correct"] == 1
    assert topics["streaming"]["answered"] == 0


def test_progress_state_says_whether_an_answer_could_be_saved():
    assert progress_state()[1] is None and not db_path().exists()  # creates nothing
    with Store() as store:
        store.record("response-models", "exclude-none", True, ["x"])
        assert store.read_only is None and store.read_only_why is None
    rows, why = progress_state()
    assert why is None and rows == progress_overview()


def test_a_folder_that_cannot_be_created_is_read_only_for_store_and_progress(tmp_path, monkeypatch):
    # The permission cases run as another user in tests/faults/test_store.py; this one holds
    # for root too: a file stands where a folder would have to be made.
    in_the_way = tmp_path / "a-file"
    in_the_way.write_text("")
    monkeypatch.setenv("FRCLI_HOME", str(in_the_way / "home"))
    assert read_only_reason() == CANNOT_CREATE
    rows, why = progress_state()
    assert why == CANNOT_CREATE and rows == progress_overview()
    with Store() as store:
        assert store.read_only_why == CANNOT_CREATE
        assert store.read_only is not None and store.read_only.startswith("cannot create ")


def test_reset_forgets_everything():
    with Store() as store:
        store.record("response-models", "exclude-none", True, ["x"])
        assert store.reset() == 1
        assert store.history() == [] and store.schedule() == {}


def test_due_questions_most_overdue_first():
    with Store() as store:
        store.record("a", "right", True, [], now=T0)
        store.record("a", "wrong", False, [], now=T0)
        store.record("b", "wrong-later", False, [], now=T0 + timedelta(hours=3))
        assert store.due_questions(now=T0 + timedelta(minutes=9)) == []
        due = store.due_questions(now=T0 + timedelta(hours=4))  # the wrong ones, after the step
        assert [(d.topic, d.question) for d in due] == [("a", "wrong"), ("b", "wrong-later")]
        assert [d.question for d in store.due_questions(now=T0 + timedelta(days=5), topic="a")] == [
            "wrong",
            "right",
        ]


# -- the scheduler -----------------------------------------------------------------------------
def test_wrong_answer_comes_back_sooner_than_right():
    _, due_right = schedule.review(None, True, T0)
    _, due_wrong = schedule.review(None, False, T0)
    assert T0 < due_wrong < due_right


def test_a_miss_comes_back_after_one_step_of_minutes_new_card_or_known():
    card, due = schedule.review(None, False, T0)
    assert due - T0 == schedule.STEP == timedelta(minutes=10)
    card, due = schedule.review(card, True, due)  # right after the step: graduates
    assert due - T0 > timedelta(hours=20)
    card, due2 = schedule.review(card, True, due)
    card, lapse = schedule.review(card, False, due2)  # a known card forgotten: relearning
    assert lapse - due2 == schedule.STEP
    _, first_right = schedule.review(None, True, T0)  # never a step for a right answer
    assert first_right - T0 > timedelta(days=1)


def test_a_second_try_saves_the_answer_and_keeps_the_card():
    with Store() as store:
        due = store.record("t", "q", False, ["a"], now=T0)
        assert (
            store.record("t", "q", True, ["b"], now=T0 + timedelta(minutes=1), reschedule=False)
            is None
        )
        assert store.schedule()[("t", "q")] == due
        assert [r["correct"] for r in store.history()] == [False, True]
        assert store.missed() == []  # the latest answer is right


def test_missed_lists_questions_whose_latest_answer_is_wrong_oldest_miss_first():
    with Store() as store:
        store.record("t", "a", False, [], now=T0)
        store.record("t", "b", False, [], now=T0)
        store.record("u", "c", False, [], now=T0)
        store.record("t", "a", True, [], now=T0)
        store.record("t", "a", False, [], now=T0)
        store.record("t", "d", True, [], now=T0)
        assert store.missed() == [("t", "b"), ("u", "c"), ("t", "a")]
        assert store.missed(topic="u") == [("u", "c")]


def test_right_answers_stretch_the_interval_and_a_lapse_shrinks_it():
    card, due1 = schedule.review(None, True, T0)
    card, due2 = schedule.review(card, True, due1)
    card, due3 = schedule.review(card, True, due2)
    assert (due2 - due1) > (due1 - T0)
    assert (due3 - due2) > (due2 - due1)
    _, lapse = schedule.review(card, False, due3)
    assert (lapse - due3) < (due3 - due2)


def test_schedule_is_deterministic():
    assert schedule.review(None, True, T0) == schedule.review(None, True, T0)


def test_store_reschedules_from_the_saved_card():
    with Store() as store:
        first = store.record("t", "q", True, [], now=T0)
        second = store.record("t", "q", True, [], now=first)
        assert (second - first) > (first - T0)
        assert store.schedule()[("t", "q")] == second.replace(microsecond=0)
