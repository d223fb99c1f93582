"""The Dutch vocabulary of the recognisers of every stage, as validated data
(``data/vocabulary.yaml``): e-mail header and letterhead labels (parse), and
for personal data the labels that name people, greetings and closings, cue
words, offices, functional mailboxes, special categories (detect).  Below
every stage, like the registry.

A recogniser reads its words from here rather than from a regex of its own, so
that a word added to the file is known to every recogniser that needs it.  A
wrong key or a value of the wrong type is a :class:`~inzage.errors.ConfigurationError`
that names the file.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, PrivateAttr, StrictStr, ValidationError

from inzage.errors import ConfigurationError
from inzage.yamltext import safe_load

VOCABULARY_FILE = "data/vocabulary.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class HeaderLabel(_Strict):
    label: StrictStr
    field: Literal["from", "to", "cc", "bcc", "sent", "received", "subject", "attachments"]
    language: Literal["en", "nl", "de", "any"]


class LetterheadLabel(_Strict):
    label: StrictStr
    key: StrictStr
    single_space: bool = False
    word: bool = False


class PersonField(_Strict):
    labels: tuple[StrictStr, ...]
    reason: StrictStr


class Cues(_Strict):
    strong: tuple[StrictStr, ...]
    weak: tuple[StrictStr, ...]


class LeakFlagCues(_Strict):
    """The reader's leak flag's cues: few, since a wrong name is worse than none."""

    greetings: tuple[StrictStr, ...]
    strong: tuple[StrictStr, ...]
    weak: tuple[StrictStr, ...]
    closings: tuple[StrictStr, ...]


class Vocabulary(_Strict):
    mail_header_labels: tuple[HeaderLabel, ...]
    letterhead_labels: tuple[LetterheadLabel, ...]
    person_fields: tuple[PersonField, ...]
    greetings: tuple[StrictStr, ...]
    closings: tuple[StrictStr, ...]
    cues: Cues
    leak_flag_cues: LeakFlagCues
    offices: tuple[StrictStr, ...]
    parties: tuple[StrictStr, ...]
    abbreviations: tuple[StrictStr, ...]
    not_name_words: tuple[StrictStr, ...]
    organisation_suffixes: tuple[StrictStr, ...]
    place_word_endings: tuple[StrictStr, ...]
    word_endings: tuple[StrictStr, ...]
    role_words: tuple[StrictStr, ...]
    unit_word_endings: tuple[StrictStr, ...]
    functional_mailboxes: tuple[StrictStr, ...]
    switchboard_cues: tuple[StrictStr, ...]
    organisation_address_cues: tuple[StrictStr, ...]
    birth_cues: tuple[StrictStr, ...]
    special_categories: dict[StrictStr, tuple[StrictStr, ...]]
    search_stop_words: tuple[StrictStr, ...]
    question_words: tuple[StrictStr, ...]
    question_verbs: tuple[StrictStr, ...]
    question_fillers: tuple[StrictStr, ...]

    def field_reasons(self) -> dict[str, str]:
        """Every person-field label (lower case) → the reason its value is a name."""
        return {label.lower(): f.reason for f in self.person_fields for label in f.labels}

    _not_names: frozenset[str] = PrivateAttr(default=frozenset())
    _roles: frozenset[str] = PrivateAttr(default=frozenset())

    def model_post_init(self, context: object) -> None:
        # "Lotte Academy": a suffix of one word is no name's word either; nor is a
        # greeting or a closing ("Geachte" under a label, "Hoogachtend").
        suffixes = (word for word in self.organisation_suffixes if word.isalpha())
        # Nor a label of a field that names people ("Paraaf", "Deelnemers").
        addressing = (word for word in (*self.greetings, *self.closings) if " " not in word)
        labels = (label for f in self.person_fields for label in f.labels if " " not in label)
        self._not_names = frozenset(
            word.lower() for word in (*self.not_name_words, *suffixes, *addressing, *labels)
        )
        self._roles = frozenset(word.lower() for word in self.role_words)

    def abbreviations_folded(self) -> frozenset[str]:
        """Dotted abbreviations as their letters in lower case: "n.v.t." → "nvt"."""
        return frozenset("".join(c for c in a.lower() if c.isalpha()) for a in self.abbreviations)

    def not_names(self) -> frozenset[str]:
        return self._not_names

    def is_place_word(self, word: str) -> bool:
        """A street's or a square's name: "Galenstraat", "Halsbuurt", "Kade"."""
        return word.lower().endswith(self.place_word_endings)

    def is_role_word(self, word: str) -> bool:
        """A function or a unit rather than a name: "Coördinator", "Realisatieteam"."""
        folded = word.lower()
        return folded in self._roles or folded.endswith(self.unit_word_endings)


def load_vocabulary(text: str, origin: str) -> Vocabulary:
    """The vocabulary in YAML ``text``; ``origin`` names it in errors."""
    try:
        return Vocabulary.model_validate(safe_load(text))
    except (yaml.YAMLError, ValidationError) as exc:
        raise ConfigurationError(f"{origin}: not a valid vocabulary: {exc}") from exc


@cache
def vocabulary() -> Vocabulary:
    """The bundled vocabulary, read once."""
    text = resources.files("inzage").joinpath(VOCABULARY_FILE).read_text("utf-8")
    return load_vocabulary(text, VOCABULARY_FILE)


def alternation(words: tuple[str, ...] | list[str]) -> str:
    """A regex alternative of ``words``, longest first, each word's spaces matching
    any run of white space."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def trie_alternation(words: tuple[str, ...] | list[str], not_before: str | None = None) -> str:
    """The same matches as :func:`alternation` (longest word first, spaces as
    white space), written as a trie: the words that match at one place are
    prefixes of one another, so the deepest path is the longest word, and the
    engine follows one path per position instead of trying every word.
    ``not_before``: a character class that must not stand before the word, put
    after its first character (``a(?<![\\w].)…``) so that the pattern still
    starts with literals, which the engine skips to."""
    end = ""
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in set(words):
        node = root
        for token in re.sub(r" +", " ", word):
            node = node.setdefault(token, {})
        node[end] = {}

    def emit(node: dict[str, dict], depth: int) -> str:  # type: ignore[type-arg]
        branches = []
        for token, child in sorted(node.items()):
            if token == end:
                continue
            piece = r"\s+" if token == " " else re.escape(token)
            if depth == 0 and not_before:
                piece += f"(?<!{not_before}.)"
            branches.append(piece + emit(child, depth + 1))
        if not branches:
            return ""
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if end in node else body

    return emit(root, 0)
