"""Unknown names: a close spelling first, else a prefix or substring of a known name."""

from __future__ import annotations

import difflib

import pytest

from fastapi_responses_cli import catalog
from fastapi_responses_cli.errors import UnknownName


@pytest.mark.parametrize(
    ("typed", "meant"), [("opt", "head-options"), ("back", "background-tasks"), ("cook", None)]
)
def test_a_prefix_or_substring_is_suggested_when_no_spelling_is_close(typed, meant):
    known = list(catalog.demos())
    if meant is None:
        meant = next(k for k in known if typed in k)
    # Too short for difflib: only the substring fallback can find it.
    assert difflib.get_close_matches(typed, known, n=1, cutoff=0.5) == []
    error = UnknownName("demo", typed, known)
    assert error.suggestion == meant
    assert f"Did you mean '{meant}'?" in error.message


def test_no_suggestion_when_nothing_is_near():
    error = UnknownName("demo", "zzz", list(catalog.demos()))
    assert error.suggestion is None
    assert "Did you mean" not in error.message
