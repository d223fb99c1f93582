"""E-mail parsing on the real development data: how many messages come out whole.

Reports documents classified as e-mail, messages per document, the share of
messages with sender, date and subject, the date range, and warnings by kind,
separately for files with a text layer (front matter ``ocr_used: false``) and
OCR'd files.  Skips cleanly when ../shared/data/real/ is absent.

    .venv/bin/python bench/real_email.py [--examples N]
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from inzage.errors import InputError
from inzage.pipeline import parse_path

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "real"


@dataclass
class Tally:
    files: int = 0
    email_documents: int = 0
    messages: int = 0
    with_sender: int = 0
    with_date: int = 0
    with_subject: int = 0
    with_date_and_subject: int = 0
    per_document: Counter[int] = field(default_factory=Counter)
    warnings: Counter[str] = field(default_factory=Counter)
    earliest: datetime | None = None
    latest: datetime | None = None
    missing: list[str] = field(default_factory=list)

    def share(self, count: int) -> str:
        return f"{count / self.messages:.1%}" if self.messages else "-"


def measure(examples: int) -> None:
    if not REAL.is_dir():
        print("real e-mail data: skipped (../shared/data/real/ is absent)")
        return
    tallies = {"text layer": Tally(), "OCR": Tally()}
    # The VWS chunks have their own hand-made gold (bench/vws_email.py).
    files = [
        path
        for path in sorted(REAL.rglob("*.md")) + sorted(REAL.rglob("*.txt"))
        if "vws-chunks" not in path.parts
    ]
    for path in files:
        try:
            source = parse_path(path)
        except InputError:
            continue
        tally = tallies["OCR" if source.metadata.get("ocr_used", True) else "text layer"]
        tally.files += 1
        for warning in source.warnings:
            tally.warnings[re.sub(r"message \d+: |'.*'|\d+", "…", warning)] += 1
        for document in source.documents:
            if document.kind != "email":
                continue
            tally.email_documents += 1
            tally.per_document[len(document.messages)] += 1
            for message in document.messages:
                tally.messages += 1
                tally.with_sender += message.sender is not None
                tally.with_date += message.sent is not None
                tally.with_subject += bool(message.subject)
                tally.with_date_and_subject += message.sent is not None and bool(message.subject)
                if message.sent is not None:
                    moment = message.sent.astimezone(UTC)
                    tally.earliest = min(filter(None, (tally.earliest, moment)))
                    tally.latest = max(filter(None, (tally.latest, moment)))
                if message.sent is None or not message.subject:
                    header = source.text[message.span.start : message.body_span.start]
                    tally.missing.append(f"{path.name}: {header[:160]!r}")
    for name, tally in tallies.items():
        print(f"\n== {name}: {tally.files} files, {tally.email_documents} e-mail documents")
        per_document = dict(sorted(tally.per_document.items()))
        print(f"messages: {tally.messages}; per document: {per_document}")
        print(
            f"with sender {tally.share(tally.with_sender)}, date {tally.share(tally.with_date)}, "
            f"subject {tally.share(tally.with_subject)}, "
            f"date and subject {tally.share(tally.with_date_and_subject)}"
        )
        if tally.earliest and tally.latest:
            print(f"dates: {tally.earliest:%Y-%m-%d} to {tally.latest:%Y-%m-%d} (UTC)")
        for warning, count in tally.warnings.most_common(12):
            print(f"  {count:5d}  {warning}")
        for line in tally.missing[:examples]:
            print(f"  missing: {line}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=5, help="messages without date/subject")
    measure(parser.parse_args().examples)
