from __future__ import annotations

import dataclasses
import json

import click

from inzage.cli.inputs import StoreAddress, db_option, open_corpus
from inzage.cli.output import error

EXIT_USAGE = 2


@click.command()
@db_option
@click.option("--case-number", help="The request's case number (zaaknummer).")
@click.option("--title", help="The decision's title (Besluitnaam in the inventory).")
@click.option("--request-date", metavar="YYYY-MM-DD", help="When the request came in.")
@click.option("--decision-date", metavar="YYYY-MM-DD", help="When it was decided.")
@click.option(
    "--publisher",
    metavar="NAME|URI",
    help="The publishing organisation: its TOOI URI or (part of) its name, e.g. 'Volksgezondheid'.",
)
@click.option("--requester", help="Who asked (kept for the officers, never published).")
@click.option("--decision", help="Openbaarmaking, Gedeeltelijke openbaarmaking, ...")
@click.option("--reviewer", default="cli", show_default=True, help="The name in the audit log.")
@click.option("--json", "as_json", is_flag=True, help="Output the request and progress as JSON.")
def dossier(db: StoreAddress, reviewer: str, as_json: bool, **given: str | None) -> None:
    """Show or set the Woo request a dossier answers, and how far its review is.

    Without options it shows the request and the progress; each option sets
    one field (the others stay).  The requester is stored for the officers
    only: no export, inventory or publication holds it, and it is not shown
    here.

    \b
    Examples:
      inzage dossier --db dossier.db
      inzage dossier --db dossier.db --case-number 2026-17 --decision-date 2026-11-30 \\
          --publisher Volksgezondheid --title "Besluit op het Woo-verzoek over jeugdzorg"
    """
    from inzage.detect.entities import tooi_organisations
    from inzage.store.dossier import (
        ReviewError,
        checked_reviewer,
        ensure_reviews,
        get_request,
        progress,
        set_request,
    )

    with open_corpus(db) as corpus:
        ensure_reviews(corpus.connection)
        request = get_request(corpus.connection)
        changes = {k: v for k, v in given.items() if v is not None}
        try:
            if changes:
                if "publisher" in changes:
                    uri = _publisher(changes["publisher"] or "", tooi_organisations())
                    changes["publisher"] = uri
                    changes["publisher_label"] = tooi_organisations()[uri]
                request = dataclasses.replace(request, **changes)
                set_request(corpus.connection, checked_reviewer(reviewer), request)
        except ReviewError as exc:
            error(str(exc))
            raise SystemExit(EXIT_USAGE) from None
        done = progress(corpus.connection)
    shown = {k: v for k, v in dataclasses.asdict(request).items() if k != "requester"}
    shown["progress"] = dataclasses.asdict(done)
    if as_json:
        click.echo(json.dumps(shown, ensure_ascii=False, indent=2))
        return
    for key, value in shown.items():
        if key != "progress":
            click.echo(f"{key.replace('_', ' ')}: {value if value is not None else '-'}")
    click.echo(f"{done.judged} of {done.documents} documents judged, {done.signed} signed off")


def _publisher(given: str, known: dict[str, str]) -> str:
    """The TOOI URI of the organisation meant by ``given`` (its URI or a
    unique part of its name)."""
    from inzage.store.dossier import ReviewError

    if given in known:
        return given
    found = [uri for uri, name in known.items() if given.lower() in name.lower()]
    if len(found) != 1:
        names = "; ".join(known[u] for u in found[:5]) if found else "none"
        raise ReviewError(f"--publisher {given!r}: {len(found)} organisations match ({names})")
    return found[0]
