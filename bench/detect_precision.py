"""Person precision of ``inzage detect`` on the dev set of
``bench/detect_devset.py``, with the proposals on unlabelled text judged by
hand on a random sample.

The scorer (``bench/detect_scoring.py``) counts every proposal on text nobody
labelled as wrong, but the real releases leave many real people's names
visible (mail headers, signatures), and proposing those is right.  So its
precision is a lower bound.  This script draws a seeded random sample of the
person proposals (``redact`` or ``review``) on unlabelled text, reads the hand
judgements of ``bench/detect/precision.tsv`` and estimates

    P = (correct on labels + unlabelled proposals × judged share) / all proposals

with the 95% Wilson interval of the judged share carried through.

A judgement is keyed by the record, start, end and the first 12 hex digits of
the SHA-256 of the proposed span's text: no text is stored, and a key whose
span reads otherwise in a rebuilt dev set is *stale* and does not count.  The
record is named by the first 16 hex digits of the SHA-256 of its id, as
``relevance.document_key`` names files: a record's id is a released file's
path, and some of those name people ("e-mails of …").  ``--pool`` writes
``build/detect-precision/to-judge.tsv`` (ignored by git), the sample's keys
with the record's id and the context, for the judge only.  Skips cleanly when the
dev set or ``../shared/data/real/`` is absent.

    .venv/bin/python bench/detect_precision.py [--pool] [--sample 200] [--dossier]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import math
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from detect_scoring import DEVSET, ROOT, Prediction, Record, Scores, devset_or_skip, score

REAL = ROOT.parent / "shared" / "data" / "real"
JUDGEMENTS = ROOT / "bench" / "detect" / "precision.tsv"
POOL = ROOT / "build" / "detect-precision" / "to-judge.tsv"
SEED = 14  # issue 14
COLUMNS = ("record", "start", "end", "digest", "judgement")


@dataclass(frozen=True, order=True)
class Key:
    """One proposed span, named without its text."""

    record: str  # record_key() of the record's id
    start: int
    end: int
    digest: str


def digest(text: str) -> str:
    """The first 12 hex digits of the SHA-256 of ``text`` (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def record_key(record_id: str) -> str:
    """The name the judgements keep for a record: a digest of its id (a path
    that may name a person)."""
    return hashlib.sha256(record_id.encode("utf-8")).hexdigest()[:16]


def key_of(record: Record, prediction: Prediction) -> Key:
    span = record.text[prediction.start : prediction.end]
    return Key(record_key(record.id), prediction.start, prediction.end, digest(span))


def rank(key: Key, seed: int = SEED) -> str:
    """A key's place in the seeded random order: a hash of where the span is,
    so that a proposal keeps its place when others come or go."""
    return hashlib.sha256(f"{seed}:{key.record}:{key.start}:{key.end}".encode()).hexdigest()


def draw(keys: Iterable[Key], n: int, seed: int = SEED) -> list[Key]:
    """The ``n`` keys first in the seeded random order (all of them if fewer):
    a simple random sample without replacement, stable under small changes of
    the pool."""
    return sorted(set(keys), key=lambda k: rank(k, seed))[:n]


def wilson(successes: int, trials: int, z: float = 1.959964) -> tuple[float, float]:
    """The Wilson score interval of a binomial share (95% for the default ``z``)."""
    if trials <= 0:
        return (0.0, 1.0)
    if not 0 <= successes <= trials:
        raise ValueError(f"successes {successes} not in 0..{trials}")
    p = successes / trials
    z2 = z * z
    centre = (p + z2 / (2 * trials)) / (1 + z2 / trials)
    half = z * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials)) / (1 + z2 / trials)
    return (max(0.0, centre - half), min(1.0, centre + half))


def estimate(correct: int, unlabelled: int, predicted: int, share: float) -> float:
    """Precision when ``share`` of the ``unlabelled`` proposals are right and
    ``correct`` proposals on labels are (of ``predicted`` in all)."""
    if predicted <= 0:
        return float("nan")
    if not 0 <= correct + unlabelled <= predicted:
        raise ValueError("correct + unlabelled exceeds predicted")
    return (correct + unlabelled * share) / predicted


@dataclass(frozen=True)
class Judged:
    """The judgements that count for one sample, and those that do not."""

    right: int  # judged 1, in the sample, digest matching
    counted: int  # judged, in the sample, digest matching
    stale: int  # the span's text (or the record) is not what was judged
    outside: int  # judged, digest matching, but not in this sample
    unjudged: list[Key]  # in the sample, not judged

    @property
    def share(self) -> float:
        return self.right / self.counted if self.counted else float("nan")


def read_judgements(path: Path) -> dict[Key, int]:
    """The judgements of ``path`` (tab-separated, header ``COLUMNS``)."""
    if not path.is_file():
        return {}
    out: dict[Key, int] = {}
    with path.open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows, delimiter="\t"):
            key = Key(row["record"], int(row["start"]), int(row["end"]), row["digest"])
            value = int(row["judgement"])
            if value not in (0, 1):
                raise ValueError(f"{path}: judgement {value} for {key} is not 0 or 1")
            out[key] = value
    return out


def match(sample: Sequence[Key], judgements: Mapping[Key, int], texts: Mapping[str, str]) -> Judged:
    """Which judgements count for ``sample``: a key counts when it is in the
    sample and its digest is that of the span's text in ``texts`` now."""
    fresh: dict[Key, int] = {}
    stale = 0
    for key, value in judgements.items():
        text = texts.get(key.record)
        if text is None or key.end > len(text) or digest(text[key.start : key.end]) != key.digest:
            stale += 1
        else:
            fresh[key] = value
    in_sample = set(sample)
    counted = [fresh[k] for k in sample if k in fresh]
    return Judged(
        right=sum(counted),
        counted=len(counted),
        stale=stale,
        outside=sum(1 for k in fresh if k not in in_sample),
        unjudged=[k for k in sample if k not in fresh],
    )


def person_unlabelled(scores: Scores) -> list[tuple[Record, Prediction]]:
    """The person proposals on unlabelled text (the scorer keeps only those
    whose action is ``redact`` or ``review``, as it counts precision)."""
    return [(r, p) for r, p in scores.unlabelled if p.kind == "person"]


def context(text: str, start: int, end: int, width: int = 80) -> str:
    """``width`` characters either side of the span, marked ``[[…]]``, with
    newlines as ⏎ and tabs as spaces (one line of a TSV)."""

    def flat(s: str) -> str:
        return s.replace("\r", "").replace("\n", "⏎").replace("\t", " ")

    before, span, after = (
        text[max(0, start - width) : start],
        text[start:end],
        text[end : end + width],
    )
    return f"{flat(before)}[[{flat(span)}]]{flat(after)}"


def write_pool(
    path: Path, sample: Sequence[Key], records: Mapping[str, Record], reasons: Mapping[Key, str]
) -> None:
    """The sample's keys for the judge, with the record's id, the recogniser's
    reason and the context (real text: the file is under build/, never committed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(
            out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\"
        )
        writer.writerow([*COLUMNS[:4], "id", "reason", "context"])
        for key in sample:
            record = records[key.record]
            writer.writerow(
                [
                    key.record,
                    key.start,
                    key.end,
                    key.digest,
                    record.id,
                    reasons.get(key, ""),
                    context(record.text, key.start, key.end),
                ]
            )


def _f(value: float) -> str:
    return "-" if value != value else f"{value:.3f}"


def report(title: str, scores: Scores, sample: Sequence[Key], judged: Judged, pool: int) -> str:
    """The figures of one run, as text."""
    person = scores.kinds["person"]
    lines = [
        title,
        f"  person proposals: {person.predicted}; correct on labels {person.correct}, "
        f"on unlabelled text {person.unlabelled}, on another kind's label or a keep "
        f"{person.predicted - person.correct - person.unlabelled}",
        f"  precision as scored (unlabelled = wrong): {_f(person.precision)}; "
        f"over labelled text only (P-lab): {_f(person.precision_labelled)}; "
        f"recall {_f(person.recall)}",
        f"  sample: {len(sample)} of {pool} unlabelled proposals; judged {judged.counted}, "
        f"unjudged {len(judged.unjudged)}, stale judgements {judged.stale}, "
        f"judgements outside this sample {judged.outside}",
    ]
    if judged.counted:
        low, high = wilson(judged.right, judged.counted)
        args = (person.correct, person.unlabelled, person.predicted)
        lines += [
            f"  judged right: {judged.right}/{judged.counted} = {_f(judged.share)} "
            f"(95% Wilson {_f(low)}–{_f(high)})",
            f"  estimated person precision: {_f(estimate(*args, judged.share))} "
            f"({_f(estimate(*args, low))}–{_f(estimate(*args, high))}; target >= 0.95)",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--judgements", type=Path, default=JUDGEMENTS)
    parser.add_argument("--sample", type=int, default=200, help="unlabelled proposals drawn")
    parser.add_argument("--pool", action="store_true", help=f"write the sample to judge to {POOL}")
    parser.add_argument("--dossier", action="store_true", help="also the whole set as one dossier")
    args = parser.parse_args(argv)
    if not REAL.is_dir():
        print(f"detect precision: skipped ({REAL} is absent)")
        return 0
    records = devset_or_skip(args.devset, "detect precision")
    if records is None:
        return 0
    from detect_eval import one_dossier, per_record  # imports inzage: after the skips

    by_key = {record_key(r.id): r for r in records}
    texts = {k: r.text for k, r in by_key.items()}
    judgements = read_judgements(args.judgements)
    runs = [("each record its own dossier", per_record)]
    if args.dossier:
        runs.append(("the whole set as one dossier", one_dossier))
    to_judge: dict[Key, str] = {}
    for title, predict in runs:
        scores = score(records, predict(records))
        found = {key_of(r, p): p.reason for r, p in person_unlabelled(scores)}
        sample = draw(found, args.sample)
        judged = match(sample, judgements, texts)
        print()
        print(report(f"inzage, {title}", scores, sample, judged, len(found)))
        to_judge.update((k, found[k]) for k in sample)
    if args.pool:
        write_pool(POOL, sorted(to_judge, key=rank), by_key, to_judge)
        print(f"\n  {len(to_judge)} keys to judge written to {POOL} (real text: never commit it)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
