"""A small language guess from function words; enough to tell Dutch from English."""

from __future__ import annotations

import re
from collections import Counter

_FUNCTION_WORDS = {
    "nl": frozenset(
        [
            "de",
            "het",
            "een",
            "en",
            "van",
            "in",
            "is",
            "dat",
            "op",
            "te",
            "voor",
            "met",
            "niet",
            "zijn",
            "aan",
            "er",
            "ook",
            "als",
            "bij",
            "om",
            "wordt",
            "worden",
            "door",
            "naar",
            "dit",
            "deze",
            "die",
            "wij",
            "we",
            "je",
            "jij",
            "u",
            "ik",
        ]
    ),
    "en": frozenset(
        [
            "the",
            "a",
            "an",
            "and",
            "of",
            "in",
            "is",
            "that",
            "on",
            "to",
            "for",
            "with",
            "not",
            "are",
            "be",
            "at",
            "as",
            "by",
            "this",
            "these",
            "from",
            "we",
            "you",
            "i",
            "it",
            "was",
            "will",
            "have",
        ]
    ),
}
_WORD = re.compile(r"[a-zà-ÿ]+")
_SAMPLE = 20_000
_MIN_HITS = 5


def guess_language(text: str) -> str | None:
    """``"nl"``, ``"en"`` or ``None`` when the text is too short or too mixed to tell."""
    words = Counter(_WORD.findall(text[:_SAMPLE].lower()))
    hits = {
        lang: sum(count for word, count in words.items() if word in vocabulary)
        for lang, vocabulary in _FUNCTION_WORDS.items()
    }
    best = max(hits, key=lambda lang: hits[lang])
    others = sum(v for lang, v in hits.items() if lang != best)
    if hits[best] < _MIN_HITS or hits[best] < 1.5 * others:
        return None
    return best
