"""Near-duplicate signatures: Jaccard estimates, the same in every process, remade when stale."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from inzage.cli.inputs import StoreAddress
from inzage.store import Corpus
from inzage.store.dedupe import SHINGLE, signature, similarity
from inzage.store.schema import transaction
from tests.store.conftest import make_release

_VOCABULARY = [f"woord{i}" for i in range(2_000)]


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), changed=st.integers(0, 150))
def test_signatures_estimate_the_jaccard_similarity_of_shingles(seed: int, changed: int) -> None:
    rng = random.Random(seed)
    base = [rng.choice(_VOCABULARY) for _ in range(500)]
    other = base[:]
    for at in rng.sample(range(len(base)), changed):
        other[at] = rng.choice(_VOCABULARY)
    a, b = _shingles(base), _shingles(other)
    true = len(a & b) / len(a | b)
    estimate = similarity(signature(" ".join(base)) or b"", signature(" ".join(other)) or b"")
    # 128 hash functions: a standard error of at most 0.045; five of them.
    assert abs(estimate - true) <= 0.22


def test_a_signature_is_the_same_in_another_process() -> None:
    text = " ".join(_VOCABULARY[:300])
    program = (
        "import sys; from inzage.store.dedupe import signature; "
        "sys.stdout.write(signature(sys.argv[1]).hex())"
    )
    other = subprocess.run(
        [sys.executable, "-c", program, text],
        env={**os.environ, "PYTHONHASHSEED": "12345"},
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert bytes.fromhex(other) == signature(text)


def test_short_texts_have_no_signature_and_case_and_accents_do_not_count() -> None:
    assert signature("te kort " * 20) is None
    words = " ".join(_VOCABULARY[:80])
    assert signature(words.upper()) == signature(words)
    assert signature("café " + words) == signature("cafe " + words)


def test_signatures_of_an_older_inzage_are_remade_from_the_stored_text(
    tmp_path: Path, store_address: StoreAddress
) -> None:
    release = make_release(tmp_path)
    with Corpus(store_address, create=True) as corpus:
        corpus.ingest(sorted(p for p in release.rglob("*") if p.is_file()), workers=1)
        clusters = corpus.connection.execute("SELECT representative FROM clusters").fetchall()
        signatures = corpus.connection.execute("SELECT * FROM minhashes ORDER BY 1").fetchall()
        assert clusters and signatures
        with transaction(corpus.connection) as connection:
            connection.execute("UPDATE minhashes SET signature = ?", (bytes(512),))
            connection.execute("DELETE FROM cluster_members")
            connection.execute("DELETE FROM clusters")
            connection.execute("UPDATE meta SET value = '1' WHERE key = 'signature_version'")
            connection.execute("UPDATE meta SET value = '0' WHERE key = 'finalised'")
    with Corpus(store_address) as corpus:
        corpus.finalise()
        assert corpus.connection.execute("SELECT * FROM minhashes ORDER BY 1").fetchall() == (
            signatures
        )
        assert (
            corpus.connection.execute("SELECT representative FROM clusters").fetchall() == clusters
        )
