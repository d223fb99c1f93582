"""Run one personal-data recogniser over a text, the way the proposal step does."""

from inzage.detect.personal.base import KnownNames, PersonalRecogniser
from inzage.detect.proposals import text_context


def found(
    recogniser: PersonalRecogniser, text: str, known: KnownNames | None = None
) -> list[tuple[str, bool]]:
    """(text, proposed) per finding; proposed is False for a keep (score 0)."""
    context = text_context(text, known)
    return [(f.span.slice(text), f.score > 0) for f in recogniser.find_in(context)]


def texts(recogniser: PersonalRecogniser, text: str, known: KnownNames | None = None) -> list[str]:
    return [t for t, proposed in found(recogniser, text, known) if proposed]
