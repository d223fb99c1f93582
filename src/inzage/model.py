"""The document model: the one definition of ``spec/document-model.md``.

Every pipeline stage imports its types from here.  Field names are a public
interface (external scripts read ``inzage parse --json``): add fields freely,
never rename or drop one without bumping :data:`MODEL_VERSION`.

Every span is a pair of character offsets into :attr:`Source.text`, so a
consumer can always show the original words.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

MODEL_VERSION: Literal["1"] = "1"

SourceFormat = Literal["text", "markdown", "pdf", "image", "eml", "msg", "docx", "html"]
DocumentKind = Literal[
    "email", "memo", "letter", "minutes", "agenda", "report", "inventory", "other"
]
RedactionRole = Literal["name", "email", "phone", "function", "passage", "unknown"]
Law = Literal["Woo", "Wob"]
ZoneAssumption = Literal["UTC", "Europe/Amsterdam"]
Notation = Literal[
    "woo-code",
    "wob-parenthesised",
    "wob-dotted",
    "written-out",
    "generic",
    "ocr-damaged",
    "dubbel",
]
EntityKind = Literal[
    "organisation",
    "person",
    "office",
    "place",
    "date",
    "money",
    "programme",
    "law",
    "url",
    "email",
    "phone",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """Half-open character range ``[start, end)`` in ``Source.text``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before start {self.start}")
        return self

    def slice(self, text: str) -> str:
        return text[self.start : self.end]

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def __len__(self) -> int:
        return self.end - self.start


class PageRange(_Model):
    first: int = Field(ge=1)
    last: int = Field(ge=1)


class Box(_Model):
    """Where a blacked-out area sits on a page; origin top-left."""

    page: int = Field(ge=1)
    x: float
    y: float
    width: float = Field(ge=0)
    height: float = Field(ge=0)
    unit: Literal["pt", "px"]


class Ground(_Model):
    """One legal ground cited by a marker, normalised to its Woo code.

    Frozen: the marker step hands the same ground to every marker that cites it
    in the same words."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(description="Woo code, e.g. '5.1.2e'; '10.2g' and 'dubbel' stay as they are")
    law: Law | None = Field(description="the law the marker cites; null for 'dubbel'")
    original: str = Field(description="the marker's own code, e.g. '10.2.e'")
    label: str = Field(description="short Dutch description")
    candidates: list[str] = Field(
        default_factory=list,
        description="Woo codes a Wob code may map to when there is no single successor (10.2g)",
    )


class Redaction(_Model):
    span: Span = Field(description="the marker text in Source.text")
    marker: str = Field(description="the marker as it appears, e.g. '(10)(2e)'")
    grounds: list[Ground] = Field(default_factory=list, description="empty for '[REDACTED]'")
    role: RedactionRole = "unknown"
    group: int = Field(ge=0, description="adjacent markers that redact one item share a group")
    box: Box | None = None
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    notation: Notation = Field(description="which marker style this is")


class Party(_Model):
    name: str | None = None
    address: str | None = None
    domain: str | None = None
    redacted: bool = False
    grounds: list[str] = Field(default_factory=list)


class Message(_Model):
    index: int = Field(ge=0, description="0 = top (newest)")
    sender: Party | None = None
    to: list[Party] = Field(default_factory=list)
    cc: list[Party] = Field(default_factory=list)
    bcc: list[Party] = Field(default_factory=list)
    sent: AwareDatetime | None = None
    sent_zone_assumed: ZoneAssumption | None = None
    subject: str | None = None
    header_style: str | None = None
    span: Span
    body_span: Span
    attachments: list[str] = Field(default_factory=list)
    quoted: bool = False
    fingerprint: str | None = None
    signature_span: Span | None = Field(
        default=None, description="the closing and signature block at the end of the body"
    )


class Section(_Model):
    number: str | None = None
    title: str
    level: int = Field(ge=1)
    span: Span


class Entity(_Model):
    kind: EntityKind
    text: str
    span: Span
    value: str | int | None = None
    role: str | None = None
    redacted: bool | None = None


class Document(_Model):
    id: str = Field(description="stable: derived from source sha256 + span")
    kind: DocumentKind = "other"
    complete: bool = True
    title: str | None = None
    date: AwareDatetime | None = None
    span: Span
    pages: PageRange | None = None
    language: str | None = None
    fields: dict[str, str] = Field(default_factory=dict)
    messages: list[Message] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    redactions: list[Redaction] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    attachments: list[str] = Field(default_factory=list)
    running_headers: list[str] = Field(default_factory=list)


class Source(_Model):
    model_version: Literal["1"] = MODEL_VERSION
    path: str = Field(description="as given")
    sha256: str = Field(description="of the raw bytes")
    format: SourceFormat
    pages: int | None = None
    ocr_pages: int = Field(default=0, ge=0, description="pages whose text was read by OCR")
    encoding: str | None = Field(default=None, description="the text encoding that was detected")
    metadata: dict[str, Any] = Field(
        default_factory=dict, description="source metadata, e.g. YAML front matter"
    )
    text: str = Field(description="the full reading text (running headers removed)")
    documents: list[Document] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    attachments: list[Source] = Field(
        default_factory=list,
        description="files attached to a native e-mail, each a source of its own "
        "(path: the mail's path, '/', the attachment's name)",
    )


@dataclass(frozen=True, slots=True)
class Finding:
    """What a recogniser found: a span with its reason.  Recognisers never edit text.

    A finding with ``score`` 0 was looked at and turned down; ``explanation``
    then says why, so review lists can show what was not accepted.

    Findings are working values between recognisers and the model, not part of
    the JSON contract, so they are a plain dataclass: entity-dense tables yield
    hundreds of thousands of them, and a validated model per finding cost more
    than finding them.
    """

    kind: str  # "marker", "citation", "organisation", ...
    span: Span
    recogniser: str  # name and version, e.g. "markers.woo-code.v1"
    score: float = 1.0
    explanation: str | None = None
    notation: Notation | None = None
    grounds: list[Ground] = field(default_factory=list)
    value: str | int | None = None  # normalised value: ISO date, euro cents, organisation id

    def updated(self, **changes: Any) -> Finding:
        """A copy with ``changes``.  Not ``dataclasses.replace``, which reads the
        fields anew on every call: the marker stage updates thousands."""
        values = {name: getattr(self, name) for name in _FINDING_FIELDS}
        values.update(changes)
        return Finding(**values)


_FINDING_FIELDS = tuple(f.name for f in fields(Finding))


PersonalKind = Literal[
    "person",
    "email",
    "phone",
    "bsn",
    "iban",
    "address",
    "postcode",
    "birthdate",
    "licence_plate",
    "special_category",
]
Action = Literal["redact", "keep", "review"]


class Proposal(_Model):
    """One span of personal data and what to do with it (``inzage detect``).

    ``span`` is in the text of the file as decoded (text and Markdown: before
    anything is normalised or removed, so it can be applied to the original);
    other formats: in the text their reader gives (``Source.text`` before
    running headers are removed).  A ``keep`` says why the span stays visible.
    """

    kind: PersonalKind
    span: Span
    text: str = Field(description="the span's text (personal data: never logged)")
    action: Action
    ground: str | None = Field(description="Woo code for redact/review; null for keep")
    score: float = Field(ge=0.0, le=1.0)
    recogniser: str = Field(description="name and version, e.g. 'personal.header-name.v1'")
    reason: str = Field(description="why, in words: 'sender of a mail', 'office holder: minister'")
    person: str | None = Field(
        default=None, description="one key for every variant of a person's name in a dossier"
    )
    page: int | None = Field(default=None, ge=1, description="PDF page (1-based)")
    boxes: list[Box] = Field(default_factory=list, description="the characters' boxes on the page")


class Detection(_Model):
    """The proposals for one file."""

    model_version: Literal["1"] = MODEL_VERSION
    path: str
    sha256: str
    format: SourceFormat
    proposals: list[Proposal] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


LeakChannel = Literal[
    "visible-text",
    "copy-of-message",
    "text-under-box",
    "actual-text",
    "structure",
    "annotation",
    "link",
    "form-field",
    "embedded-file",
    "bookmark",
    "page-label",
    "metadata",
    "earlier-revision",
    "tracked-change",
    "javascript",
]


class Leak(_Model):
    """Something a released file lets a reader recover (``inzage check``)."""

    channel: LeakChannel
    kind: str = Field(description="a personal-data kind, or 'text', 'file', 'script'")
    reason: str
    page: int | None = Field(default=None, ge=1)
    where: str = Field(default="", description="offset, field or key: '@120', '/Author'")
    text: str = Field(description="what leaks (reports mask it unless asked to show it)")


class CheckReport(_Model):
    """The leaks of one file; ``checked`` is False when it could not be checked."""

    model_version: Literal["1"] = MODEL_VERSION
    path: str
    sha256: str | None = None
    checked: bool = True
    leaks: list[Leak] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


VerifyCheck = Literal[
    "text-pdfium",
    "text-pypdf",
    "text",
    "object",
    "stream",
    "pixels",
    "ocr",
    "revisions",
    "withheld",
    "unchecked",
]


class VerifyFinding(_Model):
    """A redacted string found again, or a part of the file that could not be
    checked (``inzage verify``).  Never the string itself: a hash of it."""

    check: VerifyCheck
    page: int | None = Field(default=None, ge=1)
    where: str = Field(default="", description="field, object or box: '/Author', 'obj 12', 'box 3'")
    digest: str = Field(default="", description="keyed hash of the string, for this run only")
    reason: str = ""


class VerifyReport(_Model):
    """Whether a redacted file lets anything redacted be recovered."""

    model_version: Literal["1"] = MODEL_VERSION
    path: str
    original: str | None = None
    clean: bool
    strings: int = Field(description="how many redacted strings were looked for")
    boxes: int = 0
    checks: list[str] = Field(default_factory=list, description="what was read, in order")
    findings: list[VerifyFinding] = Field(default_factory=list)


class RedactReport(_Model):
    """What ``inzage redact`` wrote for one input."""

    model_version: Literal["1"] = MODEL_VERSION
    path: str
    output: str | None = Field(description="the redacted copy; null when none was kept")
    format: str
    redactions: int = Field(description="boxes drawn (PDF) or stretches replaced (text)")
    glyphs: int = 0
    images: int = 0
    annotations: int = 0
    strings: int = 0
    withheld: list[int] = Field(default_factory=list, description="pages withheld whole")
    ocr_layer: list[int] = Field(
        default_factory=list, description="scanned pages given a text layer read from the copy"
    )
    verify: VerifyReport | None = None
    warnings: list[str] = Field(default_factory=list)


def document_id(source_sha256: str, span: Span) -> str:
    """A document id that is the same on every run for the same bytes and span."""
    key = f"{source_sha256}:{span.start}:{span.end}".encode()
    return hashlib.sha256(key).hexdigest()[:20]


def json_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`Source`, the object ``inzage parse --json`` prints.
    A source holds its attachments (sources too), so pydantic puts ``Source`` under
    ``$defs``; it is lifted to the top, where readers of the contract look, and
    its copy stays for the attachments' ``$ref``."""
    schema = Source.model_json_schema()
    if "$ref" not in schema:
        return schema
    definitions = schema["$defs"]
    return {**definitions["Source"], "$defs": definitions}
