"""Decision-letter fields against the hand-made ground truth in
../shared/data/real/wob-letters/GT/*.csv.

Each listed PDF that is present (and not image-based, unless OCR may run) is
read by inzage itself (``parse_path``, OCR off by default), and also, where
``pdftotext`` is installed, as pdftotext's text given to ``parse_text``: the
figures measured before inzage read PDFs, kept so the two readings can be
compared.  The decision letter is the first document that is a letter with
decision fields (a PDF can open with a cover page or hold annexes).  Compared:
decision date, request date, and whether the ground articles 10 and 11 of the
Wob (the GT's "articles" column also lists non-ground articles such as 3 and 6)
are cited.  A GT date that is no date (a year of three digits) is not scored;
GT values that the letter itself contradicts (:data:`DISPUTED`, checked by hand)
are scored apart.  Skips cleanly without the data.

    .venv/bin/python bench/decision_letters.py [--show-misses] [--ocr auto] [--reader inzage]
"""

from __future__ import annotations

import argparse
import csv
import shutil
import subprocess
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from inzage.model import Document, Source
from inzage.pipeline import parse_path, parse_text
from inzage.read.options import OcrMode, ReadOptions

LETTERS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "real" / "wob-letters"
GROUND_ARTICLES = {"10", "11"}
FIELDS = ("decision_date", "request_date", "articles applied", "articles named")
# GT values the letter contradicts, checked by hand against the letter: both
# figures are printed, with them and without them.
DISPUTED = {
    ("181211_deelbesluit_wob_verzoek_3_contracten_leadbuyer_ict.pdf", "request_date"): (
        "day and month digits swapped against the letter's request date, which the "
        "letter's receipt date follows by a day"
    ),
    ("Bes-Besluit+op+Wob-verzoek+over+eendenhouderijen.pdf", "request_date"): (
        "a year later than the letter's request, receipt and acknowledgement dates "
        "and the year of its case number"
    ),
    ("Bes-Besluit+op+Wob-verzoek+vrijwillige+brandweer.pdf", "request_date"): (
        "after the letter's own date; the letter dates the request a year earlier"
    ),
}
Reader = Callable[[Path], Source]


def _gt_date(value: str) -> str | None:
    parts = value.strip().split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or len(parts[2]) != 4:
        return None
    day, month, year = (int(p) for p in parts)
    return date(year, month, day).isoformat()


def _cited_articles(grounds_cited: str) -> set[str]:
    """Wob articles behind the codes: 5.1.2e (from 10.2e) counts as article 10."""
    articles = set()
    for code in filter(None, (c.strip() for c in grounds_cited.split(","))):
        if code.startswith(("5.1", "10.")):
            articles.add("10")
        elif code.startswith(("5.2", "11.")):
            articles.add("11")
    return articles


def _named_wob_articles(articles_cited: str) -> set[str]:
    """ "Wob 10, Wob 11" → {"10", "11"}."""
    return {a.split()[1].split(".")[0] for a in articles_cited.split(", ") if a.startswith("Wob ")}


def _letters(with_scans: bool) -> Iterator[tuple[Path, dict[str, str]]]:
    for table in sorted((LETTERS / "GT").glob("*.csv")):
        for row in csv.DictReader(table.open(encoding="utf-8")):
            pdf = LETTERS / table.stem / row["file_name"]
            if pdf.exists() and (with_scans or row["image_based"].strip() != "1"):
                yield pdf, row


def _decision_document(source: Source) -> Document | None:
    for document in source.documents:
        if document.kind == "letter" and {"decision_date", "request_date", "outcome"} & set(
            document.fields
        ):
            return document
    return source.documents[0] if source.documents else None


def _expected(row: dict[str, str]) -> dict[str, object]:
    articles = sorted(GROUND_ARTICLES & {a.strip() for a in row["articles"].split(",")})
    return {
        "decision_date": _gt_date(row["decision_date"]),
        "request_date": _gt_date(row["request_date"]),
        "articles applied": articles,
        "articles named": articles,
    }


def _found(fields: dict[str, str]) -> dict[str, object]:
    return {
        "decision_date": fields.get("decision_date"),
        "request_date": fields.get("request_date"),
        # grounds cited with lid and letter: what the letter applies
        "articles applied": sorted(_cited_articles(fields.get("grounds_cited", ""))),
        # every mention of article 10 or 11, also in a quoted legal framework
        "articles named": sorted(
            GROUND_ARTICLES & _named_wob_articles(fields.get("articles_cited", ""))
        ),
    }


def evaluate(reader: Reader, with_scans: bool) -> tuple[dict[str, list[int]], list[str]]:
    """Per field: right and total on all GT values, then on the undisputed
    ones; and one line per miss (file name, field, values)."""
    tallies = {key: [0, 0, 0, 0] for key in FIELDS}
    misses: list[str] = []
    for pdf, row in _letters(with_scans):
        document = _decision_document(reader(pdf))
        found = _found(document.fields if document else {})
        for key, want in _expected(row).items():
            if want is None:
                continue
            disputed = DISPUTED.get((pdf.name, key))
            right = found[key] == want
            tallies[key][0] += right
            tallies[key][1] += 1
            tallies[key][2] += right and disputed is None
            tallies[key][3] += disputed is None
            if not right:
                why = f" (GT disputed: {disputed})" if disputed else ""
                misses.append(f"{pdf.name[:60]}: {key} expected {want}, found {found[key]}{why}")
    return tallies, misses


def _inzage_reader(ocr: OcrMode) -> Reader:
    options = ReadOptions(ocr=ocr)
    return lambda pdf: parse_path(pdf, options)


def _pdftotext(pdf: Path) -> Source:
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=False
    ).stdout
    return parse_text(text, path=str(pdf))


def _share(right: int, total: int) -> str:
    return f"{right:3d} / {total:3d} {right / total:4.0%}" if total else "-"


def main(show_misses: bool, ocr: OcrMode, readers: list[str]) -> None:
    if not LETTERS.is_dir():
        print("decision letters: skipped (no ../shared/data/real/wob-letters/)")
        return
    available: dict[str, Reader] = {"inzage": _inzage_reader(ocr)}
    if shutil.which("pdftotext") is not None:
        available["pdftotext"] = _pdftotext
    for name in readers:
        if name not in available:
            print(f"decision letters ({name}): skipped (pdftotext is not installed)")
            continue
        tallies, misses = evaluate(available[name], with_scans=name == "inzage" and ocr != "never")
        label = f"{name}, OCR {ocr}" if name == "inzage" else name
        print(f"decision letters, read by {label}:")
        print(f"  {'':<17} {'against all GT':>16}  {'undisputed GT':>16}")
        for key, (right, total, kept, undisputed) in tallies.items():
            print(f"  {key:<17} {_share(right, total):>16}  {_share(kept, undisputed):>16}")
        if show_misses:
            print("\n".join(f"  - {miss}" for miss in misses))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--ocr", choices=["never", "auto", "always"], default="never")
    parser.add_argument(
        "--reader",
        action="append",
        choices=["inzage", "pdftotext"],
        help="which reading to score (repeatable; default: both, pdftotext where installed)",
    )
    arguments = parser.parse_args()
    main(arguments.show_misses, arguments.ocr, arguments.reader or ["inzage", "pdftotext"])
