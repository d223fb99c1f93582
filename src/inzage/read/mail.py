"""Native e-mail: ``.eml`` (the standard library's ``email``) and Outlook ``.msg``
(extract-msg).

A native message is written out as the header block and body that a printed
mail has (``From:``, ``Sent:`` with the real date and zone, ``To:``, ``Cc:``,
``Subject:``, ``Attachments:``), so it goes through the same parser as a
released print and comes out as one message with its real headers; replies
quoted in its body become quoted messages as usual.  The attached files are
handed on with their bytes (:class:`~inzage.read.text.Attachment`): the
pipeline reads each as a source of its own.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import PurePath

from inzage.errors import CorruptInputError
from inzage.read.html import html_to_text
from inzage.read.text import Attachment, RawText, normalise

# A forwarded mail is written back out with its headers as they were: refolding
# a header parameter longer than a line (a mangled "filename") loops forever
# in Python's e-mail package.
_AS_WRITTEN = email.policy.default.clone(max_line_length=0, refold_source="none")
NO_NAME = "(no name)"
MAX_NAME = 200  # characters of an attachment's name kept


def eml_from_bytes(data: bytes, name: str = "<bytes>") -> RawText:
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(message, EmailMessage) or not (message["From"] or message["Subject"]):
        raise CorruptInputError(name, "not an e-mail message (no From or Subject header)")
    body = message.get_body(preferencelist=("plain", "html"))
    text = ""
    if body is not None:
        content = body.get_content()
        text = html_to_text(content) if body.get_content_type() == "text/html" else content
    attachments: list[Attachment] = []
    for part in message.iter_attachments():
        name_of_part = _file_name(part.get_filename())
        if part.get_content_type() == "message/rfc822":  # a mail forwarded as attachment
            inner = part.get_payload(0)
            attached = (
                inner.as_bytes(policy=_AS_WRITTEN) if isinstance(inner, EmailMessage) else b""
            )
            if not name_of_part.lower().endswith(".eml"):
                name_of_part += ".eml"
        else:
            payload = part.get_payload(decode=True)
            attached = payload if isinstance(payload, bytes) else b""
        attachments.append(Attachment(name_of_part, attached))
    printed = _printed(
        sender=str(message["From"] or ""),
        sent=str(message["Date"] or ""),
        to=str(message["To"] or ""),
        cc=str(message["Cc"] or ""),
        subject=str(message["Subject"] or ""),
        attachments=[a.name for a in attachments],
        body=text,
    )
    return RawText(
        text=normalise(printed),
        sha256=hashlib.sha256(data).hexdigest(),
        format="eml",
        encoding=None,
        attachments=attachments,
    )


def msg_from_bytes(data: bytes, name: str = "<bytes>") -> RawText:
    import extract_msg
    from extract_msg.msg_classes import MessageBase

    try:
        opened = extract_msg.openMsg(data)
    except Exception as exc:  # extract-msg raises many types for a damaged file
        raise CorruptInputError(
            name, f"not a readable Outlook message ({type(exc).__name__})"
        ) from None
    if not isinstance(opened, MessageBase):
        opened.close()
        raise CorruptInputError(name, "an Outlook item that is not an e-mail message")
    message: MessageBase = opened
    warnings: list[str] = []
    try:
        html = message.htmlBody
        body = message.body or (html_to_text(html.decode("utf-8", "replace")) if html else "")
        names = [_file_name(a.name) for a in message.attachments]
        attachments = []
        for attached, file_name in zip(message.attachments, names, strict=True):
            content = getattr(attached, "data", None)  # bytes, or an attached Outlook item
            if isinstance(content, bytes):
                attachments.append(Attachment(file_name, content))
            else:  # an Outlook item attached (a mail in a mail): no file bytes to read
                warnings.append(f"attachment {file_name}: an attached Outlook item is not read")
        printed = _printed(
            sender=str(message.sender or ""),
            sent=format_datetime(message.date) if message.date is not None else "",
            to=str(message.to or ""),
            cc=str(message.cc or ""),
            subject=str(message.subject or ""),
            attachments=names,
            body=str(body),
        )
    finally:
        message.close()
    return RawText(
        text=normalise(printed),
        sha256=hashlib.sha256(data).hexdigest(),
        format="msg",
        encoding=None,
        warnings=warnings,
        attachments=attachments,
    )


def _file_name(given: str | None) -> str:
    """An attachment's own name, without any folders it claims ("../../x.pdf")."""
    name = PurePath((given or "").replace("\\", "/")).name.strip()[:MAX_NAME]
    return name or NO_NAME


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
