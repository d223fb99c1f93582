"""The name lexicon: Dutch first names, from Faker's ``nl_NL`` person provider
(MIT licence; shipped inside the package, never fetched).  Used only where a
name has no context of its own; a first name is only taken with a surname."""

from __future__ import annotations

from functools import cache

from inzage.recognisers.vocabulary import vocabulary


@cache
def first_names() -> frozenset[str]:
    """Lower-case first names, less the words that are no names in our texts."""
    from faker.providers.person.nl_NL import Provider

    names = {n.lower() for n in (*Provider.first_names_male, *Provider.first_names_female)}
    return frozenset(names - vocabulary().not_names())


@cache
def surnames() -> frozenset[str]:
    """Lower-case surnames (Faker's Dutch list), their particles dropped."""
    from faker.providers.person.nl_NL import Provider

    names = {n.lower().split()[-1] for n in Provider.last_names if n.strip()}
    return frozenset(names - vocabulary().not_names())


def is_lexicon_name(word: str) -> bool:
    """A first name or a surname of the lexicon."""
    folded = word.lower()
    return folded in first_names() or folded in surnames()
