"""Redacting text and Markdown: each redacted stretch becomes a marker
(``[5.1.2e]`` by default), in the notation ``inzage parse`` reads back.

Decisions carry offsets into the text as decoded (what ``inzage detect``
reports); every other occurrence of a redacted string, and of the officer's
terms, is redacted too, so that nothing redacted in one place stays readable
in another."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from inzage.errors import ConfigurationError
from inzage.read.offsets import normalise_mapped
from inzage.read.text import decode, text_from_bytes
from inzage.redact.markdown import markdown_occurrences
from inzage.redact.matching import Needle, found_needle, occurrences
from inzage.redact.targets import Decision

DEFAULT_MARKER = "[{ground}]"


@dataclass(frozen=True)
class Stretch:
    """A redacted stretch of a text: offsets, and the grounds it is redacted on."""

    start: int
    end: int
    grounds: tuple[str, ...]


def checked_marker(template: str) -> str:
    """The marker template if it names the ground once; else a :class:`ConfigurationError`."""
    if template.count("{ground}") != 1 or template.replace("{ground}", "").count("{"):
        raise ConfigurationError(
            f"marker {template!r} must hold {{ground}} once and no other braces, "
            "e.g. '[{ground}]'"
        )
    return template


def needles_of(decisions: Sequence[Decision], terms: Sequence[Needle]) -> list[Needle]:
    """What is looked for everywhere: the terms, and each decision's text (a
    one-word text's lower-case variant excepted, see :func:`found_needle`)."""
    seen = {n.text for n in terms}
    needles = list(terms)
    for decision in decisions:
        for line in decision.text.splitlines():
            if line.strip() and line.strip() not in seen:
                seen.add(line.strip())
                needles.append(found_needle(line.strip(), decision.ground))
    return needles


def check_decisions(text: str, decisions: Sequence[Decision]) -> None:
    """A :class:`ConfigurationError` unless each decision's text stands at its
    offsets, a stretch of at least one character inside the text: else the
    file is not the one it was made for."""
    for decision in decisions:
        fits = 0 <= decision.start < decision.end <= len(text)
        if not fits or not decision.text or text[decision.start : decision.end] != decision.text:
            raise ConfigurationError(
                f"{decision.path}: a decision at {decision.start}-{decision.end} does not "
                "match the file's text (was the file changed since `inzage detect`?)"
            )


def stretches(
    text: str, decisions: Sequence[Decision], needles: Sequence[Needle], *, markdown: bool = False
) -> list[Stretch]:
    """The stretches to redact in ``text``, overlapping ones merged (decisions
    checked by :func:`check_decisions`); in a Markdown text also where a
    needle stands as the text is read (:mod:`inzage.redact.markdown`)."""
    check_decisions(text, decisions)
    spans = [(d.start, d.end, d.ground) for d in decisions]
    found = occurrences(text, list(needles))
    if markdown:
        found.extend(markdown_occurrences(text, needles))
    spans.extend((start, end, needle.ground) for start, end, needle in found)
    merged: list[Stretch] = []
    for start, end, ground in sorted(spans):
        if merged and start <= merged[-1].end:
            last = merged[-1]
            grounds = last.grounds if ground in last.grounds else (*last.grounds, ground)
            merged[-1] = Stretch(last.start, max(last.end, end), grounds)
        else:
            merged.append(Stretch(start, end, (ground,)))
    return merged


def redact_text(text: str, found: Sequence[Stretch], marker: str = DEFAULT_MARKER) -> str:
    """``text`` with each stretch replaced by its marker."""
    pieces: list[str] = []
    at = 0
    for stretch in found:
        pieces.append(text[at : stretch.start])
        pieces.append(marker.replace("{ground}", ", ".join(stretch.grounds)))
        at = stretch.end
    pieces.append(text[at:])
    return "".join(pieces)


def from_reading_text(data: bytes, name: str, decisions: Sequence[Decision]) -> list[Decision]:
    """The decisions with offsets into the file as decoded: those made on a
    store's reading text (normalised, front matter split off, see
    :attr:`Decision.reading`) moved there, each with the text that stands
    there (``\\r\\n``, a decomposed accent); the others as they are."""
    if not any(d.reading for d in decisions):
        return list(decisions)
    decoded, _ = decode(data, name)
    normal, mapping = normalise_mapped(decoded)
    reading = text_from_bytes(data, "text", name).text
    skipped = len(normal) - len(reading)  # the front matter
    moved: list[Decision] = []
    for decision in decisions:
        if not decision.reading:
            moved.append(decision)
            continue
        if reading[decision.start : decision.end] != decision.text:
            raise ConfigurationError(
                f"{decision.path}: a decision at {decision.start}-{decision.end} does not "
                "match the file's text (was the file changed since it was ingested?)"
            )
        start = mapping.original(decision.start + skipped)
        end = mapping.original(decision.end + skipped)
        moved.append(
            replace(decision, start=start, end=end, text=decoded[start:end], reading=False)
        )
    return moved
