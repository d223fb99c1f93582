"""The interface's words in Dutch (the default) and English (``--lang en``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

Language = Literal["nl", "en"]

_WORDS: dict[str, tuple[str, str]] = {
    "app": ("inzage", "inzage"),
    "skip": ("Naar de inhoud", "Skip to content"),
    "search": ("Zoeken", "Search"),
    "search_label": ("Zoek in de documenten", "Search the documents"),
    "search_hint": (
        'Woorden of een vraag, "een zin", OR, NOT, voorvoegsel*',
        'Words or a question, "a phrase", OR, NOT, prefix*',
    ),
    "timeline": ("Tijdlijn", "Timeline"),
    "organisations": ("Organisaties", "Organisations"),
    "grounds": ("Weigeringsgronden", "Grounds"),
    "api": ("API", "API"),
    "hits": ("resultaten", "hits"),
    "files_with_hits": (
        "{files} bestanden ({hits} resultaten)",
        "{files} files ({hits} hits)",
    ),
    "no_hits": ("Niets gevonden.", "Nothing found."),
    "no_hits_help": (
        "Probeer minder woorden, een voorvoegsel (jeugd*) of haal filters weg.",
        "Try fewer words, a prefix (jeugd*) or remove filters.",
    ),
    "empty_corpus": (
        "Deze database is leeg. Voeg documenten toe met: inzage ingest MAP",
        "This database is empty. Add documents with: inzage ingest FOLDER",
    ),
    "all_documents": ("Alle documenten, nieuwste eerst", "All documents, newest first"),
    "facets": ("Filters", "Filters"),
    "facet_kind": ("Soort", "Kind"),
    "facet_month": ("Maand", "Month"),
    "facet_organisation": ("Organisatie", "Organisation"),
    "facet_ground": ("Grond", "Ground"),
    "facet_domain": ("Afzenderdomein", "Sender domain"),
    "facet_redactions": ("Lakkingen", "Redactions"),
    "with_redactions": ("met lakkingen", "with redactions"),
    "without_redactions": ("zonder lakkingen", "without redactions"),
    "unindexed": (
        "Nog niet alles is doorzoekbaar: er wordt ingelezen, of het inlezen is afgebroken.",
        "Not everything is searchable yet: an ingest is running, or was stopped.",
    ),
    "remove_filter": ("filter weghalen", "remove filter"),
    "previous": ("Vorige", "Previous"),
    "next": ("Volgende", "Next"),
    "found_times": ("{n}× gevonden", "found {n}×"),
    "near_duplicates": ("{n} bijna-dubbele", "{n} near-duplicates"),
    "more_in_file": ("nog {n} in dit bestand", "{n} more in this file"),
    "some_words": ("niet alle woorden", "not all the words"),
    "widened": (
        "Geen bestanden met alle woorden; resultaten met de meeste woorden.",
        "No files with all the words; results with most of them.",
    ),
    "widened_after": (
        "{n} met alle woorden, aangevuld met resultaten met de meeste woorden.",
        "{n} with all the words, and results with most of them.",
    ),
    "left_out": ("Weggelaten: {words}.", "Left out: {words}."),
    "read_as_question": (
        "Gelezen als vraag; weggelaten: {words}.",
        "Read as a question; left out: {words}.",
    ),
    "messages_apart": ("Alle berichten apart tonen", "Show every message apart"),
    "one_per_file": ("Eén resultaat per bestand", "One result per file"),
    "redactions": ("lakkingen", "redactions"),
    "thread": ("Gesprek", "Thread"),
    "open_thread": (
        "Het hele gesprek, over alle bestanden",
        "The whole conversation, across files",
    ),
    "from": ("Van", "From"),
    "to": ("Aan", "To"),
    "cc": ("Cc", "Cc"),
    "sent": ("Verzonden", "Sent"),
    "subject": ("Onderwerp", "Subject"),
    "attachments": ("Bijlagen", "Attachments"),
    "zone_assumed": ("tijdzone aangenomen: {zone}", "time zone assumed: {zone}"),
    "quoted": ("geciteerd bericht", "quoted message"),
    "found_in": ("Gevonden in", "Found in"),
    "file": ("Bestand", "File"),
    "download": ("Origineel bestand", "Original file"),
    "page": ("pagina {first}", "page {first}"),
    "pages": ("pagina's {first}–{last}", "pages {first}–{last}"),
    "fields": ("Briefhoofd", "Letterhead"),
    "outline": ("Inhoud", "Outline"),
    "text": ("Tekst", "Text"),
    "redacted": ("gelakt", "redacted"),
    "no_ground": ("zonder genoemde grond", "no ground given"),
    "kind_email": ("e-mail", "e-mail"),
    "kind_memo": ("nota", "memo"),
    "kind_letter": ("brief", "letter"),
    "kind_minutes": ("verslag", "minutes"),
    "kind_inventory": ("inventarislijst", "inventory list"),
    "kind_agenda": ("agenda", "agenda"),
    "kind_report": ("rapport", "report"),
    "kind_other": ("overig", "other"),
    "timeline_of_results": ("Deze resultaten op de tijdlijn", "These results on the timeline"),
    "results_of_timeline": ("De resultaten als lijst", "The results as a list"),
    "timeline_title": ("Documenten en berichten per maand", "Documents and messages per month"),
    "timeline_empty": ("Geen gedateerde documenten.", "No dated documents."),
    "month": ("Maand", "Month"),
    "total": ("Totaal", "Total"),
    "documents": ("documenten", "documents"),
    "messages": ("berichten", "messages"),
    "correspondents": ("Correspondenten", "Correspondents"),
    "no_correspondents": (
        "Geen zichtbare afzenders of ontvangers.",
        "No visible senders or recipients.",
    ),
    "applied": ("keer toegepast", "times applied"),
    "in_documents": ("in {n} documenten", "in {n} documents"),
    "hides": ("Wat is gelakt", "What was redacted"),
    "where_applied": ("Waar toegepast", "Where applied"),
    "role_name": ("naam", "name"),
    "role_email": ("e-mailadres", "e-mail address"),
    "role_phone": ("telefoonnummer", "phone number"),
    "role_function": ("functie", "function"),
    "role_passage": ("passage", "passage"),
    "role_unknown": ("onbekend", "unknown"),
    "not_found": ("Niet gevonden", "Not found"),
    "not_found_help": (
        "Dit bestaat niet (meer) in deze database.",
        "This does not exist (any more) in this database.",
    ),
    "bad_query": ("Deze zoekvraag kan ik niet lezen", "This query cannot be read"),
    "slow_query": ("Deze zoekvraag duurde te lang", "This search took too long"),
    "bad_request": ("Dat adres klopt niet", "Something in this address is wrong"),
    "back_to_search": ("Terug naar zoeken", "Back to search"),
    "untitled": ("(zonder titel)", "(no title)"),
}

# Letterhead and decision-letter fields (Document.fields keys); any other key
# is shown as it is.
_FIELDS: dict[str, tuple[str, str]] = {
    "document_date": ("Datum", "Date"),
    "reference": ("Kenmerk", "Reference"),
    "their_reference": ("Uw kenmerk", "Their reference"),
    "case_number": ("Zaaknummer", "Case number"),
    "subject": ("Betreft", "Subject"),
    "organisation": ("Organisatie", "Organisation"),
    "unit": ("Onderdeel", "Unit"),
    "author": ("Opgesteld door", "Author"),
    "author_email": ("E-mail opsteller", "Author's e-mail"),
    "author_phone": ("Telefoon opsteller", "Author's phone"),
    "addressee": ("Aan", "To"),
    "cc": ("Kopie aan", "Copy to"),
    "purpose": ("Doel", "Purpose"),
    "approval": ("Paraaf", "Approval"),
    "deadline": ("Deadline", "Deadline"),
    "meeting_datetime": ("Vergaderdatum", "Meeting"),
    "meeting_end": ("Einde vergadering", "Meeting ends"),
    "meeting_place": ("Vergaderplaats", "Meeting place"),
    "attachments_count": ("Bijlagen", "Attachments"),
    "decision_date": ("Datum besluit", "Decision date"),
    "request_date": ("Datum verzoek", "Request date"),
    "outcome": ("Besluit", "Outcome"),
    "grounds_cited": ("Genoemde gronden", "Grounds cited"),
    "articles_cited": ("Genoemde artikelen", "Articles cited"),
}

# The review mode's words (``inzage review``).
_WORDS.update(
    {
        "review": ("Beoordelen", "Review"),
        "queue": ("Documenten", "Documents"),
        "dossier": ("Dossier", "Dossier"),
        "login": ("Aanmelden", "Sign in"),
        "login_help": (
            "Geef de toegangscode die inzage review bij het starten toonde, en je naam: "
            "elke beslissing wordt onder die naam vastgelegd.",
            "Give the access token inzage review printed when it started, and your name: "
            "every decision is recorded under it.",
        ),
        "token": ("Toegangscode", "Access token"),
        "your_name": ("Je naam", "Your name"),
        "signed_in_as": ("Aangemeld als {name}", "Signed in as {name}"),
        "sign_out": ("Afmelden", "Sign out"),
        "progress": (
            "{judged} van {total} beoordeeld, {signed} afgetekend",
            "{judged} of {total} judged, {signed} signed off",
        ),
        "filter_kind": ("Soort", "Kind"),
        "filter_state": ("Stand", "State"),
        "state_all": ("alle", "all"),
        "state_unjudged": ("nog niet beoordeeld", "not yet judged"),
        "state_judged": ("beoordeeld", "judged"),
        "state_unsigned": ("beoordeeld, niet afgetekend", "judged, not signed off"),
        "state_signed": ("afgetekend", "signed off"),
        "with_proposals": ("met voorstellen", "with proposals"),
        "with_special": ("met bijzondere persoonsgegevens", "with special-category data"),
        "apply_filter": ("Toon", "Show"),
        "number": ("Nr.", "No."),
        "document": ("Document", "Document"),
        "judgement": ("Beoordeling", "Judgement"),
        "open_proposals": ("Open voorstellen", "Open proposals"),
        "signed_by": ("Afgetekend door", "Signed off by"),
        "not_judged": ("niet beoordeeld", "not judged"),
        "previous": ("Vorige", "Previous"),
        "next": ("Volgende", "Next"),
        "proposals": ("Voorstellen", "Proposals"),
        "no_proposals": ("Geen voorstellen.", "No proposals."),
        "accept": ("Lakken", "Redact"),
        "reject": ("Niet lakken", "Keep"),
        "undo": ("Terug naar voorstel", "Back to proposed"),
        "remove": ("Verwijderen", "Remove"),
        "ground": ("Grond", "Ground"),
        "status_proposed": ("voorgesteld", "proposed"),
        "status_accepted": ("gelakt", "redacted"),
        "status_rejected": ("niet gelakt", "kept"),
        "status_manual": ("handmatig gelakt", "redacted by hand"),
        "redact_selection": ("Lak selectie", "Redact selection"),
        "selection_help": (
            "Selecteer tekst om die handmatig te lakken (toets x).",
            "Select text to redact it by hand (key x).",
        ),
        "everywhere": ("Overal in het dossier", "Everywhere in the dossier"),
        "everywhere_preview": (
            "{places} plaatsen in {documents} documenten, waarvan {new} nog niet gelakt"
            "{signed_note}.",
            "{places} places in {documents} documents, {new} not yet redacted{signed_note}.",
        ),
        "everywhere_signed": (
            "; {n} in afgetekende documenten blijven zoals ze zijn",
            "; {n} in signed-off documents stay as they are",
        ),
        "everywhere_check": ("Tel", "Count"),
        "everywhere_apply": ("Lak overal", "Redact everywhere"),
        "judge": ("Oordeel", "Judge"),
        "judgement_none": ("(geen)", "(none)"),
        "grounds_withheld": ("Gronden (bij niet of deels openbaar)", "Grounds (when withheld)"),
        "link": ("Publieke link (bij reeds openbaar)", "Public link (when already public)"),
        "remark": ("Toelichting", "Remark"),
        "save": ("Opslaan", "Save"),
        "withhold": ("Pagina weigeren", "Withhold a page"),
        "page_number": ("Pagina", "Page"),
        "withheld_pages": ("Geweigerde pagina's", "Withheld pages"),
        "give_back": ("Terug", "Give back"),
        "duplicate": ("Dubbel van", "Duplicate of"),
        "duplicate_help": ("Documentnummer, of leeg", "Document number, or empty"),
        "near_duplicate_of": ("Lijkt op", "Near duplicate of"),
        "family": ("Familie (mail en bijlagen)", "Family (mail and attachments)"),
        "sign_off": ("Aftekenen", "Sign off"),
        "undo_sign_off": ("Aftekening intrekken", "Undo sign-off"),
        "signed_note": (
            "Afgetekend door {name}: wijzigen kan pas na intrekken.",
            "Signed off by {name}: undo the sign-off to change it.",
        ),
        "history": ("Geschiedenis", "History"),
        "keys_help": (
            "Toetsen: n/p volgend/vorig voorstel, a lakken, r niet lakken, x selectie lakken, "
            "[ en ] vorig/volgend document.",
            "Keys: n/p next/previous proposal, a redact, r keep, x redact selection, "
            "[ and ] previous/next document.",
        ),
        "conflict": ("Iemand anders wijzigde dit document.", "Someone else changed this document."),
        "reload": ("Opnieuw laden", "Reload"),
        "request": ("Woo-verzoek", "Woo request"),
        "case_number": ("Zaaknummer", "Case number"),
        "title_field": ("Titel", "Title"),
        "request_date": ("Datum verzoek", "Request date"),
        "decision_date": ("Datum besluit", "Decision date"),
        "publisher": ("Publicerende organisatie", "Publisher"),
        "requester": ("Verzoeker (wordt nooit gepubliceerd)", "Requester (never published)"),
        "decision": ("Besluit", "Decision"),
        "inventory": ("Inventarislijst", "Inventory list"),
        "download_xlsx": ("Excel", "Excel"),
        "download_csv": ("CSV", "CSV"),
        "saved": ("Opgeslagen.", "Saved."),
        "next_open": (
            "Naar het eerste niet beoordeelde document",
            "To the first document not judged",
        ),
        "thread_of": ("Gesprek {n}", "Thread {n}"),
        "no_terms": (
            "Nog niets overal in het dossier gelakt.",
            "Nothing redacted everywhere in the dossier yet.",
        ),
    }
)


def translator(language: Language) -> Callable[..., str]:
    """``t("found_times", n=3)``: the word for ``key`` in ``language``."""
    index = 0 if language == "nl" else 1

    def t(key: str, **values: object) -> str:
        return _WORDS[key][index].format(**values)

    return t


def field_namer(language: Language) -> Callable[[str], str]:
    """The label of a document field in ``language``; unknown keys as they are."""
    index = 0 if language == "nl" else 1
    return lambda key: _FIELDS[key][index] if key in _FIELDS else key


def keys() -> list[str]:
    return list(_WORDS)
