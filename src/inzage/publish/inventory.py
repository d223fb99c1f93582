"""The public inventory list of a dossier (``disclosure.md`` §4): one row per
document with VWS's columns, as CSV or Excel.

The requester is in no column.  A document withheld whole gives the grounds
of its judgement; one made public in part, those and the grounds its
redactions and withheld pages cite, ``;``-separated."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO

from inzage.publish.needles import ReleaseNeedles
from inzage.store.database import Connection
from inzage.store.dossier import family_root, get_request
from inzage.store.proposals import REDACTED_SQL

COLUMNS = (
    "Document ID",
    "Documentnummer",
    "Bestandsnaam",
    "Beoordeling",
    "Beoordelingsgrond",
    "Toelichting",
    "Publieke link",
    "Locatie document ID",
    "Opgeschort",
    "Gerelateerd Documentnummer",
    "Locatie gerelateerd ID",
    "Besluitnaam",
)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
SHOWN_JUDGEMENT = {
    "openbaar": "Openbaar",
    "deels openbaar": "Deels openbaar",
    "niet openbaar": "Niet openbaar",
    "reeds openbaar": "Reeds openbaar",
}


@dataclass(frozen=True)
class InventoryRow:
    document_id: str
    number: int
    document_number: str
    file_name: str
    judgement: str  # as shown: "Deels openbaar"; "" when not judged
    grounds: tuple[str, ...]
    remark: str
    link: str
    suspended: bool
    related: tuple[str, ...]  # Documentnummers: the family's mail, the original of a duplicate
    decision_name: str
    path: str
    duplicate_of: str | None

    def cells(self) -> list[str | int]:
        return [
            self.number,
            self.document_number,
            self.file_name,
            self.judgement,
            "; ".join(self.grounds),
            self.remark,
            self.link,
            "",
            "Ja" if self.suspended else "Nee",
            "; ".join(self.related),
            "",
            self.decision_name,
        ]


def document_number(case_number: str, number: int) -> str:
    """The Documentnummer: the case number and the document's own number."""
    return f"{case_number}-{number:04d}" if case_number else str(number)


def inventory_rows(
    connection: Connection, hidden: ReleaseNeedles | None = None
) -> list[InventoryRow]:
    """The rows in inventory order, every string redacted in the dossier (and
    the requester) masked in file names, remarks and the decision's name."""
    hidden = hidden if hidden is not None else ReleaseNeedles.of(connection)
    request = get_request(connection)
    rows = connection.execute(
        "SELECT r.document_id, r.number, r.judgement, r.grounds, r.remark, r.link, r.suspended, "
        "r.duplicate_of, (SELECT path FROM source_paths sp WHERE sp.source_id = d.source_id "
        "ORDER BY position LIMIT 1), d.first_page, d.last_page "
        "FROM reviews r JOIN documents d ON d.id = r.document_id ORDER BY r.number"
    ).fetchall()
    numbers = {row[0]: row[1] for row in rows}
    paths = {row[8] for row in rows}
    first_of_path: dict[str, int] = {}
    for row in rows:
        first_of_path.setdefault(row[8], row[1])
    documents_in = Counter(row[8] for row in rows)
    cited = cited_grounds(connection)
    out: list[InventoryRow] = []
    for (
        document_id,
        number,
        judgement,
        grounds,
        remark,
        link,
        suspended,
        duplicate_of,
        path,
        first,
        last,
    ) in rows:
        codes = sorted({g for g in grounds.split(";") if g})
        if judgement == "deels openbaar":  # the grounds its redactions cite, too
            codes = sorted({*codes, *cited.get(document_id, ())})
        related: list[str] = []
        root = family_root(path, paths)
        if root != path and root in first_of_path:
            related.append(document_number(request.case_number, first_of_path[root]))
        notes = [remark] if remark else []
        if duplicate_of is not None and duplicate_of in numbers:
            original = document_number(request.case_number, numbers[duplicate_of])
            related.append(original)
            notes.append(f"Dubbel van {original}")
        name = PurePosixPath(path).name
        if first is not None and documents_in[path] > 1:
            name += f" (p. {first}" + (f"-{last})" if last and last != first else ")")
        out.append(
            InventoryRow(
                document_id=document_id,
                number=number,
                document_number=document_number(request.case_number, number),
                file_name=hidden.masked(name),
                judgement=SHOWN_JUDGEMENT.get(judgement or "", ""),
                grounds=tuple(codes),
                remark=hidden.masked("; ".join(notes)),
                link=link or "",
                suspended=bool(suspended),
                related=tuple(related),
                decision_name=hidden.masked(request.title),
                path=path,
                duplicate_of=duplicate_of,
            )
        )
    return out


def cited_grounds(connection: Connection) -> dict[str, set[str]]:
    """The grounds each document's redactions and withheld pages cite."""
    cited: dict[str, set[str]] = {}
    for document_id, ground in connection.execute(
        "SELECT document_id, ground FROM proposals WHERE document_id IS NOT NULL "
        f"AND ground IS NOT NULL AND {REDACTED_SQL} "
        "UNION SELECT document_id, ground FROM withheld_pages"
    ):
        cited.setdefault(document_id, set()).add(ground)
    return cited


def inventory_csv(rows: list[InventoryRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows([_safe_cell(c) for c in row.cells()] for row in rows)
    return buffer.getvalue()


def inventory_xlsx(rows: list[InventoryRow], out: IO[bytes]) -> None:
    """The list as an Excel workbook (openpyxl, written row by row)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Inventarislijst")
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append([_safe_cell(c) for c in row.cells()])
    workbook.save(out)


def _safe_cell(value: str | int) -> str | int:
    """A cell a spreadsheet shows as text: one starting with ``=``, ``+``,
    ``-`` or ``@`` would be read as a formula (a remark is free text), and
    control characters are no text (Excel refuses them)."""
    if not isinstance(value, str):
        return value
    value = _CONTROL.sub("", value)
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def rows_as_dicts(rows: list[InventoryRow]) -> Iterator[dict[str, str | int]]:
    for row in rows:
        yield dict(zip(COLUMNS, row.cells(), strict=True))
