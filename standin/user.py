"""Simulated Telegram users: each action builds the Bot API update Telegram would deliver."""

from __future__ import annotations

import mimetypes
import re
from typing import TYPE_CHECKING, Any

from standin.entities import utf16_length
from standin.messages import BotMessage, ChatInfo, UploadedFile

if TYPE_CHECKING:
    from standin.botapi import BotApiStandIn

_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?")
_MENTION = re.compile(r"(?<![A-Za-z0-9_@/])@[A-Za-z0-9_]{5,32}")
_FAKE_PHOTO = b"\x89PNG\r\n\x1a\n standin photo"
CLIENT_TEXT_LIMIT = 4096  # a client sends a longer text as several messages of at most this


def text_entities(text: str) -> list[dict[str, Any]]:
    """The entities Telegram's clients attach: a leading bot command and @mentions.

    Offsets and lengths are in UTF-16 code units, as the Bot API counts them.
    """
    entities: list[dict[str, Any]] = []
    mentions_from = 0
    command = _COMMAND.match(text)
    if command is not None:
        entities.append({"type": "bot_command", "offset": 0, "length": utf16_length(command[0])})
        mentions_from = command.end()
    for mention in _MENTION.finditer(text, mentions_from):
        entities.append(
            {
                "type": "mention",
                "offset": utf16_length(text[: mention.start()]),
                "length": utf16_length(mention[0]),
            }
        )
    return entities


class SimulatedUser:
    """A person talking to the bot. Methods return update dicts; they do not deliver them."""

    def __init__(
        self,
        api: BotApiStandIn,
        *,
        user_id: int,
        first_name: str,
        last_name: str | None,
        username: str | None,
        language_code: str,
    ) -> None:
        self._api = api
        self.id = user_id
        self.first_name = first_name
        self.last_name = last_name
        self.username = username
        self.language_code = language_code

    def __repr__(self) -> str:
        return f"SimulatedUser(id={self.id}, first_name={self.first_name!r})"

    @property
    def chat(self) -> ChatInfo:
        """The user's private chat with the bot."""
        return self._api.chat_info(self.id)

    def to_dict(self) -> dict[str, Any]:
        """The Bot API `User` object."""
        data: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name is not None:
            data["last_name"] = self.last_name
        if self.username is not None:
            data["username"] = self.username
        data["language_code"] = self.language_code
        return data

    def _message(self, chat: ChatInfo | None, content: dict[str, Any]) -> dict[str, Any]:
        message = self._api.record_user_message(chat or self.chat, self.to_dict(), content)
        return self._api.new_update({"message": message})

    def text(
        self,
        text: str,
        *,
        chat: ChatInfo | None = None,
        reply_to: int | BotMessage | None = None,
    ) -> dict[str, Any]:
        """A text message; commands and @mentions get their entities."""
        content: dict[str, Any] = {"text": text}
        entities = text_entities(text)
        if entities:
            content["entities"] = entities
        if reply_to is not None:
            chat_id = (chat or self.chat).id
            target_id = reply_to.message_id if isinstance(reply_to, BotMessage) else reply_to
            target = self._api.message_dict(chat_id, target_id)
            if target is None:
                raise LookupError(f"no message {target_id} to reply to in chat {chat_id}")
            content["reply_to_message"] = target
        return self._message(chat, content)

    def paste(self, text: str, *, chat: ChatInfo | None = None) -> list[dict[str, Any]]:
        """A long text pasted into a Telegram client: it goes out as consecutive messages of
        at most 4,096 characters each, as the clients split it."""
        pieces = [
            text[start : start + CLIENT_TEXT_LIMIT]
            for start in range(0, len(text), CLIENT_TEXT_LIMIT)
        ]
        return [self.text(piece, chat=chat) for piece in pieces]

    def sticker(self, *, chat: ChatInfo | None = None, emoji: str = "👍") -> dict[str, Any]:
        """A sticker message."""
        file_id, unique_id = self._api.register_file(
            UploadedFile("sticker.webp", b"RIFF", "image/webp"), "stickers"
        )
        sticker = {
            "file_id": file_id,
            "file_unique_id": unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
        }
        return self._message(chat, {"sticker": sticker})

    def photo(
        self,
        *,
        chat: ChatInfo | None = None,
        caption: str | None = None,
        data: bytes = _FAKE_PHOTO,
    ) -> dict[str, Any]:
        """A photo message, optionally with a caption."""
        file_id, unique_id = self._api.register_file(
            UploadedFile("photo.jpg", data, "image/jpeg"), "photos"
        )
        size = {
            "file_id": file_id,
            "file_unique_id": unique_id,
            "width": 1280,
            "height": 960,
            "file_size": len(data),
        }
        content: dict[str, Any] = {"photo": [size]}
        if caption is not None:
            content["caption"] = caption
        return self._message(chat, content)

    def voice(self, *, chat: ChatInfo | None = None, duration: int = 3) -> dict[str, Any]:
        """A voice message."""
        file_id, unique_id = self._api.register_file(
            UploadedFile("voice.ogg", b"OggS", "audio/ogg"), "voice"
        )
        voice = {
            "file_id": file_id,
            "file_unique_id": unique_id,
            "duration": duration,
            "mime_type": "audio/ogg",
            "file_size": 4,
        }
        return self._message(chat, {"voice": voice})

    def document(
        self,
        filename: str,
        data: bytes,
        *,
        chat: ChatInfo | None = None,
        caption: str | None = None,
        mime_type: str | None = None,
    ) -> dict[str, Any]:
        """A file message; the bot can fetch the bytes through getFile."""
        mime = mime_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
        file_id, unique_id = self._api.register_file(
            UploadedFile(filename, data, mime), "documents"
        )
        document = {
            "file_id": file_id,
            "file_unique_id": unique_id,
            "file_name": filename,
            "mime_type": mime,
            "file_size": len(data),
        }
        content: dict[str, Any] = {"document": document}
        if caption is not None:
            content["caption"] = caption
        return self._message(chat, content)

    def location(
        self, latitude: float, longitude: float, *, chat: ChatInfo | None = None
    ) -> dict[str, Any]:
        """A shared location."""
        return self._message(chat, {"location": {"latitude": latitude, "longitude": longitude}})

    def edited(
        self, message_id: int, new_text: str, *, chat: ChatInfo | None = None
    ) -> dict[str, Any]:
        """An `edited_message` update: the user changed the text of one of their messages."""
        chat_id = (chat or self.chat).id
        original = self._api.user_message(chat_id, message_id)
        if original is None or original["from"]["id"] != self.id or "text" not in original:
            raise LookupError(f"user {self.id} has no text message {message_id} in {chat_id}")
        edited = {k: v for k, v in original.items() if k != "entities"}
        edited["text"] = new_text
        edited["edit_date"] = self._api.now()
        entities = text_entities(new_text)
        if entities:
            edited["entities"] = entities
        self._api.replace_user_message(chat_id, edited)
        return self._api.new_update({"edited_message": edited})

    def press(self, message: BotMessage, data_or_button_text: str) -> dict[str, Any]:
        """Press a button of this message version, by callback data or button text.

        The update carries the message as it stands now, as Telegram sends it.
        """
        button = message.find_button(data_or_button_text)
        if button.callback_data is None:
            raise ValueError(f"button {button.text!r} opens {button.url!r}, it sends no callback")
        current = self._api.message_dict(message.chat_id, message.message_id)
        if current is None:
            raise LookupError(f"message {message.message_id} is deleted, it cannot be pressed")
        return self._callback(message.chat_id, current, button.callback_data)

    def forged_press(self, chat_id: int, message_id: int, data: str) -> dict[str, Any]:
        """A callback query with arbitrary data, as a modified client could send it.

        A message that does not exist (any more) arrives as an inaccessible message.
        """
        current = self._api.message_dict(chat_id, message_id)
        if current is None:
            chat = self._api.chat_info(chat_id).to_dict()
            current = {"chat": chat, "message_id": message_id, "date": 0}
        return self._callback(chat_id, current, data)

    def _callback(self, chat_id: int, message: dict[str, Any], data: str) -> dict[str, Any]:
        query = {
            "id": self._api.new_callback_query_id(chat_id),
            "from": self.to_dict(),
            "chat_instance": self._api.chat_instance(chat_id),
            "data": data,
            "message": message,
        }
        return self._api.new_update({"callback_query": query})
