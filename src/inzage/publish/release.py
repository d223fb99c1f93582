"""A reviewed dossier out as a release (``inzage publish``): each file made
public redacted and verified, the inventory list, the DiWoo sitemaps.

What is redacted in a file: every proposal reviewers accepted or added, and
every one detection proposed to redact that nobody rejected (privacy by
default), each in every variant wherever it stands in the file; the strings
applied to the whole dossier; and every string redacted anywhere in the
dossier, in every file, unless a reviewer kept that string somewhere (then
only where it was decided, and the report lists where it differs).

A document judged ``niet openbaar`` or ``reeds openbaar``, or marked a
duplicate, is not published: in a file of several documents its pages are
withheld whole, a file of nothing else is left out (the inventory lists
it).  A file that fails verification is not written; the report names it
and why.

Nothing is published until every document is judged (and, by default,
signed off by a second reviewer) and the request names its publisher and
decision date: the sitemap announces what it lists to the national index."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from inzage.errors import InputError
from inzage.paths import write_whole
from inzage.publish.diwoo import Record, sitemap_index, sitemaps
from inzage.publish.inventory import inventory_csv, inventory_rows, inventory_xlsx
from inzage.publish.needles import ReleaseNeedles, inconsistencies
from inzage.read.files import read_attachments, read_data
from inzage.read.options import ReadOptions
from inzage.redact.document import RedactOptions, redact_document
from inzage.redact.pdf import RedactionError
from inzage.redact.targets import Decision
from inzage.store.database import Connection
from inzage.store.dossier import get_request
from inzage.store.proposals import REDACTED_SQL

NOT_PUBLISHED = ("niet openbaar", "reeds openbaar")


class NotReadyError(Exception):
    """The dossier cannot be published yet; the message says what is missing."""


class LeakError(Exception):
    """A file of the release would show what is redacted; it is not written."""


@dataclass
class PublishReport:
    written: list[str] = field(default_factory=list)  # files, relative to the output folder
    refused: list[tuple[str, str]] = field(default_factory=list)  # source path, why
    left_out: list[str] = field(default_factory=list)  # source paths not made public
    records: int = 0
    # a string kept in one document, redacted in others: (kept in, redacted in)
    inconsistent: list[tuple[int, tuple[int, ...]]] = field(default_factory=list)


@dataclass(frozen=True)
class PublishOptions:
    out: Path
    base_url: (
        str  # where the output folder will be served, e.g. https://open.example.nl/woo/2026-17
    )
    root: Path = Path()  # where the stored (relative) paths of the sources are found
    signed_only: bool = True
    redact: RedactOptions = field(default_factory=RedactOptions)


def readiness(connection: Connection, signed_only: bool = True) -> list[str]:
    """What stands in the way of publishing, in words; empty when nothing does."""
    problems: list[str] = []
    request = get_request(connection)
    if not request.publisher:
        problems.append("the request names no publisher (set it on the dossier page)")
    if not request.decision_date:
        problems.append("the request has no decision date")
    if not request.title:
        problems.append("the request has no title (the decision's name)")
    unjudged = [
        n
        for (n,) in connection.execute(
            "SELECT number FROM reviews WHERE judgement IS NULL ORDER BY number"
        )
    ]
    if unjudged:
        problems.append(f"{len(unjudged)} documents not judged: {_numbers(unjudged)}")
    if signed_only:
        unsigned = [
            n
            for (n,) in connection.execute(
                "SELECT number FROM reviews WHERE judgement IS NOT NULL AND signed_by IS NULL "
                "ORDER BY number"
            )
        ]
        if unsigned:
            problems.append(f"{len(unsigned)} documents not signed off: {_numbers(unsigned)}")
    open_reviews = [
        n
        for (n,) in connection.execute(
            "SELECT DISTINCT r.number FROM proposals p JOIN reviews r "
            "ON r.document_id = p.document_id "
            "WHERE p.status = 'proposed' AND p.action = 'review' ORDER BY r.number"
        )
    ]
    if open_reviews:
        problems.append(
            f"{len(open_reviews)} documents with proposals still to decide: "
            + _numbers(open_reviews)
        )
    return problems


def _numbers(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:20])
    return shown + (f" and {len(numbers) - 20} more" if len(numbers) > 20 else "")


@dataclass(frozen=True)
class _SourceDocument:
    document_id: str
    number: int
    judgement: str
    duplicate: bool
    title: str | None
    date: str | None
    first_page: int | None
    last_page: int | None

    @property
    def published(self) -> bool:
        return self.judgement not in NOT_PUBLISHED and not self.duplicate


def publish(
    connection: Connection,
    options: PublishOptions,
    on_file: Callable[[str, str], None] | None = None,
) -> PublishReport:
    """Write the release into ``options.out`` (which must not exist or be
    empty); a :class:`NotReadyError` when :func:`readiness` finds anything."""
    problems = readiness(connection, options.signed_only)
    if problems:
        raise NotReadyError("; ".join(problems))
    out = options.out
    if out.exists() and any(out.iterdir()):
        raise NotReadyError(f"{out}: not empty; publish into a new folder")
    (out / "documenten").mkdir(parents=True, exist_ok=True)
    request = get_request(connection)
    assert request.publisher and request.decision_date  # readiness says so
    published_at = dt.datetime.fromisoformat(request.decision_date + "T12:00:00+00:00")
    hidden = ReleaseNeedles.of(connection)
    rows = {row.document_id: row for row in inventory_rows(connection, hidden)}
    report = PublishReport()
    records: list[Record] = []
    for source_id, path, sha256, fmt in connection.execute(
        "SELECT s.id, (SELECT path FROM source_paths sp WHERE sp.source_id = s.id "
        "ORDER BY position LIMIT 1), s.sha256, s.format FROM sources s ORDER BY 2"
    ).fetchall():
        documents = _documents(connection, source_id)
        if not documents:
            continue
        if not any(d.published for d in documents):
            report.left_out.append(path)
            continue
        withheld = _withheld(connection, documents)
        if any(not d.published for d in documents) and fmt != "pdf":
            report.refused.append(
                (
                    path,
                    "a file without pages holds documents that are not made public: "
                    "redact it by hand or split it",
                )
            )
            continue
        try:
            data = source_bytes(options.root, path, sha256)
            done = redact_document(
                data,
                PurePosixPath(path).name,
                _decisions(connection, source_id, path),
                hidden.for_source(source_id),
                options.redact,
                withheld,
            )
        except (InputError, RedactionError, OSError, ValueError) as exc:
            report.refused.append((path, str(getattr(exc, "reason", None) or exc)))
            if on_file:
                on_file(path, "refused")
            continue
        if done.data is None:
            report.refused.append((path, "the redacted copy did not pass verification"))
            if on_file:
                on_file(path, "refused")
            continue
        first = next(d for d in documents if d.published)
        number = rows[first.document_id].document_number
        name = f"documenten/{file_name(number)}{done.suffix}"
        write_whole(out / name, done.data)
        report.written.append(name)
        if on_file:
            on_file(path, name)
        records.append(
            Record(
                url=f"{options.base_url.rstrip('/')}/{name}",
                identifier=number,
                title=hidden.masked(first.title or PurePosixPath(path).name),
                publisher=request.publisher,
                publisher_label=request.publisher_label or request.publisher,
                published=published_at,
                suffix=done.suffix,
                created=_date(first.date),
                part_of=hidden.masked(request.title),
                part_of_id=request.case_number or None,
            )
        )
    inventory = list(rows.values())
    listed = inventory_csv(inventory)
    _never_shown(hidden, "the inventory list", listed)
    workbook = io.BytesIO()
    inventory_xlsx(inventory, workbook)
    write_whole(out / "inventarislijst.xlsx", workbook.getvalue())
    write_whole(out / "inventarislijst.csv", listed.encode("utf-8-sig"))
    report.written.extend(["inventarislijst.xlsx", "inventarislijst.csv"])
    names: list[str] = []
    for index, body in enumerate(sitemaps(records), 1):
        name = f"sitemap-{index}.xml"
        _never_shown(hidden, name, body.decode("utf-8"))
        write_whole(out / name, body)
        names.append(name)
    write_whole(
        out / "sitemap.xml",
        sitemap_index((f"{options.base_url.rstrip('/')}/{n}" for n in names), published_at.date()),
    )
    report.written.extend([*names, "sitemap.xml"])
    report.records = len(records)
    report.inconsistent = inconsistencies(connection)
    return report


def _never_shown(hidden: ReleaseNeedles, name: str, text: str) -> None:
    """A last look at a metadata file before it is written: a redacted
    string in it (every field was masked; this is the net under that) stops
    the release."""
    if hidden.found_in(text):
        raise LeakError(f"{name} would show a redacted string: it is not written")


def file_name(number: str) -> str:
    """A Documentnummer as a file name: a case number may hold ``/`` or
    anything else, which stays out of the path."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", number).lstrip(".") or "document"


def _documents(connection: Connection, source_id: int) -> list[_SourceDocument]:
    return [
        _SourceDocument(row[0], row[1], row[2] or "", row[3] is not None, *row[4:])
        for row in connection.execute(
            "SELECT d.id, r.number, r.judgement, r.duplicate_of, d.title, d.date, d.first_page, "
            "d.last_page FROM documents d JOIN reviews r ON r.document_id = d.id "
            "WHERE d.source_id = ? ORDER BY d.position",
            (source_id,),
        )
    ]


def _withheld(connection: Connection, documents: list[_SourceDocument]) -> dict[int, str]:
    """The pages withheld whole: those a reviewer withheld, and every page of
    a document in the file that is not made public."""
    pages: dict[int, str] = {}
    for document in documents:
        for page, ground in connection.execute(
            "SELECT page, ground FROM withheld_pages WHERE document_id = ?", (document.document_id,)
        ):
            pages[page] = ground
        if not document.published and document.first_page is not None:
            (grounds,) = connection.execute(
                "SELECT grounds FROM reviews WHERE document_id = ?", (document.document_id,)
            ).fetchone()
            ground = (grounds.split(";")[0] if grounds else "") or (
                "reeds openbaar" if document.judgement == "reeds openbaar" else "dubbel"
            )
            for page in range(document.first_page, (document.last_page or document.first_page) + 1):
                pages.setdefault(page, ground)
    return pages


def _decisions(connection: Connection, source_id: int, path: str) -> list[Decision]:
    """The file's redactions as decisions on the store's reading text."""
    return [
        Decision(
            path=path,
            start=start,
            end=end,
            text=text,
            ground=ground,
            kind=kind,
            page=page,
            reading=True,
        )
        for start, end, text, ground, kind, page in connection.execute(
            # a redaction without a ground (none can be accepted so) is not
            # left out: it gets the ground of personal data
            "SELECT start, \"end\", text, coalesce(ground, '5.1.2e'), kind, page "
            f"FROM proposals WHERE source_id = ? AND {REDACTED_SQL} ORDER BY start",
            (source_id,),
        )
    ]


def source_bytes(root: Path, path: str, sha256: str) -> bytes:
    """The bytes of a stored source: the file at ``root/path``, or for an
    attachment (stored as ``mail.eml/bijlage.pdf``) the attachment read from
    its mail.  A :class:`ValueError` if the file is gone or changed since it
    was ingested."""
    parts = PurePosixPath(path).parts
    for cut in range(len(parts), 0, -1):
        candidate = root.joinpath(*parts[:cut])
        if candidate.is_file():
            data = candidate.read_bytes()
            break
    else:
        raise ValueError(f"{path}: not found under {root} (give --root)")
    shown = "/".join(parts[:cut])
    for name in parts[cut:]:
        raw = read_data(data, shown, ReadOptions(ocr="never"))
        for attached in read_attachments(shown, raw, ReadOptions(ocr="never"), 1):
            if attached.attachment.name == name:
                data, shown = attached.attachment.data, attached.path
                break
        else:
            raise ValueError(f"{path}: the attachment {name} is not in {shown}")
    if hashlib.sha256(data).hexdigest() != sha256:
        raise ValueError(f"{path}: changed since it was ingested (its SHA-256 differs)")
    return data


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        return None
