"""Quiz progress on disk: one SQLite file in the user data directory.

``FRCLI_HOME`` moves it (tests set it per test). Every answer is committed the moment it is given,
so killing the process loses at most the question on screen. A file SQLite cannot read is moved
aside with a one-line message and a fresh database is started.

Light to import (sqlite3, json, tomllib): the welcome screen calls :func:`progress_overview`.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..errors import FrcliError

DB_NAME = "progress.db"
SCHEMA_VERSION = 1
SCHEMA = """
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
CREATE TABLE IF NOT EXISTS exercise_events (
    id INTEGER PRIMARY KEY,
    exercise TEXT NOT NULL,
    kind TEXT NOT NULL,            -- start, check, hint, solution, reset
    passed INTEGER,                -- a check's verdict (1 or 0); NULL for the other kinds
    detail TEXT NOT NULL,          -- JSON: the failed checks, the hint's number, ...
    at TEXT NOT NULL               -- ISO 8601, UTC
);
CREATE INDEX IF NOT EXISTS exercise_events_by_name ON exercise_events (exercise, id);
"""


def data_dir() -> Path:
    home = os.environ.get("FRCLI_HOME")
    if home:
        return Path(home).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("frcli", appauthor=False))


def db_path() -> Path:
    return data_dir() / DB_NAME


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(t: datetime) -> str:
    return t.astimezone(UTC).isoformat(timespec="seconds")


def _warn(message: str) -> None:
    print(f"frcli: {message}", file=sys.stderr)


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
        self.conn = self._open()

    # -- opening, and recovering from a corrupt file ---------------------------------------
    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise FrcliError(f"cannot create {self.path.parent} for progress: {exc}") from None
        try:
            return self._connect()
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and not self.path.exists():
                raise FrcliError(f"cannot open progress database {self.path}: {exc}") from None
            aside = self._move_aside()
            self._warn(
                f"progress database {self.path} was unreadable ({exc}); "
                f"moved it to {aside.name} and started a fresh one"
            )
            try:
                return self._connect()
            except sqlite3.DatabaseError as exc2:
                raise FrcliError(f"cannot open progress database {self.path}: {exc2}") from None

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=5.0)
        try:
            row = conn.execute("PRAGMA quick_check").fetchone()
            if not row or row[0] != "ok":
                raise sqlite3.DatabaseError(f"integrity check: {row[0] if row else 'no answer'}")
            with conn:
                conn.executescript(SCHEMA)
                conn.execute(
                    "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', ?)",
                    (str(SCHEMA_VERSION),),
                )
            # A file that is a database but not ours (or an older layout) fails here.
            conn.execute(
                "SELECT topic, question, correct, chosen, answered_at FROM answers LIMIT 0"
            )
            conn.execute("SELECT topic, question, card, due FROM cards LIMIT 0")
        except sqlite3.DatabaseError:
            conn.close()
            raise
        return conn

    def _move_aside(self) -> Path:
        stamp = _now().strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while aside.exists():
            n += 1
            aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
        os.replace(self.path, aside)
        for suffix in ("-wal", "-shm", "-journal"):
            side = self.path.with_name(self.path.name + suffix)
            if side.exists():
                side.unlink()
        return aside

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------------------
    def record(
        self,
        topic: str,
        question: str,
        correct: bool,
        chosen: list[str],
        now: datetime | None = None,
    ) -> datetime:
        """Save one answer and reschedule the question; committed before this returns.

        Returns when the question is due again.
        """
        from .schedule import review

        now = now or _now()
        row = self.conn.execute(
            "SELECT card FROM cards WHERE topic = ? AND question = ?", (topic, question)
        ).fetchone()
        card, due = review(row[0] if row else None, correct, now)
        with self.conn:  # one transaction: the answer and its card, or neither
            self.conn.execute(
                "INSERT INTO answers (topic, question, correct, chosen, answered_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (topic, question, int(correct), json.dumps(chosen), _iso(now)),
            )
            self.conn.execute(
                "INSERT INTO cards (topic, question, card, due) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (topic, question) DO UPDATE SET card = excluded.card, "
                "due = excluded.due",
                (topic, question, card, _iso(due)),
            )
        return due

    def reset(self) -> int:
        """Forget every answer and card. Returns how many answers were forgotten."""
        (n,) = self.conn.execute("SELECT count(*) FROM answers").fetchone()
        with self.conn:
            self.conn.execute("DELETE FROM answers")
            self.conn.execute("DELETE FROM cards")
            self.conn.execute("DELETE FROM exercise_events")
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
        with self.conn:
            self.conn.execute(
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
        """Every exercise event, oldest first: exercise, kind, passed, detail, at."""
        sql = "SELECT exercise, kind, passed, detail, at FROM exercise_events"
        args: tuple[str, ...] = ()
        if exercise is not None:
            sql, args = sql + " WHERE exercise = ?", (exercise,)
        return [
            {
                "exercise": e,
                "kind": k,
                "passed": None if p is None else bool(p),
                "detail": json.loads(d),
                "at": at,
            }
            for e, k, p, d, at in self.conn.execute(sql + " ORDER BY id", args)
        ]

    # -- reading ----------------------------------------------------------------------------
    def due_questions(self, now: datetime | None = None, topic: str | None = None) -> list[Due]:
        """Questions due for review now, most overdue first."""
        now = now or _now()
        sql = "SELECT topic, question, due FROM cards WHERE due <= ?"
        args: list[str] = [_iso(now)]
        if topic is not None:
            sql += " AND topic = ?"
            args.append(topic)
        rows = self.conn.execute(sql + " ORDER BY due, topic, question", args).fetchall()
        return [Due(t, q, datetime.fromisoformat(d)) for t, q, d in rows]

    def schedule(self, topic: str | None = None) -> dict[tuple[str, str], datetime]:
        sql = "SELECT topic, question, due FROM cards"
        args: tuple[str, ...] = ()
        if topic is not None:
            sql, args = sql + " WHERE topic = ?", (topic,)
        return {(t, q): datetime.fromisoformat(d) for t, q, d in self.conn.execute(sql, args)}

    def history(self, topic: str | None = None) -> list[dict]:
        sql, args = (
            "SELECT topic, question, correct, chosen, answered_at FROM answers",
            tuple[str, ...](),
        )
        if topic is not None:
            sql, args = sql + " WHERE topic = ?", (topic,)
        return [
            {
                "topic": t,
                "question": q,
                "correct": bool(c),
                "chosen": json.loads(ch),
                "answered_at": at,
            }
            for t, q, c, ch, at in self.conn.execute(sql + " ORDER BY id", args)
        ]

    def overview(
        self, known: dict[str, tuple[str, set[str]]], now: datetime | None = None
    ) -> list[dict]:
        """Per topic in ``known`` (topic -> (title, question ids)): the progress summary.

        Only questions still in the quiz files count, so removing a question never leaves
        a phantom "due" behind.
        """
        now_iso = _iso(now or _now())
        latest: dict[tuple[str, str], bool] = {}
        attempts: dict[str, int] = {}
        last: dict[str, str] = {}
        for t, q, c, at in self.conn.execute(
            "SELECT topic, question, correct, answered_at FROM answers ORDER BY id"
        ):
            if t not in known or q not in known[t][1]:
                continue
            latest[(t, q)] = bool(c)
            attempts[t] = attempts.get(t, 0) + 1
            last[t] = max(last.get(t, at), at)
        due: dict[str, int] = {}
        next_due: dict[str, str] = {}
        for t, q, d in self.conn.execute("SELECT topic, question, due FROM cards"):
            if t not in known or q not in known[t][1]:
                continue
            if d <= now_iso:
                due[t] = due.get(t, 0) + 1
            elif d < next_due.get(t, "9999"):
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
                    "last_practised": last.get(topic),
                    "due": due.get(topic, 0),
                    "next_due": next_due.get(topic),
                }
            )
        return out


def known_questions() -> dict[str, tuple[str, set[str]]]:
    """topic -> (title, question ids) from the shipped quiz files, read with tomllib only.

    In the files' ``order`` (the order a newcomer meets the topics), then by name.
    """
    from .. import catalog

    found: list[tuple[int, str, str, set[str]]] = []
    for topic, info in catalog.quiz_topics().items():
        try:
            data = tomllib.loads(info.path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
            continue
        ids = {
            q["id"]
            for q in data.get("questions", [])
            if isinstance(q, dict) and isinstance(q.get("id"), str)
        }
        order = data.get("order", 100)
        found.append((order if isinstance(order, int) else 100, topic, info.title, ids))
    return {topic: (title, ids) for _, topic, title, ids in sorted(found)}


def progress_overview(now: datetime | None = None) -> list[dict]:
    """Per quiz topic: topic, title, questions, answered, correct, attempts, last_practised,
    due (how many are due for review now) and next_due (ISO times, UTC, or None).

    ``answered`` counts distinct questions; ``correct`` those whose latest answer was right.
    Never creates the database: with no file yet, every count is zero.
    """
    known = known_questions()
    if not db_path().exists():
        return _empty_overview(known)
    with Store() as store:
        return store.overview(known, now)


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
