"""The one scorer of personal-data detection on the dev set of
``bench/detect_devset.py``, shared by ``detect_eval.py`` (inzage) and
``detect_rivals.py`` (deduce, Presidio), so that every detector is held to the
same rule.

The rule (span overlap, same kind):

- a ``redact`` label is *found* when a prediction of the same kind with action
  ``redact`` or ``review`` overlaps it by at least one character;
- a prediction (``redact``/``review``) is *correct* when it overlaps a
  ``redact`` label of its kind; precision is correct / predicted;
- a ``keep`` label is *wrongly proposed* when a ``redact`` prediction of any
  kind overlaps it (a ``review`` on it is counted apart).

Real text has visible names nobody labelled (office holders, authors, leaks),
so a prediction on unlabelled text is not always wrong: ``P`` counts it as
wrong, ``P-lab`` leaves it out (a bound from above), and the unlabelled
predictions are listed apart for a person to judge.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "build" / "detect-devset" / "devset.jsonl"
KINDS = ("person", "email", "phone", "bsn", "iban", "address", "postcode", "birthdate")
PROPOSING = frozenset({"redact", "review"})


@dataclass(frozen=True)
class Label:
    """A labelled span of the dev set (offsets into the record's text)."""

    start: int
    end: int
    kind: str
    action: str
    origin: str = ""
    form: str = ""


@dataclass(frozen=True)
class Record:
    """One text of the dev set with its labels, sorted by start."""

    id: str
    text: str
    labels: tuple[Label, ...]


@dataclass(frozen=True)
class Prediction:
    """What a detector proposes for one span, in our kinds."""

    start: int
    end: int
    kind: str
    action: str = "redact"
    reason: str = ""


def devset_or_skip(path: Path, tool: str) -> list[Record] | None:
    """The dev set's records with a line saying how large it is, or ``None``
    with a line saying why ``tool`` is skipped (the set is made from real data
    that a machine may not have)."""
    if not path.is_file():
        print(f"{tool}: skipped ({path} is absent: run bench/detect_devset.py first)")
        return None
    records = load_devset(path)
    characters = sum(len(r.text) for r in records)
    print(f"dev set: {path}: {len(records)} records, {characters:,} characters")
    return records


def load_devset(path: Path = DEVSET) -> list[Record]:
    """The records of the dev set (JSON Lines of {id, text, labels})."""
    records: list[Record] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            item = json.loads(line)
            labels = sorted(
                (
                    Label(
                        start=x["start"],
                        end=x["end"],
                        kind=x["kind"],
                        action=x["action"],
                        origin=x.get("origin", ""),
                        form=x.get("form", ""),
                    )
                    for x in item["labels"]
                ),
                key=lambda x: (x.start, x.end),
            )
            records.append(Record(id=item["id"], text=item["text"], labels=tuple(labels)))
    return records


def overlapping(labels: tuple[Label, ...], starts: list[int], start: int, end: int) -> list[Label]:
    """The labels that overlap ``[start, end)`` (labels sorted by start; they
    never overlap one another, so their ends are sorted too)."""
    found: list[Label] = []
    index = bisect_left(starts, end) - 1
    while index >= 0 and labels[index].end > start:
        found.append(labels[index])
        index -= 1
    return found


@dataclass
class KindScore:
    """Counts for one kind."""

    labels: int = 0
    found: int = 0  # by a prediction of the same kind (redact or review)
    found_redact: int = 0  # by a redact prediction of the same kind
    found_any: int = 0  # by a prediction of any kind
    predicted: int = 0
    correct: int = 0
    unlabelled: int = 0  # predictions that overlap no label at all

    @property
    def recall(self) -> float:
        return self.found / self.labels if self.labels else float("nan")

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else float("nan")

    @property
    def precision_labelled(self) -> float:
        judged = self.predicted - self.unlabelled
        return self.correct / judged if judged else float("nan")

    @property
    def f2(self) -> float:
        p, r = self.precision, self.recall
        if p != p or r != r or p + r == 0:  # NaN or nothing right
            return float("nan") if p != p or r != r else 0.0
        return 5 * p * r / (4 * p + r)


@dataclass
class KeepScore:
    """Counts for the keep labels of one kind."""

    labels: int = 0
    redacted: int = 0
    reviewed: int = 0

    @property
    def share(self) -> float:
        return self.redacted / self.labels if self.labels else float("nan")


@dataclass
class Scores:
    """The scores of one detector on the dev set, with what went wrong."""

    kinds: dict[str, KindScore] = field(default_factory=lambda: {k: KindScore() for k in KINDS})
    keeps: dict[str, KeepScore] = field(default_factory=dict)
    misses: list[tuple[Record, Label]] = field(default_factory=list)
    wrong: list[tuple[Record, Prediction, list[Label]]] = field(default_factory=list)
    unlabelled: list[tuple[Record, Prediction]] = field(default_factory=list)
    kept_wrongly: list[tuple[Record, Label, Prediction]] = field(default_factory=list)

    def keep_share(self) -> float:
        total = sum(k.labels for k in self.keeps.values())
        return sum(k.redacted for k in self.keeps.values()) / total if total else float("nan")


def score(records: Iterable[Record], predictions: dict[str, list[Prediction]]) -> Scores:
    """Score ``predictions`` (per record id) against the labels; see the module
    docstring for the rule."""
    scores = Scores()
    for record in records:
        labels = record.labels
        starts = [x.start for x in labels]
        proposed = [p for p in predictions.get(record.id, []) if p.action in PROPOSING]
        hits: dict[Label, list[Prediction]] = {}
        for prediction in proposed:
            on = overlapping(labels, starts, prediction.start, prediction.end)
            for label in on:
                hits.setdefault(label, []).append(prediction)
            kind = scores.kinds.setdefault(prediction.kind, KindScore())
            kind.predicted += 1
            if any(x.kind == prediction.kind and x.action == "redact" for x in on):
                kind.correct += 1
            elif not on:
                kind.unlabelled += 1
                scores.unlabelled.append((record, prediction))
            else:
                scores.wrong.append((record, prediction, on))
        for label in labels:
            found = hits.get(label, [])
            if label.action == "keep":
                keep = scores.keeps.setdefault(label.kind, KeepScore())
                keep.labels += 1
                redacting = [p for p in found if p.action == "redact"]
                if redacting:
                    keep.redacted += 1
                    scores.kept_wrongly.append((record, label, redacting[0]))
                elif found:
                    keep.reviewed += 1
                continue
            if label.action != "redact":
                continue
            kind = scores.kinds.setdefault(label.kind, KindScore())
            kind.labels += 1
            same = [p for p in found if p.kind == label.kind]
            kind.found += bool(same)
            kind.found_redact += any(p.action == "redact" for p in same)
            kind.found_any += bool(found)
            if not same:
                scores.misses.append((record, label))
    return scores


TARGETS = {"person": 0.99, "email": 0.995, "phone": 0.995, "bsn": 0.995, "iban": 0.995}


def _f(value: float) -> str:
    return "    -" if value != value else f"{value:.3f}"


def table(scores: Scores, title: str) -> str:
    """The per-kind table, the keep table and the targets, as text."""
    lines = [
        title,
        f"  {'kind':<10} {'labels':>6} {'found':>6} {'R':>6} {'R-redact':>8} {'R-any':>6} "
        f"{'pred':>6} {'P':>6} {'P-lab':>6} {'F2':>6}  target",
    ]
    for name, kind in scores.kinds.items():
        if not kind.labels and not kind.predicted:
            continue
        target = TARGETS.get(name)
        verdict = ""
        if target is not None and kind.labels:
            met = kind.recall >= target and (name != "person" or kind.precision >= 0.95)
            verdict = f"R>={target}" + (" P>=0.95" if name == "person" else "")
            verdict += " met" if met else " NOT met"
        any_recall = kind.found_any / kind.labels if kind.labels else float("nan")
        redact_recall = kind.found_redact / kind.labels if kind.labels else float("nan")
        lines.append(
            f"  {name:<10} {kind.labels:6d} {kind.found:6d} {_f(kind.recall):>6} "
            f"{_f(redact_recall):>8} {_f(any_recall):>6} {kind.predicted:6d} "
            f"{_f(kind.precision):>6} {_f(kind.precision_labelled):>6} {_f(kind.f2):>6}  {verdict}"
        )
    lines.append(f"  {'keep':<10} {'labels':>6} {'redact':>6} {'review':>6} {'share':>6}")
    for name, keep in sorted(scores.keeps.items()):
        lines.append(
            f"  {name:<10} {keep.labels:6d} {keep.redacted:6d} {keep.reviewed:6d} "
            f"{_f(keep.share):>6}"
        )
    share = scores.keep_share()
    lines.append(
        f"  keep labels wrongly proposed for redaction: {_f(share)} "
        f"(target <= 0.02: {'met' if share <= 0.02 else 'NOT met'})"
    )
    return "\n".join(lines)


def reasons(pairs: Iterable[tuple[str, str]], top: int = 12) -> str:
    """The most frequent (kind, reason) pairs, one a line."""
    counted = Counter(pairs)
    return "\n".join(
        f"    {n:5d}  {kind:<16} {reason}" for (kind, reason), n in counted.most_common(top)
    )
