"""Progress on disk: one SQLite file in the user data directory.

``FRCLI_HOME`` moves it (tests set it per test). Every answer is committed the moment it is given,
so killing the process loses at most the question on screen.

What can go wrong, and what the store does (each is one line on stderr, never a traceback):

- busy (another process is writing): wait ``FRCLI_BUSY_TIMEOUT`` seconds (default 5), then
  ``progress database is busy: another frcli is writing; try again``; the file is untouched.
- read-only file or folder, permission denied: reads work; a write is refused with
  ``cannot save your answer: <reason>`` before anything is asked (:meth:`Store.check_writable`);
  `frcli progress` says so on its last line and in ``read_only`` (:func:`progress_state`).
- disk full, I/O error, a constraint the file adds: the write is rolled back, same one line.
- a value that cannot be read (a ``due`` that is not a time, a card that is not JSON): that value
  is skipped or repaired, with one warning line; the other rows are used as they are.
- a file from a newer frcli (``PRAGMA user_version`` above :data:`SCHEMA_VERSION`): refused,
  untouched, with the version named.
- real corruption (SQLite says "not a database" or "malformed", or ``quick_check`` fails): the
  file, and its journal with it, is moved aside with a one-line message and a fresh one started.

Adding a table (exercise checks, hints taken, a learn-path position)
---------------------------------------------------------------------
1. Append ``(next_version, "CREATE TABLE ...;")`` to :data:`MIGRATIONS`. Never edit a published
   step: a database records the last step it ran in ``PRAGMA user_version``, and the steps after
   it run, in one transaction, just before its next write. (Two lanes adding the same version
   number is a merge conflict on purpose: renumber one.)
2. If "frcli progress --reset" should forget it, add the table's name to :data:`PROGRESS_TABLES`.
3. Add methods to :class:`Store` that go through the two paths, nothing else:
   ``self.read(sql, args)`` returns all rows (a table a not yet migrated file lacks reads as
   empty), and ``with self.write("save your exercise check") as conn: conn.execute(...)`` is one
   ``BEGIN IMMEDIATE`` transaction whose sqlite errors become the one-line messages above
   (``cannot save your exercise check: disk full``). For a value that does not parse, call
   ``self.bad_value("table.column", value)`` and skip or repair the row.

Light to import (sqlite3, json): the welcome screen calls :func:`progress_overview`.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import FrcliError, one_line
from ..home import data_dir

DB_NAME = "progress.db"

# (version, SQL). A database whose user_version is v has run every step up to v.
# Step 1 is the layout frcli 0.1 created without a user_version (IF NOT EXISTS: such a file
# takes step 1 as a no-op and is stamped version 1).
MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS answers (
    id INTEGER PRIMARY KEY,
    topic TEXT NOT NULL,
    question TEXT NOT NULL,
    correct INTEGER NOT NULL,
    chosen TEXT NOT NULL,          -- JSON list of the choice texts picked
    answered_at TEXT NOT NULL      -- ISO 8601, UTC
);
CREATE INDEX IF NOT EXISTS answers_by_question ON answers (topic, question, id);
CREATE TABLE IF NOT EXISTS cards (
    topic TEXT NOT NULL,
    question TEXT NOT NULL,
    card TEXT NOT NULL,            -- fsrs Card.to_dict() as JSON
    due TEXT NOT NULL,             -- ISO 8601, UTC: when to ask again
    PRIMARY KEY (topic, question)
);
""",
    ),
    (
        2,
        """
CREATE TABLE IF NOT EXISTS exercise_events (
    id INTEGER PRIMARY KEY,
    exercise TEXT NOT NULL,
    kind TEXT NOT NULL,            -- start, check, hint, solution, reset
    passed INTEGER,                -- a check's verdict (1 or 0); NULL for the other kinds
    detail TEXT NOT NULL,          -- JSON: the failed checks, the hint's number, ...
    at TEXT NOT NULL               -- ISO 8601, UTC
);
CREATE INDEX IF NOT EXISTS exercise_events_by_name ON exercise_events (exercise, id);
""",
    ),
    (
        3,
        """
CREATE TABLE IF NOT EXISTS path_parts (  -- frcli learn: the parts of the path done (curriculum.py)
    step TEXT NOT NULL,            -- a step name in exercises/path.toml
    part TEXT NOT NULL,            -- demo, quiz or exercise
    outcome TEXT NOT NULL,         -- done, or skipped
    done_at TEXT NOT NULL,         -- ISO 8601, UTC
    PRIMARY KEY (step, part)
);
""",
    ),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]

# What `frcli progress --reset` empties.
PROGRESS_TABLES: list[str] = ["answers", "cards", "exercise_events", "path_parts"]

BUSY_SECONDS = 5.0
BUSY_MESSAGE = "progress database is busy: another frcli is writing; try again"

# SQLite primary result codes (the low byte of sqlite3.Error.sqlite_errorcode).
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN = 3, 5, 6, 8, 10, 11, 13, 14
_AUTH, _NOTADB = 23, 26


class StoreError(FrcliError):
    """A progress problem, printed as ``frcli: <message>`` (no ``error:`` label)."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message, code, label=None)


def db_path() -> Path:
    return data_dir() / DB_NAME


# Why nothing can be saved in the progress database, in a few words (read_only_reason).
READ_ONLY_FILE = "read-only file"
READ_ONLY_FOLDER = "read-only folder"
READ_ONLY_BOTH = "read-only file and folder"
CANNOT_CREATE = "its folder cannot be created"


def read_only_reason(path: Path | None = None) -> str | None:
    """Why no answer could be saved in the progress database at ``path`` (default: the
    learner's), in a few words (:data:`READ_ONLY_FILE`, :data:`READ_ONLY_FOLDER`,
    :data:`READ_ONLY_BOTH`, :data:`CANNOT_CREATE`), or None when one could.

    Creates and opens nothing. A writable file in a read-only folder is read-only too: SQLite
    writes its journal beside the file. These are the checks :class:`Store` makes on opening.
    """
    path = path or db_path()
    folder = path.parent
    if path.exists():
        file_ok = os.access(path, os.W_OK)
        folder_ok = os.access(folder, os.W_OK)
        if file_ok and folder_ok:
            return None
        return READ_ONLY_FOLDER if file_ok else READ_ONLY_FILE if folder_ok else READ_ONLY_BOTH
    if folder.is_dir():
        return None if os.access(folder, os.W_OK) else READ_ONLY_FOLDER
    ancestor = folder.parent
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if ancestor.is_dir() and os.access(ancestor, os.W_OK | os.X_OK):
        return None
    return CANNOT_CREATE


def busy_seconds() -> float:
    try:
        value = float(os.environ.get("FRCLI_BUSY_TIMEOUT", BUSY_SECONDS))
    except ValueError:
        return BUSY_SECONDS
    return value if value >= 0 else BUSY_SECONDS


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(t: datetime) -> str:
    return t.astimezone(UTC).isoformat(timespec="seconds")


def _warn(message: str) -> None:
    print(f"frcli: {message}", file=sys.stderr)


def _code(exc: sqlite3.Error) -> int:
    return (getattr(exc, "sqlite_errorcode", None) or -1) & 0xFF


def is_corrupt(exc: sqlite3.Error) -> bool:
    """SQLite itself says the file is damaged (not merely busy, read-only or full)."""
    return _code(exc) in (_CORRUPT, _NOTADB)


def _reason(exc: BaseException) -> str:
    """A short, one-line reason for an sqlite or OS error."""
    if isinstance(exc, sqlite3.Error):
        code = _code(exc)
        if code == _FULL:
            return "disk full"
        if code == _READONLY:
            return "the database is read-only"
        if code in (_PERM, _AUTH):
            return "permission denied"
        if code == _IOERR:
            return f"I/O error ({exc})"
        if code == _CANTOPEN:
            return f"cannot open the file ({exc})"
        return str(exc)
    if isinstance(exc, OSError):
        return (exc.strerror or str(exc)).lower()
    return str(exc)


def parse_time(value: object) -> tuple[datetime | None, bool]:
    """A stored ISO time as aware UTC, and whether it needed repair (no time zone: UTC).

    (None, True) when it is not a time at all (a number, garbage, NULL).
    """
    if not isinstance(value, str):
        return None, True
    try:
        t = datetime.fromisoformat(value)
    except ValueError:
        return None, True
    if t.tzinfo is None:
        return t.replace(tzinfo=UTC), True
    return t.astimezone(UTC), False


@dataclass(frozen=True)
class Due:
    topic: str
    question: str
    due: datetime


class Store:
    """An open progress database. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: Path | None = None, *, warn: Callable[[str], None] = _warn) -> None:
        self.path = path or db_path()
        self._warn = warn
        self._warned = False
        # Why nothing can be written, or None. Reads still work. ``read_only`` is the reason
        # in the refusal's message; ``read_only_why`` the same in a few words (see
        # :func:`read_only_reason`), for `frcli progress`.
        self.read_only: str | None = None
        self.read_only_why: str | None = None
        self.version = 0
        self.conn = self._open()

    # -- opening, and recovering from a corrupt file ---------------------------------------
    def _open(self) -> sqlite3.Connection:
        folder = self.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            # Nothing saved can be there: read an empty database, refuse writes.
            self.read_only = f"cannot create {folder} ({_reason(exc)})"
            self.read_only_why = CANNOT_CREATE
            return self._memory()
        if not self.path.exists() and read_only_reason(self.path) is not None:
            self.read_only = f"{folder} is not writable"
            self.read_only_why = READ_ONLY_FOLDER
            return self._memory()
        try:
            return self._connect()
        except sqlite3.DatabaseError as exc:
            if not (is_corrupt(exc) or isinstance(exc, _Foreign)):
                raise self._failure(exc, "read your progress") from None
            aside = self._move_aside(exc)
            self._warn(
                f"progress database {self.path} was unreadable ({one_line(str(exc))}); "
                f"moved it to {aside.name} and started a fresh one"
            )
            try:
                return self._connect()
            except sqlite3.DatabaseError as exc2:
                raise self._failure(exc2, "read your progress") from None

    def _memory(self) -> sqlite3.Connection:
        conn = sqlite3.connect(":memory:", isolation_level=None)
        conn.executescript("".join(sql for _, sql in MIGRATIONS))
        self.version = SCHEMA_VERSION
        return conn

    def _connect(self) -> sqlite3.Connection:
        """Open and check the file without writing to it (migrations wait for a write)."""
        conn = sqlite3.connect(self.path, timeout=busy_seconds(), isolation_level=None)
        try:
            row = conn.execute("PRAGMA quick_check").fetchone()
            if not row or row[0] != "ok":
                raise _Malformed(f"integrity check: {row[0] if row else 'no answer'}")
            (self.version,) = conn.execute("PRAGMA user_version").fetchone()
            if self.version > SCHEMA_VERSION:
                raise StoreError(
                    f"progress database {self.path} is from a newer frcli (schema version "
                    f"{self.version}; this frcli knows up to {SCHEMA_VERSION}): upgrade frcli "
                    "to use it; the file was left as it is"
                )
            self._check_layout(conn)
        except BaseException:
            conn.close()
            raise
        self.read_only_why = read_only_reason(self.path)
        if self.read_only_why == READ_ONLY_FOLDER:
            self.read_only = f"{self.path.parent} is not writable"
        elif self.read_only_why is not None:
            self.read_only = f"{self.path} is read-only"
        return conn

    def _check_layout(self, conn: sqlite3.Connection) -> None:
        """A database that is not ours (same table names, other columns) is moved aside."""
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        try:
            if "answers" in tables:
                conn.execute(
                    "SELECT topic, question, correct, chosen, answered_at FROM answers LIMIT 0"
                )
            if "cards" in tables:
                conn.execute("SELECT topic, question, card, due FROM cards LIMIT 0")
        except sqlite3.OperationalError as exc:
            raise _Foreign(f"not a frcli progress database ({exc})") from None

    def _move_aside(self, exc: BaseException) -> Path:
        """Rename the damaged file (and its journal, so they stay a pair); never delete."""
        stamp = _now().strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while aside.exists():
            n += 1
            aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
        try:
            os.replace(self.path, aside)
            for suffix in ("-journal", "-wal", "-shm"):
                side = self.path.with_name(self.path.name + suffix)
                if side.exists():
                    os.replace(side, aside.with_name(aside.name + suffix))
        except OSError as err:
            raise StoreError(
                f"progress database {self.path} is damaged ({one_line(str(exc))}) and cannot be "
                f"moved aside ({_reason(err)}); move it away to start afresh"
            ) from None
        return aside

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the two paths every query takes ------------------------------------------------------
    def _failure(self, exc: sqlite3.Error, what: str) -> StoreError:
        """The one-line message for an sqlite error while trying to ``what``."""
        if _code(exc) in (_BUSY, _LOCKED):
            return StoreError(BUSY_MESSAGE)
        if what == "read your progress":
            return StoreError(f"cannot read progress database {self.path}: {_reason(exc)}")
        return StoreError(f"cannot {what}: {_reason(exc)}")

    def check_writable(self, what: str = "save your answer") -> None:
        """Raise the one-line error now if nothing could be saved (before asking anything)."""
        if self.read_only:
            raise StoreError(f"cannot {what}: {self.read_only}")

    @contextmanager
    def write(self, what: str = "save your answer") -> Iterator[sqlite3.Connection]:
        """One ``BEGIN IMMEDIATE`` transaction: committed when the block ends, rolled back if it
        raises. Pending migrations run first, in the same transaction. sqlite errors become
        one-line :class:`StoreError` messages (``cannot <what>: disk full``)."""
        self.check_writable(what)
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._failure(exc, what) from None
        try:
            self._migrate(conn)
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            if isinstance(exc, sqlite3.Error):
                raise self._failure(exc, what) from None
            raise

    def _migrate(self, conn: sqlite3.Connection) -> None:
        (version,) = conn.execute("PRAGMA user_version").fetchone()
        if version > SCHEMA_VERSION:  # a newer frcli wrote it since we opened it
            raise StoreError(
                f"progress database {self.path} is now from a newer frcli "
                f"(schema version {version}); nothing was saved"
            )
        for step, sql in MIGRATIONS:
            if step > version:
                # executescript would COMMIT first; run the statements one by one instead.
                for statement in _statements(sql):
                    conn.execute(statement)
        if version < SCHEMA_VERSION:
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION:d}")
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', ?)",
                (str(SCHEMA_VERSION),),
            )
        self.version = SCHEMA_VERSION

    def read(self, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """All rows of a query. A table that a not yet migrated file lacks reads as empty."""
        try:
            return self.conn.execute(sql, args).fetchall()
        except sqlite3.OperationalError as exc:
            if self.version < SCHEMA_VERSION and "no such table" in str(exc):
                return []
            raise self._failure(exc, "read your progress") from None
        except sqlite3.Error as exc:
            raise self._failure(exc, "read your progress") from None

    def bad_value(self, where: str, value: object) -> None:
        """Report a value that does not parse: one warning line per store, however many."""
        if self._warned:
            return
        self._warned = True
        shown = one_line(repr(value))
        if len(shown) > 40:
            shown = shown[:37] + "..."
        self._warn(
            f"warning: progress database {self.path} has values frcli cannot read ({where} = "
            f"{shown}); skipping or repairing them, the other answers are kept"
        )

    def _time(self, where: str, value: object) -> datetime | None:
        t, repaired = parse_time(value)
        if repaired:
            self.bad_value(where, value)
        return t

    # -- writing ----------------------------------------------------------------------------
    def record(
        self,
        topic: str,
        question: str,
        correct: bool,
        chosen: list[str],
        now: datetime | None = None,
        *,
        reschedule: bool = True,
    ) -> datetime | None:
        """Save one answer and reschedule the question; committed before this returns.

        Returns when the question is due again. With ``reschedule=False`` (a second try right
        after seeing the answer) only the answer is saved and the card is left as it was;
        returns None then.
        """
        from .schedule import review

        now = now or _now()
        answer = (
            "INSERT INTO answers (topic, question, correct, chosen, answered_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (topic, question, int(correct), json.dumps(chosen), _iso(now)),
        )
        if not reschedule:
            with self.write() as conn:
                conn.execute(*answer)
            return None
        with self.write() as conn:  # one transaction: the answer and its card, or neither
            row = conn.execute(
                "SELECT card FROM cards WHERE topic = ? AND question = ?", (topic, question)
            ).fetchone()
            try:
                card, due = review(row[0] if row else None, correct, now)
            except (ValueError, TypeError, KeyError, AttributeError):
                self.bad_value("cards.card", row[0] if row else None)
                card, due = review(None, correct, now)  # a fresh card replaces the bad one
            conn.execute(*answer)
            conn.execute(
                "INSERT INTO cards (topic, question, card, due) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (topic, question) DO UPDATE SET card = excluded.card, "
                "due = excluded.due",
                (topic, question, card, _iso(due)),
            )
        return due

    def reset(self) -> int:
        """Forget every answer and card. Returns how many answers were forgotten."""
        ((n,),) = self.read("SELECT count(*) FROM answers") or [(0,)]
        with self.write("forget your progress") as conn:
            for table in PROGRESS_TABLES:
                conn.execute(f'DELETE FROM "{table}"')
        return n

    # -- exercises ---------------------------------------------------------------------------
    def record_exercise(
        self,
        exercise: str,
        kind: str,
        *,
        passed: bool | None = None,
        detail: dict | None = None,
        now: datetime | None = None,
    ) -> None:
        """Save one exercise event (a check's verdict, a hint taken, ...); committed at once."""
        with self.write(f"save your exercise {kind}") as conn:
            conn.execute(
                "INSERT INTO exercise_events (exercise, kind, passed, detail, at) "
                "VALUES (?, ?, ?, ?, ?)",
                (
                    exercise,
                    kind,
                    None if passed is None else int(passed),
                    json.dumps(detail or {}),
                    _iso(now or _now()),
                ),
            )

    def exercise_events(self, exercise: str | None = None) -> list[dict]:
        """Every exercise event, oldest first: exercise, kind, passed, detail, at.
        A detail that is not JSON reads as {} (with the one warning)."""
        sql = "SELECT exercise, kind, passed, detail, at FROM exercise_events"
        args: tuple[str, ...] = ()
        if exercise is not None:
            sql, args = sql + " WHERE exercise = ?", (exercise,)
        out = []
        for e, k, p, d, at in self.read(sql + " ORDER BY id", args):
            try:
                detail = json.loads(d)
            except (TypeError, ValueError):
                self.bad_value("exercise_events.detail", d)
                detail = {}
            out.append(
                {
                    "exercise": e,
                    "kind": k,
                    "passed": None if p is None else bool(p),
                    "detail": detail if isinstance(detail, dict) else {},
                    "at": at,
                }
            )
        return out

    # -- the learning path (frcli learn) ----------------------------------------------------
    def mark_path(self, step: str, part: str, outcome: str = "done") -> None:
        """One part of a path step is done (or skipped); committed before this returns."""
        with self.write("save your place on the path") as conn:
            conn.execute(
                "INSERT INTO path_parts (step, part, outcome, done_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (step, part) DO UPDATE SET outcome = excluded.outcome, "
                "done_at = excluded.done_at",
                (step, part, outcome, _iso(_now())),
            )

    def path_outcomes(self) -> dict[tuple[str, str], str]:
        """(step, part) -> "done" or "skipped", for every part of the path the learner left."""
        rows = self.read("SELECT step, part, outcome FROM path_parts")
        return {(str(s), str(p)): str(o) for s, p, o in rows}

    def path_done(self) -> set[tuple[str, str]]:
        """The (step, part) pairs done or skipped."""
        return set(self.path_outcomes())

    def reset_path(self) -> int:
        """Start the path over (quiz answers are kept). Returns how many parts were forgotten."""
        ((n,),) = self.read("SELECT count(*) FROM path_parts") or [(0,)]
        with self.write("start the path over") as conn:
            conn.execute("DELETE FROM path_parts")
        return n

    # -- reading ----------------------------------------------------------------------------
    def _cards(self, topic: str | None) -> list[tuple[str, str, datetime]]:
        """Every card's (topic, question, due); a due that is not a time means due now."""
        sql = "SELECT topic, question, due FROM cards"
        args: tuple[str, ...] = ()
        if topic is not None:
            sql, args = sql + " WHERE topic = ?", (topic,)
        out = []
        for t, q, d in self.read(sql, args):
            due = self._time("cards.due", d)
            out.append((t, q, due if due is not None else datetime.min.replace(tzinfo=UTC)))
        return out

    def due_questions(self, now: datetime | None = None, topic: str | None = None) -> list[Due]:
        """Questions due for review now, most overdue first."""
        now = now or _now()
        due = [Due(t, q, d) for t, q, d in self._cards(topic) if d <= now]
        return sorted(due, key=lambda d: (d.due, str(d.topic), str(d.question)))

    def missed(self, topic: str | None = None) -> list[tuple[str, str]]:
        """``(topic, question)`` whose latest answer was wrong, oldest miss first."""
        latest: dict[tuple[str, str], bool] = {}
        for t, q, c in self.read("SELECT topic, question, correct FROM answers ORDER BY id"):
            if topic is None or t == topic:
                latest.pop((t, q), None)  # re-insert: the order is that of the latest answer
                latest[(t, q)] = bool(c)
        return [key for key, ok in latest.items() if not ok]

    def schedule(self, topic: str | None = None) -> dict[tuple[str, str], datetime]:
        return {(t, q): d for t, q, d in self._cards(topic)}

    def history(self, topic: str | None = None) -> list[dict]:
        sql = "SELECT topic, question, correct, chosen, answered_at FROM answers"
        args: tuple[str, ...] = ()
        if topic is not None:
            sql, args = sql + " WHERE topic = ?", (topic,)
        out = []
        for t, q, c, ch, at in self.read(sql + " ORDER BY id", args):
            try:
                chosen = json.loads(ch)
            except (TypeError, ValueError):
                self.bad_value("answers.chosen", ch)
                chosen = []
            when, _ = parse_time(at)
            if when is None:
                self.bad_value("answers.answered_at", at)
            out.append(
                {
                    "topic": t,
                    "question": q,
                    "correct": bool(c),
                    "chosen": chosen,
                    "answered_at": _iso(when) if when else None,
                }
            )
        return out

    def overview(
        self, known: dict[str, tuple[str, set[str]]], now: datetime | None = None
    ) -> list[dict]:
        """Per topic in ``known`` (topic -> (title, question ids)): the progress summary.

        Only questions still in the quiz files count, so removing a question never leaves
        a phantom "due" behind.
        """
        now = now or _now()
        latest: dict[tuple[str, str], bool] = {}
        attempts: dict[str, int] = {}
        last: dict[str, datetime] = {}
        for t, q, c, at in self.read(
            "SELECT topic, question, correct, answered_at FROM answers ORDER BY id"
        ):
            if t not in known or q not in known[t][1]:
                continue
            latest[(t, q)] = bool(c)
            attempts[t] = attempts.get(t, 0) + 1
            when = self._time("answers.answered_at", at)
            if when is not None and (t not in last or when > last[t]):
                last[t] = when
        due: dict[str, int] = {}
        next_due: dict[str, datetime] = {}
        for t, q, d in self._cards(None):
            if t not in known or q not in known[t][1]:
                continue
            if d <= now:
                due[t] = due.get(t, 0) + 1
            elif t not in next_due or d < next_due[t]:
                next_due[t] = d
        out = []
        for topic, (title, ids) in known.items():
            answered = [ok for (t, _), ok in latest.items() if t == topic]
            out.append(
                {
                    "topic": topic,
                    "title": title,
                    "questions": len(ids),
                    "answered": len(answered),
                    "correct": sum(answered),
                    "attempts": attempts.get(topic, 0),
                    "last_practised": _iso(last[topic]) if topic in last else None,
                    "due": due.get(topic, 0),
                    "next_due": _iso(next_due[topic]) if topic in next_due else None,
                }
            )
        return out


class _Malformed(sqlite3.DatabaseError):
    """quick_check found damage."""

    sqlite_errorcode = _CORRUPT


class _Foreign(sqlite3.DatabaseError):
    """An SQLite file with our table names but another layout."""


def _statements(script: str) -> Iterator[str]:
    """The statements of a migration script, for running them inside an open transaction."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer.strip()
            buffer = ""
    if buffer.strip():
        yield buffer.strip()


def known_questions() -> dict[str, tuple[str, set[str]]]:
    """topic -> (title, question ids), from the quiz index (each file parsed once per process).

    In the files' ``order`` (the order a newcomer meets the topics), then by name.
    """
    from .. import catalog

    return {t.topic: (t.title, set(t.question_ids)) for t in catalog.quiz_topics().values()}


@contextmanager
def reading_store(store: Store | None = None) -> Iterator[Store | None]:
    """``store`` itself when a command has one open already; else the learner's store, open
    for the block, or None when there is no file yet (reading never creates it). A command
    that reads several things opens it once with this and hands it to each reader."""
    if store is not None:
        yield store
    elif not db_path().exists():
        yield None
    else:
        with Store() as opened:
            yield opened


def progress_overview(now: datetime | None = None, store: Store | None = None) -> list[dict]:
    """Per quiz topic: topic, title, questions, answered, correct, attempts, last_practised,
    due (how many are due for review now) and next_due (ISO times, UTC, or None).

    ``answered`` counts distinct questions; ``correct`` those whose latest answer was right.
    Never creates the database: with no file yet, every count is zero. ``store``: the one
    the command has open (:func:`reading_store`).
    """
    return progress_state(now, store)[0]


def progress_state(
    now: datetime | None = None, store: Store | None = None
) -> tuple[list[dict], str | None]:
    """:func:`progress_overview`'s rows, and why no new answer could be saved
    (:func:`read_only_reason`), or None when one could. Never creates the database."""
    known = known_questions()
    with reading_store(store) as opened:
        if opened is None:
            return _empty_overview(known), read_only_reason()
        return opened.overview(known, now), opened.read_only_why


def _empty_overview(known: dict[str, tuple[str, set[str]]]) -> list[dict]:
    return [
        {
            "topic": topic,
            "title": title,
            "questions": len(ids),
            "answered": 0,
            "correct": 0,
            "attempts": 0,
            "last_practised": None,
            "due": 0,
            "next_due": None,
        }
        for topic, (title, ids) in known.items()
    ]
