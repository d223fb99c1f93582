"""Recall, precision and F2 of ``inzage detect`` per kind on the dev set of
``bench/detect_devset.py``, the share of keep labels proposed for redaction,
and throughput in characters per CPU-second.

Two ways to read the set: each record its own dossier (learn, then propose),
and the whole set as one dossier (learn every record, then propose each), as
``inzage detect`` does with every path given to one call.  The scoring rule is
in ``bench/detect_scoring.py``.

Predictions on text nobody labelled are counted and a random sample is
printed with its text, on stdout only (real text may hold a visible name):
nothing of it is written to a file.  Skips cleanly when the dev set is absent.

    .venv/bin/python bench/detect_eval.py [--sample 30] [--examples 12] [--no-text]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from detect_scoring import DEVSET, Prediction, Record, Scores, devset_or_skip, reasons, score, table
from inzage.detect.proposals import Dossier
from inzage.model import Proposal

SEED = 14
Predict = Callable[[list[Record]], dict[str, list[Prediction]]]


def _predictions(proposals: list[Proposal]) -> list[Prediction]:
    return [
        Prediction(p.span.start, p.span.end, p.kind, p.action, p.reason or p.recogniser)
        for p in proposals
    ]


def per_record(records: list[Record]) -> dict[str, list[Prediction]]:
    """Each record its own dossier: learn it, then propose over it."""
    out: dict[str, list[Prediction]] = {}
    for record in records:
        dossier = Dossier()
        dossier.learn(record.text)
        proposals, _ = dossier.propose(record.text)
        out[record.id] = _predictions(proposals)
    return out


def one_dossier(records: list[Record]) -> dict[str, list[Prediction]]:
    """The whole set as one dossier: every record learnt before any is proposed."""
    dossier = Dossier()
    for record in records:
        dossier.learn(record.text)
    return {r.id: _predictions(dossier.propose(r.text)[0]) for r in records}


def timed(predict: Predict, records: list[Record]) -> tuple[dict[str, list[Prediction]], float]:
    """The predictions and the CPU seconds they took (process time)."""
    start = time.process_time()
    out = predict(records)
    return out, time.process_time() - start


def warm_up() -> None:
    """Load the vocabulary, lexicon and recognisers before anything is timed."""
    dossier = Dossier()
    text = "Van: Anna de Vries\nAan: info@example.nl\n\nBeste Piet, bel 06-12345678.\n"
    dossier.learn(text)
    dossier.propose(text)


def breakdown(records: list[Record], scores: Scores) -> str:
    """Person recall per form, per first-name locale, and for names with letters
    outside Latin-1 (Ş, İ, ł, ğ …): where a name's spelling decides whether it is found."""
    missed = {(r.id, x.start) for r, x in scores.misses}
    groups: dict[str, list[int]] = {}
    for record in records:
        for label in record.labels:
            if label.kind != "person" or label.action != "redact":
                continue
            form, _, locale = label.form.partition("/")
            wide = any(ord(c) > 0xFF for c in record.text[label.start : label.end])
            hit = (record.id, label.start) not in missed
            for key in (
                f"form {form}",
                f"locale {locale}",
                f"letters {'wide' if wide else 'latin-1'}",
            ):
                counts = groups.setdefault(key, [0, 0])
                counts[0] += hit
                counts[1] += 1
    return "\n".join(
        f"    {key:<20} {found:4d}/{total:<4d} {found / total:.3f}"
        for key, (found, total) in sorted(groups.items())
    )


def _context(record: Record, start: int, end: int, width: int = 40) -> str:
    before = record.text[max(0, start - width) : start].replace("\n", "⏎")
    after = record.text[end : end + width].replace("\n", "⏎")
    return f"…{before}[[{record.text[start:end]}]]{after}…"


def analysis(
    records: list[Record], scores: Scores, sample: int, examples: int, show_text: bool
) -> None:
    """What went wrong, grouped: misses per kind and form, wrong predictions
    per kind and reason, keeps proposed, and a sample of unlabelled predictions."""
    rng = random.Random(SEED)
    print("  person recall by how the name was written, and by its first name's Faker locale:")
    print(breakdown(records, scores))
    print("  misses per kind and form (origin:form):")
    missed = Counter((label.kind, f"{label.origin}:{label.form}") for _, label in scores.misses)
    for (kind, form), n in missed.most_common(20):
        print(f"    {n:5d}  {kind:<10} {form}")
    print("  predictions on a label of another kind or a keep, per kind and reason:")
    print(reasons(((p.kind, p.reason) for _, p, _ in scores.wrong)))
    print("  keep labels proposed for redaction, per label kind/form and the prediction's reason:")
    print(
        reasons(
            ((f"{label.kind}:{label.form}", p.reason) for _, label, p in scores.kept_wrongly),
            top=15,
        )
    )
    print(f"  predictions on unlabelled text: {len(scores.unlabelled)}; per kind and reason:")
    print(reasons(((p.kind, p.reason) for _, p in scores.unlabelled), top=15))
    if show_text and examples:
        print(f"  {examples} missed labels (the value is invented; the context is real text):")
        for record, label in rng.sample(scores.misses, min(examples, len(scores.misses))):
            print(
                f"    {label.kind:<9} {label.origin}:{label.form:<18} "
                f"{_context(record, label.start, label.end)}"
            )
    picked = rng.sample(scores.unlabelled, min(sample, len(scores.unlabelled)))
    print(f"  random sample of {len(picked)} predictions on unlabelled text (stdout only):")
    for record, p in picked:
        shown = _context(record, p.start, p.end, 30) if show_text else ""
        print(f"    {p.kind:<9} {p.action:<6} {p.reason:<45} {shown}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--sample", type=int, default=30, help="unlabelled predictions shown")
    parser.add_argument("--examples", type=int, default=12, help="missed labels shown")
    parser.add_argument("--no-text", action="store_true", help="show no text, counts only")
    parser.add_argument("--per-record-only", action="store_true", help="skip the one-dossier run")
    args = parser.parse_args(argv)
    records = devset_or_skip(args.devset, "detect eval")
    if records is None:
        return 0
    characters = sum(len(r.text) for r in records)
    labels = Counter((x.kind, x.action) for r in records for x in r.labels)
    print(f"  labels: {dict(sorted(labels.items()))}")
    warm_up()
    runs: list[tuple[str, Predict]] = [("each record its own dossier", per_record)]
    if not args.per_record_only:
        runs.append(("the whole set as one dossier", one_dossier))
    for title, predict in runs:
        predicted, seconds = timed(predict, records)
        scores = score(records, predicted)
        print()
        print(table(scores, f"inzage, {title}"))
        print(
            f"  throughput: {characters / seconds:,.0f} characters per CPU-second "
            f"({characters:,} characters in {seconds:.1f} CPU-s, learn and propose)"
        )
        analysis(records, scores, args.sample, args.examples, not args.no_text)
        # The sample is the same record set twice; show it once.
        args.sample = args.examples = 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
