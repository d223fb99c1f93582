"""Printed e-mail messages in the VWS chunks: found, with the right date and subject.

Scores inzage's e-mail parsing against ``bench/vws_email_gold.json``, a hand-made
annotation of every printed e-mail header block in the development half of
../shared/data/real/vws-chunks/ (see the gold file's header for its fields).  Each
gold message is matched one-to-one to a parsed message of the same file: the
nearest by header line, else the one with the same date and subject.  Prints how
many are found, with the right date, the right subject and both (issue 17's
target figure), per layout and overall, and the parsed messages that match no
gold message.  Shows no text from the documents, only file ids, lines and
figures.  Skips cleanly when ../shared/data/real/ is absent.

    .venv/bin/python bench/vws_email.py [--misses]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from inzage.errors import InputError
from inzage.model import Message, Source
from inzage.pipeline import parse_path

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "real"
CHUNKS = REAL / "vws-chunks"
GOLD = Path(__file__).resolve().parent / "vws_email_gold.json"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# A parsed header may start a few lines before or after the gold line (a stray
# "To:" above the block, junk between its rows); farther off it is another block.
WINDOW = 6

_REPLY_PREFIX = re.compile(r"(?:re|fw|fwd|aw|antw|doorst)\s*:\s*")
# Markdown table pipes, emphasis and heading marks, and escaping backslashes the
# converter leaves in front of a subject: residue of the layout, not the subject.
_MARKDOWN = re.compile(r"[|*#\\]")


def normalise_subject(subject: str) -> str:
    """The subject as compared: NFKC, casefolded, Markdown marks out, whitespace
    collapsed, leading reply/forward prefixes stripped however many there are."""
    text = unicodedata.normalize("NFKC", subject).casefold()
    text = " ".join(_MARKDOWN.sub(" ", text).split())
    while (prefix := _REPLY_PREFIX.match(text)) is not None:
        text = text[prefix.end() :]
    return text.strip()


def subject_hash(subject: str | None) -> str | None:
    """First 16 hex digits of the SHA-256 of the normalised subject; None if empty."""
    normalised = normalise_subject(subject) if subject else ""
    if not normalised:
        return None
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Gold:
    file: str
    line: int
    date: str | None  # as printed: YYYY-MM-DDTHH:MM or YYYY-MM-DD
    zone: str  # the zone the printed time is in
    date_hint: str | None  # for a cut-off date: the day it must be, if a parser gives one
    subject: str | None  # hash
    layout: str
    quoted: bool


@dataclass(frozen=True)
class Parsed:
    line: int
    sent: datetime | None
    subject: str | None  # hash


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    date: int = 0
    subject: int = 0
    both: int = 0

    def add(self, gold: Gold, parsed: Parsed | None) -> None:
        self.gold += 1
        if parsed is None:
            return
        date_ok, subject_ok = right_date(gold, parsed), gold.subject == parsed.subject
        self.found += 1
        self.date += date_ok
        self.subject += subject_ok
        self.both += date_ok and subject_ok

    def row(self, name: str) -> str:
        def share(count: int) -> str:
            return f"{count:3d} ({count / self.gold:6.1%})" if self.gold else "  -"

        return (
            f"{name:<22} {self.gold:4d}  {share(self.found)}  {share(self.date)}  "
            f"{share(self.subject)}  {share(self.both)}"
        )


@dataclass
class Score:
    overall: Tally = field(default_factory=Tally)
    layouts: dict[str, Tally] = field(default_factory=dict)
    positions: dict[str, Tally] = field(default_factory=dict)  # top header or quoted
    false: list[tuple[str, int]] = field(default_factory=list)
    on_fragments: int = 0
    misses: list[str] = field(default_factory=list)
    whole_hours: int = 0  # wrong dates that are right but for a whole-hour shift (a zone)


def load_gold(path: Path = GOLD) -> tuple[list[Gold], dict[str, list[int]]]:
    """The gold messages, and per file the lines of header fragments that are not
    messages (a parsed message there is neither right nor false)."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    messages = [
        Gold(
            file=m["file"],
            line=m["line"],
            date=m["date"],
            zone=m.get("zone") or "Europe/Amsterdam",
            date_hint=m.get("date_hint"),
            subject=m["subject_hash"],
            layout=m["layout"],
            quoted=m["quoted"],
        )
        for m in data["messages"]
    ]
    fragments: dict[str, list[int]] = {}
    for excluded in data["excluded"]:
        if excluded["kind"] != "memo-header":
            fragments.setdefault(excluded["file"], []).append(excluded["line"])
    return messages, fragments


def printed(sent: datetime, zone: str, with_time: bool) -> str:
    """A parsed moment as the gold writes it: wall-clock time in the gold's zone."""
    local = sent.astimezone(UTC if zone == "UTC" else ZoneInfo(zone))
    return local.strftime("%Y-%m-%dT%H:%M" if with_time else "%Y-%m-%d")


def right_date(gold: Gold, parsed: Parsed) -> bool:
    if gold.date is None:
        if parsed.sent is None:
            return True
        return gold.date_hint is not None and printed(parsed.sent, gold.zone, False) == (
            gold.date_hint
        )
    if parsed.sent is None:
        return False
    return printed(parsed.sent, gold.zone, "T" in gold.date) == gold.date


def front_matter_lines(lines: list[str]) -> int:
    """How many lines the YAML front matter takes (Source.text starts after it)."""
    if not lines or lines[0].rstrip() != "---":
        return 0
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip() == "---":
            return index + 1
    return 0


def header_line(source: Source, message: Message, file_lines: list[str], skip: int) -> int:
    """The 1-based file line where a parsed message's header starts: its first
    non-blank line, found in the file nearest to where the offsets put it (header
    removal and artefact repair may have moved lines)."""
    start = message.span.start
    while start < message.body_span.start and source.text[start] in " \t\n":
        start += 1
    estimate = skip + source.text.count("\n", 0, start) + 1
    end = source.text.find("\n", start)
    first = source.text[start : end if end != -1 else len(source.text)].strip()
    if not first:
        return estimate
    same = [i + 1 for i, line in enumerate(file_lines) if first in line]
    return min(same, key=lambda n: abs(n - estimate)) if same else estimate


def parsed_messages(path: Path) -> list[Parsed]:
    """Every message of every document of one chunk."""
    try:
        source = parse_path(path)
    except InputError:
        return []
    file_lines = path.read_text(encoding="utf-8").split("\n")
    skip = front_matter_lines(file_lines)
    return [
        Parsed(header_line(source, m, file_lines, skip), m.sent, subject_hash(m.subject))
        for document in source.documents
        for m in document.messages
    ]


def match(golds: list[Gold], parsed: list[Parsed]) -> dict[int, int]:
    """Gold index → parsed index, one to one.  Near pairs first, by whether date
    and subject agree, then by distance; then far pairs that agree in both."""
    pairs = []
    for g, gold in enumerate(golds):
        for p, candidate in enumerate(parsed):
            distance = abs(gold.line - candidate.line)
            agree = right_date(gold, candidate) + (gold.subject == candidate.subject)
            if distance <= WINDOW or agree == 2:
                pairs.append((distance > WINDOW, -agree, distance, g, p))
    matched: dict[int, int] = {}
    taken: set[int] = set()
    for _, _, _, g, p in sorted(pairs):
        if g not in matched and p not in taken:
            matched[g] = p
            taken.add(p)
    return matched


def what_was_wrong(gold: Gold, parsed: Parsed | None) -> str:
    if parsed is None:
        return "not found"
    wrong = []
    if not right_date(gold, parsed):
        if parsed.sent is None:
            wrong.append("no date")
        elif gold.date is None:
            wrong.append("a date where none is printed")
        else:
            wrong.append(f"date {printed(parsed.sent, gold.zone, 'T' in gold.date)}")
    if gold.subject != parsed.subject:
        wrong.append("no subject" if parsed.subject is None else "other subject")
    return ", ".join(wrong)


def score_file(file: str, golds: list[Gold], fragments: list[int], score: Score) -> None:
    parsed = parsed_messages(CHUNKS / f"{file}.md")
    matched = match(golds, parsed)
    for g, gold in enumerate(golds):
        found = parsed[matched[g]] if g in matched else None
        score.overall.add(gold, found)
        score.layouts.setdefault(gold.layout, Tally()).add(gold, found)
        where = "quoted" if gold.quoted else "top"
        score.positions.setdefault(where, Tally()).add(gold, found)
        wrong = what_was_wrong(gold, found)
        if wrong:
            note = f"{file}:{gold.line} ({gold.layout}, {where}): {wrong}"
            if found is not None and found.line != gold.line:
                note += f" [parsed header at line {found.line}]"
            score.misses.append(note)
        if found is not None and found.sent is not None and gold.date and "T" in gold.date:
            shown = datetime.fromisoformat(printed(found.sent, gold.zone, True))
            shift = shown - datetime.fromisoformat(gold.date)
            score.whole_hours += bool(shift) and shift.total_seconds() % 3600 == 0
    for p, candidate in enumerate(parsed):
        if p in matched.values():
            continue
        if any(abs(candidate.line - line) <= WINDOW for line in fragments):
            score.on_fragments += 1
        else:
            score.false.append((file, candidate.line))


def measure(misses: bool) -> None:
    if not CHUNKS.is_dir():
        print("VWS e-mail messages: skipped (../shared/data/real/vws-chunks/ is absent)")
        return
    golds, fragments = load_gold()
    by_file: dict[str, list[Gold]] = {}
    for gold in golds:
        by_file.setdefault(gold.file, []).append(gold)
    score = Score()
    for path in sorted(CHUNKS.glob("*.md")):
        score_file(path.stem, by_file.get(path.stem, []), fragments.get(path.stem, []), score)
    files = Counter(gold.file for gold in golds)
    print(f"VWS chunks: {len(list(CHUNKS.glob('*.md')))} files, {len(files)} with e-mail headers")
    print(f"{'':<22} gold  found         right date    right subject date and subject")
    print(score.overall.row("all"))
    for name in sorted(score.layouts):
        print(score.layouts[name].row(f"layout {name}"))
    for name in sorted(score.positions):
        print(score.positions[name].row(name))
    both = score.overall.both / score.overall.gold if score.overall.gold else 0.0
    print(f"target (right date and subject): {both:.1%} (issue 17: >= 95%)")
    print(f"wrong dates off by whole hours (a zone): {score.whole_hours}")
    print(f"false messages (match no gold message): {len(score.false)}")
    print(f"parsed messages on header fragments (not counted): {score.on_fragments}")
    if misses:
        for note in score.misses:
            print(f"  miss: {note}")
        for file, line in score.false:
            print(f"  false: {file}:{line}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list each miss and false message")
    measure(parser.parse_args().misses)
