"""The metrics of bench/relevance.py (nDCG@10, recall@10, the no-result rate) on
tiny invented rankings: no real data, no BM25 environment."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from tests.bench_scripts import load_bench_script

relevance = load_bench_script("relevance")
ndcg = relevance.ndcg
recall = relevance.recall
unjudged = relevance.unjudged
zero_result_rate = relevance.zero_result_rate
to_pool = relevance.to_pool
Need = relevance.Need
document_key = relevance.document_key
with_paths = relevance.with_paths

GRADES = {"a": 2, "b": 1, "c": 0}


def _dcg(*gains: float) -> float:
    return sum(g / math.log2(i + 2) for i, g in enumerate(gains))


def test_ideal_ranking_scores_one() -> None:
    assert ndcg(["a", "b", "c"], GRADES) == 1.0
    assert ndcg(["a", "b"], GRADES) == 1.0  # a grade-0 file adds nothing to the ideal


def test_order_matters() -> None:
    assert ndcg(["b", "a"], GRADES) == _dcg(1, 3) / _dcg(3, 1)


def test_repeat_of_a_file_gains_nothing() -> None:
    # The second hit on "a" is a wasted place, and it pushes "b" down one.
    assert ndcg(["a", "a", "b"], GRADES) == _dcg(3, 0, 1) / _dcg(3, 1)
    assert ndcg(["a", "a", "b"], GRADES) < ndcg(["a", "b"], GRADES)


def test_unjudged_counts_as_not_relevant_and_is_counted() -> None:
    ranking = ["x", "a", "y", "x", "b"]
    assert ndcg(ranking, GRADES) == _dcg(0, 3, 0, 0, 1) / _dcg(3, 1)
    assert unjudged(ranking, GRADES) == 2  # distinct files: "x" once


def test_only_the_first_ten_count() -> None:
    late = [f"x{i}" for i in range(10)] + ["a", "b"]
    assert ndcg(late, GRADES) == 0.0
    assert recall(late, GRADES) == 0.0


def test_ideal_is_from_every_judged_document() -> None:
    # A relevant document neither system found still lowers the score.
    assert ndcg(["b"], GRADES) == _dcg(1) / _dcg(3, 1)


def test_no_relevant_judged_means_undefined() -> None:
    assert ndcg(["a"], {"a": 0}) is None
    assert ndcg([], {}) is None
    assert recall(["a"], {"a": 0}) is None


def test_recall() -> None:
    assert recall(["a", "c", "z"], GRADES) == 0.5
    assert recall(["b", "b", "a"], GRADES) == 1.0
    assert recall([], GRADES) == 0.0


def test_zero_result_rate() -> None:
    assert zero_result_rate([["a"], [], ["b", "b"], []]) == 0.5
    assert zero_result_rate([["a"]]) == 0.0
    assert zero_result_rate([]) is None


def test_pool_leaves_out_judged_and_names_both_systems() -> None:
    needs = [Need("n1", "keyword", "q", ""), Need("n2", "named", "r", "")]
    runs = {"inzage": {"n1": ["a", "x", "x"], "n2": []}, "bm25": {"n1": ["x", "y"]}}
    rows = to_pool(needs, runs, {"n1": {"a": 2}})
    assert rows == [("n1", "x", "inzage+bm25"), ("n1", "y", "bm25")]


def test_judgements_keep_a_digest_of_the_path_and_read_back_as_the_path() -> None:
    path = "uwv-woo/publicatie/e-mails-van-iemand.md"
    digest = document_key(path)
    assert len(digest) == 16 and "iemand" not in digest
    assert document_key(path) == digest != document_key("uwv-woo/publicatie/ander.md")
    judged = {"n1": {digest: 2, "0000000000000000": 1}}
    assert with_paths(judged, [path, "uwv-woo/x.md"]) == {
        "n1": {path: 2, "0000000000000000": 1}  # a digest of no file here stays
    }


keys = st.sampled_from("abcdefghij")


@given(
    grades=st.dictionaries(keys, st.integers(0, 2), min_size=1).filter(
        lambda g: any(v > 0 for v in g.values())
    ),
    ranking=st.lists(st.sampled_from("abcdefghijxyz"), max_size=15),
)
def test_ndcg_is_between_zero_and_one_and_one_when_ideal(
    grades: dict[str, int], ranking: list[str]
) -> None:
    score = ndcg(ranking, grades)
    assert score is not None and 0.0 <= score <= 1.0 + 1e-12
    ideal = sorted(grades, key=lambda key: -grades[key])
    assert math.isclose(ndcg(ideal, grades), 1.0)
    # Showing the best file again never helps.
    assert ndcg([*ideal[:1], *ideal], grades) <= 1.0 + 1e-12
