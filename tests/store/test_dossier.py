"""The review of a dossier in the store: judgements, decisions, sign-off,
concurrent reviewers, "apply everywhere", and the audit log."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from inzage.store import Corpus
from inzage.store.database import Connection
from inzage.store.dossier import (
    ConflictError,
    QueueFilter,
    Request,
    ReviewError,
    SignedOffError,
    add_manual,
    audit_log,
    checked_reviewer,
    decide,
    document_review,
    ensure_reviews,
    family_root,
    get_request,
    judge,
    mark_duplicate,
    progress,
    queue,
    set_request,
    sign_off,
    withhold_page,
)
from inzage.store.everywhere import FoldedTexts, apply_everywhere, dossier_terms, preview

MAIL = (
    "Van: Eva Kok <e.kok@minvws.nl>\nAan: Piet Bos <p.bos@gemeente-zwolle.nl>\n"
    "Onderwerp: overleg\n\nBeste Piet,\n\nMinister De Wildt komt ook.\n\nGroet,\nEva\n"
)
MEMO = "Memo\n\nHet voorstel van Kok en P. Bos is besproken. Ook Jorien Haverkamp was er.\n"
NOTE = "Notitie\n\nJORIEN HAVERKAMP belde over de planning.\n"


@pytest.fixture
def connection(tmp_path: Path, store_address: str | Path) -> Connection:
    folder = tmp_path / "release"
    folder.mkdir()
    (folder / "mail.txt").write_text(MAIL)
    (folder / "memo.txt").write_text(MEMO)
    (folder / "notitie.txt").write_text(NOTE)
    db = store_address
    with Corpus(db, create=True) as corpus:
        corpus.ingest(sorted(folder.iterdir()), workers=1)
        corpus.detect()
    corpus = Corpus(db)
    ensure_reviews(corpus.connection)
    return corpus.connection


def _document(connection: Connection, path_end: str) -> str:
    rows, _ = queue(connection, QueueFilter())
    return next(r.document_id for r in rows if r.path.endswith(path_end))


def test_every_document_gets_a_number_once(connection: Connection) -> None:
    rows, total = queue(connection, QueueFilter())
    assert total == 3 and [r.number for r in rows] == [1, 2, 3]
    assert [r.path.rsplit("/", 1)[-1] for r in rows] == ["mail.txt", "memo.txt", "notitie.txt"]
    assert ensure_reviews(connection) == 0
    assert progress(connection).judged == 0


def test_the_request_is_stored_and_checked(connection: Connection) -> None:
    request = Request(case_number="2026-0042", title="Overleg jeugdzorg", request_date="2026-03-01")
    set_request(connection, "Ineke", request)
    assert get_request(connection) == request
    with pytest.raises(ReviewError, match="YYYY-MM-DD"):
        set_request(connection, "Ineke", Request(request_date="1 maart"))
    with pytest.raises(ReviewError, match="decision"):
        set_request(connection, "Ineke", Request(decision="Misschien"))


def test_a_decision_changes_the_proposal_and_the_version(connection: Connection) -> None:
    memo = _document(connection, "memo.txt")
    review = document_review(connection, memo)
    assert review is not None and review.version == 1
    first = review.proposals[0]
    assert review.text[first.start : first.end] == "Kok"
    version = decide(connection, "Ineke", memo, 1, first.id, "rejected")
    again = document_review(connection, memo)
    assert again is not None and again.version == version == 2
    assert again.proposals[0].status == "rejected" and again.proposals[0].decided_by == "Ineke"
    version = decide(connection, "Ineke", memo, 2, first.id, "accepted", "10.2.e")
    assert document_review(connection, memo).proposals[0].ground == "5.1.2e"  # type: ignore[union-attr]
    with pytest.raises(ReviewError, match="not a ground"):
        decide(connection, "Ineke", memo, version, first.id, "accepted", "99.9")


def test_a_concurrent_decision_is_refused_with_who_changed_it(
    connection: Connection,
) -> None:
    memo = _document(connection, "memo.txt")
    review = document_review(connection, memo)
    assert review is not None
    seen = review.version  # both reviewers loaded this version
    decide(connection, "Ineke", memo, seen, review.proposals[0].id, "accepted")
    with pytest.raises(ConflictError, match="Ineke changed this document"):
        decide(connection, "Wouter", memo, seen, review.proposals[1].id, "rejected")
    assert document_review(connection, memo).proposals[1].status == "proposed"  # type: ignore[union-attr]


def test_a_manual_redaction_is_added_and_removed(connection: Connection) -> None:
    memo = _document(connection, "memo.txt")
    review = document_review(connection, memo)
    assert review is not None
    start = review.text.index("voorstel")
    proposal, version = add_manual(
        connection, "Ineke", memo, review.version, start, start + 8, "5.1.2i"
    )
    added = next(p for p in document_review(connection, memo).proposals if p.id == proposal)  # type: ignore[union-attr]
    assert (added.status, added.ground, added.recogniser) == ("manual", "5.1.2i", "manual")
    stored = connection.execute("SELECT text FROM proposals WHERE id = ?", (proposal,)).fetchone()
    assert stored == ("voorstel",)
    with pytest.raises(ReviewError, match="not inside"):
        add_manual(connection, "Ineke", memo, version, 0, 10_000, "5.1.2e")
    version = decide(connection, "Ineke", memo, version, proposal, "rejected")
    assert all(p.id != proposal for p in document_review(connection, memo).proposals)  # type: ignore[union-attr]


def test_judgements_need_their_grounds_and_links(connection: Connection) -> None:
    memo = _document(connection, "memo.txt")
    with pytest.raises(ReviewError, match="names its ground"):
        judge(connection, "Ineke", memo, 1, "niet openbaar")
    with pytest.raises(ReviewError, match="link"):
        judge(connection, "Ineke", memo, 1, "reeds openbaar", link="ergens")
    with pytest.raises(ReviewError, match="one of"):
        judge(connection, "Ineke", memo, 1, "half openbaar")  # type: ignore[arg-type]
    version = judge(connection, "Ineke", memo, 1, "niet openbaar", grounds=["5.1.2i", "5.1.1e"])
    review = document_review(connection, memo)
    assert review is not None and review.grounds == ["5.1.1e", "5.1.2i"]
    assert progress(connection).judged == 1
    assert version == 2


def test_sign_off_is_a_second_reviewers_and_locks_the_document(
    connection: Connection,
) -> None:
    note = _document(connection, "notitie.txt")
    version = judge(connection, "Ineke", note, 1, "deels openbaar")
    with pytest.raises(ReviewError, match="second reviewer"):
        sign_off(connection, "Ineke", note, version, undo=False)
    version = sign_off(connection, "Wouter", note, version, undo=False)
    with pytest.raises(SignedOffError, match="signed off by Wouter"):
        judge(connection, "Ineke", note, version, "openbaar")
    version = sign_off(connection, "Ineke", note, version, undo=True)
    judge(connection, "Ineke", note, version, "openbaar")
    actions = [e.action for e in audit_log(connection, note)]
    assert actions == ["judge", "unsign", "sign", "judge"]


def test_the_audit_log_never_holds_the_text(connection: Connection) -> None:
    memo = _document(connection, "memo.txt")
    review = document_review(connection, memo)
    assert review is not None
    start = review.text.index("Jorien")
    add_manual(connection, "Ineke", memo, 1, start, start + len("Jorien Haverkamp"), "5.1.2e")
    apply_everywhere(connection, "Ineke", "Jorien Haverkamp", "5.1.2e")
    dumped = " ".join(str(row) for row in connection.execute("SELECT * FROM audit"))
    assert "jorien" not in dumped.lower() and "haverkamp" not in dumped.lower()


def test_apply_everywhere_previews_then_redacts_every_variant(
    connection: Connection,
) -> None:
    folded = FoldedTexts()
    seen = preview(connection, "Jorien Haverkamp", folded)
    assert (seen.places, seen.documents, seen.new, seen.signed) == (2, 2, 2, 0)
    note = _document(connection, "notitie.txt")
    version = judge(connection, "Ineke", note, 1, "deels openbaar")
    sign_off(connection, "Wouter", note, version, undo=False)
    done = apply_everywhere(connection, "Ineke", "jorien haverkamp", "5.1.2e", folded=folded)
    assert (done.places, done.new, done.signed) == (2, 1, 1)  # the signed-off note is left
    memo = document_review(connection, _document(connection, "memo.txt"))
    assert memo is not None and memo.version == 2
    texts = [memo.text[p.start : p.end] for p in memo.proposals if p.status == "manual"]
    assert texts == ["Jorien Haverkamp"]
    assert [n.text for n in dossier_terms(connection)] == ["jorien haverkamp"]
    assert preview(connection, "Jorien Haverkamp", folded).new == 1  # only the signed note
    with pytest.raises(ReviewError, match="letter or a digit"):
        preview(connection, "...", folded)


def test_a_second_detection_keeps_what_reviewers_decided(
    tmp_path: Path, store_address: str | Path
) -> None:
    folder = tmp_path / "release"
    folder.mkdir()
    (folder / "memo.txt").write_text(MEMO)
    db = store_address
    with Corpus(db, create=True) as corpus:
        corpus.ingest([folder / "memo.txt"], workers=1)
        corpus.detect()
        ensure_reviews(corpus.connection)
        memo = _document(corpus.connection, "memo.txt")
        review = document_review(corpus.connection, memo)
        assert review is not None
        decide(corpus.connection, "Ineke", memo, 1, review.proposals[0].id, "rejected")
        corpus.detect()
        after = document_review(corpus.connection, memo)
        assert after is not None
        assert [p.status for p in after.proposals][:1] == ["rejected"]
        assert len(after.proposals) == len(review.proposals)


def test_a_duplicate_and_the_family_of_an_attachment(connection: Connection) -> None:
    memo, note = _document(connection, "memo.txt"), _document(connection, "notitie.txt")
    mark_duplicate(connection, "Ineke", note, 1, memo)
    assert document_review(connection, note).duplicate_of == memo  # type: ignore[union-attr]
    with pytest.raises(ReviewError, match="itself"):
        mark_duplicate(connection, "Ineke", note, 2, note)
    paths = {"a/mail.eml", "a/mail.eml/cv.pdf", "a/mail.eml/cv.pdf/x.txt"}
    assert family_root("a/mail.eml/cv.pdf/x.txt", paths) == "a/mail.eml"
    assert family_root("a/other.txt", paths) == "a/other.txt"


@pytest.mark.parametrize("name", ["", "   ", "1abc", "x" * 81, "<script>"])
def test_a_reviewer_needs_a_name(name: str) -> None:
    with pytest.raises(ReviewError):
        checked_reviewer(name)


def test_a_reviewer_name_is_kept_as_given() -> None:
    assert checked_reviewer("  Ineke   Brouwersma ") == "Ineke Brouwersma"
    assert checked_reviewer("Anne-Marie d'Ancona") == "Anne-Marie d'Ancona"


def test_queue_filters(connection: Connection) -> None:
    memo = _document(connection, "memo.txt")
    judge(connection, "Ineke", memo, 1, "openbaar")

    def names(where: QueueFilter) -> list[str]:
        return [r.path.rsplit("/", 1)[-1] for r in queue(connection, where)[0]]

    assert names(QueueFilter(state="judged")) == ["memo.txt"]
    assert names(QueueFilter(state="unjudged")) == ["mail.txt", "notitie.txt"]
    assert names(QueueFilter(has_proposals=True)) == ["mail.txt", "memo.txt"]
    assert names(QueueFilter(special_category=True)) == []
    assert names(QueueFilter(kind="email")) == ["mail.txt"]
    rows, total = queue(connection, QueueFilter(), offset=1, limit=1)
    assert total == 3 and [r.number for r in rows] == [2]


def test_a_page_is_withheld_only_within_the_document(
    tmp_path: Path, store_address: str | Path
) -> None:
    from tests.builders import make_pdf

    (tmp_path / "nota.pdf").write_bytes(make_pdf(["Nota\nEen.", "Twee.", "Drie."]))
    with Corpus(store_address, create=True) as corpus:
        corpus.ingest([tmp_path / "nota.pdf"], workers=1)
        ensure_reviews(corpus.connection)
        (document, first, last) = corpus.connection.execute(
            "SELECT id, first_page, last_page FROM documents ORDER BY position LIMIT 1"
        ).fetchone()
        version = withhold_page(corpus.connection, "Ineke", document, 1, first, "5.1.2i")
        assert document_review(corpus.connection, document).withheld == {first: "5.1.2i"}  # type: ignore[union-attr]
        with pytest.raises(ReviewError, match="no such page"):
            withhold_page(
                corpus.connection, "Ineke", document, version, (last or first) + 5, "5.1.2i"
            )
        version = withhold_page(corpus.connection, "Ineke", document, version, first, None)
        assert document_review(corpus.connection, document).withheld == {}  # type: ignore[union-attr]


def test_an_impossible_date_is_refused(connection: Connection) -> None:
    with pytest.raises(ReviewError, match="YYYY-MM-DD"):
        set_request(connection, "Ineke", Request(decision_date="2026-02-31"))


def test_a_proposal_without_a_ground_is_not_accepted_without_one(
    connection: Connection,
) -> None:
    memo = _document(connection, "memo.txt")
    review = document_review(connection, memo)
    assert review is not None
    proposal = review.proposals[0].id
    connection.execute("UPDATE proposals SET ground = NULL WHERE id = ?", (proposal,))
    with pytest.raises(ReviewError, match="needs its ground"):
        decide(connection, "Ineke", memo, 1, proposal, "accepted")
    assert decide(connection, "Ineke", memo, 1, proposal, "accepted", "5.1.2e") == 2


def test_a_reviewer_who_decided_on_a_document_does_not_sign_it_off(
    connection: Connection,
) -> None:
    memo = _document(connection, "memo.txt")
    review = document_review(connection, memo)
    assert review is not None
    version = decide(connection, "wouter", memo, 1, review.proposals[0].id, "rejected")
    version = judge(connection, "Ineke", memo, version, "openbaar")
    with pytest.raises(ReviewError, match="second reviewer"):
        sign_off(connection, "Wouter", memo, version, undo=False)  # the same, in other case
    assert sign_off(connection, "Jorien", memo, version, undo=False) == version + 1


def test_a_string_applied_everywhere_can_be_taken_back(connection: Connection) -> None:
    from inzage.store.everywhere import remove_term, terms

    apply_everywhere(connection, "Ineke", "Jorien Haverkamp", "5.1.2e")
    apply_everywhere(connection, "Ineke", "Jorien Haverkamp", "5.1.2e")  # again: one term
    [term] = terms(connection)
    entries = [e for e in audit_log(connection) if e.action == "everywhere" and not e.document_id]
    assert {e.detail["term"] for e in entries} == {term.id}
    assert remove_term(connection, "Wouter", term.id) == 2  # the memo's and the note's
    assert terms(connection) == [] and dossier_terms(connection) == []
    note = document_review(connection, _document(connection, "notitie.txt"))
    assert note is not None and all(p.status != "manual" for p in note.proposals)
    with pytest.raises(ReviewError, match="no such string"):
        remove_term(connection, "Wouter", term.id)


def test_four_reviewers_at_once_lose_no_update(
    connection: Connection, store_address: str | Path
) -> None:
    """Four reviewers, each with a connection of their own, decide on one
    document at the same moment: one gets in, three are told who did; each
    then reloads and tries again until theirs is in. Every decision stands,
    and the version rose once per decision."""
    memo = _document(connection, "memo.txt")
    review = document_review(connection, memo)
    assert review is not None and len(review.proposals) >= 2
    proposals = [p.id for p in review.proposals][:4]
    reviewers = ["Ineke", "Wouter", "Jorien", "Radomír"][: len(proposals)]
    start = threading.Barrier(len(reviewers))
    conflicts: list[str] = []

    def work(reviewer: str, proposal: int) -> None:
        with Corpus(store_address) as own:
            seen = review.version
            start.wait()
            while True:
                try:
                    decide(own.connection, reviewer, memo, seen, proposal, "rejected")
                    return
                except ConflictError:
                    conflicts.append(reviewer)
                    current = document_review(own.connection, memo)
                    assert current is not None
                    seen = current.version

    threads = [
        threading.Thread(target=work, args=(r, p))
        for r, p in zip(reviewers, proposals, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    after = document_review(connection, memo)
    assert after is not None
    assert after.version == review.version + len(reviewers)
    assert {p.id: p.status for p in after.proposals if p.id in proposals} == dict.fromkeys(
        proposals, "rejected"
    )
    assert conflicts, "all four got in at once: the version check did not see the others"
    decisions = connection.execute(
        "SELECT count(*) FROM audit WHERE document_id = ? AND action = 'decide'", (memo,)
    ).fetchone()[0]
    assert decisions == len(reviewers)
