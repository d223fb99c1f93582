"""Review speed: opening a document with 200 proposals in ``inzage review``,
and applying a decision to every occurrence in a 10,000-document dossier.

    .venv/bin/python bench/review_speed.py [--documents 10000] [--strict]

Targets (issue 16): opening a document with 200 proposals at most 300 ms of
server time; applying a decision to all occurrences in a dossier of 10,000
documents at most 2 s.

A dossier of synthetic memos and mails (invented names; one in four names
"Jorien Haverkamp") is written to a temporary folder, ingested and detected
as ``inzage ingest`` and ``inzage detect --db`` do; one memo names 200
people after "mevrouw".  Then, in this process, through the app as a
browser calls it (Starlette's TestClient, so the time is the server's):

1. ``GET /documents/ID`` of the memo with 200 proposals: median and worst
   of 20;
2. "apply everywhere" for the common name: the preview the first time (the
   server folds every source's text and keeps it) and again, then the
   apply itself (its places are proposals already: they are accepted);
3. "apply everywhere" for a phrase in nearly every document that no
   proposal covers: every place a new manual redaction.
"""

from __future__ import annotations

import argparse
import platform
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from inzage.serve.review import Access, create_review_app
from inzage.store import Corpus

FIRST = [
    "Anouk",
    "Bram",
    "Cees",
    "Dirkje",
    "Evert",
    "Fenna",
    "Gijs",
    "Hester",
    "Ivo",
    "Jolien",
    "Koos",
    "Liesbeth",
    "Maarten",
    "Nienke",
    "Otto",
    "Pien",
    "Ruud",
    "Sanne",
    "Teun",
    "Wietske",
]
LAST = [
    "Akkerman",
    "Brink",
    "Dijkhuis",
    "Evers",
    "Fokkema",
    "Groen",
    "Hoekstra",
    "IJzerman",
    "Jonker",
    "Kuipers",
    "Lammers",
    "Mulder",
    "Nauta",
    "Oosting",
    "Prins",
    "Roelofs",
    "Smeenk",
    "Terpstra",
    "Veenstra",
    "Wubbels",
]
TOKEN = "bench-token-0123456789"


def _memo(rng: random.Random, index: int) -> str:
    name = "Jorien Haverkamp" if index % 4 == 0 else f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    return (
        f"Memo {index}\n\nAan: de minister\n\nHet overleg over de jeugdzorg in regio {index % 40} "
        f"is voorbereid door mevrouw {name}. De cijfers volgen in week {index % 52 + 1}.\n\n"
        f"Met vriendelijke groet,\n{name}\n"
    )


def build(folder: Path, documents: int) -> Path:
    rng = random.Random(16)
    release = folder / "release"
    release.mkdir()
    for index in range(documents - 1):
        (release / f"memo-{index:05d}.txt").write_text(_memo(rng, index))
    crowded = [f"Overleg met mevrouw {f} {last}." for f in FIRST for last in LAST[:10]]
    (release / "aanwezigen.txt").write_text("Aanwezigen\n\n" + "\n".join(crowded) + "\n")
    db = folder / "dossier.db"
    started = time.perf_counter()
    with Corpus(db, create=True) as corpus:
        corpus.ingest(sorted(release.iterdir()), workers=2)
        corpus.detect()
    seconds = time.perf_counter() - started
    print(f"built: {documents} documents ingested and detected in {seconds:.0f} s")
    return db


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    print(f"{platform.machine()}, Python {platform.python_version()}, {platform.system()}")
    with tempfile.TemporaryDirectory() as folder:
        db = build(Path(folder), args.documents)
        app = create_review_app(db, Access(TOKEN))
        with TestClient(app, base_url="http://127.0.0.1") as client:
            client.post("/login", json={"token": TOKEN, "name": "Bench"})
            csrf = re.search(r'name="csrf" content="([^"]+)"', client.get("/").text)
            assert csrf is not None
            client.headers["X-CSRF-Token"] = csrf.group(1)
            with Corpus(db) as corpus:
                (document, proposals) = corpus.connection.execute(
                    "SELECT document_id, count(*) FROM proposals GROUP BY document_id "
                    "ORDER BY 2 DESC LIMIT 1"
                ).fetchone()
            times = []
            for _ in range(20):
                started = time.perf_counter()
                response = client.get(f"/documents/{document}")
                times.append(time.perf_counter() - started)
                assert response.status_code == 200
            opened = statistics.median(times)
            print(
                f"open a document with {proposals} proposals: median {opened * 1000:.0f} ms, "
                f"worst {max(times) * 1000:.0f} ms (target <= 300 ms)"
            )
            name = {"text": "Jorien Haverkamp"}
            started = time.perf_counter()
            seen = client.post("/api/everywhere/preview", json=name).json()
            cold = time.perf_counter() - started
            started = time.perf_counter()
            client.post("/api/everywhere/preview", json=name)
            warm = time.perf_counter() - started
            started = time.perf_counter()
            done = client.post("/api/everywhere/apply", json={**name, "ground": "5.1.2e"}).json()
            applied = time.perf_counter() - started
            print(
                f"apply everywhere: {seen['places']} places in {seen['documents']} documents; "
                f"preview {cold:.2f} s the first time (the texts folded), {warm:.2f} s after; "
                f"apply {applied:.2f} s ({done['new']} places newly redacted) (target <= 2 s)"
            )
            # the worst case: a phrase no proposal covers, in nearly every document
            phrase = {"text": "De cijfers volgen", "ground": "5.1.2i"}
            started = time.perf_counter()
            everywhere = client.post("/api/everywhere/apply", json=phrase).json()
            fresh = time.perf_counter() - started
            print(
                f"apply everywhere, nothing proposed there: {everywhere['places']} places in "
                f"{everywhere['documents']} documents, all new: {fresh:.2f} s (target <= 2 s)"
            )
    met = opened <= 0.3 and applied <= 2.0 and cold <= 2.0 and fresh <= 2.0
    print("targets: " + ("met" if met else "MISSED"))
    return 1 if args.strict and not met else 0


if __name__ == "__main__":
    sys.exit(main())
