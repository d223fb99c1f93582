"""Documents on the real development data: kinds, fields, running headers, entities.

Reports documents per kind and per source file, the share of memos and letters
with a reference and a date, running headers removed, documents cut off at
their start, entity counts per kind and the leak flag.  Skips cleanly when
../shared/data/real/ is absent.

    .venv/bin/python bench/real_documents.py
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from inzage.errors import InputError
from inzage.pipeline import parse_path

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "real"


def report() -> None:
    files = sorted(REAL.rglob("*.md")) if REAL.is_dir() else []
    if not files:
        print("real documents: skipped (../shared/data/real/ is absent)")
        return
    kinds: Counter[str] = Counter()
    with_date: Counter[str] = Counter()
    with_reference: Counter[str] = Counter()
    per_source: Counter[int] = Counter()
    entities: Counter[str] = Counter()
    headers = cut_off = flagged = with_headers = 0
    for path in files:
        try:
            source = parse_path(path)
        except InputError:
            continue
        per_source[len(source.documents)] += 1
        flagged += sum("possible unredacted personal name" in w for w in source.warnings)
        if source.documents and source.documents[0].running_headers:
            with_headers += 1
            headers += len(source.documents[0].running_headers)
        for document in source.documents:
            kinds[document.kind] += 1
            with_date[document.kind] += "document_date" in document.fields
            with_reference[document.kind] += "reference" in document.fields
            cut_off += not document.complete
            entities.update(e.kind for e in document.entities)
    print(
        f"files: {sum(per_source.values())}; documents per file: {dict(sorted(per_source.items()))}"
    )
    print(f"documents cut off at their start: {cut_off}")
    for kind, count in kinds.most_common():
        print(
            f"  {kind:<8} {count:5d}  with date {with_date[kind]:5d}  "
            f"with reference {with_reference[kind]:5d}"
        )
    print(f"files with running headers removed: {with_headers} ({headers} distinct header lines)")
    print(f"entities: {dict(entities.most_common())}")
    print(f"documents flagged 'possible unredacted personal name': {flagged}")


if __name__ == "__main__":
    report()
