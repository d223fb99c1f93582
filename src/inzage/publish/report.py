"""A redaction tool's production report ("productierapport") read into the
dossier, and reconciled with what inzage found in the bundle.

The report has one row per document with its judgement and grounds; its
columns are found by VWS's header aliases, case-insensitively
(``disclosure.md`` §4).  A judgement that is none of the four is refused
with the row's number (VWS's platform silently reads it as ``niet
openbaar``).  Reconciling lists what does not agree: rows that match no
document, documents no row names, grounds a row gives that no redaction in
its document cites, and grounds the document's redactions cite that its row
does not give."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from inzage.errors import ConfigurationError, InputError
from inzage.grounds import grounds_for
from inzage.publish.inventory import cited_grounds, document_number
from inzage.read.text import decode
from inzage.store.database import Connection
from inzage.store.dossier import (
    JUDGEMENTS,
    ConflictError,
    Judgement,
    ReviewError,
    SignedOffError,
    get_request,
    judge,
)

# column → its header aliases, lower case; * required
ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id",),
    "matter": ("matter", "matter / marjoleinnummer"),
    "family": ("family", "familie", "family id"),
    "thread": ("thread id", "email thread id", "email thread"),
    "document": (
        "document",
        "document id",
        "documentnr",
        "document nr",
        "documentnr.",
        "document nr.",
        "nr.",
        "omschrijving",
        "name",
    ),
    "file_type": ("file type", "filetype"),
    "date": ("date", "datum", "datum (utc)"),
    "judgement": ("beoordeling", "openbaarmaking"),
    "grounds": (
        "beoordelingsgrond",
        "grond",
        "tagmulti006",
        "beoordelingsgrond (; gescheiden)",
        "code entries",
    ),
    "suspended": ("opgeschort", "suspended", "tag015"),
    "link": (
        "publiekelinktag",
        "publieke link",
        "publiekelink",
        "publicatielink",
        "publicatie link",
    ),
    "remark": ("toelichting", "opmerking"),
    "case": ("zaaknr", "casenr", "zaak", "case", "zaaknummer"),
    "related": ("gerelateerd id",),
}
REQUIRED = ("id", "matter", "document", "judgement", "grounds")
_YES = {"ja", "yes", "j", "y", "1", "true"}
MAX_ROWS = 1_000_000
# Columns read of each row: a report has a dozen; a cell in column XFD would
# otherwise make every row 16,384 cells wide.
MAX_COLUMNS = 200


@dataclass(frozen=True)
class ReportRow:
    line: int  # the row's number in the file (the header is 1)
    id: str
    document: str
    judgement: Judgement
    grounds: tuple[str, ...]
    suspended: bool = False
    link: str = ""
    remark: str = ""
    family: str = ""
    values: dict[str, str] = field(default_factory=dict, repr=False)


def read_report(path: Path) -> list[ReportRow]:
    """The rows of a production report (``.xlsx`` or ``.csv``); a
    :class:`ConfigurationError` naming the file, the column or the row."""
    table = _xlsx_rows(path) if path.suffix.lower() in (".xlsx", ".xlsm") else _csv_rows(path)
    if not table:
        raise ConfigurationError(f"{path}: the report is empty")
    header = [str(c or "").strip().lower() for c in table[0]]
    columns: dict[str, int] = {}
    for name, aliases in ALIASES.items():
        for index, title in enumerate(header):
            if title in aliases and name not in columns:
                columns[name] = index
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise ConfigurationError(
            f"{path}: no column for {', '.join(missing)} (headers such as "
            + "; ".join(f"{m}: {ALIASES[m][0]!r}" for m in missing)
            + ")"
        )
    rows: list[ReportRow] = []
    problems: list[str] = []
    for line, cells in enumerate(table[1:], 2):
        values = {
            name: str(cells[i]).strip() if i < len(cells) and cells[i] is not None else ""
            for name, i in columns.items()
        }
        if not any(values.values()):
            continue
        try:
            rows.append(_row(line, values))
        except ValueError as exc:
            problems.append(f"row {line}: {exc}")
    if problems:
        shown = "; ".join(problems[:10]) + (
            f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
        )
        raise ConfigurationError(f"{path}: {shown}")
    return rows


def _row(line: int, values: dict[str, str]) -> ReportRow:
    judgement = values["judgement"].lower()
    if judgement not in JUDGEMENTS:
        raise ValueError(
            f"judgement {values['judgement'][:40]!r} is none of {', '.join(JUDGEMENTS)}"
        )
    codes: list[str] = []
    for part in re.split(r"[;,]", values["grounds"]):
        if not part.strip():
            continue
        found = grounds_for(part.strip())
        if not found:
            raise ValueError(f"ground {part.strip()[:20]!r} is not a ground")
        codes.append(found[0].code)
    if not values["document"] and not values["id"]:
        raise ValueError("no document and no ID")
    return ReportRow(
        line=line,
        id=values["id"],
        document=values["document"],
        judgement=judgement,
        grounds=tuple(sorted(set(codes))),
        suspended=values.get("suspended", "").lower() in _YES,
        link=values.get("link", ""),
        remark=values.get("remark", ""),
        family=values.get("family", ""),
        values=values,
    )


def _xlsx_rows(path: Path) -> list[list[object]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ConfigurationError(
            f"{path}: not a readable Excel file ({type(exc).__name__})"
        ) from None
    try:
        # the first sheet of cells (a chart sheet holds none)
        sheets = workbook.worksheets
        if not sheets:
            return []
        rows: list[list[object]] = []
        for row in sheets[0].iter_rows(values_only=True, max_col=MAX_COLUMNS):
            rows.append(list(row))
            if len(rows) > MAX_ROWS:
                raise ConfigurationError(f"{path}: more than {MAX_ROWS:,} rows")
        return rows
    except ConfigurationError:
        raise
    except Exception as exc:  # a damaged sheet: openpyxl and its XML parser raise many kinds
        raise ConfigurationError(
            f"{path}: not a readable Excel file ({type(exc).__name__})"
        ) from None
    finally:
        workbook.close()


def _csv_rows(path: Path) -> list[list[object]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigurationError(f"{path}: cannot read the report: {exc}") from None
    try:
        text, _ = decode(data, str(path))  # as inzage reads any text file
    except InputError as exc:
        raise ConfigurationError(f"{path}: not a readable CSV file ({exc.reason})") from None
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    try:
        return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error as exc:
        raise ConfigurationError(f"{path}: not a readable CSV file ({exc})") from None


# --- matching and reconciling ---------------------------------------------------


@dataclass
class Reconciliation:
    matched: list[tuple[ReportRow, str]] = field(default_factory=list)  # row, document id
    rows_without_document: list[ReportRow] = field(default_factory=list)
    documents_without_row: list[tuple[str, int]] = field(default_factory=list)  # id, number
    # document number → grounds the row gives that no redaction cites, and the reverse
    uncited: dict[int, tuple[str, ...]] = field(default_factory=dict)
    unlisted: dict[int, tuple[str, ...]] = field(default_factory=dict)
    applied: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)  # number, why

    @property
    def agrees(self) -> bool:
        return not (
            self.rows_without_document
            or self.documents_without_row
            or self.uncited
            or self.unlisted
            or self.skipped
        )


def reconcile(connection: Connection, rows: Iterable[ReportRow]) -> Reconciliation:
    """Match the report's rows to the dossier's documents (by Documentnummer,
    file name or file stem, then ID as a file stem) and compare grounds."""
    case = get_request(connection).case_number
    documents = connection.execute(
        "SELECT r.document_id, r.number, (SELECT path FROM source_paths sp WHERE "
        "sp.source_id = d.source_id ORDER BY position LIMIT 1) FROM reviews r "
        "JOIN documents d ON d.id = r.document_id ORDER BY r.number"
    ).fetchall()
    keys: dict[str, list[str]] = {}
    numbers: dict[str, int] = {}
    for document_id, number, path in documents:
        numbers[document_id] = number
        name = PurePosixPath(path).name
        for key in {document_number(case, number), name, PurePosixPath(name).stem}:
            keys.setdefault(key.lower(), []).append(document_id)
    cited = cited_grounds(connection)
    result = Reconciliation()
    seen: set[str] = set()
    for row in rows:
        match = None
        for key in (row.document, row.id):
            found = keys.get(key.strip().lower(), [])
            if len(found) == 1 and found[0] not in seen:
                match = found[0]
                break
        if match is None:
            result.rows_without_document.append(row)
            continue
        seen.add(match)
        result.matched.append((row, match))
        number = numbers[match]
        given = set(row.grounds)
        redacted = cited.get(match, set())
        if row.judgement == "deels openbaar":
            if given - redacted:
                result.uncited[number] = tuple(sorted(given - redacted))
            if redacted - given:
                result.unlisted[number] = tuple(sorted(redacted - given))
        elif row.judgement == "openbaar" and redacted:
            result.unlisted[number] = tuple(sorted(redacted))
    result.documents_without_row = [
        (document_id, number) for document_id, number, _ in documents if document_id not in seen
    ]
    return result


def apply_report(connection: Connection, reviewer: str, reconciliation: Reconciliation) -> None:
    """Set each matched document's judgement, grounds, link and remark from
    its row (documents signed off are left, and listed as skipped)."""
    for row, document_id in reconciliation.matched:
        (version, number) = connection.execute(
            "SELECT version, number FROM reviews WHERE document_id = ?", (document_id,)
        ).fetchone()
        try:
            judge(
                connection,
                reviewer,
                document_id,
                version,
                row.judgement,
                grounds=row.grounds,
                link=row.link or None,
                remark=row.remark or None,
                suspended=row.suspended,
            )
            reconciliation.applied += 1
        except (SignedOffError, ConflictError) as exc:
            reconciliation.skipped.append((number, str(exc)))
        except ReviewError as exc:
            reconciliation.skipped.append((number, f"row {row.line}: {exc}"))
