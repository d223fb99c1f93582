"""Native e-mail: ``.eml`` (the standard library's ``email``) and Outlook ``.msg``
(extract-msg).

A native message is written out as the header block and body that a printed
mail has (``From:``, ``Sent:`` with the real date and zone, ``To:``, ``Cc:``,
``Subject:``, ``Attachments:``), so it goes through the same parser as a
released print and comes out as one message with its real headers; replies
quoted in its body become quoted messages as usual.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from inzage.errors import CorruptInputError
from inzage.read.html import html_to_text
from inzage.read.text import DEFAULT_MAX_BYTES, RawText, normalise, read_bytes


def read_eml(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> RawText:
    data = read_bytes(path, max_bytes)
    return eml_from_bytes(data, str(path))


def eml_from_bytes(data: bytes, name: str = "<bytes>") -> RawText:
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(message, EmailMessage) or not (message["From"] or message["Subject"]):
        raise CorruptInputError(name, "not an e-mail message (no From or Subject header)")
    body = message.get_body(preferencelist=("plain", "html"))
    text = ""
    if body is not None:
        content = body.get_content()
        text = html_to_text(content) if body.get_content_type() == "text/html" else content
    attachments = [part.get_filename() or "(no name)" for part in message.iter_attachments()]
    printed = _printed(
        sender=str(message["From"] or ""),
        sent=str(message["Date"] or ""),
        to=str(message["To"] or ""),
        cc=str(message["Cc"] or ""),
        subject=str(message["Subject"] or ""),
        attachments=attachments,
        body=text,
    )
    return RawText(
        text=normalise(printed),
        sha256=hashlib.sha256(data).hexdigest(),
        format="eml",
        encoding=None,
    )


def read_msg(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> RawText:
    import extract_msg
    from extract_msg.msg_classes import MessageBase

    data = read_bytes(path, max_bytes)
    try:
        opened = extract_msg.openMsg(data)
    except Exception as exc:  # extract-msg raises many types for a damaged file
        raise CorruptInputError(
            path, f"not a readable Outlook message ({type(exc).__name__})"
        ) from None
    if not isinstance(opened, MessageBase):
        opened.close()
        raise CorruptInputError(path, "an Outlook item that is not an e-mail message")
    message: MessageBase = opened
    try:
        html = message.htmlBody
        body = message.body or (html_to_text(html.decode("utf-8", "replace")) if html else "")
        printed = _printed(
            sender=str(message.sender or ""),
            sent=format_datetime(message.date) if message.date is not None else "",
            to=str(message.to or ""),
            cc=str(message.cc or ""),
            subject=str(message.subject or ""),
            attachments=[str(a.name or "(no name)") for a in message.attachments],
            body=str(body),
        )
    finally:
        message.close()
    return RawText(
        text=normalise(printed),
        sha256=hashlib.sha256(data).hexdigest(),
        format="msg",
        encoding=None,
    )


def _printed(
    *, sender: str, sent: str, to: str, cc: str, subject: str, attachments: list[str], body: str
) -> str:
    lines = [f"From: {sender}", f"Sent: {sent}"]
    if to:
        lines.append(f"To: {to}")
    if cc:
        lines.append(f"Cc: {cc}")
    lines.append(f"Subject: {subject}")
    if attachments:
        lines.append("Attachments: " + "; ".join(attachments))
    return "\n".join(lines) + "\n\n" + body.strip() + "\n"
