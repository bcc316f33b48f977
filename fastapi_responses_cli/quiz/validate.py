"""`frcli quiz validate PATH...`: the authors' check, also run by CI on every shipped quiz.

Checks each file's schema, unique ids, exactly one right answer (or ``kind = "multi"``), text
that reads at 80 columns, and that every demo and example it points at exists. Problems print
as ``file: question id: field: problem``, one a line; any problem exits 1. Never a traceback.
"""

from __future__ import annotations

from pathlib import Path

from .model import Problem, QuizFile, check_references, parse_quiz

CODE_WIDTH = 76  # code lines are shown verbatim, indented by 4, so they must fit 80 columns
# questionary draws a choice as " » 1) text" and cuts it at the terminal's edge instead of
# wrapping: at 80 columns that leaves 74, and 72 keeps a margin. Backticks are not shown there.
CHOICE_WIDTH = 72


def _expand(paths: list[Path]) -> list[Path]:
    """The files to check: each ``*.toml`` directly in a folder given (or in the shipped
    quizzes folder), and every file given by name. A folder named ``x.toml`` or a FIFO is
    not followed here: checking it reports the problem."""
    from .. import catalog

    if not paths:
        return catalog.quiz_files()
    out: list[Path] = []
    for p in paths:
        out.extend(catalog.quiz_files(p) if p.is_dir() and p.suffix != ".toml" else [p])
    return out


def _layout(quiz: QuizFile, display: str) -> list[Problem]:
    from .session import blocks

    problems = []
    for q in quiz.questions:
        for field in ("question", "explanation"):
            for block in blocks(getattr(q, field)):
                if block.kind != "code":
                    continue
                for line in block.text.splitlines():
                    if len(line) > CODE_WIDTH:
                        problems.append(
                            Problem(
                                display,
                                q.id,
                                field,
                                f"code line is {len(line)} characters (at most {CODE_WIDTH}): "
                                f"{line.strip()[:30]!r}...",
                            )
                        )
        for field in ("right", "wrong"):
            for i, choice in enumerate(getattr(q, field), start=1):
                shown = len(choice.replace("`", ""))
                if shown > CHOICE_WIDTH:
                    problems.append(
                        Problem(
                            display,
                            q.id,
                            field,
                            f"item {i} is {shown} characters (at most {CHOICE_WIDTH}, "
                            "to fit one line at 80 columns)",
                        )
                    )
                if "\n" in choice:
                    problems.append(Problem(display, q.id, field, f"item {i}: one line only"))
    return problems


def check_file(path: Path, *, display: str | None = None) -> tuple[QuizFile | None, list[Problem]]:
    """Every problem in one quiz file, references included, each naming the file as
    ``display`` (default: the path as given)."""
    display = display or str(path)
    quiz, problems = parse_quiz(path, display=display, use_index=False)
    if quiz is None:
        return None, problems
    problems = _layout(quiz, display) + check_references(quiz, display=display)
    return (quiz if not problems else None), problems


def validate_paths(paths: list[Path], *, no_color: bool = False) -> int:
    """Plain lines (never wrapped, so each problem stays one greppable line)."""
    from ..errors import FrcliError

    files = _expand(list(paths))
    if not files:
        raise FrcliError("no quiz files to check", code=1)
    failed = 0
    for path in files:
        quiz, problems = check_file(path)
        if problems or quiz is None:
            failed += 1
            for p in problems:
                print(p)
        else:
            n = len(quiz.questions)
            facts = sum(q.claim == "fact" for q in quiz.questions)
            questions = f"{n} question{'s' * (n != 1)}"
            print(f"{path}: ok, {questions} ({facts} facts, {n - facts} advice)")
    if failed:
        print(f"{failed} of {len(files)} quiz files have problems")
        return 1
    return 0
