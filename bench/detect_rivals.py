"""deduce and Presidio against inzage on the dev set of ``bench/detect_devset.py``:
the same scorer (``bench/detect_scoring.py``), and throughput in characters per
CPU-second measured in the same run: the best of three rounds, each of which
times inzage and every rival once.

Each rival is installed into its own virtual environment under
build/rival-venvs/ (made here on first use, with pip from the package index),
never into .venv and never as a dependency of inzage, and runs there through
``bench/detect_rival_runner.py``.  Nothing is downloaded at run time: Presidio
gets a blank Dutch spaCy pipeline (no NER model, so it finds no names) and its
e-mail, phone, IBAN recognisers and a BSN pattern with the 11-proof.

How their entity types become our kinds (anything else is left out):

- deduce: ``persoon``/``patient`` → person, ``emailadres`` → email,
  ``telefoonnummer`` → phone, ``bsn`` → bsn, ``datum`` → birthdate (deduce
  takes every date), ``locatie`` → postcode for a postcode in it, address for
  what holds a house number; a bare place name is left out (we label none);
- Presidio: ``EMAIL_ADDRESS`` → email, ``PHONE_NUMBER`` → phone,
  ``IBAN_CODE`` → iban, ``NL_BSN`` → bsn.

    .venv/bin/python bench/detect_rivals.py [--only deduce|presidio] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

from detect_eval import per_record, timed, warm_up
from detect_scoring import DEVSET, ROOT, Prediction, Record, devset_or_skip, reasons, score, table

VENVS = ROOT / "build" / "rival-venvs"
OUT = ROOT / "build" / "detect-rivals"
RUNNER = Path(__file__).resolve().parent / "detect_rival_runner.py"
PACKAGES = {"deduce": ["deduce"], "presidio": ["presidio-analyzer", "spacy"]}
# Run once after installing: deduce builds its lookup structures on first use
# (a minute or two), which is set-up, not analysis.
PREPARE = {"deduce": "from deduce import Deduce; Deduce()", "presidio": "import presidio_analyzer"}
DEDUCE_KINDS = {
    "persoon": "person",
    "patient": "person",
    "emailadres": "email",
    "telefoonnummer": "phone",
    "bsn": "bsn",
    "datum": "birthdate",
}
PRESIDIO_KINDS = {
    "EMAIL_ADDRESS": "email",
    "PHONE_NUMBER": "phone",
    "IBAN_CODE": "iban",
    "NL_BSN": "bsn",
}
_POSTCODE = re.compile(r"\b\d{4} ?[A-Z]{2}\b")


def ensure_venv(rival: str) -> Path | None:
    """The rival's Python, installing it first when needed; ``None`` (and what
    failed, on stdout) when pip cannot get it."""
    venv = VENVS / rival
    python = venv / "bin" / "python"
    stamp = venv / ".installed"
    if stamp.is_file():
        return python
    VENVS.mkdir(parents=True, exist_ok=True)
    log = VENVS / f"{rival}.log"
    steps = [
        [sys.executable, "-m", "venv", str(venv)],
        [str(python), "-m", "pip", "install", "--quiet", *PACKAGES[rival]],
        [str(python), "-c", PREPARE[rival]],
    ]
    print(f"{rival}: installing {' '.join(PACKAGES[rival])} into {venv} (log: {log})")
    with log.open("w", encoding="utf-8") as written:
        for step in steps:
            done = subprocess.run(step, stdout=written, stderr=subprocess.STDOUT, check=False)
            if done.returncode != 0:
                lines = log.read_text(encoding="utf-8").splitlines()
                # pip's notes on this machine's unused local indexes are noise here.
                tail = [line for line in lines if "is ignored: it is neither" not in line][-15:]
                print(f"{rival}: '{' '.join(step)}' failed (exit {done.returncode}):")
                print("\n".join(f"    {line}" for line in tail))
                return None
    stamp.write_text(" ".join(PACKAGES[rival]) + "\n", encoding="utf-8")
    return python


def run_rival(rival: str, python: Path, devset: Path) -> tuple[dict[str, object], Path] | None:
    """Run the rival over the dev set in its own environment: its timings and
    the file of what it found."""
    OUT.mkdir(parents=True, exist_ok=True)
    found = OUT / f"{rival}.jsonl"
    done = subprocess.run(
        [str(python), str(RUNNER), rival, str(devset), str(found), str(VENVS)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        print(f"{rival}: the run failed (exit {done.returncode}):")
        print("\n".join(f"    {line}" for line in done.stderr.splitlines()[-15:]))
        return None
    timing: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return timing, found


def deduce_predictions(text: str, start: int, end: int, tag: str) -> list[Prediction]:
    """Our kinds for one deduce annotation (see the module docstring)."""
    if tag in DEDUCE_KINDS:
        return [Prediction(start, end, DEDUCE_KINDS[tag], "redact", f"deduce:{tag}")]
    if tag != "locatie":
        return []
    span = text[start:end]
    postcode = _POSTCODE.search(span)
    out: list[Prediction] = []
    head = span
    if postcode is not None:
        a, b = start + postcode.start(), start + postcode.end()
        out.append(Prediction(a, b, "postcode", "redact", "deduce:locatie"))
        head = span[: postcode.start()]
    if any(ch.isdigit() for ch in head):
        out.append(
            Prediction(start, start + len(head.rstrip(" ,")), "address", "redact", "deduce:locatie")
        )
    return out


def load_found(rival: str, path: Path, records: list[Record]) -> dict[str, list[Prediction]]:
    """The rival's finds in our kinds, per record id."""
    texts = {r.id: r.text for r in records}
    out: dict[str, list[Prediction]] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            item = json.loads(line)
            text = texts[item["id"]]
            predictions: list[Prediction] = []
            for start, end, tag, _score in item["found"]:
                if rival == "deduce":
                    predictions += deduce_predictions(text, start, end, tag)
                elif tag in PRESIDIO_KINDS:
                    kind = PRESIDIO_KINDS[tag]
                    predictions.append(Prediction(start, end, kind, "redact", f"presidio:{tag}"))
            out[item["id"]] = predictions
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--only", choices=sorted(PACKAGES), action="append")
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="rounds, each timing inzage and every rival once; the best of each is kept "
        "(CPU time on a shared machine varies by a fifth between runs)",
    )
    args = parser.parse_args(argv)
    records = devset_or_skip(args.devset, "detect rivals")
    if records is None:
        return 0
    characters = sum(len(r.text) for r in records)
    warm_up()
    rivals = []
    for rival in args.only or sorted(PACKAGES):
        python = ensure_venv(rival)
        if python is not None:
            rivals.append((rival, python))
    best: dict[str, float] = {}
    results: dict[str, tuple[dict[str, object], Path]] = {}
    predicted: dict[str, list[Prediction]] = {}
    # Rounds alternate the tools, so that a slow spell of the machine falls on all.
    for _ in range(max(1, args.repeat)):
        predicted, seconds = timed(per_record, records)
        best["inzage"] = min(seconds, best.get("inzage", seconds))
        for rival, python in rivals:
            ran = run_rival(rival, python, args.devset)
            if ran is None:
                continue
            results[rival] = ran
            rival_seconds = float(str(ran[0]["seconds"]))
            best[rival] = min(rival_seconds, best.get(rival, rival_seconds))
    ours = characters / best["inzage"]
    print(table(score(records, predicted), "inzage (each record its own dossier)"))
    print(f"  throughput: {ours:,.0f} characters per CPU-second (best of {args.repeat})")
    speeds: dict[str, float] = {}
    for rival, (timing, found) in results.items():
        speeds[rival] = characters / best[rival]
        scores = score(records, load_found(rival, found, records))
        print()
        print(table(scores, f"{timing['rival']}"))
        print(
            f"  throughput: {speeds[rival]:,.0f} characters per CPU-second (best of "
            f"{args.repeat}; set-up {float(str(timing['setup'])):.1f} CPU-s not counted)"
        )
        print("  predictions on unlabelled text per kind and reason:")
        print(reasons(((p.kind, p.reason) for _, p in scores.unlabelled), top=8))
    print()
    print(f"throughput, characters per CPU-second: inzage {ours:,.0f}")
    targets = {"deduce": 10.0, "presidio": 2.0}
    for rival, speed in speeds.items():
        ratio = ours / speed
        verdict = "met" if ratio >= targets[rival] else "NOT met"
        print(
            f"  {rival:<9} {speed:12,.0f}   inzage is {ratio:.2f}x "
            f"(target >= {targets[rival]:g}x: {verdict})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
