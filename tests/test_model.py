import pytest
from pydantic import ValidationError

from inzage.model import MODEL_VERSION, Redaction, Source, Span, document_id, json_schema


def test_span_must_be_ordered() -> None:
    with pytest.raises(ValidationError, match="before start"):
        Span(start=5, end=2)


def test_document_id_is_stable_and_depends_on_span() -> None:
    a = document_id("ab" * 32, Span(start=0, end=10))
    assert a == document_id("ab" * 32, Span(start=0, end=10))
    assert a != document_id("ab" * 32, Span(start=0, end=11))


def test_schema_describes_the_contract_fields() -> None:
    schema = json_schema()
    assert set(schema["required"]) >= {"path", "sha256", "format", "text"}
    defs = schema["$defs"]
    # Attachments are sources: the reference resolves to the same definition.
    assert schema["properties"]["attachments"]["items"] == {"$ref": "#/$defs/Source"}
    assert defs["Source"]["properties"] == schema["properties"]
    assert set(defs["Redaction"]["properties"]) >= {
        "span",
        "marker",
        "grounds",
        "role",
        "group",
        "box",
        "confidence",
    }
    assert set(defs["Message"]["properties"]) >= {
        "index",
        "sender",
        "to",
        "cc",
        "bcc",
        "sent",
        "sent_zone_assumed",
        "subject",
        "header_style",
        "span",
        "body_span",
        "attachments",
        "quoted",
        "fingerprint",
    }
    assert schema["properties"]["model_version"]["default"] == MODEL_VERSION == "1"


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValidationError):
        Source.model_validate({"path": "x", "sha256": "0", "format": "text", "text": "", "x": 1})


def test_confidence_is_bounded() -> None:
    with pytest.raises(ValidationError):
        Redaction(
            span=Span(start=0, end=1), marker="x", group=0, confidence=1.5, notation="generic"
        )
