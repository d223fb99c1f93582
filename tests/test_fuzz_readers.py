"""Mutated files of every type either parse or raise InputError: never another
exception, never past a time limit.

The seeds and mutators are those of ``bench/fuzz.py`` (in ``tests/fuzzing.py``);
Hypothesis draws the index of the mutant, so a failure names an input that
``mutant(family, SEED, index)`` builds again.  The budget here is small (the
whole file takes some seconds); long runs and large inputs are ``bench/fuzz.py``'s job.
"""

from __future__ import annotations

import random
import time

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.fuzzing import (
    FAMILIES,
    ImageMode,
    Seed,
    image_mode,
    mutant,
    mutate,
    options_for,
    run_one,
    seeds,
)

SEED = 20240101
LIMIT = 10.0  # seconds per input: generous, the suite's machine may be busy
# Larger mutants (a few in a hundred: huge lines, repeated blocks) are left to
# bench/fuzz.py: a megabyte of text takes seconds to parse.
MAX_BYTES = 200_000
INDEXES = st.integers(min_value=0, max_value=2**32 - 1)


def _check(family: str, index: int, mode: ImageMode = "never") -> None:
    sample = mutant(family, SEED, index)
    assume(len(sample.data) <= MAX_BYTES)
    outcome = run_one(sample, options_for(sample, mode), LIMIT, stub_ocr=mode == "stub")
    assert outcome.kind in ("ok", "expected"), (
        f"mutant({family!r}, {SEED}, {index}) named {sample.name!r} "
        f"({len(sample.data)} bytes, OCR {mode}): {outcome.describe()}"
    )


@settings(max_examples=150, deadline=None, derandomize=True)
@given(INDEXES)
def test_mutated_text_files_parse_or_raise_input_error(index: int) -> None:
    _check("text", index)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(INDEXES)
def test_mutated_pdfs_parse_or_raise_input_error(index: int) -> None:
    _check("pdf", index)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(INDEXES)
def test_mutated_mails_parse_or_raise_input_error(index: int) -> None:
    _check("mail", index)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(INDEXES)
def test_mutated_office_files_parse_or_raise_input_error(index: int) -> None:
    _check("office", index)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(INDEXES)
def test_mutated_images_parse_or_raise_input_error(index: int) -> None:
    # A tenth are decoded and searched for boxes (OCR stubbed: Tesseract is slow).
    _check("image", index, image_mode("image", SEED, index, stub_share=0.1))


@pytest.mark.parametrize("family", FAMILIES)
def test_seeds_parse_and_mutants_are_reproducible(family: str) -> None:
    pool = seeds(family)
    assert pool and seeds(family) == pool  # built once, the same bytes every time
    for seed in pool:
        outcome = run_one(seed, options_for(seed), LIMIT)
        assert outcome.kind in ("ok", "expected"), f"{seed.name}: {outcome.describe()}"
    assert mutant(family, 1, 7) == mutant(family, 1, 7)
    first = [mutate(random.Random(3), family) for _ in range(5)]
    assert first == [mutate(random.Random(3), family) for _ in range(5)]
    assert any(m.data not in {s.data for s in pool} for m in first)


def test_a_crash_and_a_timeout_are_told_apart_from_input_errors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The check is not vacuous: an exception other than InputError, or an input
    # past its time limit, fails it.
    text = Seed("x.txt", b"Tekst")
    assert run_one(text, options_for(text), LIMIT).kind == "ok"
    assert run_one(Seed("x.txt", b""), options_for(text), LIMIT).kind == "expected"

    def broken(*args: object) -> None:
        raise ValueError("a bug")

    monkeypatch.setattr("tests.fuzzing.parse_raw", broken)
    crash = run_one(text, options_for(text), LIMIT)
    assert crash.kind == "crash" and crash.error_type == "ValueError"
    monkeypatch.setattr("tests.fuzzing.parse_raw", lambda *args: time.sleep(5))
    assert run_one(text, options_for(text), 0.2).kind == "timeout"
