"""Runs one rival detector (deduce or Presidio) over the dev set, inside that
rival's own virtual environment (made by ``bench/detect_rivals.py`` under
build/rival-venvs/): this file imports nothing of inzage, only the standard
library and the rival, so neither ever becomes a dependency of the project.

Writes what the rival found, as its own entity types with offsets (no text),
one JSON line per record, and prints one JSON line of timings: CPU seconds to
set the rival up, and CPU seconds (``time.process_time``) over the records.
Offline: Presidio gets a blank Dutch spaCy pipeline saved to disk (no model
download), and tldextract its bundled suffix list (no fetch).

    build/rival-venvs/deduce/bin/python bench/detect_rival_runner.py deduce DEVSET OUT WORKDIR
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

Found = list[tuple[int, int, str, float]]
Analyse = Callable[[str], Found]


def deduce_analyser(workdir: Path) -> tuple[Analyse, str]:
    """deduce with its default configuration (every annotator)."""
    from deduce import Deduce  # type: ignore[import-not-found,unused-ignore]

    engine: Any = Deduce()

    def analyse(text: str) -> Found:
        document = engine.deidentify(text)
        return [(int(a.start_char), int(a.end_char), str(a.tag), 1.0) for a in document.annotations]

    return analyse, f"deduce {version('deduce')}"


def eleven_proof(digits: str) -> bool:
    """The BSN 11-proof: 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def presidio_analyser(workdir: Path) -> tuple[Analyse, str]:
    """Presidio's AnalyzerEngine on a blank Dutch spaCy pipeline, with its e-mail,
    phone (region NL) and IBAN recognisers and a BSN pattern with the 11-proof."""
    import tldextract  # type: ignore[import-not-found,unused-ignore]

    # Offline: the suffix list bundled with tldextract, never fetched.
    tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(
        suffix_list_urls=(), cache_dir=str(workdir / "tldextract-cache")
    )
    import spacy  # type: ignore[import-not-found,unused-ignore]
    from presidio_analyzer import (  # type: ignore[import-not-found,unused-ignore]
        AnalyzerEngine,
        Pattern,
        PatternRecognizer,
        RecognizerRegistry,
    )
    from presidio_analyzer.nlp_engine import (  # type: ignore[import-not-found,unused-ignore]
        NlpEngineProvider,
    )
    from presidio_analyzer.predefined_recognizers import (  # type: ignore[import-not-found,unused-ignore]
        EmailRecognizer,
        IbanRecognizer,
        PhoneRecognizer,
    )

    model = workdir / "spacy-blank-nl"
    if not model.exists():
        spacy.blank("nl").to_disk(model)
    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "nl", "model_name": str(model)}],
        }
    )

    class BsnRecognizer(PatternRecognizer):  # type: ignore[misc]
        """Nine digits, also 1234.56.782 and 123 456 782, that pass the 11-proof."""

        def validate_result(self, pattern_text: str) -> bool:
            return eleven_proof(re.sub(r"\D", "", pattern_text))

    bsn = BsnRecognizer(
        supported_entity="NL_BSN",
        supported_language="nl",
        patterns=[
            Pattern("bsn-plain", r"\b\d{9}\b", 0.3),
            Pattern("bsn-dotted", r"\b\d{4}\.\d{2}\.\d{3}\b", 0.3),
            Pattern("bsn-spaced", r"\b\d{3} \d{3} \d{3}\b", 0.3),
        ],
        context=["bsn", "burgerservicenummer"],
    )
    registry = RecognizerRegistry(
        recognizers=[
            EmailRecognizer(supported_language="nl"),
            PhoneRecognizer(
                supported_language="nl",
                supported_regions=["NL"],
                context=["telefoon", "tel", "mobiel", "nummer", "bellen"],
            ),
            IbanRecognizer(supported_language="nl"),
            bsn,
        ],
        supported_languages=["nl"],
    )
    engine: Any = AnalyzerEngine(
        registry=registry, nlp_engine=provider.create_engine(), supported_languages=["nl"]
    )
    entities = ["EMAIL_ADDRESS", "PHONE_NUMBER", "IBAN_CODE", "NL_BSN"]

    def analyse(text: str) -> Found:
        results = engine.analyze(text=text, language="nl", entities=entities)
        return [(int(r.start), int(r.end), str(r.entity_type), float(r.score)) for r in results]

    name = f"presidio-analyzer {version('presidio-analyzer')}, spaCy {version('spacy')}"
    return analyse, name


RIVALS: dict[str, Callable[[Path], tuple[Analyse, str]]] = {
    "deduce": deduce_analyser,
    "presidio": presidio_analyser,
}


def main(argv: list[str]) -> int:
    rival, devset, out, workdir = argv[0], Path(argv[1]), Path(argv[2]), Path(argv[3])
    workdir.mkdir(parents=True, exist_ok=True)
    start = time.process_time()
    analyse, name = RIVALS[rival](workdir)
    analyse("Beste Anna, bel 06-12345678 of mail anna@example.nl.")  # warm up
    setup = time.process_time() - start
    with devset.open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    characters = sum(len(r["text"]) for r in records)
    found: dict[str, Found] = {}
    start = time.process_time()
    for record in records:
        found[record["id"]] = analyse(record["text"])
    seconds = time.process_time() - start
    with out.open("w", encoding="utf-8") as written:
        for record_id, spans in found.items():
            written.write(json.dumps({"id": record_id, "found": spans}) + "\n")
    timing = {"rival": name, "setup": setup, "seconds": seconds, "characters": characters}
    print(json.dumps(timing))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
