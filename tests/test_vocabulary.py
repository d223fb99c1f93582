"""The vocabulary file: validated, and read by the stages that use it."""

import pytest

from inzage.errors import ConfigurationError
from inzage.parse.email_headers import LABELS
from inzage.parse.letterhead import LABELS as LETTERHEAD_LABELS
from inzage.recognisers.vocabulary import VOCABULARY_FILE, load_vocabulary, vocabulary


def test_the_bundled_vocabulary_is_valid_and_used_by_the_parser() -> None:
    words = vocabulary()
    assert LABELS["verzonden"] == ("sent", "nl")
    assert len(LABELS) == len({e.label.lower() for e in words.mail_header_labels})
    assert LETTERHEAD_LABELS[0] == ("vergaderdatum en tijd", "meeting_datetime")
    assert "minister" in words.offices
    assert words.field_reasons()["ontworpen door"] == "author field"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.replace("greetings:", "greetingz:"), "greetingz"),
        (
            lambda t: t.replace("field: sent, language: en}", "field: sent, language: fr}", 1),
            "language",
        ),
        (lambda t: t + "\n  - [unclosed", "not a valid vocabulary"),
        (lambda t: t.replace("greetings: [Beste,", "greetings: [3,"), "greetings"),
    ],
)
def test_a_wrong_vocabulary_is_refused_naming_the_file(change: object, message: str) -> None:
    from importlib import resources

    text = resources.files("inzage").joinpath(VOCABULARY_FILE).read_text("utf-8")
    with pytest.raises(ConfigurationError, match=message) as raised:
        load_vocabulary(change(text), "my-vocabulary.yaml")  # type: ignore[operator]
    assert "my-vocabulary.yaml" in str(raised.value)
