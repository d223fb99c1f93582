"""Special categories: candidates, for review only."""

from inzage.detect.personal.special import SpecialCategoryRecogniser
from inzage.detect.proposals import Dossier, text_context


def test_terms_are_found_with_their_category() -> None:
    text = "Hij is opgenomen in het ziekenhuis; zij heeft een strafblad."
    findings = list(SpecialCategoryRecogniser().find_in(text_context(text)))
    assert [(f.span.slice(text), f.value) for f in findings] == [
        ("opgenomen", "health"),
        ("ziekenhuis", "health"),
        ("strafblad", "criminal"),
    ]


def test_a_term_is_proposed_for_review_only_beside_a_person() -> None:
    dossier = Dossier()
    named = "Volgens collega De Boer ligt hij in het ziekenhuis."
    unnamed = "Het ziekenhuis krijgt meer geld."
    proposals, _ = dossier.propose(named)
    special = [p for p in proposals if p.kind == "special_category"]
    assert [(p.text, p.action, p.ground) for p in special] == [("ziekenhuis", "review", "5.1.1d")]
    proposals, _ = dossier.propose(unnamed)
    assert [p for p in proposals if p.kind == "special_category"] == []
