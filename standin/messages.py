"""Plain records of what the Bot API stand-in holds: files, buttons, chats, bot messages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

MessageKind = Literal["text", "document", "photo"]


@dataclass(frozen=True)
class UploadedFile:
    """A file as it travelled to the stand-in: name, bytes and MIME type."""

    filename: str
    data: bytes
    mime_type: str = "application/octet-stream"


@dataclass(frozen=True)
class InlineButton:
    """One inline keyboard button; `callback_data` and `url` are None when not set."""

    text: str
    callback_data: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class ChatInfo:
    """A chat as Telegram describes it in updates (private chat, group or supergroup)."""

    id: int
    type: Literal["private", "group", "supergroup"]
    title: str | None = None
    username: str | None = None
    first_name: str | None = None
    last_name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The Bot API `Chat` object."""
        data: dict[str, Any] = {"id": self.id, "type": self.type}
        for key in ("title", "username", "first_name", "last_name"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        return data


@dataclass(frozen=True)
class BotMessage:
    """One message the bot sent, as it currently stands (after edits, or marked deleted).

    For documents and photos `text` and `plain_text` are empty and `caption` holds the plain
    caption; `document` holds the uploaded file of both kinds.
    """

    chat_id: int
    message_id: int
    text: str
    plain_text: str
    reply_markup: list[list[InlineButton]] | None
    date: int
    edit_count: int = 0
    deleted: bool = False
    kind: MessageKind = "text"
    document: UploadedFile | None = None
    caption: str | None = None
    reply_to: int | None = None
    entities: tuple[dict[str, Any], ...] = ()

    @property
    def buttons(self) -> list[InlineButton]:
        """All inline buttons, row by row."""
        return [button for row in self.reply_markup or [] for button in row]

    def find_button(self, data_or_text: str) -> InlineButton:
        """The button with this callback data, or else with this text; LookupError if none."""
        for button in self.buttons:
            if button.callback_data == data_or_text:
                return button
        for button in self.buttons:
            if button.text == data_or_text:
                return button
        shown = [(b.text, b.callback_data) for b in self.buttons]
        raise LookupError(
            f"message {self.message_id} has no button {data_or_text!r}; buttons: {shown}"
        )
