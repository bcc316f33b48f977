"""The quiz without a terminal: answers on stdin, plain text out.

Sessions run through Typer's runner in this process (``frcli``), stdin not a terminal, as when
piped; what needs a real process (Ctrl-C, a kill) starts one. tests/faults/ runs piped quizzes
in real processes against broken stores, odd encodings and closed pipes.
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from dataclasses import dataclass

from typer.testing import CliRunner

from fastapi_responses_cli.cli import app
from fastapi_responses_cli.quiz import session
from fastapi_responses_cli.quiz.model import load_topic
from fastapi_responses_cli.quiz.store import Store

TOPIC = "response-models"
NO_STYLE = ("NO_COLOR", "FORCE_COLOR")  # neither set: plain output must come from the pipe
SEED = 1


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def frcli(*args: str, stdin: str = "", env: dict[str, str | None] | None = None) -> Ran:
    """``frcli ARGS`` with ``stdin`` piped in; ``env`` adds (or, with None, removes) variables."""
    result = CliRunner().invoke(app, list(args), input=stdin, env=env)
    return Ran(result.exit_code, result.stdout, result.stderr)


def right_answer(asked: session.Asked) -> str:
    return " ".join(str(i + 1) for i in sorted(asked.right))


def wrong_answer(asked: session.Asked) -> str:
    return str(min(set(range(len(asked.choices))) - asked.right) + 1)


def test_piped_answers_all_right_no_escape_codes():
    asked = session.plan(load_topic(TOPIC), seed=SEED)
    stdin = "".join(right_answer(a) + "\n" for a in asked)
    proc = frcli("quiz", TOPIC, "--seed", str(SEED), stdin=stdin, env=dict.fromkeys(NO_STYLE))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "\x1b" not in out
    assert max(len(line) for line in out.splitlines()) <= 80
    assert all(line == line.rstrip() for line in out.splitlines() if not line.startswith("Answer"))
    assert out.count("Right.") == len(asked)
    assert f"{len(asked)} of {len(asked)} right (100%)" in out
    # Each question shows numbered choices in the planned (seeded) order.
    first = asked[0]
    assert f"Question 1 of {len(asked)}" in out
    assert f"1) {first.choices[0][:40]}" in out
    with Store() as store:
        assert len(store.history()) == len(asked)


def test_end_of_input_ends_with_the_score_so_far():
    asked = session.plan(load_topic(TOPIC), seed=SEED)
    stdin = f"{right_answer(asked[0])}\n{wrong_answer(asked[1])}\n"
    proc = frcli("quiz", TOPIC, "--seed", str(SEED), stdin=stdin)
    assert proc.returncode == 0
    out = proc.stdout
    assert f"End of input after 2 of {len(asked)} questions." in out
    assert "1 of 2 right (50%)" in out
    assert "Not quite." in out
    assert f"Question 3 of {len(asked)}" in out  # shown, then input ended
    progress = json.loads(frcli("progress", "--json").stdout)
    row = next(t for t in progress["topics"] if t["topic"] == TOPIC)
    assert (row["answered"], row["correct"]) == (2, 1)


def test_a_bad_line_is_explained_and_the_next_one_read():
    asked = session.plan(load_topic(TOPIC), seed=SEED, count=1)
    n = len(asked[0].choices)
    stdin = f"banana\n{n + 1}\n{right_answer(asked[0])}\n"
    proc = frcli("quiz", TOPIC, "--seed", str(SEED), "--count", "1", stdin=stdin)
    assert proc.returncode == 0
    assert "(not a number: 'banana')" in proc.stdout
    assert f"(choose from 1 to {n})" in proc.stdout
    assert "1 of 1 right" in proc.stdout


def test_unknown_topic_exits_2_with_one_line():
    proc = frcli("quiz", "respons-models")
    assert proc.returncode == 2
    assert proc.stdout == ""
    (line,) = proc.stderr.splitlines()
    assert line.startswith("frcli: error: unknown quiz topic 'respons-models'.")
    assert "Did you mean 'response-models'?" in line


def test_a_demo_name_asks_the_questions_whose_demo_it_is():
    from fastapi_responses_cli.quiz.model import load_all

    mine = sorted(
        (t, q.id) for t, quiz in load_all().items() for q in quiz.questions if q.demo == "sse"
    )
    assert mine and "sse" not in {t for t, _ in mine}  # not a topic: a demo's questions
    items = [(t, load_topic(t).get(qid)) for t, qid in mine]
    asked = session.plan(items, seed=2)
    stdin = "".join(right_answer(a) + "\n" for a in asked)
    proc = frcli("quiz", "sse", "--seed", "2", stdin=stdin)
    assert proc.returncode == 0, proc.stderr
    assert f"{len(asked)} of {len(asked)} right" in proc.stdout
    assert f"{asked[0].topic} · {asked[0].question.difficulty}" in proc.stdout  # topic shown
    with Store() as store:
        assert sorted((r["topic"], r["question"]) for r in store.history()) == mine


def test_unknown_names_are_searched_in_both_catalogues():
    demo = frcli("demo", "cors")
    assert demo.returncode == 2
    assert demo.stderr.strip() == (
        "frcli: error: unknown demo 'cors'. 'cors' is a quiz topic: frcli quiz cors "
        "(shown live by frcli demo head-options)"
    )
    near = frcli("demo", "corz")
    assert near.returncode == 2
    assert near.stderr.strip().endswith("Did you mean the quiz topic 'cors'? frcli quiz cors")
    quiz = frcli("quiz", "head-option")
    assert quiz.returncode == 2 and "Did you mean 'head-options'?" in quiz.stderr
    both = frcli("quiz", "--review", "--missed")
    assert both.returncode == 2 and "do not go together" in both.stderr


def difficulties(out: str) -> list[str]:
    """The level of each question shown, from its heading ("Question 2 of 9  medium ───")."""
    levels = ("easy", "medium", "hard")
    return [
        next(w for w in line.split() if w in levels)
        for line in out.splitlines()
        if line.startswith("Question ")
    ]


def test_a_session_ramps_from_easy_to_hard_unless_shuffled():
    order = ["easy", "medium", "hard"]
    asked = session.plan(load_topic(TOPIC), seed=4)
    proc = frcli("quiz", TOPIC, "--seed", "4", stdin="".join(right_answer(a) + "\n" for a in asked))
    shown = difficulties(proc.stdout)
    assert len(shown) == len(load_topic(TOPIC).questions)
    assert shown == sorted(shown, key=order.index) and len(set(shown)) == 3
    for seed in range(4):
        asked = session.plan(load_topic(TOPIC), seed=seed)
        levels = [a.question.difficulty for a in asked]
        assert levels == sorted(levels, key=order.index)
    shuffled = [
        [a.question.difficulty for a in session.plan(load_topic(TOPIC), seed=s, shuffle=True)]
        for s in range(6)
    ]
    assert any(levels != sorted(levels, key=order.index) for levels in shuffled)
    proc = frcli("quiz", TOPIC, "--seed", "4", "--shuffle", "-n", "1", stdin="")
    assert proc.returncode == 0
    first = session.plan(load_topic(TOPIC), seed=4, shuffle=True, count=1)[0]
    assert f"1) {first.choices[0][:40]}" in proc.stdout


def test_missed_questions_tell_how_to_try_them_again_and_missed_does_it():
    asked = session.plan(load_topic(TOPIC), seed=SEED, count=2)
    stdin = f"{wrong_answer(asked[0])}\n{right_answer(asked[1])}\n"
    proc = frcli("quiz", TOPIC, "--seed", str(SEED), "-n", "2", stdin=stdin)
    assert proc.returncode == 0
    assert f"Try the one you missed again: frcli quiz {TOPIC} --missed" in proc.stdout
    assert "Next review in 10 minutes: frcli quiz --review" in proc.stdout
    with Store() as store:
        before = store.schedule()
    again = session.plan([(TOPIC, asked[0].question)], seed=SEED)
    proc = frcli(
        "quiz", TOPIC, "--missed", "--seed", str(SEED), stdin=right_answer(again[0]) + "\n"
    )
    assert proc.returncode == 0, proc.stderr
    assert f"Again: the one you missed in '{TOPIC}'  practice: the schedule stays" in proc.stdout
    assert "1 of 1 right" in proc.stdout and "Try the" not in proc.stdout
    with Store() as store:
        assert store.schedule() == before  # practice: the relearning step stands
        assert len(store.history()) == 3
    proc = frcli("quiz", TOPIC, "--missed")
    assert proc.stdout.strip() == f"Nothing missed in '{TOPIC}': every latest answer is right."


def test_no_topic_without_a_terminal_lists_topics_and_exits_2():
    proc = frcli("quiz")
    assert proc.returncode == 2
    assert "response-models" in proc.stdout
    assert "give a topic" in proc.stderr


def interrupt_after_first_answer(sig: int) -> tuple[subprocess.Popen, bytes, bytes, list]:
    """Answer question 1, wait until question 2 asks for input, then send ``sig``."""
    asked = session.plan(load_topic(TOPIC), seed=SEED)
    proc = subprocess.Popen(
        [sys.executable, "-m", "fastapi_responses_cli", "quiz", TOPIC, "--seed", str(SEED)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        proc.stdin.write(f"{right_answer(asked[0])}\n".encode())
        proc.stdin.flush()
        seen = b""
        deadline = time.monotonic() + 30
        while b"Question 2 of" not in seen or not seen.rstrip().endswith(b":"):
            assert time.monotonic() < deadline, seen.decode()
            ready, _, _ = select.select([proc.stdout], [], [], 1)
            if ready:
                chunk = os.read(proc.stdout.fileno(), 65536)
                assert chunk, seen.decode()
                seen += chunk
        proc.send_signal(sig)  # while it waits for the second answer
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    return proc, seen + out, err, asked


def test_ctrl_c_mid_quiz_keeps_answers_and_exits_130():
    proc, out, err, asked = interrupt_after_first_answer(signal.SIGINT)
    assert proc.returncode == 130
    assert b"Traceback" not in err
    assert err.decode().strip() == "frcli: interrupted"
    assert b"Interrupted after 1 of" in out
    with Store() as store:
        assert [r["question"] for r in store.history()] == [asked[0].question.id]


def test_killed_process_loses_only_the_question_on_screen():
    proc, _, _, asked = interrupt_after_first_answer(signal.SIGKILL)
    assert proc.returncode == -signal.SIGKILL
    with Store() as store:
        assert [r["question"] for r in store.history()] == [asked[0].question.id]
        assert list(store.schedule()) == [(TOPIC, asked[0].question.id)]


def test_progress_table_json_and_reset():
    asked = session.plan(load_topic(TOPIC), seed=SEED, count=2)
    frcli("quiz", TOPIC, "--seed", str(SEED), stdin=f"{right_answer(asked[0])}\n")
    table = frcli("progress")
    assert table.returncode == 0
    line = next(line for line in table.stdout.splitlines() if line.startswith(TOPIC))
    total = len(load_topic(TOPIC).questions)
    assert f"1/{total}" in line
    assert "today" in line
    assert "Saved in" in table.stdout
    data = json.loads(frcli("progress", "--json").stdout)
    row = next(t for t in data["topics"] if t["topic"] == TOPIC)
    assert {"topic", "answered", "correct", "last_practised", "due"} <= set(row)
    assert row["answered"] == 1 and row["due"] == 0 and row["next_due"]
    reset = frcli("progress", "--reset", "--yes")  # no terminal: --yes says it is meant
    assert reset.returncode == 0 and "Progress forgotten (1 answer)." in reset.stdout
    data = json.loads(frcli("progress", "--json").stdout)
    assert all(t["answered"] == 0 for t in data["topics"])


def test_review_without_a_terminal():
    from datetime import UTC, datetime, timedelta

    with Store() as store:
        store.record(TOPIC, "exclude-none", False, ["x"], now=datetime.now(UTC) - timedelta(days=2))
    asked = session.plan_review(
        {TOPIC: load_topic(TOPIC)}, [(TOPIC, "exclude-none")], seed=3, order="ramp"
    )
    proc = frcli("quiz", "--review", "--seed", "3", stdin=right_answer(asked[0]) + "\n")
    assert proc.returncode == 0, proc.stderr
    assert "Review: 1 question due" in proc.stdout
    assert "1 of 1 right" in proc.stdout
