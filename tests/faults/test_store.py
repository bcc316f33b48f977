"""The progress store under faults: damaged, locked, read-only, full, odd values, newer schema.

Each case runs the real CLI in a child process and asserts: the exit code, at most two lines on
stderr, no traceback, and every answer saved before the fault (or acknowledged during it) is
still in the database afterwards.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import (
    BUSY,
    QUIZ,
    answers,
    assert_quiet,
    claimed_saved,
    frcli,
    real_questions,
    seed_answers,
    unprivileged_user,
)


def digest(path: Path) -> str:
    """The file's hash, read by another process: closing a file this process opened would drop
    every POSIX lock it holds on it, the lock the holder's transaction depends on included."""
    out = subprocess.run(["sha256sum", str(path)], capture_output=True, text=True, check=True)
    return out.stdout.split()[0]


def db_of(home: Path) -> Path:
    return home / "progress.db"


# -- damaged: only what SQLite calls corrupt is moved aside ------------------------------------
def _truncated(db: Path) -> bytes:
    seed_answers(db, 40)
    data = db.read_bytes()
    db.unlink()
    return data[: len(data) // 2 + 100]


def _zeroed_schema(db: Path) -> bytes:
    seed_answers(db)
    data = bytearray(db.read_bytes())
    data[100:4096] = b"\x00" * (4096 - 100)  # page 1 after the header: the schema is gone
    db.unlink()
    return bytes(data)


DAMAGE = {
    "text": lambda db: b"this is not a database at all, just some text" * 100,
    "bad-pages": lambda db: b"SQLite format 3\x00" + b"\xff" * 4080,
    "truncated": _truncated,
    "zeroed-schema": _zeroed_schema,
}


@pytest.mark.parametrize("kind", DAMAGE)
def test_damaged_file_is_moved_aside_and_a_new_answer_is_kept(home, kind):
    db = db_of(home)
    data = DAMAGE[kind](db)
    db.write_bytes(data)
    proc = frcli([*QUIZ], home=home, stdin="1\n")
    (line,) = assert_quiet(proc, 0)
    assert line.startswith(f"frcli: progress database {db} was unreadable"), line
    assert "moved it to progress.db.corrupt-" in line
    (aside,) = home.glob("progress.db.corrupt-*")
    assert aside.read_bytes() == data
    assert len(answers(db)) == claimed_saved(proc.stdout) == 1


# -- locked: another process is writing ---------------------------------------------------------
@pytest.fixture
def holder(home):
    """Another process's write transaction, open (a journal on disk) while frcli runs."""
    db = db_of(home)
    seeded = seed_answers(db)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(
        "INSERT INTO answers (topic, question, correct, chosen, answered_at) "
        "VALUES ('response-models', 'theirs', 1, '[]', '2026-01-01T00:00:00+00:00')"
    )
    yield conn, seeded
    conn.close()


def test_busy_database_is_not_moved_aside_and_the_other_writer_commits(home, holder):
    conn, seeded = holder
    db = db_of(home)
    before = digest(db)
    journal = db.with_name("progress.db-journal")
    assert journal.exists()
    proc = frcli([*QUIZ], home=home, stdin="1\n")
    assert assert_quiet(proc, 1) == [BUSY]
    assert claimed_saved(proc.stdout) == 0
    assert digest(db) == before and journal.exists()
    assert not list(home.glob("progress.db.corrupt-*"))
    conn.execute("COMMIT")  # the other process's transaction was never disturbed
    assert [r[2] for r in answers(db)] == [r[2] for r in seeded] + ["theirs"]


def test_progress_reads_while_another_process_writes(home, holder):
    proc = frcli(["progress"], home=home)
    assert_quiet(proc, 0, max_lines=0)
    line = next(x for x in proc.stdout.splitlines() if x.startswith("response-models"))
    assert " 3/" in line


def test_exclusive_lock_waits_then_says_busy(home, holder):
    conn, seeded = holder
    conn.execute("COMMIT")
    conn.execute("BEGIN EXCLUSIVE")  # even readers wait now
    before = digest(db_of(home))
    proc = frcli(["progress"], home=home)
    assert assert_quiet(proc, 1) == [BUSY]
    assert digest(db_of(home)) == before
    conn.execute("ROLLBACK")
    assert len(answers(db_of(home))) == len(seeded) + 1


# -- read-only, permission denied: reads work, a write is refused in one line -------------------
def _file_read_only(home: Path, user: int | None) -> None:
    db = db_of(home)
    if user is not None:
        os.chown(db, user, user)
    db.chmod(0o444)


def _folder_read_only(home: Path, user: int | None) -> None:
    if user is not None:
        os.chown(db_of(home), user, user)
        os.chown(home, user, user)
    home.chmod(0o555)


def _both_read_only(home: Path, user: int | None) -> None:
    _file_read_only(home, user)
    home.chmod(0o555)


READ_ONLY = {"file": _file_read_only, "folder": _folder_read_only, "both": _both_read_only}


# What `frcli progress` says is why nothing can be saved, on its last line and in --json.
WHY = {"file": "read-only file", "folder": "read-only folder", "both": "read-only file and folder"}


WIDE = {"COLUMNS": "400"}  # the temporary home's path would fold the last line at 80


def last_line(stdout: str) -> str:
    return stdout.rstrip("\n").splitlines()[-1]


@pytest.mark.parametrize("where", READ_ONLY)
def test_read_only_progress_is_shown_and_an_answer_is_refused(home, where):
    user = unprivileged_user()
    db = db_of(home)
    seeded = seed_answers(db)
    READ_ONLY[where](home, user)
    before = digest(db)
    shown = frcli(["progress"], home=home, user=user, env=WIDE)
    assert_quiet(shown, 0, max_lines=1)
    assert " 3/" in next(x for x in shown.stdout.splitlines() if x.startswith("response-models"))
    assert last_line(shown.stdout) == (
        f"Saved in {db}, read-only ({WHY[where]}): new answers cannot be saved there"
    )
    as_json = frcli(["progress", "--json"], home=home, user=user)
    assert_quiet(as_json, 0, max_lines=1)
    data = json.loads(as_json.stdout)
    assert data["read_only"] == WHY[where]
    assert data["database"] == str(db) and {"topics", "exercises"} <= set(data)
    proc = frcli([*QUIZ], home=home, stdin="1\n", user=user)
    (line,) = assert_quiet(proc, 1)
    assert line.startswith("frcli: cannot save your answer: "), line
    assert claimed_saved(proc.stdout) == 0
    assert digest(db) == before and answers(db) == seeded
    assert not list(home.glob("progress.db.corrupt-*"))


def test_unreadable_file_is_one_line_not_moved(home):
    user = unprivileged_user()
    db = db_of(home)
    seeded = seed_answers(db)
    db.chmod(0o000)
    proc = frcli(["progress"], home=home, user=user)
    (line,) = assert_quiet(proc, 1)
    assert line.startswith(f"frcli: cannot read progress database {db}"), line
    db.chmod(0o644)
    assert answers(db) == seeded and not list(home.glob("progress.db.corrupt-*"))


def test_writable_progress_says_where_it_is_kept(home):
    user = unprivileged_user()
    db = db_of(home)
    seed_answers(db)
    if user is not None:
        os.chown(db, user, user)
    shown = frcli(["progress"], home=home, user=user, env=WIDE)
    assert_quiet(shown, 0, max_lines=0)
    assert last_line(shown.stdout) == f"Saved in {db}  (frcli progress --reset forgets it)"
    as_json = frcli(["progress", "--json"], home=home, user=user)
    assert_quiet(as_json, 0, max_lines=0)
    assert json.loads(as_json.stdout)["read_only"] is None


def test_read_only_folder_without_a_database_yet(home):
    user = unprivileged_user()
    home.chmod(0o555)
    shown = frcli(["progress"], home=home, user=user, env=WIDE)
    assert_quiet(shown, 0, max_lines=0)
    assert last_line(shown.stdout) == (
        f"Nothing answered yet, and answers cannot be saved in {db_of(home)} (read-only folder)"
    )
    as_json = frcli(["progress", "--json"], home=home, user=user)
    assert json.loads(as_json.stdout)["read_only"] == "read-only folder"
    assert not db_of(home).exists()


def test_folder_that_cannot_be_created(home):
    user = unprivileged_user()
    home.chmod(0o555)
    sub = home / "not-yet"
    shown = frcli(["progress"], home=sub, user=user, env=WIDE)
    assert_quiet(shown, 0, max_lines=0)
    assert last_line(shown.stdout) == (
        f"Nothing answered yet, and answers cannot be saved in {sub / 'progress.db'} "
        "(its folder cannot be created)"
    )
    as_json = frcli(["progress", "--json"], home=sub, user=user)
    assert json.loads(as_json.stdout)["read_only"] == "its folder cannot be created"
    proc = frcli([*QUIZ], home=sub, stdin="1\n", user=user)
    (line,) = assert_quiet(proc, 1)
    assert line.startswith(f"frcli: cannot save your answer: cannot create {sub}"), line


# -- a full disk and an I/O error in the middle of saving --------------------------------------
def _mount_works() -> str | None:
    if os.geteuid() != 0 or not shutil.which("unshare"):
        return "needs root and unshare for a private tmpfs"
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
        capture_output=True,
    )
    return None if probe.returncode == 0 else "cannot mount a private tmpfs here"


FULL_DISK = r"""
set -e
mount -t tmpfs -o size=256k tmpfs "$FRCLI_HOME"
cp "$SEEDED" "$FRCLI_HOME/progress.db"
dd if=/dev/zero of="$FRCLI_HOME/filler" bs=4k 2>/dev/null || true
set +e
"$@" < "$ANSWERS"
code=$?
cp "$FRCLI_HOME/progress.db" "$AFTER"
exit $code
"""


def test_disk_full_refuses_the_answer_in_one_line(home, tmp_path):
    reason = _mount_works()
    if reason:
        pytest.skip(reason)
    seeded_db = tmp_path / "seeded.db"
    seeded = seed_answers(seeded_db)
    (tmp_path / "answers").write_text("1\n")
    mnt = home / "mnt"
    mnt.mkdir()
    proc = subprocess.run(
        [
            "unshare",
            "-m",
            "sh",
            "-c",
            FULL_DISK,
            "sh",
            sys.executable,
            "-m",
            "fastapi_responses_cli",
            *QUIZ,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env={
            **os.environ,
            "FRCLI_HOME": str(mnt),
            "SEEDED": str(seeded_db),
            "ANSWERS": str(tmp_path / "answers"),
            "AFTER": str(tmp_path / "after.db"),
            "NO_COLOR": "1",
        },
    )
    (line,) = assert_quiet(proc, 1)
    assert line == "frcli: cannot save your answer: disk full", line
    assert claimed_saved(proc.stdout) == 0
    assert answers(tmp_path / "after.db") == seeded


def _file_size_limit(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_write_error_refuses_the_answer_in_one_line(home):
    db = db_of(home)
    seeded = seed_answers(db)
    proc = frcli([*QUIZ], home=home, stdin="1\n", preexec=_file_size_limit(600))
    (line,) = assert_quiet(proc, 1)
    assert line.startswith("frcli: cannot save your answer: "), line
    assert claimed_saved(proc.stdout) == 0
    assert answers(db) == seeded


# -- values a valid database should not hold --------------------------------------------------
BAD_VALUES = {
    "due-not-a-time": "UPDATE cards SET due = 'next tuesday' WHERE question = :q",
    "due-no-timezone": "UPDATE cards SET due = '2026-01-01T09:00:00' WHERE question = :q",
    "due-a-number": "UPDATE cards SET due = 1767258000 WHERE question = :q",
    # Due long ago, so `quiz --review` asks it and reschedules from the bad card.
    "card-not-json": "UPDATE cards SET card = '{not json', due = '2026-01-01T00:00:00+00:00' "
    "WHERE question = :q",
    "card-wrong-json": "UPDATE cards SET card = '[1, 2]', due = '2026-01-01T00:00:00+00:00' "
    "WHERE question = :q",
    "answered-at-not-a-time": "UPDATE answers SET answered_at = 'yesterday' WHERE question = :q",
    "answered-at-a-number": "UPDATE answers SET answered_at = 3.5 WHERE question = :q",
    "chosen-not-json": "UPDATE answers SET chosen = 'x' WHERE question = :q",
}


def _spoil(db: Path, sql: str) -> str:
    seed_answers(db)
    question = real_questions(1)[0]
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(sql, {"q": question})
    conn.close()
    return question


@pytest.mark.parametrize("kind", BAD_VALUES)
@pytest.mark.parametrize(
    "command", [["progress"], ["progress", "--json"], ["quiz", "--review", "-n", "1"], QUIZ]
)
def test_bad_values_are_skipped_with_one_warning(home, kind, command):
    db = db_of(home)
    _spoil(db, BAD_VALUES[kind])
    before = answers(db)
    proc = frcli(command, home=home, stdin="1\n")
    lines = assert_quiet(proc, 0, max_lines=1)
    assert all(line.startswith("frcli: warning: progress database ") for line in lines), lines
    if command == ["progress"]:
        assert " 3/" in next(x for x in proc.stdout.splitlines() if x.startswith("response-"))
    after = answers(db)
    assert after[: len(before)] == before  # nothing dropped
    assert len(after) == len(before) + claimed_saved(proc.stdout)


def test_welcome_with_bad_values(home):
    _spoil(db_of(home), BAD_VALUES["due-a-number"])
    proc = frcli([], home=home)
    assert_quiet(proc, 0, max_lines=1)


# -- schema versions -----------------------------------------------------------------------------
def test_newer_schema_is_refused_untouched(home):
    db = db_of(home)
    seed_answers(db)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 7")
    conn.close()
    before = digest(db)
    for command in (["progress"], QUIZ):
        proc = frcli(command, home=home, stdin="1\n")
        (line,) = assert_quiet(proc, 1)
        assert "newer frcli" in line and "schema version 7" in line, line
    assert digest(db) == before and not list(home.glob("progress.db.corrupt-*"))


def test_an_added_not_null_column_refuses_the_answer_keeps_the_rest(home):
    db = db_of(home)
    seeded = seed_answers(db)
    conn = sqlite3.connect(db)
    # A newer layout: answers gains a NOT NULL column without a default (SQLite's ALTER cannot
    # add one, so the table is rebuilt, as a newer frcli would), schema version left alone.
    conn.executescript(
        """
        ALTER TABLE answers RENAME TO old_answers;
        CREATE TABLE answers (
            id INTEGER PRIMARY KEY, topic TEXT NOT NULL, question TEXT NOT NULL,
            correct INTEGER NOT NULL, chosen TEXT NOT NULL, answered_at TEXT NOT NULL,
            device TEXT NOT NULL
        );
        INSERT INTO answers SELECT *, 'laptop' FROM old_answers;
        DROP TABLE old_answers;
        """
    )
    conn.close()
    proc = frcli([*QUIZ], home=home, stdin="1\n")
    (line,) = assert_quiet(proc, 1)
    assert line.startswith("frcli: cannot save your answer: "), line
    assert claimed_saved(proc.stdout) == 0
    assert [r[:6] for r in answers(db)] == seeded


def test_old_database_gets_a_schema_version_on_its_next_write(home):
    db = db_of(home)
    seeded = seed_answers(db)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 0")  # as frcli 0.1 left it
    conn.close()
    shown = frcli(["progress"], home=home)
    assert_quiet(shown, 0, max_lines=0)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone() == (0,)  # reading writes nothing
    conn.close()
    proc = frcli([*QUIZ], home=home, stdin="1\n")
    assert_quiet(proc, 0, max_lines=0)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] >= 1
    conn.close()
    assert answers(db)[: len(seeded)] == seeded and len(answers(db)) == len(seeded) + 1


# -- `frcli progress --reset` without a terminal -----------------------------------------------
def test_reset_without_a_terminal_needs_yes(home):
    db = db_of(home)
    seeded = seed_answers(db)
    proc = frcli(["progress", "--reset"], home=home)
    (line,) = assert_quiet(proc, 2)
    assert "--yes" in line
    assert answers(db) == seeded
    proc = frcli(["progress", "--reset", "--yes"], home=home)
    assert_quiet(proc, 0, max_lines=0)
    assert "Progress forgotten (3 answers)." in proc.stdout
    assert answers(db) == []
