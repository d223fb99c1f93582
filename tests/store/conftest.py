"""A small synthetic release on disk: a thread quoted across three files, a
memo twice (once as a near-copy), and bad input."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.builders import Mail, make_email, make_memo, make_thread

START = datetime(2021, 3, 1, 9, 0, tzinfo=UTC)

QUESTION = Mail(
    sender="Piet Bos <p.bos@gemeente-zwolle.nl>",
    sent=START,
    subject="Uitstel invoering jeugdwet",
    body="Kunnen de gemeenten uitstel krijgen voor de invoering?\n\nGroet, Piet",
    to=["Eva Kok <e.kok@minvws.nl>"],
)
ANSWER = Mail(
    sender="Eva Kok <e.kok@minvws.nl>",
    sent=START + timedelta(hours=3),
    subject="RE: Uitstel invoering jeugdwet",
    body="Wij bekijken het verzoek van de gemeente en komen erop terug.\n\nEva",
    to=["Piet Bos <p.bos@gemeente-zwolle.nl>"],
)
FOLLOW_UP = Mail(
    sender="Piet Bos <p.bos@gemeente-zwolle.nl>",
    sent=START + timedelta(days=2),
    subject="Antw: RE: Uitstel invoering jeugdwet",
    body="Dank voor het snelle antwoord over het uitstel.\n\nPiet",
    to=["Eva Kok <e.kok@minvws.nl>"],
)
MEMO_BODY = (
    "### 1 Aanleiding\n\n"
    + "De minister spreekt met de VNG over de tekorten in de jeugdzorg en de verdeling "
    "van middelen over de regio's. Gemeenten vragen om meer budget en uitstel. "
    * 6
    + "\n\n### 2 Advies\n\nWij adviseren 5.1.2e in te stemmen met het voorstel.\n"
)


def _memo(subject: str, body: str = MEMO_BODY) -> str:
    return make_memo(
        [("Datum document", "11-06-2020"), ("Kenmerk", "1234567-204321-DJ"), ("Betreft", subject)],
        body=body,
    )


@pytest.fixture
def release(tmp_path: Path) -> Path:
    return make_release(tmp_path)


def make_release(parent: Path) -> Path:
    """The synthetic release, written to ``parent/release``."""
    folder = parent / "release"
    (folder / "mail").mkdir(parents=True)
    one = make_email(QUESTION)
    two = make_thread(make_email(ANSWER), make_email(QUESTION, "nl-outlook", top=False))
    three = make_thread(
        make_email(FOLLOW_UP),
        make_email(ANSWER, "nl-outlook", top=False),
        make_email(QUESTION, "nl-outlook", top=False),
    )
    (folder / "mail" / "1-vraag.txt").write_text(one, encoding="utf-8")
    (folder / "mail" / "2-antwoord.txt").write_text(two, encoding="utf-8")
    (folder / "mail" / "3-dank.txt").write_text(three, encoding="utf-8")
    (folder / "nota.md").write_text(_memo("Overleg VNG jeugdzorg"), encoding="utf-8")
    near = MEMO_BODY.replace("Wij adviseren", "Wij adviseren u")
    (folder / "nota-v2.md").write_text(_memo("Overleg VNG jeugdzorg", near), encoding="utf-8")
    (folder / "kopie-nota.md").write_bytes((folder / "nota.md").read_bytes())
    (folder / "kapot.txt").write_bytes(bytes(range(32)) * 40)
    (folder / "leeg.txt").write_bytes(b"")
    return folder
