"""Name recognisers: one table each, with negatives."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inzage.detect.personal.base import KnownNames, PersonalRecogniser, person_key
from inzage.detect.personal.names import (
    AffiliationNameRecogniser,
    BesideMarkerNameRecogniser,
    ClosingNameRecogniser,
    CueNameRecogniser,
    FieldNameRecogniser,
    FromLineNameRecogniser,
    GreetingNameRecogniser,
    HeaderNameRecogniser,
    InitialsNameRecogniser,
    KnownNameRecogniser,
    LexiconNameRecogniser,
    NameLineRecogniser,
    OfficeHolderRecogniser,
    ParticleNameRecogniser,
    plausible_name,
)
from inzage.detect.proposals import REVIEW_BELOW, text_context
from tests.detect.personal.helpers import found, texts

HEADER = (
    "Van: Vries, A. de (Anna) <anna.devries@minvws.nl>\n"
    "Verzonden: dinsdag 9 juni 2020 10:20\n"
    "Aan: Secretariaat DMO <secretariaat-dmo@minvws.nl>; Tom Kerkhof <t.kerkhof@vng.nl>\n"
    "CC: (10)(2e) <(10)(2e)@minvws.nl>\n"
    "Onderwerp: stukken\n\nTekst.\n"
)


def test_one_word_in_a_header_is_for_review_unless_the_lexicon_knows_it() -> None:
    text = "Van: Pfizer <orders@pfizer.example>\nAan: Pieter <p@vng.nl>\nOnderwerp: x\n\nTekst\n"
    scores = {
        f.span.slice(text): f.score for f in HeaderNameRecogniser().find_in(text_context(text))
    }
    assert scores == {"Pfizer": 0.6, "Pieter": 1.0}


def test_header_names_are_found_and_units_kept() -> None:
    result = found(HeaderNameRecogniser(), HEADER)
    assert ("Vries, A. de", True) in result
    assert ("Tom Kerkhof", True) in result
    assert ("Secretariaat DMO", False) in result
    assert all("10" not in name for name, _ in result)  # a marker is no name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ontworpen door: Karin Smit\n", ["Karin Smit"]),
        ("Contactpersoon\tdrs. J.P. van der Berg\n", ["J.P. van der Berg"]),
        (
            "Aanwezig: Eva Kok (VWS), Joris Vos, Lotte de Wit\n",
            ["Eva Kok", "Joris Vos", "Lotte de Wit"],
        ),
        (
            "Deelnemers:\n- Mila Hendriks (BZK)\n- Daan Mulder, beleidsmedewerker\n\nVerslag",
            ["Mila Hendriks", "Daan Mulder"],
        ),
        ("Ontworpen door: Team Communicatie\n", []),
        ("Aanwezig:\n\n## Eva Kok\n## Joris Vos\n\nVerslag", ["Eva Kok", "Joris Vos"]),
        ("Onderwerp: overleg met Pieter\n", []),
        ("Van: Sent: Wednesday, 10 February 2021\n", []),
        ("Aan: Indeling programma\n", []),
        ("Van: Heinz-Werner\n", ["Heinz-Werner"]),
        ("Akkoord\n\nAfgestemd/ingestemd* met\n", []),
        ("Akkoord\n\nAnna de Wit\n", ["Anna de Wit"]),
        ("De sheets\n\nvan\n\nBeoordeling\n\nkosten", []),
        ("|51x Opmerkingen verwerkt van: Anatol Zobel\n", ["Anatol Zobel"]),
        ("IM.\n\ncontactpersoon\n\nRestrisico Door de maatregelen is dit nihil.\n", []),
    ],
)
def test_field_names(text: str, expected: list[str]) -> None:
    assert texts(FieldNameRecogniser(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Beste Anna,\n\nDank.", ["Anna"]),
        ("Hoi Pieter en Karin,\n", ["Pieter", "Karin"]),
        ("Geachte heer Van Dijk,\n", ["Van Dijk"]),
        ("Beste collega's,\n", []),
        ("Hallo allemaal,\n", []),
        ("Ik zei: beste oplossing, Anna.\n", []),
        ("## Dag Jorien\n\nDank je wel!", ["Jorien"]),  # a converter's heading
    ],
)
def test_greeting_names(text: str, expected: list[str]) -> None:
    assert texts(GreetingNameRecogniser(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Met vriendelijke groet,\n\nPieter de Boer\nBeleidsmedewerker\n", ["Pieter de Boer"]),
        ("Groet, Sanne\n", ["Sanne"]),
        ("Groeten,\nADV\n", ["ADV"]),
        ("Namens de Raad van Bestuur van UWV,\n\nKarin Smit\ndirecteur\n", ["Karin Smit"]),
        ("Met vriendelijke groet,\n\nTeam Woo\n", []),
        ("Met vriendelijke groet,\n\nDe minister van Volksgezondheid,\n", []),
        ("## GROUP\n(FYDIBOHF23SPDLT)\n", []),
        (
            "Met vriendelijke groet,\n\nSian Kaya\nJ.K. van Dam\nBureau Woo\n",
            ["Sian Kaya", "J.K. van Dam"],
        ),
        ("Met vriendelijke groet,\n\nSian Kaya\nMeldplicht Datalekken\n", ["Sian Kaya"]),
        # A role is no writer (a Dutch word no list holds as a name), the full
        # name below it is; a first name from abroad is no Dutch word.
        ("Met vriendelijke groet,\n\nOprichter\nJorien Haverkamp\n", ["Jorien Haverkamp"]),
        ("Met vriendelijke groet,\n\nHedviga\n", ["Hedviga"]),
    ],
)
def test_closing_names(text: str, expected: list[str]) -> None:
    assert texts(ClosingNameRecogniser(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ik heb gebeld met collega De Boer.", ["De Boer"]),
        ("Volgens mevrouw Jansen is het goed.", ["Jansen"]),
        ("Afgestemd met Anna de Vries van DMO.", ["Anna de Vries"]),
        ("Afgestemd met Excel.", []),
        ("Besproken met Europese Commissie.", []),
        ("Afgestemd met Algemeen Directeuren. Het algemeen overleg volgt.", []),
        ("Geboren te 's-Heer Arendskerke.", []),
        ("Nagelstyling met Acryl Gel en meer.", []),
        ("Het adres is Dorpsweg 4, 5602 MW Vledder.", []),
        ("Afgestemd met J. Smit en met Emre van Dam.", ["J. Smit", "Emre van Dam"]),
    ],
)
def test_cue_names(text: str, expected: list[str]) -> None:
    assert texts(CueNameRecogniser(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Het stuk van J.P. van der Berg volgt.", ["J.P. van der Berg"]),
        ("Gesproken: A. Öztürk en B.C. Jansen-Smit.", ["A. Öztürk", "B.C. Jansen-Smit"]),
        ("Zie art. 5.1.2 Woo.", []),
        ("Zo besloot de EU. Hieronder volgt meer.", []),
        ("Reactie: N.V.T. Standaard tekst.", []),
        ("Het is 10 u. Daarna verder.", []),
        ("Vraag\nE. Is de oorzaak bekend? Wat is er gebeurd?", []),
        ("Deel D. Dossier afspraken: dit dossier bevat de afspraken.", []),
        ("Vragen\nA. Hoewel de melding laat kwam\nB. Beschrijf de gevolgen\n", []),
        ("Namens de Raad,\n\nH. Goyaerts van Waderle\n", ["H. Goyaerts"]),
        # Initials of names from abroad: capitals outside ASCII, "in 't".
        ("Groet,\n\nÉ. in 't Brouwersma\n", ["É. in 't Brouwersma"]),
        ("Met Ş.D. ter Haverkamp en Ł. Kramsveld.", ["Ş.D. ter Haverkamp", "Ł. Kramsveld"]),
        # One letter before a Dutch word: a list's letter, a column's head.
        ("Stand\nB. Automatisering: onderzoek gestart\nD. Overig 4x\n", []),
        # A short word is a surname elsewhere ("kis" is Dutch, Kis Hungarian).
        ("Gesproken met J. Kis over de planning.", ["J. Kis"]),
    ],
)
def test_initials_names(text: str, expected: list[str]) -> None:
    assert texts(InitialsNameRecogniser(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Daarna belde Pieter Bakker terug.", ["Pieter Bakker"]),
        ("Overnachting in Lotte Hotel Amsterdam.", []),  # a hotel's name
        ("Volgens Emma van den Heuvel klopt het.", ["Emma van den Heuvel"]),
        ("In Den Haag is het overleg.", []),
        ("De Tweede Kamer vergadert.", []),
        ("Wat is er gebeurd?\n\nHans-Theo Peeters\n\n- Hoe is het gemeld?", ["Hans-Theo Peeters"]),
        ("geretourneerd?\n\nLuc\n\n- Hoe is het gemeld?", ["Luc"]),
        ("Inleiding\n\nDe aanleiding.", []),
        # First names from abroad (the wider list) where the text never writes
        # them in lower case: "Dan" is a name, "dan" a word.
        ("Daarna belde Giacomo Kramsveld terug.", ["Giacomo Kramsveld"]),
        ("Dan Haverkamp belde terug.", ["Dan Haverkamp"]),
        ("Dan Haverkamp belde terug, en dan nog iemand.", []),
        ("geretourneerd?\n\nSiobhan\n\n- Hoe is het gemeld?", ["Siobhan"]),
        ("grafiek\n\nJan Mrt Mei Jun\n", []),  # months in a chart
    ],
)
def test_lexicon_names(text: str, expected: list[str]) -> None:
    assert texts(LexiconNameRecogniser(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("de inzet\n\nvan\n\n## Radomír Kovářík\n\nmeer cijfers", ["Radomír Kovářík"]),
        ("Pagina\n\nvan\n\nOldřich van Ikonenvaara\n\n2007 versie", ["Oldřich van Ikonenvaara"]),
        ("Meldpunt Fraude\n\nhet meldpunt is open", []),  # a word of the text
        ("tabel\n\nFeb Jul\n\nApr Aug Sep\n", []),  # months
        ("tabel\n\nResource Resource\n", []),  # a word twice
        ("tabel\n\nDaartoe In\n\nHet Managen\n", []),  # a particle capitalised
        ("tabel\n\nStuurvariabelen Overzicht\n", []),  # a compound, no name
        ("tabel\n\nWijziging Regeling\n", []),  # a Dutch noun's ending
        ("Radomír Kovářík belde terug.\n", []),  # not alone on its line
        # Mostly Dutch words, inflected or compound, though the text writes
        # none of them in lower case.
        ("dia\n\nMeld Misdaad\n\nAnoniem\n", []),
        ("dia\n\nZoeken Ivant Laatste\n", []),
        ("Groet\n\nMeldplicht Datalekken\n", []),
        ("Status\n\nReactiedatum Streefdatum\n", []),
        # A name whose first name is a Dutch word, or whose surname is one.
        ("deelnemers\n\nAxel Gustafsson\n\nmeer", ["Axel Gustafsson"]),
        ("deelnemers\n\nTamás Kis\n\nmeer", ["Tamás Kis"]),
        # A place, except after a particle, where it makes a surname.
        ("adres\n\nChasséveld Breda\n", []),
        ("regio\n\nZuid-Holland Zeeland\n", []),
        ("deelnemers\n\nMerel van Leuven\n\nmeer", ["Merel van Leuven"]),
    ],
)
def test_name_lines_are_for_review(text: str, expected: list[str]) -> None:
    assert _for_review(NameLineRecogniser(), text) == expected


def _for_review(recogniser: PersonalRecogniser, text: str) -> list[str]:
    """The texts ``recogniser`` finds, each proposed for review."""
    findings = list(recogniser.find_in(text_context(text)))
    assert all(f.score < REVIEW_BELOW for f in findings)
    return [f.span.slice(text) for f in findings]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # OCR of a report's head: "van" on one line, the writer on the next.
        ("Maandrapportage Pagina\n\nvan\n\n## Hedviga\n\n2007 Bestuur\n", ["Hedviga"]),
        (
            "Analyse\n\nvan\n\nVilho Ikonen-Brouwersma. pdf\n\nbijlage 3\n",
            ["Vilho Ikonen-Brouwersma"],
        ),
        ("aangeboden\n\naan\n\nR. Kovářík\n\noordeel\n", ["R. Kovářík"]),
        ("van\n\nHedviga\n\nbijlage", ["Hedviga"]),  # the text's first line
        # No name: a Dutch word, a place, a month, a term, two letters, a word
        # of the text, or not alone after "van".
        ("impact\n\nvan\n\nDynamische\n", []),
        ("rapport\n\nvan\n\nUitvoering\n", []),
        ("kantoor\n\nvan\n\nBreda\n", []),
        ("rapportage\n\nvan\n\nJanuari\n", []),
        ("de klant\n\naan\n\nZiektewet-uitkering. UWV berekent\n", []),
        ("stand\n\nvan\n\nHerbo's\n", []),
        ("een\n\nvan\n\n## Pe\n", []),
        ("meld het via tozzo\n\nvan\n\nTozzo\n", []),
        ("het verslag van\n\nHedviga\n", []),
    ],
)
def test_names_on_the_line_after_van_are_for_review(text: str, expected: list[str]) -> None:
    assert _for_review(FromLineNameRecogniser(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Aanwezig waren Anatol Zobel (FEZ) en anderen.", ["Anatol Zobel"]),
        ("Gesproken met A. Zobel (BSO FB DIV).", ["A. Zobel"]),
        ("De Fraude Signalering Voorziening (FSV) is gestopt.", []),
        ("De Tijdelijke Noodmaatregel Overbrugging Werkgelegenheid (NOW) loopt.", []),
        ("Het Bestuurlijk Verkeer (MEBV) loopt. Het verkeer is druk.", []),
    ],
)
def test_affiliation_names(text: str, expected: list[str]) -> None:
    assert texts(AffiliationNameRecogniser(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Review van René den Nicolas verwerkt.", ["René den Nicolas"]),
        ("Zij sprak Sanne van der Veen.", ["Sanne van der Veen"]),
        ("Status van Uitvoering volgt.", []),
        ("Hij is geboren te Nederhorst den Berg.", []),
        ("Zij woont aan de Dorpsweg 4, 7300 JW Nederhorst den Berg.", []),  # a place
        ("Besluit tot Wijziging van de Tijdelijke wet.", []),
        ("In de Sollicitatiescan worden gegevens verwerkt.", []),
        ("Het ministerie van de Regering. Een regering van de ministers.", []),
    ],
)
def test_particle_names(text: str, expected: list[str]) -> None:
    assert texts(ParticleNameRecogniser(), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Aan: Hidde 5.1.2e\nOnderwerp: x\n", ["Hidde"]),
        ("| Voorzitter | (10)(2e) |\n| Rosalie<br>(10)(2e) |\n", ["Rosalie"]),
        ("Beste Lotte,\n\nVia (10)(2e) kreeg ik het bericht.", []),
        ("Van: Directeur 5.1.2e\nOnderwerp: x\n", []),
        ("| Marek Nowotka<br>(10)(2e) |\n", ["Marek Nowotka"]),
        ("Aan: Pagina 5.1.2e\nOnderwerp: x\n", []),
        ("Van: Pa 5.1.2e\nOnderwerp: x\n", []),
        ("Bijlage: Eis 5.1.2e\n", []),  # a Dutch word
    ],
)
def test_beside_marker_names(text: str, expected: list[str]) -> None:
    assert texts(BesideMarkerNameRecogniser(), text) == expected


def test_known_names_find_every_variant() -> None:
    known = KnownNames()
    key = person_key("Anna de Vries")
    known.add("anna de vries", key, "sender of a mail")
    known.keys.add(key)
    known.surnames["devries"] = key
    known.add_first_name("anna", key, "sender of a mail")
    text = "Anna de Vries, A. de Vries, De Vries en Anna. Niet: Vries of Annabel."
    assert texts(KnownNameRecogniser(), text, known) == [
        "Anna de Vries",
        "A. de Vries",
        "De Vries",
        "Anna",
    ]
    assert texts(KnownNameRecogniser(), text) == []  # nothing known, nothing found


def test_known_names_are_found_over_a_line_break_inside_a_particle() -> None:
    known = KnownNames()
    key = person_key("Anna van de Berg")
    known.add("anna van de berg", key, "sender of a mail")
    text = "Een regel zonder naam.\nGesproken met Anna van\nde Berg. En met Anna van de\nBerg.\n"
    # The second break is not inside a particle: there the run ends at "de".
    assert texts(KnownNameRecogniser(), text, known) == ["Anna van\nde Berg"]
    # In a text whose lower case is not one to one the whole text is read.
    wide = "İ " + text
    assert texts(KnownNameRecogniser(), wide, known) == ["Anna van\nde Berg"]
    known.add("ayşe öztürk", person_key("Ayşe Öztürk"), "sender of a mail")
    assert texts(KnownNameRecogniser(), "İlk overleg met Ayşe Öztürk.", known) == ["Ayşe Öztürk"]


def test_a_first_name_shared_by_two_people_belongs_to_neither() -> None:
    known = KnownNames()
    known.add_first_name("anna", "devries|a", "header")
    known.add_first_name("anna", "bakker|a", "header")
    found_name = known.get("Anna")
    assert found_name is not None and found_name.person == "anna|"


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Minister De Wildt wil het zien.", "De Wildt"),
        ("Volgens staatssecretaris Van Eyk niet.", "Van Eyk"),
        ("Hugo Jansen, burgemeester van Ergens, opende.", "Hugo Jansen"),
        ("Brief van de minister van VWS, Karin Smit, aan de Kamer.", "Karin Smit"),
        ("De heer Verhoef (GroenLinks): Voorzitter, ik begin.", "Verhoef"),
    ],
)
def test_office_holders_are_kept(text: str, kept: str) -> None:
    assert (kept, False) in found(OfficeHolderRecogniser(), text)


def test_office_words_alone_are_no_office_holders() -> None:
    assert found(OfficeHolderRecogniser(), "De minister is op reis.") == []


@pytest.mark.parametrize(
    ("name", "plausible"),
    [
        ("Anna de Vries", True),
        ("Team Communicatie", False),
        ("Den Haag", False),
        ("van der", False),
        ("Jansen-Smit", True),
        ("Geachte", False),  # a greeting under a label
        ("het Wob-verzoek", False),  # a part of a compound is no name
        ("Plaatsvervangend Secretaris-generaal", False),
        ("Voorzieningenrechter van de Rechtbank", False),
        ("Boetezaaknummer", False),
        ("Overwegingen", False),  # a decision letter's heading
        ("Jan van Galenstraat", False),  # a street
        ("Frans Halsbuurt", False),
        ("De Vrije Kade", False),
        ("Anna van den Berg", True),  # "berg" ends streets and surnames alike
        ("Inventarisatielijst", False),
        ("Paraaf", False),  # a field's label
    ],
)
def test_plausible_name(name: str, plausible: bool) -> None:
    assert plausible_name(name) is plausible


@pytest.mark.parametrize(
    "variant", ["Anna de Vries", "A. de Vries", "Vries, A. de", "anna devries", "A.de Vries"]
)
def test_variants_share_one_person_key(variant: str) -> None:
    assert person_key(variant) == "devries|a"


def test_a_header_word_with_a_noun_or_adjective_ending_is_a_unit() -> None:
    text = "Van: Juridische\nVerzonden: maandag 4 januari 2021 10:00\nAan: Pieter\nOnderwerp: x\n"
    assert ("Juridische", False) in found(HeaderNameRecogniser(), text)
    assert texts(HeaderNameRecogniser(), text) == ["Pieter"]


def test_header_values_without_a_name_word_are_units() -> None:
    text = (
        "Van: EEE vn.\nVerzonden: maandag 4 januari 2021 10:00\nAan: [IEE minvws.nl\nOnderwerp: x\n"
    )
    assert texts(HeaderNameRecogniser(), text) == []
    assert ("EEE vn.", False) in found(HeaderNameRecogniser(), text)


def test_header_names_lose_marker_remains_but_ticket_subjects_stay_units() -> None:
    text = (
        "Van: Meldpunt <meldpunt@uwv.nl>\nVerzonden: maandag 4 januari 2021 10:00\n"
        "Aan: Paker Şafak sub 1\nCC: #Ticket I-3126057# datalek\nOnderwerp: x\n\nTekst\n"
    )
    assert texts(HeaderNameRecogniser(), text) == ["Paker Şafak"]
    assert ("#Ticket I-3126057# datalek", False) in found(HeaderNameRecogniser(), text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Wouter Kramsveld\n5.1.2e\nMinister van Wonen\n", "Wouter Kramsveld"),
        (
            "- Ineke Brouwersma\n\n5.1.2e\n\n5.1.2e 5.1.2e\n\nwethouder van Zwolle\n",
            "Ineke Brouwersma",
        ),
        ("Sanne de Wit\n(10)(2e)\n\nStaatssecretaris van Jeugd\n", "Sanne de Wit"),
    ],
)
def test_a_participant_above_redacted_lines_and_an_office_is_kept(text: str, kept: str) -> None:
    """Participant lists: name, the redacted aide, the office (formats.md §3)."""
    assert (kept, False) in found(OfficeHolderRecogniser(), text)


@pytest.mark.parametrize(
    "text",
    [
        "Wouter Kramsveld\nheeft gebeld met de\nMinister van Wonen\n",  # a line of text between
        "Wouter Kramsveld\n5.1.2e\nsprak de minister van Wonen\n",  # the office starts no line
        "Wouter Kramsveld\n5.1.2e\n5.1.2e\n5.1.2e\n5.1.2e\nMinister van Wonen\n",  # too far
    ],
)
def test_no_office_holder_across_text_or_far_away(text: str) -> None:
    assert ("Wouter Kramsveld", False) not in found(OfficeHolderRecogniser(), text)


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.sampled_from(["5.1.2e", "(10)(2e)", "5.1.2e 5.1.2e"]), min_size=1, max_size=3),
    st.sampled_from(["\n", "\n\n"]),
    st.sampled_from(["Minister van Wonen", "burgemeester van Ergens", "Staatssecretaris"]),
)
def test_participants_across_any_redacted_lines(markers: list[str], gap: str, office: str) -> None:
    text = gap.join(["Wouter Kramsveld", *markers, office]) + "\n"
    assert ("Wouter Kramsveld", False) in found(OfficeHolderRecogniser(), text)
