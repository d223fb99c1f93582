"""Special categories of personal data (health, religion, ethnicity, sexual
orientation, criminal record: AVG articles 9 and 10, Woo 5.1.1d).  They cannot
be found by pattern with any certainty, so a term is only a candidate: the
proposal step keeps it for *review* when a person is named in the same
sentence, and never redacts it silently."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from inzage.detect.personal.base import PersonalRecogniser, TextContext
from inzage.model import Finding
from inzage.recognisers.base import Prefiltered, Terms
from inzage.recognisers.vocabulary import trie_alternation, vocabulary


@cache
def _terms() -> tuple[Prefiltered, dict[str, str]]:
    categories = vocabulary().special_categories
    category_of = {term.lower(): name for name, terms in categories.items() for term in terms}
    # Case-sensitive, over the folded text, tried only where a term starts.
    pattern = re.compile(rf"(?<![\w-])(?P<term>{trie_alternation(list(category_of))})[\w-]*")
    return Prefiltered(pattern, (Terms(tuple(category_of), not_before=r"[\w-]"),)), category_of


class SpecialCategoryRecogniser(PersonalRecogniser):
    """Terms of the special categories (``data/vocabulary.yaml``)."""

    name = "personal.special-category"
    entities = ("special_category",)

    def find_in(self, context: TextContext) -> Iterator[Finding]:
        pattern, category_of = _terms()
        for match in pattern.finditer(context.folded, context.folded):
            category = category_of.get(" ".join(match["term"].split()), "special")
            yield self.finding(
                "special_category",
                match.start(),
                match.end(),
                f"{category} term",
                score=0.5,
                value=category,
            )
