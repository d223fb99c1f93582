"""The name lexicon: Dutch first names and surnames, from Faker's ``nl_NL`` and
``nl_BE`` person providers (MIT licence; shipped inside the package, never
fetched).  ``nl_NL`` alone holds the names given to children lately, not the
Peter, Karin, Henk and Monique who write most of a ministry's mail; ``nl_BE``
holds those.  Used only where a name has no context of its own; a first name
is only taken with a surname.

Beside it, a wider list of first names from the countries most people of a
migration background in the Netherlands come from or that write to its
ministries (Turkey, Indonesia, Germany, Poland, the United Kingdom, Ireland,
the United States, France, Italy, Spain, Portugal, Brazil, Romania; Faker has
Moroccan and Syrian names in Arabic script only).  Those names are many and
some are words in Dutch ("Dan", "Roos", "Wil"), so they count as names only
where the text never writes them in lower case
(:meth:`~inzage.detect.personal.base.TextContext.first_name`)."""

from __future__ import annotations

import gzip
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

from inzage.recognisers.vocabulary import vocabulary

if TYPE_CHECKING:
    import numpy as np


def _providers() -> tuple[type, ...]:
    from faker.providers.person.nl_BE import Provider as Flemish
    from faker.providers.person.nl_NL import Provider as Dutch

    return Dutch, Flemish


# Faker locales of the wider list (see the module's text).
_WIDE_LOCALES = (
    "tr_TR", "id_ID", "de_DE", "de_AT", "pl_PL", "en_GB", "en_IE", "en_US",
    "fr_FR", "it_IT", "es_ES", "pt_PT", "pt_BR", "ro_RO",
)  # fmt: skip


@cache
def first_names() -> frozenset[str]:
    """Lower-case first names, less the words that are no names in our texts."""
    names = {
        name.lower()
        for provider in _providers()
        for name in (*provider.first_names_male, *provider.first_names_female)  # type: ignore[attr-defined]
    }
    return frozenset(names - vocabulary().not_names())


@cache
def surnames() -> frozenset[str]:
    """Lower-case surnames (Faker's Dutch lists), their particles dropped."""
    names = {
        name.lower().split()[-1]
        for provider in _providers()
        for name in provider.last_names  # type: ignore[attr-defined]
        if name.strip()
    }
    return frozenset(names - vocabulary().not_names())


@cache
def wide_first_names() -> frozenset[str]:
    """Lower-case first names of the wider list, the Dutch ones included."""
    from importlib import import_module

    names = set(first_names())
    for locale in _WIDE_LOCALES:
        provider = import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ("first_names_male", "first_names_female", "first_names"):
            names.update(name.lower() for name in getattr(provider, attribute, ()))
    return frozenset(names - vocabulary().not_names())


def is_lexicon_name(word: str) -> bool:
    """A first name or a surname of the lexicon."""
    folded = word.lower()
    return folded in first_names() or folded in surnames()


@cache
def _dutch_word_hashes() -> np.ndarray:
    """The hashes of OpenTaal's lower-case one-word entries, sorted: 3 MB
    where a set of the 360,000 words would take 40 (``hash`` is salted per
    process, and the array is made in the process that asks)."""
    import numpy as np  # not at import: parsing a text file loads no numpy

    data = files("inzage.data").joinpath("opentaal-words.txt.gz").read_bytes()
    words = [w for w in gzip.decompress(data).decode("utf-8").split("\n") if w[:1].islower()]
    return np.unique(np.fromiter(map(hash, words), dtype=np.int64, count=len(words)))


def _listed(folded: str) -> bool:
    """``folded`` (lower case) is one of OpenTaal's lower-case entries."""
    hashes = _dutch_word_hashes()
    key = hash(folded)
    index = int(hashes.searchsorted(key))
    return index < len(hashes) and int(hashes[index]) == key


def is_dutch_word(word: str) -> bool:
    """``word``, in lower case, is a Dutch word of OpenTaal's list, a plural
    of one or an inflected adjective: ``misdaad``, ``datalekken`` (``-en``
    after a doubled consonant), ``shows``, ``dynamische``.  No proper noun
    is: the list's capitalised entries hold persons beside places.  Many
    surnames and first names are words too (``Bakker``, ``Roos``): callers
    exempt the lexicon's names."""
    folded = word.lower()
    if _listed(folded):
        return True
    if folded.endswith("en") and len(folded) > 5:
        stem = folded[:-2]
        if _listed(stem) or (stem[-1] == stem[-2] and _listed(stem[:-1])):
            return True
    # "-s" for a plural, "-e" for an inflected adjective ("geparametriseerde").
    return folded.endswith(("s", "e")) and _listed(folded[:-1])


def reads_as_dutch(word: str) -> bool:
    """``word`` is a Dutch word (:func:`is_dutch_word`) or a compound of two
    (``reactie|datum``, ``bedrijfs|regels``), which the list holds only in
    part.  Dutch surnames are often compounds too (``Haver|kamp``,
    ``Krams|veld``): a test for names must not rest on this alone."""
    if is_dutch_word(word):
        return True
    folded = word.lower()
    for cut in range(4, len(folded) - 3):
        head, tail = folded[:cut], folded[cut:]
        if is_dutch_word(tail) and (_listed(head) or (head.endswith("s") and _listed(head[:-1]))):
            return True
    return False


@cache
def place_names() -> frozenset[str]:
    """Lower-case names of Dutch and Flemish places and provinces (Faker's
    ``nl_NL`` and ``nl_BE`` address providers): ``breda``, ``zuid-holland``."""
    from faker.providers.address.nl_BE import Provider as FlemishAddress
    from faker.providers.address.nl_NL import Provider as DutchAddress

    return frozenset(
        place.lower()
        for provider in (DutchAddress, FlemishAddress)
        for place in (*provider.cities, *provider.provinces)
    )
