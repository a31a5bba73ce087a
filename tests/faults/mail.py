"""Reading the messages a portal process wrote with the file mail backend (EMAIL_URL=filemail://...)."""

from __future__ import annotations

import email
import email.policy
from collections import Counter
from email.message import EmailMessage
from pathlib import Path

SEPARATOR = "-" * 79


def file_messages(folder: Path) -> list[EmailMessage]:
    """Every message in the folder (the backend writes each connection's messages to one file)."""
    messages = []
    for path in sorted(folder.glob("*.log")) if folder.exists() else []:
        for chunk in path.read_text().split(SEPARATOR):
            if chunk.strip():
                parsed = email.message_from_string(chunk.strip() + "\n", policy=email.policy.default)
                messages.append(parsed)  # type: ignore[arg-type]
    return messages


def count_by_recipient(messages: list[EmailMessage]) -> Counter[str]:
    return Counter(str(message["To"]) for message in messages)
