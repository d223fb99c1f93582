from __future__ import annotations

import click

from inzage.cli.inputs import StoreAddress, db_option
from inzage.cli.output import dumps, error, message_heading
from inzage.store import Corpus, StoreError


@click.command()
@click.argument("thread_id", type=int, metavar="ID")
@db_option
@click.option("--message", "by_message", is_flag=True, help="ID is a message id: show its thread.")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
def thread(thread_id: int, db: StoreAddress, by_message: bool, as_json: bool) -> None:
    """Print a conversation in time order, with where each message was found.

    Thread and message ids are in the output of 'inzage search'.  Exit code
    2 for an unknown id.

    \b
    Examples:
      inzage thread 812
      inzage thread --message 4410 --json
    """
    try:
        with Corpus(db) as corpus:
            if by_message:
                found = corpus.thread_of_message(thread_id)
                if found is None:
                    raise KeyError(f"no message {thread_id}")
                thread_id = found
            conversation = corpus.thread(thread_id)
    except StoreError as exc:
        error(str(exc))
        raise SystemExit(2) from None
    except KeyError as exc:
        error(str(exc.args[0]))
        raise SystemExit(2) from None
    if as_json:
        click.echo(dumps(conversation.model_dump(mode="json")))
        return
    count = len(conversation.messages)
    click.echo(
        f"thread {conversation.id}: {conversation.subject or '(no subject)'} — {count} messages"
    )
    for item in conversation.messages:
        click.echo(f"\n{message_heading(item.message)}  [message {item.message_id}]")
        for place in item.found_in:
            click.echo(
                f"   found in {place.path} (document {place.document_id}, message {place.index})"
            )
