"""The pure parts of bench/detect_precision.py (Wilson interval, the precision
estimate, keys, the seeded sample, matching judgements) on invented text: no
real data, no dev set."""

from __future__ import annotations

import hashlib
import math
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.bench_scripts import load_bench_script

precision = load_bench_script("detect_precision")
scoring = sys.modules["detect_scoring"]
Key = precision.Key

TEXT = "Van: Anna de Vries\nAan: Bureau Woo\n\nBeste Piet,\nGroet, Karel\n"


def _span(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


ANNA, BUREAU, PIET, KAREL = (_span(w) for w in ("Anna de Vries", "Bureau Woo", "Piet", "Karel"))


def _key(span: tuple[int, int], record: str = "r1") -> Any:
    start, end = span
    return Key(precision.record_key(record), start, end, precision.digest(TEXT[start:end]))


# Wilson interval


def test_wilson_matches_the_published_value() -> None:
    low, high = precision.wilson(8, 10)
    assert low == pytest.approx(0.4902, abs=5e-5)
    assert high == pytest.approx(0.9433, abs=5e-5)


def test_wilson_at_zero_and_at_all() -> None:
    # For no successes the upper bound has the closed form z² / (n + z²).
    z2 = 1.959964**2
    assert precision.wilson(0, 10) == (0.0, pytest.approx(z2 / (10 + z2)))
    low, high = precision.wilson(10, 10)
    assert high == pytest.approx(1.0)
    assert low == pytest.approx(10 / (10 + z2))


def test_wilson_is_symmetric_and_holds_the_share() -> None:
    for k, n in [(3, 17), (154, 200), (1, 2)]:
        low, high = precision.wilson(k, n)
        mirror_low, mirror_high = precision.wilson(n - k, n)
        assert low == pytest.approx(1 - mirror_high)
        assert high == pytest.approx(1 - mirror_low)
        assert low < k / n < high


def test_wilson_narrows_with_more_trials() -> None:
    small = precision.wilson(77, 100)
    large = precision.wilson(770, 1000)
    assert large[1] - large[0] < small[1] - small[0]
    assert small[0] < large[0] and large[1] < small[1]


def test_wilson_without_trials_and_with_too_many_successes() -> None:
    assert precision.wilson(0, 0) == (0.0, 1.0)
    with pytest.raises(ValueError):
        precision.wilson(11, 10)


# The estimate


def test_estimate_between_the_scorer_and_the_upper_bound() -> None:
    correct, unlabelled, predicted = 915, 627, 1542
    scored = correct / predicted  # every unlabelled proposal wrong, as the scorer counts
    assert precision.estimate(correct, unlabelled, predicted, 0.0) == pytest.approx(scored)
    assert precision.estimate(correct, unlabelled, predicted, 1.0) == 1.0
    middle = precision.estimate(correct, unlabelled, predicted, 0.77)
    assert middle == pytest.approx((915 + 627 * 0.77) / 1542)
    assert scored < middle < 1.0


def test_estimate_keeps_wrong_labelled_proposals_wrong() -> None:
    # 10 proposals on another kind's label or a keep stay wrong at any share.
    assert precision.estimate(80, 10, 100, 1.0) == pytest.approx(0.9)


def test_estimate_refuses_impossible_counts() -> None:
    assert math.isnan(precision.estimate(0, 0, 0, 0.5))
    with pytest.raises(ValueError):
        precision.estimate(90, 20, 100, 0.5)


# Keys and the sample


def test_digest_and_record_key() -> None:
    assert precision.digest("abc") == hashlib.sha256(b"abc").hexdigest()[:12]
    assert precision.digest("abc") == "ba7816bf8f01"
    record = precision.record_key("uwv-woo/some-file.md#0")
    assert len(record) == 16 and "uwv" not in record
    assert record != precision.record_key("uwv-woo/some-file.md#1")


def test_key_of_names_the_span_without_its_text() -> None:
    record = scoring.Record(id="r1", text=TEXT, labels=())
    prediction = scoring.Prediction(*ANNA, "person", "redact", "sender of a mail")
    key = precision.key_of(record, prediction)
    assert key == Key(precision.record_key("r1"), *ANNA, precision.digest("Anna de Vries"))
    assert "Anna" not in repr(key)


def _keys(n: int) -> list[Any]:
    return [Key(precision.record_key(f"r{i % 7}"), i, i + 3, f"{i:012x}") for i in range(n)]


def test_draw_is_seeded_sized_and_a_subset() -> None:
    keys = _keys(50)
    sample = precision.draw(keys, 10)
    assert len(sample) == 10 and len(set(sample)) == 10
    assert set(sample) <= set(keys)
    assert precision.draw(reversed(keys), 10) == sample  # order of the pool is irrelevant
    assert precision.draw(keys, 10, seed=15) != sample
    assert precision.draw(keys, 100) == precision.draw(keys, 50)  # all, when fewer


def test_draw_is_stable_when_the_pool_grows_or_shrinks() -> None:
    keys = _keys(50)
    sample = precision.draw(keys, 10)
    # New proposals may take places, but the old ones keep their order: the
    # old keys still drawn are the first of the old sample.
    grown = precision.draw(_keys(200), 10)
    kept = [k for k in grown if k in set(keys)]
    assert len(kept) < 10 and kept == sample[: len(kept)]
    # A proposal that goes away leaves the rest of the sample as it was.
    dropped = sample[3]
    shrunk = precision.draw([k for k in keys if k != dropped], 10)
    assert shrunk[:9] == [k for k in sample if k != dropped]


# Judgements


def test_match_counts_fresh_keys_in_the_sample_only() -> None:
    texts = {precision.record_key("r1"): TEXT}
    anna, bureau, piet, karel = _key(ANNA), _key(BUREAU), _key(PIET), _key(KAREL)
    judgements = {
        anna: 1,
        bureau: 0,
        karel: 1,  # fresh, but not in the sample
        Key(anna.record, *PIET, "000000000000"): 1,  # the text there changed: stale
        Key(precision.record_key("gone"), 0, 4, "000000000000"): 1,  # the record is gone
    }
    judged = precision.match([anna, bureau, piet], judgements, texts)
    assert (judged.right, judged.counted) == (1, 2)
    assert judged.share == 0.5
    assert judged.stale == 2
    assert judged.outside == 1
    assert judged.unjudged == [piet]


def test_match_without_judgements_has_no_share() -> None:
    judged = precision.match([_key(ANNA)], {}, {precision.record_key("r1"): TEXT})
    assert judged.counted == 0 and math.isnan(judged.share)


def test_read_judgements(tmp_path: Path) -> None:
    path = tmp_path / "precision.tsv"
    path.write_text(
        "record\tstart\tend\tdigest\tjudgement\n"
        "0123456789abcdef\t5\t18\taaaaaaaaaaaa\t1\n"
        "0123456789abcdef\t24\t34\tbbbbbbbbbbbb\t0\n",
        encoding="utf-8",
    )
    assert precision.read_judgements(path) == {
        Key("0123456789abcdef", 5, 18, "aaaaaaaaaaaa"): 1,
        Key("0123456789abcdef", 24, 34, "bbbbbbbbbbbb"): 0,
    }
    assert precision.read_judgements(tmp_path / "absent.tsv") == {}
    path.write_text(
        "record\tstart\tend\tdigest\tjudgement\n0123456789abcdef\t5\t18\taaaaaaaaaaaa\t2\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError):
        precision.read_judgements(path)


# What is sampled, and what the judge sees


def test_person_unlabelled_follows_the_scorer() -> None:
    label = scoring.Label(*ANNA, "person", "redact")
    record = scoring.Record(id="r1", text=TEXT, labels=(label,))
    predictions = {
        "r1": [
            scoring.Prediction(*ANNA, "person", "redact"),  # on the label: correct
            scoring.Prediction(*PIET, "person", "review"),  # unlabelled: sampled
            scoring.Prediction(*KAREL, "person", "keep"),  # not a proposal
            scoring.Prediction(*BUREAU, "email", "redact"),  # another kind
        ]
    }
    scores = scoring.score([record], predictions)
    found = precision.person_unlabelled(scores)
    assert [(p.start, p.end) for _, p in found] == [PIET]
    person = scores.kinds["person"]
    assert (person.predicted, person.correct, person.unlabelled) == (2, 1, 1)


def test_context_marks_the_span_on_one_line() -> None:
    shown = precision.context(TEXT, *PIET, width=8)
    assert shown == "⏎⏎Beste [[Piet]],⏎Groet,"
    assert "\n" not in precision.context("a\tb\r\nc", 2, 3) and "\t" not in precision.context(
        "a\tb", 2, 3
    )


def test_skips_without_the_real_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(precision, "REAL", tmp_path / "absent")
    assert precision.main([]) == 0
    assert "skipped" in capsys.readouterr().out
    monkeypatch.setattr(precision, "REAL", tmp_path)
    assert precision.main(["--devset", str(tmp_path / "devset.jsonl")]) == 0
    assert "skipped" in capsys.readouterr().out
