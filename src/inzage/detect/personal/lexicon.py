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

from functools import cache

from inzage.recognisers.vocabulary import vocabulary


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
