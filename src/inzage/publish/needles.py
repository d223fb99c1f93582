"""What a release must not show, gathered over the whole dossier.

``disclosure.md`` §2: one place left visible undoes every other redaction of
a name.  So a string redacted anywhere in the dossier is redacted in every
file, and in the release's metadata (titles, file names, remarks of the
inventory list and the sitemaps), and so is the requester.  One exception,
the officers' own: in a file where a reviewer kept a string and nobody
redacted it, it stays; :func:`inconsistencies` lists those files for a
second look.  The metadata gets no exception: it is read apart from the
documents."""

from __future__ import annotations

from dataclasses import dataclass, field

from inzage.redact.matching import Needle, fold_needle, found_needle, occurrences
from inzage.redact.text import redact_text, stretches
from inzage.store.database import Connection
from inzage.store.dossier import get_request
from inzage.store.everywhere import dossier_terms
from inzage.store.proposals import is_redacted

REQUESTER_GROUND = "5.1.2e"


@dataclass
class ReleaseNeedles:
    """The strings to redact, with where each was redacted and kept."""

    needles: dict[str, Needle] = field(default_factory=dict)  # folded → needle
    redacted_in: dict[str, set[int]] = field(default_factory=dict)  # folded → source ids
    kept_in: dict[str, set[int]] = field(default_factory=dict)
    fixed: list[Needle] = field(default_factory=list)  # the requester, strings applied everywhere

    @classmethod
    def of(cls, connection: Connection) -> ReleaseNeedles:
        found = cls(fixed=dossier_terms(connection))
        found.fixed.extend(_requester(get_request(connection).requester))
        for text, ground, status, action, source_id in connection.execute(
            "SELECT text, coalesce(ground, ?), status, action, source_id FROM proposals "
            "ORDER BY id",
            (REQUESTER_GROUND,),
        ):
            key = fold_needle(text)
            if not key:
                continue
            if status == "rejected":
                found.kept_in.setdefault(key, set()).add(source_id)
            elif is_redacted({"status": status, "action": action}):
                found.redacted_in.setdefault(key, set()).add(source_id)
                found.needles.setdefault(key, found_needle(" ".join(text.split()), ground))
        return found

    def for_source(self, source_id: int) -> list[Needle]:
        """What to redact in one file: every string redacted in the dossier,
        but one a reviewer kept in this file and nobody redacted in it."""
        return [
            *self.fixed,
            *(
                needle
                for key, needle in self.needles.items()
                if not (
                    source_id in self.kept_in.get(key, ())
                    and source_id not in self.redacted_in.get(key, set())
                )
            ),
        ]

    def everywhere(self) -> list[Needle]:
        """What the release's metadata must not show."""
        return [*self.fixed, *self.needles.values()]

    def masked(self, text: str) -> str:
        """``text`` (a title, a file name, a remark) with every such string
        replaced by its ground code in brackets."""
        if not text:
            return text
        return redact_text(text, stretches(text, [], self.everywhere()))

    def found_in(self, text: str) -> bool:
        return bool(occurrences(text, self.everywhere()))


def _requester(name: str | None) -> list[Needle]:
    """The requester's name, and its surname alone: a request letter writes
    "W. Kramsveld" and "verzoeker Kramsveld" as often as the full name."""
    words = (name or "").split()
    if not any(c.isalnum() for c in "".join(words)):
        return []
    needles = [found_needle(" ".join(words), REQUESTER_GROUND)]
    if len(words) > 1 and len(words[-1]) >= 3:
        needles.append(found_needle(words[-1], REQUESTER_GROUND))
    return needles


def inconsistencies(connection: Connection) -> list[tuple[int, tuple[int, ...]]]:
    """Strings a reviewer kept in one document and that are redacted in
    others: the number of the document where it is kept, and those where it
    is redacted (no text: the officer looks them up)."""
    redacted: dict[str, set[int]] = {}
    kept: list[tuple[str, int]] = []
    for text, status, action, number in connection.execute(
        "SELECT p.text, p.status, p.action, r.number FROM proposals p "
        "JOIN reviews r ON r.document_id = p.document_id"
    ):
        key = fold_needle(text)
        if status == "rejected":
            kept.append((key, number))
        elif is_redacted({"status": status, "action": action}):
            redacted.setdefault(key, set()).add(number)
    return sorted(
        {
            (number, tuple(sorted(redacted[key] - {number})))
            for key, number in kept
            if redacted.get(key, set()) - {number}
        }
    )
