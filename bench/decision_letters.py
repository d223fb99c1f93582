"""Decision-letter fields against the hand-made ground truth in
../shared/data/real/wob-letters/GT/*.csv.

Each listed PDF that is present and not image-based is turned into text with
``pdftotext`` (until PDF reading lands in inzage), parsed, and compared:
decision date, request date, and whether the ground articles 10 and 11 of the
Wob (the GT's "articles" column also lists non-ground articles such as 3 and 6)
are cited.  Skips cleanly without the data or without pdftotext.

    .venv/bin/python bench/decision_letters.py [--show-misses]
"""

from __future__ import annotations

import argparse
import csv
import shutil
import subprocess
from datetime import date
from pathlib import Path

from inzage.pipeline import parse_text

LETTERS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "real" / "wob-letters"
GROUND_ARTICLES = {"10", "11"}


def _gt_date(value: str) -> str | None:
    parts = value.strip().split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
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


def evaluate(show_misses: bool) -> None:
    if not LETTERS.is_dir() or shutil.which("pdftotext") is None:
        print("decision letters: skipped (no ../shared/data/real/wob-letters/ or no pdftotext)")
        return
    tallies = {
        "decision_date": [0, 0],
        "request_date": [0, 0],
        "articles applied": [0, 0],
        "articles named": [0, 0],
    }
    misses: list[str] = []
    for table in sorted((LETTERS / "GT").glob("*.csv")):
        for row in csv.DictReader(table.open(encoding="utf-8")):
            pdf = LETTERS / table.stem / row["file_name"]
            if not pdf.exists() or row["image_based"].strip() == "1":
                continue
            text = subprocess.run(
                ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True
            ).stdout
            fields = parse_text(text, path=str(pdf)).documents[0].fields
            articles = sorted(GROUND_ARTICLES & {a.strip() for a in row["articles"].split(",")})
            expected = {
                "decision_date": _gt_date(row["decision_date"]),
                "request_date": _gt_date(row["request_date"]),
                "articles applied": articles,
                "articles named": articles,
            }
            found = {
                "decision_date": fields.get("decision_date"),
                "request_date": fields.get("request_date"),
                # grounds cited with lid and letter: what the letter applies
                "articles applied": sorted(_cited_articles(fields.get("grounds_cited", ""))),
                # every mention of article 10 or 11, also in a quoted legal framework
                "articles named": sorted(
                    GROUND_ARTICLES & _named_wob_articles(fields.get("articles_cited", ""))
                ),
            }
            for key, want in expected.items():
                if want is None:
                    continue
                tallies[key][1] += 1
                if found[key] == want:
                    tallies[key][0] += 1
                else:
                    misses.append(f"{pdf.name[:60]}: {key} expected {want}, found {found[key]}")
    for key, (right, total) in tallies.items():
        share = f"{right / total:.0%}" if total else "-"
        print(f"{key:<17} {right:3d} / {total:3d}  {share}")
    if show_misses:
        print("\n".join(misses))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-misses", action="store_true")
    evaluate(parser.parse_args().show_misses)
