"""From findings to proposals: grounds, keeps, markers, dossier consistency;
hypothesis plants personal data and office holders in generated mails."""

from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inzage.detect import proposals
from inzage.detect.personal.base import PersonalRecogniser
from inzage.detect.policy import DossierPolicy, KeptName, RedactedName, load_policy
from inzage.detect.proposals import _LEARNERS, Dossier, text_context
from inzage.errors import ConfigurationError
from inzage.model import Proposal
from inzage.recognisers.registry import registry_or_shared


def _propose(*texts: str, policy: DossierPolicy | None = None) -> list[list[Proposal]]:
    dossier = Dossier(policy=policy or DossierPolicy())
    for text in texts:
        dossier.learn(text)
    return [dossier.propose(text)[0] for text in texts]


def _redacted(proposals: list[Proposal]) -> list[str]:
    return [p.text for p in proposals if p.action == "redact"]


MAIL = (
    "Van: Anna de Vries <anna.devries@minvws.nl>\n"
    "Aan: Tom Kerkhof <t.kerkhof@vng.nl>\n"
    "Onderwerp: overleg\n\n"
    "Beste Tom,\n\nMinister De Wildt komt ook. Mijn BSN is niet 111222333.\n"
    "Bel 06-12345678.\n\nGroet,\nAnna\n"
)


def test_grounds_per_kind_and_keeps_without_ground() -> None:
    (proposals,) = _propose(MAIL)
    by_text = {p.text: p for p in proposals}
    assert by_text["Anna de Vries"].ground == "5.1.2e"
    assert by_text["anna.devries"].ground == "5.1.2e"
    assert by_text["111222333"].ground == "5.1.1e"
    assert (by_text["De Wildt"].action, by_text["De Wildt"].ground) == ("keep", None)
    assert by_text["De Wildt"].reason == "office holder: minister"
    assert all(MAIL[p.span.start : p.span.end] == p.text for p in proposals)


def test_names_from_one_document_are_redacted_in_every_other() -> None:
    other = "Memo\n\nHet voorstel van A. de Vries en Kerkhof is besproken. Anna belt.\n"
    _, proposals = _propose(MAIL, other)
    assert _redacted(proposals) == ["A. de Vries", "Kerkhof", "Anna"]
    assert {p.person for p in proposals} == {"devries|a", "kerkhof|t"}


def test_variants_from_an_address_alone_link_to_the_name() -> None:
    mail = "Aan: <joris.vos@minvws.nl>\nOnderwerp: x\n\nZie het stuk van Joris Vos.\n"
    (proposals,) = _propose(mail)
    persons = {p.text: p.person for p in proposals}
    assert persons["joris.vos"] == persons["Joris Vos"] == "vos|j"


def test_the_first_part_of_an_address_is_a_first_name_for_the_whole_dossier() -> None:
    # "Radomir" is in no lexicon; written as firstname.lastname@ it is a first name.
    mail = "Aan: <radomir.kovarik@example.nl>\nOnderwerp: x\n\nTekst.\n"
    other = "Overzicht\n\n## Radomir\n\nDe cijfers volgen.\n"
    _, proposals = _propose(mail, other)
    assert "Radomir" in _redacted(proposals)
    (alone,) = _propose(other)
    assert "Radomir" not in _redacted(alone)


def test_an_office_holder_found_once_is_kept_everywhere() -> None:
    debate = "De heer Verhoef (GroenLinks): Voorzitter.\n"
    memo = "Memo\n\nDe vraag van de heer Verhoef komt terug. Mevrouw A. Verhoef belt.\n"
    _, proposals = _propose(debate, memo)
    decided = {(p.text, p.action) for p in proposals if p.kind == "person"}
    assert ("Verhoef", "keep") in decided
    assert ("A. Verhoef", "review") in decided  # another initial: not kept blindly


def test_a_lone_first_name_is_taught_only_from_a_greeting_or_closing() -> None:
    mail = "Beste Roos,\n\nDank.\n"
    other = "Memo\n\nRoos belt morgen. Het Sport-team ook.\n"
    _, proposals = _propose(mail, other)
    assert _redacted(proposals) == ["Roos"]


def test_a_checked_iban_wins_over_the_service_number_inside_it() -> None:
    (proposals,) = _propose("Rekening BE02 8024 0900 0940 van de betrokkene.")
    assert [(p.kind, p.text, p.action) for p in proposals] == [
        ("iban", "BE02 8024 0900 0940", "redact")
    ]


def test_markers_are_not_proposed() -> None:
    text = "Van: (10)(2e) <(10)(2e)@minvws.nl>\nOnderwerp: x\n\nBeste 5.1.2e,\n\nGroet,\n5.1.2e\n"
    (proposals,) = _propose(text)
    assert _redacted(proposals) == []


def test_the_policy_keeps_and_redacts_names() -> None:
    policy = DossierPolicy(
        keep=(KeptName(name="Tom Kerkhof", role="woordvoerder"),),
        redact=(RedactedName(name="Mila Hendriks"),),
    )
    text = MAIL + "\nOok Hendriks en M. Hendriks lazen mee.\n"
    (proposals,) = _propose(text, policy=policy)
    tom = next(p for p in proposals if p.text == "Tom Kerkhof")
    assert (tom.action, tom.reason) == ("keep", "kept by the dossier policy: woordvoerder")
    assert {"Hendriks", "M. Hendriks"} <= set(_redacted(proposals))


def test_a_kept_name_keeps_its_own_variants_only() -> None:
    policy = DossierPolicy(keep=(KeptName(name="Karin Smit", role="woordvoerder"),))
    text = "Memo\n\nOverleg met Karin Smit, K. Smit en Kees Smit.\n"
    (proposals,) = _propose(text, policy=policy)
    decided = {p.text: p.action for p in proposals if p.kind == "person"}
    assert decided == {"Karin Smit": "keep", "K. Smit": "keep", "Kees Smit": "redact"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("keep: [{naam: X}]", "keep.0.name: Field required"),
        ("keep: notalist", "keep: Input should be a valid tuple"),
        ("redact: [{name: 3}]", "redact.0.name: Input should be a valid string"),
        ("keep: [unclosed", "not valid YAML"),
        ("redact: [{name: '--'}]", "redact.0.name: String should match pattern"),
    ],
)
def test_a_bad_policy_file_says_where(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "dossier.yaml"
    path.write_text(content)
    with pytest.raises(ConfigurationError, match=message.replace(".", r"\.")):
        load_policy(path)


FIRST = ["Anna", "Pieter", "Sanne", "Daan", "Lotte", "Joris", "Fatima", "Mehmet", "Eva", "Bram"]
SURNAMES = ["de Vries", "Bakker", "van der Berg", "Kerkhof", "el Amrani", "Öztürk", "Mulder"]
DOMAINS = ["minvws.nl", "vng.nl", "rivm.nl", "example.org"]
OFFICES = ["minister", "staatssecretaris", "burgemeester", "wethouder"]


@st.composite
def planted_mail(draw: st.DrawFn) -> tuple[str, dict[str, str], str]:
    """A mail with a sender, a greeting, a phone number, a BSN and an office holder;
    what must be redacted (text → kind) and the office holder's name."""
    first = draw(st.sampled_from(FIRST))
    surname = draw(st.sampled_from(SURNAMES))
    to_first = draw(st.sampled_from([f for f in FIRST if f != first]))
    to_surname = draw(st.sampled_from([s for s in SURNAMES if s != surname]))
    holder = draw(st.sampled_from(["Hugo Jansen", "Karin Smit", "Van Eyk", "De Wildt"]))
    office = draw(st.sampled_from(OFFICES))
    local = f"{first.lower()}.{surname.lower().replace(' ', '')}"
    phone = draw(st.sampled_from(["06-12345678", "+31 (0)6 1234 5678", "070 123 45 67"]))
    bsn = draw(st.sampled_from(["111222333", "1112.22.333", "123 456 782"]))
    domain = draw(st.sampled_from(DOMAINS))
    filler = draw(st.sampled_from(["Dank voor je bericht.", "Zie de bijlage.", ""]))
    text = (
        f"Van: {first} {surname[0].upper() + surname[1:]} <{local}@{domain}>\n"
        f"Aan: {to_first} {to_surname} <{to_first.lower()}@{domain}>\n"
        "Onderwerp: voorbereiding overleg\n\n"
        f"Beste {to_first},\n\n{filler} Volgens {office} {holder} is het goed.\n"
        f"Bel me op {phone}; BSN betrokkene {bsn}.\n\nMet vriendelijke groet,\n\n{first}\n"
    )
    planted = {
        f"{first} {surname[0].upper() + surname[1:]}": "person",
        local: "email",
        f"{to_first} {to_surname}": "person",
        phone: "phone",
        bsn: "bsn",
    }
    return text, planted, holder


@settings(max_examples=60, deadline=None)
@given(planted_mail())
def test_planted_personal_data_is_found_and_office_holders_kept(
    case: tuple[str, dict[str, str], str],
) -> None:
    text, planted, holder = case
    (proposals,) = _propose(text)
    redacted = {(p.text, p.kind) for p in proposals if p.action == "redact"}
    for value, kind in planted.items():
        assert (value, kind) in redacted, value
    assert all(p.text != holder for p in proposals if p.action == "redact")
    assert any(p.text == holder and p.action == "keep" for p in proposals)
    # every occurrence of the sender's first name, in the greeting's mail too
    assert sum(1 for p in proposals if p.action == "redact" and p.kind == "person") >= 4
    for proposal in proposals:
        assert text[proposal.span.start : proposal.span.end] == proposal.text


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_proposals_never_raise_and_spans_hold_their_text(text: str) -> None:
    (proposals,) = _propose(text)
    for proposal in proposals:
        assert text[proposal.span.start : proposal.span.end] == proposal.text
        assert (proposal.ground is None) == (proposal.action == "keep")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 200), st.integers(1, 30), st.sampled_from([0.0, 0.8, 1.0])),
        max_size=60,
    )
)
def test_settled_findings_never_overlap_and_every_dropped_one_touches_a_kept_one(
    spans: list[tuple[int, int, float]],
) -> None:
    from inzage.detect.personal.base import TextContext
    from inzage.detect.proposals import settle_overlaps
    from inzage.model import Finding, Span

    findings = [
        Finding(kind="person", span=Span(start=s, end=s + n), recogniser=f"r{i % 3}.v1", score=p)
        for i, (s, n, p) in enumerate(spans)
    ]
    kept = settle_overlaps(findings, TextContext(text="x" * 300))
    for a, b in pairwise(kept):
        assert a.span.end <= b.span.start
    for finding in findings:
        assert finding in kept or any(finding.span.overlaps(k.span) for k in kept)


UNITS = ["VWS", "FEZ", "BZK", "DGV"]
# Capitalised phrases whose words the same text also writes in lower case.
THINGS = ["Algemeen Overleg", "Duurzame Inzetbaarheid", "Kanaal Ondersteuning", "Klant Portaal"]


@st.composite
def planted_minutes(draw: st.DrawFn) -> tuple[str, list[str], str]:
    """Minutes with a name before its unit in brackets, a first name beside its
    redacted surname, and a capitalised phrase the text also writes in lower
    case; the names to redact and the phrase that must stay."""
    first, other = draw(st.lists(st.sampled_from(FIRST), min_size=2, max_size=2, unique=True))
    surname = draw(st.sampled_from(SURNAMES))
    unit = draw(st.sampled_from(UNITS))
    thing = draw(st.sampled_from(THINGS))
    full = f"{first} {surname[0].upper() + surname[1:]}"
    text = (
        f"Verslag\n\nAanwezig waren {full} ({unit}) en {other} 5.1.2e.\n"
        f"Besproken met {thing}. Het {thing.lower()} komt terug.\n"
    )
    return text, [full, other], thing


@settings(max_examples=60, deadline=None)
@given(planted_minutes())
def test_names_by_their_shape_are_found_and_words_of_the_text_are_not(
    case: tuple[str, list[str], str],
) -> None:
    text, names, thing = case
    (proposals,) = _propose(text)
    redacted = {p.text for p in proposals if p.action in ("redact", "review")}
    for name in names:
        assert name in redacted, name
    assert not any(thing.split()[0] in p.text for p in proposals if p.action != "keep")


def test_the_learners_do_not_read_the_known_names() -> None:
    """propose reuses the learners' finds from learn: that holds only while no
    learner reads what the dossier knows."""
    text = MAIL + "Gesproken met Anna de Vries en collega Kerkhof; A. de Vries belt.\n"
    dossier = Dossier()
    dossier.learn(text)
    assert dossier.known.forms  # the second context knows names, the first none
    for recogniser in registry_or_shared(None).get("personal-data"):
        if recogniser.name not in _LEARNERS:
            continue
        assert isinstance(recogniser, PersonalRecogniser)
        alone = list(recogniser.find_in(text_context(text)))
        knowing = list(recogniser.find_in(text_context(text, dossier.known)))
        assert alone == knowing, recogniser.name


def test_a_text_dense_with_names_has_its_learnt_finds_found_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "".join(f"Van: Anna de Vries{i} <a{i}@x.nl>\nOnderwerp: x\n\n" for i in range(5))
    monkeypatch.setattr(proposals, "LEARNT_KEPT", 3)
    dense = Dossier()
    dense.learn(text)
    assert all(kept.learnt is None for kept in dense._contexts.values())
    monkeypatch.setattr(proposals, "LEARNT_KEPT", 2_000)
    light = Dossier()
    light.learn(text)
    assert all(kept.learnt for kept in light._contexts.values())
    assert dense.propose(text) == light.propose(text)  # the same proposals either way


def test_one_initial_and_one_word_is_found_where_it_stands_but_not_taught() -> None:
    """ "dienstbetrekking A. Hoewel het …": a list's letter before a capitalised
    word has the shape of "A. Bakker"; the dossier does not learn it."""
    first = "Het pensioen volgt op dienstbetrekking A. Hoewel het later kwam.\n"
    second = "Hoewel het laat is, volgt het besluit.\n"
    dossier = Dossier()
    dossier.learn(first)
    dossier.learn(second)
    proposals, _ = dossier.propose(second)
    assert [p.text for p in proposals if p.kind == "person"] == []
    assert "hoewel" not in dossier.known.surnames


def test_an_abbreviation_the_dossier_introduces_is_no_known_names_initials() -> None:
    """A sender "Merel de Oude" makes "MDO" her initials; a report that writes
    "multidisciplinair overleg (MDO)" makes it a term, in every document."""
    mail = "Van: Merel de Oude <m.deoude@minvws.nl>\nOnderwerp: casus\n\nZie bijlage.\n"
    report = (
        "Rapport\n\nDe casus gaat naar het multidisciplinair overleg (MDO).\n"
        "In het MDO beslist de arts.\n"
    )
    later = "Notitie\n\nHet MDO komt dinsdag bijeen; Merel de Oude zit het voor.\n"
    alone = _propose(mail, later)
    assert "MDO" in _redacted(alone[1])  # without the report: her initials
    proposals = _propose(mail, report, later)
    assert [p.text for p in proposals[1] if p.kind == "person"] == []
    assert _redacted(proposals[2]) == ["Merel de Oude"]


def test_the_heads_of_a_version_table_are_no_author() -> None:
    """OCR of a version table reads its heads one to a line: "Auteur" is then
    followed by the next head, not by a name."""
    table = "Datum\n\nAuteur\n\nStatus\n\nVersie\n\n1.0\n\nJorien Haverkamp\n\nDefinitief\n"
    _, proposals = _propose(table, "Notitie\n\nDe Status is bijgewerkt.\n")
    assert [p.text for p in proposals if p.kind == "person"] == []
    (own,) = _propose("Auteur: Jorien Haverkamp\n\nTekst.\n")
    assert _redacted(own) == ["Jorien Haverkamp"]


def test_a_line_of_the_dossiers_own_words_is_not_taught_as_a_name() -> None:
    """A team's mailbox signs a mail like a writer; the dossier writes its last
    word in lower case.  A surname that is also a word stays a name."""
    mail = (
        "Van: Ineke Brouwersma <i.brouwersma@uwv.nl>\nOnderwerp: melding\n\n"
        "Er zijn drie datalekken gemeld. Jong en oud kreeg een brief.\n\n"
        "Met vriendelijke groet,\n\nMeldplicht Datalekken\nUWV ICT Services\n"
    )
    signed = "Memo\n\nAkkoord.\n\nMet vriendelijke groet,\n\nJan de Jong\n"
    later = "Notitie\n\nDe Meldplicht Datalekken en Jan de Jong spraken af.\n"
    *_, proposals = _propose(mail, signed, later)
    assert _redacted(proposals) == ["Jan de Jong"]


def test_a_line_of_words_the_dossier_writes_in_lower_case_is_no_name_by_shape() -> None:
    """A name found by its shape alone (a line of capitalised words) is one no
    text of the dossier writes in lower case: a word in one document is a word
    in the dossier's slides too."""
    slides = "dia 3\n\nVerin Tozzo\n\nRadomír Kovářík\n\ncijfers 2023\n"
    report = "Rapport\n\nWie via verin meldt, blijft anoniem.\n"  # an app's name
    (alone,) = _propose(slides)
    assert [p.text for p in alone if p.kind == "person"] == ["Verin Tozzo", "Radomír Kovářík"]
    together, _ = _propose(slides, report)
    assert [p.text for p in together if p.kind == "person"] == ["Radomír Kovářík"]
