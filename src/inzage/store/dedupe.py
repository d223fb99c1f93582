"""Near-duplicate documents: MinHash over word shingles, LSH bands, clusters.

Two documents are near-duplicates when the estimated Jaccard similarity of
their sets of five-word shingles (folded words) is at least
:data:`THRESHOLD`.  Signatures have :data:`NUM_PERM` values; LSH with
:data:`BANDS` bands of :data:`ROWS` rows finds pairs at 0.8 with probability
0.95 and at 0.5 with probability 0.06, and every candidate pair is checked on
its signatures.  E-mail is deduplicated per message (by fingerprint), not here.

A cluster's representative is chosen the same way whatever the order of
ingest: a complete document before a cut-off one, then the longest, then the
lowest document id.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections import deque
from collections.abc import Callable

from inzage.store.partition import Partition
from inzage.store.terms import iter_folded_words

NUM_PERM = 128
BANDS = 16
ROWS = 8
THRESHOLD = 0.8
SHINGLE = 5
# Shorter documents (in words) are not compared: a cover page matches every other.
MIN_WORDS = 50
# Shingles are hashed this many at a time: the hashing makes a NUM_PERM × batch
# table, which for every shingle of a 50 MB text at once would take gigabytes.
_BATCH = 4_096


def signature(text: str, start: int = 0, end: int | None = None) -> bytes | None:
    """The MinHash signature of ``text[start:end]`` (a document's text), or
    ``None`` when it is too short.

    The text is read word by word and its shingles hashed in batches, so memory
    stays small however long the document; a minimum does not depend on how the
    shingles were batched, so the signature is that of the whole set."""
    import numpy as np
    from datasketch import MinHash  # imports scipy: only when documents are compared

    minhash = MinHash(num_perm=NUM_PERM, seed=1)
    window: deque[str] = deque(maxlen=SHINGLE)
    batch: set[bytes] = set()
    words = 0
    for word in iter_folded_words(text, start, end):
        window.append(word)
        words += 1
        if words >= SHINGLE:
            batch.add(" ".join(window).encode())
            if len(batch) >= _BATCH:
                minhash.update_batch(list(batch))
                batch.clear()
    if words < MIN_WORDS:
        return None
    minhash.update_batch(list(batch))
    return np.asarray(minhash.hashvalues, dtype="<u4").tobytes()


def bands(sig: bytes) -> list[tuple[int, int]]:
    """(band, hash) pairs for the LSH table."""
    width = ROWS * 4
    return [(band, _hash64(sig[band * width : (band + 1) * width])) for band in range(BANDS)]


def _hash64(data: bytes) -> int:
    """A signed 64-bit hash, the same in every process (unlike ``hash``)."""
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little", signed=True)


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures."""
    import numpy as np

    return float(np.mean(np.frombuffer(a, dtype="<u4") == np.frombuffer(b, dtype="<u4")))


def rebuild_clusters(connection: sqlite3.Connection) -> int:
    """Recompute every cluster from the LSH table; mark non-representatives as
    duplicates in the search units.  Returns the number of clusters."""
    pairs = connection.execute(
        """SELECT DISTINCT a.document_id, b.document_id FROM lsh_bands a
           JOIN lsh_bands b ON a.band = b.band AND a.hash = b.hash
           AND a.document_id < b.document_id"""
    ).fetchall()
    signatures: dict[str, bytes] = {}

    def sig(document_id: str) -> bytes:
        if document_id not in signatures:
            row = connection.execute(
                "SELECT signature FROM minhashes WHERE document_id = ?", (document_id,)
            ).fetchone()
            signatures[document_id] = bytes(row[0])
        return signatures[document_id]

    linked: Partition[str] = Partition()
    for a, b in pairs:
        if similarity(sig(a), sig(b)) >= THRESHOLD:
            linked.union(a, b)
    groups = linked.groups()
    connection.execute("DELETE FROM cluster_members")
    connection.execute("DELETE FROM clusters")
    connection.execute("UPDATE units SET duplicate = 0 WHERE duplicate = 1")
    for members in groups.values():
        _store_cluster(connection, members, sig)
    return len(groups)


def _store_cluster(
    connection: sqlite3.Connection, members: list[str], sig: Callable[[str], bytes]
) -> None:
    rows = connection.execute(
        f"""SELECT id, complete, "end" - start FROM documents
            WHERE id IN ({",".join("?" * len(members))})""",
        members,
    ).fetchall()
    ranked = sorted(rows, key=lambda r: (-r[1], -r[2], r[0]))
    representative = ranked[0][0]
    cursor = connection.execute(
        "INSERT INTO clusters (representative, documents) VALUES (?, ?)",
        (representative, len(ranked)),
    )
    cluster = cursor.lastrowid
    connection.executemany(
        "INSERT INTO cluster_members VALUES (?, ?, ?)",
        [(cluster, r[0], similarity(sig(representative), sig(r[0]))) for r in ranked],
    )
    connection.executemany(
        "UPDATE units SET duplicate = 1 WHERE document_id = ?",
        [(r[0],) for r in ranked[1:]],
    )
