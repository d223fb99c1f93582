"""The name lexicon: Dutch first names and surnames, from Faker's ``nl_NL`` and
``nl_BE`` person providers (MIT licence; shipped inside the package, never
fetched).  ``nl_NL`` alone holds the names given to children lately, not the
Peter, Karin, Henk and Monique who write most of a ministry's mail; ``nl_BE``
holds those.  Used only where a name has no context of its own; a first name
is only taken with a surname."""

from __future__ import annotations

from functools import cache

from inzage.recognisers.vocabulary import vocabulary


def _providers() -> tuple[type, ...]:
    from faker.providers.person.nl_BE import Provider as Flemish
    from faker.providers.person.nl_NL import Provider as Dutch

    return Dutch, Flemish


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


def is_lexicon_name(word: str) -> bool:
    """A first name or a surname of the lexicon."""
    folded = word.lower()
    return folded in first_names() or folded in surnames()
