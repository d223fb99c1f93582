"""Near-duplicate documents: MinHash over word shingles, LSH bands, clusters.

Two documents are near-duplicates when the estimated Jaccard similarity of
their sets of five-word shingles (folded words) is at least
:data:`THRESHOLD`.  Signatures have :data:`NUM_PERM` values; LSH with
:data:`BANDS` bands of :data:`ROWS` rows finds pairs at 0.8 with probability
0.95 and at 0.5 with probability 0.06, and every candidate pair is checked on
its signatures.  E-mail is deduplicated per message: by fingerprint when it
is stored, and here (:func:`merge_copies`) where two copies of one message came
out of two releases a word or a marker apart, as OCR leaves them.

A cluster's representative is chosen the same way whatever the order of
ingest: a complete document before a cut-off one, then the longest, then the
lowest document id.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import combinations
from typing import Any
from zlib import crc32

from inzage.model import Party
from inzage.parse.parties import party_keys
from inzage.store.database import Connection
from inzage.store.load import SourceTexts
from inzage.store.partition import Partition
from inzage.store.schema import SIGNATURE_VERSION, get_meta, set_meta
from inzage.store.terms import iter_folded_words

NUM_PERM = 128
BANDS = 16
ROWS = 8
THRESHOLD = 0.8
SHINGLE = 5
# Shorter documents (in words) are not compared: a cover page matches every other.
MIN_WORDS = 50
# Two messages of one minute and one subject are one message when this share
# of their bodies' words is the same (Jaccard): OCR misreads a word or two of a
# page, and the releases lay markers out differently; a reply is not one of them.
COPY_SIMILARITY = 0.7
# A body cut off at a page or chunk end is a copy when this share of its words
# (at least _MIN_CUT_WORDS of them) is in the whole one.
CUT_CONTAINMENT = 0.9
_MIN_CUT_WORDS = 5
_SCRAP = 3  # letters: a name word this short or shorter may be OCR's scrap
# Two readings of one name by OCR ("Brouwersma Ineke", "E Brouwersrna neke"),
# as difflib's ratio of their letters: only where a copy's sender is read
# from the other copy's recipient line.
_OCR_NAME_SIMILARITY = 0.8
_OCR_NAME_LETTERS = 10
# Shingles are hashed this many at a time: the hashing makes a NUM_PERM × batch
# table, which for every shingle of a 50 MB text at once would take gigabytes.

_BATCH = 4_096


def signature(text: str, start: int = 0, end: int | None = None) -> bytes | None:
    """The MinHash signature of ``text[start:end]`` (a document's text), or
    ``None`` when it is too short.

    Each folded word is hashed once (CRC-32: the same in every process and
    run), a shingle's hash mixes its five words' hashes, and the
    :data:`NUM_PERM` hash functions run over a batch of shingles at a time in
    numpy (a minimum does not depend on how the shingles were batched): two
    8-byte numbers per word, a tenth of what a Python list of the words took."""
    return words_signature(iter_folded_words(text, start, end))


def words_signature(folded: Iterable[str]) -> bytes | None:
    """:func:`signature` of a document's folded words."""
    import numpy as np

    hashes = (crc32(word.encode("utf-8", "surrogatepass")) for word in folded)
    words = np.fromiter(hashes, dtype=np.uint64)
    if len(words) < MIN_WORDS:
        return None
    shingles = _shingle_hashes(words)
    a, b = _permutations()
    lowest = np.full(NUM_PERM, np.iinfo(np.uint64).max, dtype=np.uint64)
    # Multiply-add modulo 2**64 (a odd: a permutation of the 64-bit hashes),
    # no division: eight times faster than modulo a prime in numpy.
    with np.errstate(over="ignore"):
        for at in range(0, len(shingles), _BATCH):
            hashed = np.outer(a, shingles[at : at + _BATCH])
            hashed += b[:, None]
            lowest = np.minimum(lowest, hashed.min(axis=1))
    return (lowest >> np.uint64(32)).astype("<u4").tobytes()


@lru_cache(maxsize=1)
def _permutations() -> tuple[Any, Any]:
    """The :data:`NUM_PERM` hash functions ``a * x + b`` modulo 2**64."""
    import numpy as np

    generator = np.random.default_rng(1)
    a = generator.integers(1, 1 << 63, NUM_PERM, dtype=np.uint64) | np.uint64(1)
    b = generator.integers(0, 1 << 63, NUM_PERM, dtype=np.uint64)
    return a, b


def _shingle_hashes(words: Any) -> Any:
    """A 64-bit hash of each run of :data:`SHINGLE` word hashes: the words
    folded in one after another, then the bits mixed (SplitMix64's
    finaliser), so that every word moves every bit.  Overflow is the point:
    the products wrap modulo 2**64."""
    import numpy as np

    count = len(words) - SHINGLE + 1
    with np.errstate(over="ignore"):
        mixed = np.zeros(count, dtype=np.uint64)
        for offset in range(SHINGLE):
            mixed = mixed * np.uint64(0x100000001B3) + words[offset : offset + count]
        mixed ^= mixed >> np.uint64(30)
        mixed *= np.uint64(0xBF58476D1CE4E5B9)
        mixed ^= mixed >> np.uint64(27)
        mixed *= np.uint64(0x94D049BB133111EB)
        mixed ^= mixed >> np.uint64(31)
    return mixed


def resign_if_stale(connection: Connection) -> int | None:
    """Sign every document again from the stored text when the store's
    signatures were made another way (by an older inzage); inside the caller's
    transaction.  Returns the number of signatures, or ``None`` when they were
    current."""
    if get_meta(connection, "signature_version") == SIGNATURE_VERSION:
        return None
    signed = _resign(connection)
    set_meta(connection, "signature_version", SIGNATURE_VERSION)
    return signed


def _resign(connection: Connection) -> int:
    connection.execute("DELETE FROM minhashes")
    connection.execute("DELETE FROM lsh_bands")
    texts = SourceTexts(connection)
    signed = 0
    for document_id, source, start, end in connection.execute(
        "SELECT id, source_id, start, \"end\" FROM documents WHERE kind != 'email' "
        "ORDER BY source_id, position"
    ).fetchall():
        sig = signature(texts(source), start, end)
        if sig is None:
            continue
        store_signature(connection, document_id, sig)
        signed += 1
    return signed


def store_signature(connection: Connection, document_id: str, sig: bytes) -> None:
    connection.execute("INSERT INTO minhashes VALUES (?, ?)", (document_id, sig))
    connection.executemany(
        "INSERT INTO lsh_bands VALUES (?, ?, ?)",
        [(band, value, document_id) for band, value in bands(sig)],
    )


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


def merge_copies(connection: Connection) -> int:
    """Merge stored messages that are copies of one message: sent in the same
    minute, with the same thread subject, bodies of the same words (at least
    :data:`COPY_SIMILARITY`), one cut off (:data:`CUT_CONTAINMENT`) or, from
    one known sender, lost, and senders that are not two known, different
    people (:func:`~inzage.parse.parties.party_keys`; a sender that OCR left
    unreadable or a marker hides is no objection, nor is a sender that one copy
    read from the other's recipient line, having no "Aan" of its own).  The
    lowest id whose sender was not so misread stays, with every occurrence;
    the search units of the others become duplicates of it.
    Returns how many messages were merged away."""
    candidates: dict[tuple[str, str | None], list[int]] = defaultdict(list)
    for message_id, subject, sent in connection.execute(
        "SELECT id, thread_subject, sent_utc FROM messages WHERE sent_utc IS NOT NULL ORDER BY id"
    ):
        candidates[(sent[:16], subject)].append(message_id)  # to the minute
    linked: Partition[int] = Partition()
    # Copies one of which read its sender from the other's recipient line:
    # the other stays (its sender is the one to trust).
    misread: set[int] = set()
    for ids in candidates.values():
        if len(ids) < 2:
            continue
        words = {message_id: _body_words(connection, message_id) for message_id in ids}
        senders = {m: _readable(_keys(_parties(connection, m, "from"))) for m in ids}
        addressed = {m: _parties(connection, m, "to") for m in ids}
        recipients = {m: _keys(parties) for m, parties in addressed.items()}
        # No "Aan" with a value in any copy's header, redacted or not.
        unaddressed = {m for m, parties in addressed.items() if not parties}
        for a, b in combinations(ids, 2):
            known = bool(senders[a] and senders[b])
            same = known and _one_person(senders[a], senders[b])
            misread_copy = None
            if known and not same:
                for copy, other in ((a, b), (b, a)):
                    if copy in unaddressed and _same_name_read_twice(
                        senders[copy], _readable(recipients[other])
                    ):
                        misread_copy = copy
            if (same or misread_copy is not None or not known) and _copies(
                words[a], words[b], same or not senders[a] | senders[b]
            ):
                linked.union(a, b)
                if misread_copy is not None:
                    misread.add(misread_copy)
    merged = 0
    for members in linked.groups().values():
        # The lowest id stays, unless its sender was misread.
        keep = min([m for m in members if m not in misread] or members)
        copies = [m for m in members if m != keep]
        _merge(connection, keep, copies)
        merged += len(copies)
    return merged


def _body_words(connection: Connection, message_id: int) -> frozenset[str]:
    (text, start, end) = connection.execute(
        "SELECT s.text, o.body_start, o.body_end FROM message_occurrences o "
        "JOIN documents d ON d.id = o.document_id JOIN sources s ON s.id = d.source_id "
        "WHERE o.message_id = ? ORDER BY o.id LIMIT 1",
        (message_id,),
    ).fetchone()
    return frozenset(iter_folded_words(text, start, end))


def _parties(connection: Connection, message_id: int, role: str) -> list[Party]:
    """Who sent the message (``role`` "from") or got it ("to"), by every
    occurrence's parties."""
    rows = connection.execute(
        "SELECT p.name, p.address, p.redacted FROM parties p "
        "JOIN message_occurrences o ON o.id = p.occurrence_id "
        "WHERE o.message_id = ? AND p.role = ?",
        (message_id, role),
    )
    return [Party(name=n, address=a, redacted=bool(r)) for n, a, r in rows]


def _keys(parties: list[Party]) -> frozenset[str]:
    return frozenset().union(*(party_keys(party) for party in parties))


def _readable(keys: frozenset[str]) -> frozenset[str]:
    """A sender's keys without those OCR left unreadable: a name of nothing but
    one- to three-letter scraps ("e mrm oo") tells no one."""
    return frozenset(
        key for key in keys if "@" in key or any(len(token) > _SCRAP for token in key.split())
    )


def _one_person(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two senders' keys name one person, OCR's damage aside: a key in
    common, the same letters split apart ("nathalie van" and "nathalievan"), or
    one name's words all in the other's with only scraps over ("wouter n")."""
    if a & b:
        return True
    for one in a:
        for other in b:
            if "@" in one or "@" in other:
                continue
            if one.replace(" ", "") == other.replace(" ", ""):
                return True
            small, large = sorted((set(one.split()), set(other.split())), key=len)
            if small <= large and all(len(token) <= _SCRAP for token in large - small):
                return True
    return False


def _same_name_read_twice(sender: frozenset[str], recipients: frozenset[str]) -> bool:
    """Whether a copy's sender, read where its header has no recipient, is the
    other copy's recipient: OCR of a column layout lost the "Van" value and
    read the "Aan" value, damaged, in its place.  Names of ten letters or
    more compared letter by letter ("Brouwersma Ineke", "E Brouwersrna neke");
    a shorter name differs in one letter from too many others ("P. Smit")."""
    if _one_person(sender, recipients):
        return True
    return any(
        SequenceMatcher(None, one, two).ratio() >= _OCR_NAME_SIMILARITY
        for one, two in (
            (a.replace(" ", ""), b.replace(" ", ""))
            for a in sender
            for b in recipients
            if "@" not in a and "@" not in b
        )
        if min(len(one), len(two)) >= _OCR_NAME_LETTERS
    )


def _copies(a: frozenset[str], b: frozenset[str], same_sender: bool) -> bool:
    """Whether two bodies of one minute and subject are one message's: the same
    words (Jaccard), one of them the other cut off at a page or chunk end (its
    words nearly all in the other), or one body lost (``same_sender``: from one
    known sender, or neither sender known)."""
    if _jaccard(a, b) >= COPY_SIMILARITY:
        return True
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) >= _MIN_CUT_WORDS:
        return len(shorter & longer) / len(shorter) >= CUT_CONTAINMENT
    return same_sender and not shorter


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Empty bodies say nothing: they are never copies of each other."""
    return len(a & b) / len(a | b) if a and b else 0.0


def _merge(connection: Connection, keep: int, copies: list[int]) -> None:
    marks = ",".join("?" * len(copies))
    connection.execute(
        f"UPDATE message_occurrences SET message_id = ? WHERE message_id IN ({marks})",
        (keep, *copies),
    )
    connection.execute(
        f"UPDATE units SET message_id = ?, duplicate = 1 WHERE message_id IN ({marks})",
        (keep, *copies),
    )
    connection.execute(
        "UPDATE messages SET occurrences = "
        "(SELECT count(*) FROM message_occurrences WHERE message_id = ?) WHERE id = ?",
        (keep, keep),
    )
    connection.execute(f"DELETE FROM messages WHERE id IN ({marks})", copies)


def rebuild_clusters(connection: Connection) -> int:
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
    # A merged copy's unit stays a duplicate of the message's first unit.
    connection.execute(
        "UPDATE units SET duplicate = 1 WHERE message_id IS NOT NULL AND id > "
        "(SELECT min(u.id) FROM units u WHERE u.message_id = units.message_id)"
    )
    for members in groups.values():
        _store_cluster(connection, members, sig)
    return len(groups)


def _store_cluster(connection: Connection, members: list[str], sig: Callable[[str], bytes]) -> None:
    rows = connection.execute(
        f"""SELECT id, complete, "end" - start FROM documents
            WHERE id IN ({",".join("?" * len(members))})""",
        members,
    ).fetchall()
    ranked = sorted(rows, key=lambda r: (-r[1], -r[2], r[0]))
    representative = ranked[0][0]
    cursor = connection.execute(
        "INSERT INTO clusters (representative, documents) VALUES (?, ?) RETURNING id",
        (representative, len(ranked)),
    )
    cluster = int(cursor.fetchone()[0])
    connection.executemany(
        "INSERT INTO cluster_members VALUES (?, ?, ?)",
        [(cluster, r[0], similarity(sig(representative), sig(r[0]))) for r in ranked],
    )
    connection.executemany(
        "UPDATE units SET duplicate = 1 WHERE document_id = ?",
        [(r[0],) for r in ranked[1:]],
    )
