"""The Bot API stand-in: chats, bot messages and method implementations, without any transport."""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import math
import mimetypes
import re
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from standin.entities import ParsedText, trim
from standin.messages import BotMessage, ChatInfo, InlineButton, MessageKind, UploadedFile
from standin.user import SimulatedUser

__all__ = [
    "ApiError",
    "BotApiStandIn",
    "BotMessage",
    "CallHold",
    "ChatInfo",
    "InlineButton",
    "SimulatedUser",
    "UploadedFile",
    "normalize_parameters",
]

MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_DATA_BYTES = 64
MAX_CALLBACK_ANSWER_LENGTH = 200  # the notice or alert a button press is answered with
MAX_COMMANDS = 100

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
QUERY_TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"
TEXT_BUTTONS_UNALLOWED = "Bad Request: text buttons are unallowed in the inline keyboard"
WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete "
    "the webhook first"
)
WEBHOOK_PORTS = (80, 88, 443, 8443)

# Parameters whose values are numbers, booleans or objects: form encoding sends them as JSON
# strings, so they are decoded. Free text (text, caption, callback data, ...) is never decoded.
_DECODED_PARAMETERS = frozenset(
    {
        "allow_sending_without_reply",
        "allowed_updates",
        "cache_time",
        "caption_entities",
        "chat_id",
        "commands",
        "disable_content_type_detection",
        "disable_notification",
        "disable_web_page_preview",
        "drop_pending_updates",
        "entities",
        "from_chat_id",
        "has_spoiler",
        "limit",
        "link_preview_options",
        "max_connections",
        "menu_button",
        "message_id",
        "message_ids",
        "message_thread_id",
        "offset",
        "protect_content",
        "reply_markup",
        "reply_parameters",
        "reply_to_message_id",
        "scope",
        "show_alert",
        "show_caption_above_media",
        "timeout",
        "user_id",
    }
)
_BUTTON_ACTIONS = (
    "callback_data",
    "url",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "web_app",
    "callback_game",
    "pay",
)
_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_COMMAND_NAME = re.compile(r"[a-z0-9_]{1,32}")
_WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
_SUPERGROUP_ID_LIMIT = -1_000_000_000_000

# Bot API method name -> handler attribute; lookups are case-insensitive like Telegram's.
_METHODS = {
    "getMe": "_get_me",
    "logOut": "_return_true",
    "close": "_return_true",
    "deleteWebhook": "_delete_webhook",
    "getWebhookInfo": "_get_webhook_info",
    "setWebhook": "_set_webhook",
    "getUpdates": "_get_updates",
    "setMyCommands": "_set_my_commands",
    "getMyCommands": "_get_my_commands",
    "deleteMyCommands": "_delete_my_commands",
    "setChatMenuButton": "_set_chat_menu_button",
    "getChatMenuButton": "_get_chat_menu_button",
    "sendMessage": "_send_message",
    "editMessageText": "_edit_message_text",
    "editMessageReplyMarkup": "_edit_message_reply_markup",
    "deleteMessage": "_delete_message",
    "answerCallbackQuery": "_answer_callback_query",
    "sendChatAction": "_send_chat_action",
    "sendDocument": "_send_document",
    "sendPhoto": "_send_photo",
    "getChat": "_get_chat",
    "getFile": "_get_file",
}
_CANONICAL_NAMES = {name.lower(): name for name in _METHODS}
# Methods that put a message into a chat: what Telegram's flood limit counts.
_FLOOD_LIMITED = frozenset({"sendMessage", "sendDocument", "sendPhoto"})
_FLOOD_WINDOW = 1.0  # seconds

Params = dict[str, Any]
Files = dict[str, UploadedFile]


class ApiError(Exception):
    """A Bot API error answer; raised inside method implementations."""

    def __init__(self, error_code: int, description: str, retry_after: int | None = None):
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.retry_after = retry_after

    def body(self) -> dict[str, Any]:
        """The JSON body Telegram answers with."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.error_code,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def normalize_parameters(params: Params) -> Params:
    """Decode JSON-string values of non-text parameters, as Telegram accepts both forms."""
    normalized: Params = {}
    for key, value in params.items():
        if key in _DECODED_PARAMETERS and isinstance(value, str):
            with contextlib.suppress(ValueError):  # e.g. chat_id="@channel" stays a string
                value = json.loads(value)
        normalized[key] = value
    return normalized


def _bad_request(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


def _default_description(error_code: int, retry_after: int | None) -> str:
    if error_code == 429:
        return f"Too Many Requests: retry after {retry_after}"
    return {
        400: "Bad Request: injected failure",
        401: "Unauthorized",
        403: "Forbidden: injected failure",
        404: "Not Found",
        409: "Conflict: injected failure",
        500: "Internal Server Error",
        502: "Bad Gateway",
    }.get(error_code, f"Error {error_code}: injected failure")


class CallTimedOut(Exception):
    """The caller's read timeout ran out on this call (see BotApiStandIn.time_out_next); the
    in-process request class raises PTB's TimedOut for it."""


class LateCall:
    """A call that timed out for the bot and is carried out only later (see
    BotApiStandIn.deliver_late_next), after whatever the bot sent meanwhile."""

    def __init__(self, api: BotApiStandIn) -> None:
        self._api = api
        self._call: tuple[str, Params, Files] | None = None
        self.timed_out = asyncio.Event()  # the bot's call came and was given up on

    async def arrive(self) -> None:
        """Carry the call out now: its message appears in the chat with the next id."""
        if self._call is None:
            raise RuntimeError("the call has not been made yet")
        name, params, files = self._call
        self._call = None
        await getattr(self._api, _METHODS[name])(params, files)

    def given_up(self, name: str, params: Params, files: Files) -> None:
        self._call = (name, params, files)
        self.timed_out.set()


class CallHold:
    """One held Bot API call (see BotApiStandIn.hold_next)."""

    def __init__(self) -> None:
        self.arrived = asyncio.Event()
        self._released = asyncio.Event()

    def release(self) -> None:
        """Let the held call be answered."""
        self._released.set()

    async def wait_for_release(self) -> None:
        self.arrived.set()
        await self._released.wait()


@dataclass(frozen=True)
class _Fault:
    error_code: int
    description: str
    retry_after: int | None


@dataclass(frozen=True)
class _StoredFile:
    file_id: str
    unique_id: str
    path: str
    file: UploadedFile


@dataclass
class _StoredMessage:
    chat_id: int
    message_id: int
    kind: MessageKind
    date: int
    text: str = ""
    parsed: ParsedText = field(default_factory=lambda: ParsedText(""))
    markup: dict[str, Any] | None = None
    file: _StoredFile | None = None
    caption: ParsedText | None = None
    reply_to: int | None = None
    edit_count: int = 0
    edit_date: int | None = None
    deleted: bool = False

    @property
    def inline_markup(self) -> dict[str, Any] | None:
        if self.markup is not None and "inline_keyboard" in self.markup:
            return self.markup
        return None

    def snapshot(self) -> BotMessage:
        inline = self.inline_markup
        buttons = None
        if inline is not None:
            buttons = [
                [
                    InlineButton(
                        text=raw["text"],
                        callback_data=raw.get("callback_data"),
                        url=raw.get("url"),
                    )
                    for raw in row
                ]
                for row in inline["inline_keyboard"]
            ]
        return BotMessage(
            chat_id=self.chat_id,
            message_id=self.message_id,
            text=self.text,
            plain_text=self.parsed.text,
            reply_markup=buttons,
            date=self.date,
            edit_count=self.edit_count,
            deleted=self.deleted,
            kind=self.kind,
            document=self.file.file if self.file else None,
            caption=self.caption.text if self.caption else None,
            reply_to=self.reply_to,
            entities=self.caption.entities if self.caption else self.parsed.entities,
        )


@dataclass
class _ChatState:
    info: ChatInfo
    known: bool = False  # someone wrote here (private chat) or the bot is a member (group)
    last_message_id: int = 0
    bot_messages: dict[int, _StoredMessage] = field(default_factory=dict)
    user_messages: dict[int, dict[str, Any]] = field(default_factory=dict)
    menu_button: dict[str, Any] | None = None


class BotApiStandIn:
    """An offline Telegram Bot API server: it keeps chats and messages and answers like Telegram.

    `call` is the whole transport-agnostic interface; the request class, the HTTP server and
    the simulated users all go through this object.
    """

    def __init__(
        self,
        *,
        token: str = "123456:STANDIN",
        bot_id: int = 123456,
        bot_username: str = "kehu_zhushou_bot",
        bot_first_name: str = "客户经理助手",
        clock: Callable[[], datetime] | None = None,
        flood_limit_per_second: int | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        """`flood_limit_per_second`: answer 429 like Telegram when more messages than this
        were sent within the last second (None: no limit). `monotonic` is the clock of that
        window, apart from `clock` (the dates), which tests often freeze."""
        self.token = token
        self.bot_id = bot_id
        self.bot_username = bot_username
        self.bot_first_name = bot_first_name
        self._clock = clock or (lambda: datetime.now(UTC))
        self.call_log: list[tuple[str, Params]] = []
        self.answered_callbacks: dict[str, Params] = {}
        self.chat_actions: list[tuple[int, str]] = []
        self._chats: dict[int, _ChatState] = {}
        self._blocked: set[int] = set()
        self._commands: dict[tuple[str, str], list[tuple[str, str]]] = {}
        self._default_menu_button: dict[str, Any] | None = None
        self._pending_callbacks: set[str] = set()
        self._last_callback_id = 4_000_000_000_000_000
        self._files: dict[str, _StoredFile] = {}
        self._update_queue: list[dict[str, Any]] = []
        self._last_update_id = 100_000
        self._update_waiters: set[asyncio.Event] = set()
        self._long_poll_watchers: set[asyncio.Event] = set()
        self._faults: dict[str, list[_Fault]] = {}
        self._delays: dict[str, list[float]] = {}
        self._holds: dict[str, list[CallHold]] = {}
        # Per call: carried out all the same (True), not at all (False) or later (LateCall).
        self._timeouts: dict[str, list[bool | LateCall]] = {}
        self._webhook: dict[str, Any] | None = None  # setWebhook's parameters while one is set
        self._journal: list[tuple[int, int]] = []  # (chat_id, message_id) sent, edited, deleted
        # Waiters by the chat they watch (None: every chat), so a busy stand-in with many
        # simulated users wakes only the one whose chat changed.
        self._journal_waiters: dict[int | None, set[asyncio.Event]] = {}
        self.flood_limit_per_second = flood_limit_per_second
        self.flood_rejections = 0
        self._monotonic = monotonic
        self._recent_sends: deque[float] = deque()  # monotonic times of accepted sends

    # ----------------------------------------------------------------- the Bot API itself

    async def call(
        self, method: str, params: Params, files: Files | None = None
    ) -> tuple[int, dict[str, Any]]:
        """Answer one Bot API call: the HTTP status and the JSON body Telegram would send."""
        name = _CANONICAL_NAMES.get(method.lower())
        normalized = normalize_parameters(params)
        self.call_log.append((name or method, normalized))
        if name is None:
            return 404, ApiError(404, "Not Found: method not found").body()
        delays = self._delays.get(name)
        if delays:
            await asyncio.sleep(delays.pop(0))
        holds = self._holds.get(name)
        if holds:
            await holds.pop(0).wait_for_release()
        timeouts = self._timeouts.get(name)
        carried_out_then_timed_out = timeouts.pop(0) if timeouts else None
        if isinstance(carried_out_then_timed_out, LateCall):
            carried_out_then_timed_out.given_up(name, normalized, files or {})
            raise CallTimedOut(name)
        if carried_out_then_timed_out is False:
            raise CallTimedOut(name)
        faults = self._faults.get(name)
        if faults:
            fault = faults.pop(0)
            return fault.error_code, ApiError(
                fault.error_code, fault.description, fault.retry_after
            ).body()
        if name in _FLOOD_LIMITED:
            flooded = self._flood_check()
            if flooded is not None:
                return flooded.error_code, flooded.body()
        handler = getattr(self, _METHODS[name])
        try:
            result = await handler(normalized, files or {})
        except ApiError as error:
            return error.error_code, error.body()
        if carried_out_then_timed_out:
            raise CallTimedOut(name)
        return 200, {"ok": True, "result": result}

    def now(self) -> int:
        """The clock's current time as the unix seconds Telegram puts into `date` fields."""
        return int(self._clock().timestamp())

    # ----------------------------------------------------------------- fault injection

    def fail_next(
        self,
        method: str,
        *,
        error_code: int = 400,
        description: str | None = None,
        retry_after: int | None = None,
        times: int = 1,
    ) -> None:
        """Make the next `times` calls of `method` fail with this error.

        A 429 always carries `parameters.retry_after` (1 second unless given).
        """
        name = self._known_method(method)
        if error_code == 429 and retry_after is None:
            retry_after = 1
        fault = _Fault(
            error_code=error_code,
            description=description or _default_description(error_code, retry_after),
            retry_after=retry_after,
        )
        self._faults.setdefault(name, []).extend([fault] * times)

    def delay_next(self, method: str, seconds: float, times: int = 1) -> None:
        """Make the next `times` calls of `method` wait `seconds` before they are handled."""
        name = self._known_method(method)
        self._delays.setdefault(name, []).extend([seconds] * times)

    def time_out_next(self, method: str, *, carried_out: bool = True) -> None:
        """Make the next call of `method` time out for the bot, at once: carried out all the
        same (as when Telegram's answer comes after the client gave up) or not at all. In
        process only: `StandInRequest` raises TimedOut for it (over HTTP, ChaoticBotApi's hangs
        are the real thing)."""
        self._timeouts.setdefault(self._known_method(method), []).append(carried_out)

    def deliver_late_next(self, method: str) -> LateCall:
        """Make the next call of `method` time out for the bot at once, and carry it out only
        when the test says `await late.arrive()`: its message then comes after everything the
        bot sent meanwhile, as a reply Telegram held up does. In process only, like
        time_out_next."""
        late = LateCall(self)
        self._timeouts.setdefault(self._known_method(method), []).append(late)
        return late

    def hold_next(self, method: str) -> CallHold:
        """Make the next call of `method` wait until the test releases it.

        `await hold.arrived.wait()` returns once the call is being held — the caller is then
        mid-way through whatever made the call — and `hold.release()` lets it be answered.
        """
        hold = CallHold()
        self._holds.setdefault(self._known_method(method), []).append(hold)
        return hold

    def _flood_check(self) -> ApiError | None:
        """429 if the last second already holds the limit's sends; else count this one."""
        if self.flood_limit_per_second is None:
            return None
        now = self._monotonic()
        recent = self._recent_sends
        while recent and recent[0] <= now - _FLOOD_WINDOW:
            recent.popleft()
        if len(recent) >= self.flood_limit_per_second:
            self.flood_rejections += 1
            # Telegram gives whole seconds: until the oldest send leaves the window.
            retry_after = max(1, math.ceil(recent[0] + _FLOOD_WINDOW - now))
            return ApiError(429, _default_description(429, retry_after), retry_after=retry_after)
        recent.append(now)
        return None

    @staticmethod
    def _known_method(method: str) -> str:
        name = _CANONICAL_NAMES.get(method.lower())
        if name is None:
            raise ValueError(f"the stand-in does not implement {method!r}")
        return name

    # ----------------------------------------------------------------- users and chats

    def user(
        self,
        user_id: int,
        *,
        first_name: str = "张三",
        last_name: str | None = None,
        username: str | None = None,
        language_code: str = "zh-hans",
    ) -> SimulatedUser:
        """A person who can write to the bot; their private chat has the id `user_id`."""
        if user_id <= 0:
            raise ValueError("user ids are positive")
        person = SimulatedUser(
            self,
            user_id=user_id,
            first_name=first_name,
            last_name=last_name,
            username=username,
            language_code=language_code,
        )
        info = ChatInfo(
            id=user_id,
            type="private",
            username=username,
            first_name=first_name,
            last_name=last_name,
        )
        state = self._chats.get(user_id)
        if state is None:
            self._chats[user_id] = _ChatState(info=info)
        else:
            state.info = info
        return person

    def group(
        self,
        chat_id: int,
        title: str,
        *,
        supergroup: bool | None = None,
        username: str | None = None,
    ) -> ChatInfo:
        """A group the bot is a member of. Ids from -1000000000000 down are supergroups."""
        if chat_id >= 0:
            raise ValueError("group chat ids are negative")
        if supergroup is None:
            supergroup = chat_id <= _SUPERGROUP_ID_LIMIT
        info = ChatInfo(
            id=chat_id,
            type="supergroup" if supergroup else "group",
            title=title,
            username=username,
        )
        state = self._chats.setdefault(chat_id, _ChatState(info=info))
        state.info = info
        state.known = True
        return info

    def block_user(self, user_id: int) -> None:
        """The user blocks the bot: sending into their private chat now fails with 403."""
        self._blocked.add(user_id)

    def unblock_user(self, user_id: int) -> None:
        """The user unblocks the bot."""
        self._blocked.discard(user_id)

    def chat_info(self, chat_id: int) -> ChatInfo:
        """The chat with this id; LookupError if no user or group was set up with it."""
        state = self._chats.get(chat_id)
        if state is None:
            raise LookupError(f"no chat {chat_id} in the stand-in")
        return state.info

    # ----------------------------------------------------------------- state for tests

    def messages(self, chat_id: int, *, include_deleted: bool = False) -> list[BotMessage]:
        """The bot's messages in this chat, in order, each in its current version."""
        state = self._chats.get(chat_id)
        if state is None:
            return []
        return [
            stored.snapshot()
            for stored in state.bot_messages.values()
            if include_deleted or not stored.deleted
        ]

    def last_message(self, chat_id: int) -> BotMessage:
        """The bot's most recent message in this chat that is not deleted."""
        messages = self.messages(chat_id)
        if not messages:
            raise LookupError(f"the bot has sent nothing (left) in chat {chat_id}")
        return messages[-1]

    def message(self, chat_id: int, message_id: int) -> BotMessage:
        """The current version of one bot message (deleted ones included)."""
        state = self._chats.get(chat_id)
        stored = state.bot_messages.get(message_id) if state else None
        if stored is None:
            raise LookupError(f"no bot message {message_id} in chat {chat_id}")
        return stored.snapshot()

    def calls(self, method: str) -> list[Params]:
        """Parameters of every call of `method` so far, in order."""
        name = _CANONICAL_NAMES.get(method.lower(), method)
        return [params for called, params in self.call_log if called == name]

    def commands(
        self, scope: dict[str, Any] | None = None, language_code: str = ""
    ) -> list[tuple[str, str]]:
        """The (command, description) list set for this scope and language."""
        return list(self._commands.get((_scope_key(scope), language_code), []))

    def menu_button(self, chat_id: int | None = None) -> dict[str, Any] | None:
        """The menu button set for a chat, or the default one when `chat_id` is None."""
        if chat_id is None:
            return self._default_menu_button
        state = self._chats.get(chat_id)
        return state.menu_button if state else None

    def change_mark(self) -> int:
        """A mark to pass to `changed_messages` later."""
        return len(self._journal)

    def changed_messages(
        self, since: int, *, chat_id: int | None = None, include_deleted: bool = False
    ) -> list[BotMessage]:
        """Bot messages sent, edited or deleted since the mark, once each, current versions."""
        keys: dict[tuple[int, int], None] = {}
        for key in self._journal[since:]:
            if chat_id is None or key[0] == chat_id:
                keys.setdefault(key, None)
        changed = [self._chats[c].bot_messages[m].snapshot() for c, m in keys]
        return [message for message in changed if include_deleted or not message.deleted]

    async def wait_for_messages(
        self, since: int, *, chat_id: int | None = None, count: int = 1
    ) -> list[BotMessage]:
        """Wait until at least `count` messages were sent or edited (in `chat_id`) after the
        change mark `since`; for a bot running elsewhere (another task or process). Bound it
        with asyncio.timeout()."""
        while True:
            changed = self.changed_messages(since, chat_id=chat_id)
            if len(changed) >= count:
                return changed
            waiter = asyncio.Event()
            watching = self._journal_waiters.setdefault(chat_id, set())
            watching.add(waiter)
            try:
                await waiter.wait()
            finally:
                watching.discard(waiter)
                if not watching and self._journal_waiters.get(chat_id) is watching:
                    del self._journal_waiters[chat_id]

    def _journal_change(self, chat_id: int, message_id: int) -> None:
        self._journal.append((chat_id, message_id))
        for watched in (chat_id, None):
            for waiter in self._journal_waiters.get(watched, ()):
                waiter.set()

    def file_content(self, file_path: str) -> bytes | None:
        """Bytes of a stored file by its `file_path` (as getFile gives it), None if unknown."""
        for stored in self._files.values():
            if stored.path == file_path:
                return stored.file.data
        return None

    def file_content_for_url(self, url: str) -> bytes | None:
        """Bytes of the stored file a download URL ends with, None if it names none."""
        path = url.split("?", 1)[0]
        for stored in self._files.values():
            if path.endswith("/" + stored.path):
                return stored.file.data
        return None

    # ----------------------------------------------------------------- updates

    def push_update(self, update: dict[str, Any]) -> None:
        """Queue an update for getUpdates and wake long-polling calls."""
        self._update_queue.append(update)
        for waiter in self._update_waiters:
            waiter.set()

    async def wait_for_long_poll(self) -> None:
        """Return once a getUpdates call is waiting for updates (at once if one is)."""
        if self._update_waiters:
            return
        watcher = asyncio.Event()
        self._long_poll_watchers.add(watcher)
        try:
            await watcher.wait()
        finally:
            self._long_poll_watchers.discard(watcher)

    @property
    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates queued and not yet confirmed through getUpdates' offset."""
        return list(self._update_queue)

    @property
    def webhook(self) -> dict[str, Any] | None:
        """setWebhook's parameters (url, secret_token …) while a webhook is set, else None."""
        return None if self._webhook is None else dict(self._webhook)

    # The methods below are the building blocks SimulatedUser uses.

    def new_update(self, payload: dict[str, Any]) -> dict[str, Any]:
        """An update with the next update_id around `payload` (e.g. {"message": {...}})."""
        self._last_update_id += 1
        # A snapshot: later edits in the stand-in must not change an update already built.
        return {"update_id": self._last_update_id, **copy.deepcopy(payload)}

    def record_user_message(
        self, chat: ChatInfo, sender: dict[str, Any], content: dict[str, Any]
    ) -> dict[str, Any]:
        """Give a user's message the chat's next message id and keep it; returns its dict."""
        state = self._chats.setdefault(chat.id, _ChatState(info=chat))
        state.known = True
        state.last_message_id += 1
        message = {
            "message_id": state.last_message_id,
            "from": sender,
            "chat": state.info.to_dict(),
            "date": self.now(),
            **copy.deepcopy(content),
        }
        state.user_messages[state.last_message_id] = message
        return message

    def user_message(self, chat_id: int, message_id: int) -> dict[str, Any] | None:
        """A user's message dict as last recorded, None if unknown or deleted."""
        state = self._chats.get(chat_id)
        return state.user_messages.get(message_id) if state else None

    def replace_user_message(self, chat_id: int, message: dict[str, Any]) -> None:
        """Keep the edited version of a user's message."""
        self._chats[chat_id].user_messages[message["message_id"]] = message

    def message_dict(self, chat_id: int, message_id: int) -> dict[str, Any] | None:
        """The Bot API `Message` for any live message of the chat, None if there is none."""
        state = self._chats.get(chat_id)
        if state is None:
            return None
        stored = state.bot_messages.get(message_id)
        if stored is not None and not stored.deleted:
            return self._bot_message_dict(stored)
        return state.user_messages.get(message_id)

    def new_callback_query_id(self, chat_id: int) -> str:
        """A fresh callback query id the bot may answer once."""
        self._chats[chat_id].known = True
        self._last_callback_id += 1
        query_id = str(self._last_callback_id)
        self._pending_callbacks.add(query_id)
        return query_id

    def expire_callback_query(self, query_id: str) -> None:
        """The press waited longer than Telegram keeps a query open: answering it now fails."""
        self._pending_callbacks.discard(query_id)

    def chat_instance(self, chat_id: int) -> str:
        """The stable `chat_instance` string of callback queries from this chat."""
        return str(7_000_000_000_000_000_000 + chat_id)

    def register_file(self, file: UploadedFile, folder: str) -> tuple[str, str]:
        """Store a file (uploaded by either side); returns its (file_id, file_unique_id)."""
        number = len(self._files) + 1
        suffix = ""
        if "." in file.filename:
            suffix = "." + file.filename.rsplit(".", 1)[1]
        stored = _StoredFile(
            file_id=f"STANDIN-FILE-{number:06d}",
            unique_id=f"standin{number}",
            path=f"{folder}/file_{number}{suffix}",
            file=file,
        )
        self._files[stored.file_id] = stored
        return stored.file_id, stored.unique_id

    # ----------------------------------------------------------------- helpers

    def _bot_user(self) -> dict[str, Any]:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

    def _bot_message_dict(self, stored: _StoredMessage, *, nested: bool = True) -> dict[str, Any]:
        chat = self._chats[stored.chat_id]
        message: dict[str, Any] = {
            "message_id": stored.message_id,
            "from": self._bot_user(),
            "chat": chat.info.to_dict(),
            "date": stored.date,
        }
        if stored.edit_date is not None:
            message["edit_date"] = stored.edit_date
        if stored.kind == "text":
            message["text"] = stored.parsed.text
            if stored.parsed.entities:
                message["entities"] = [dict(e) for e in stored.parsed.entities]
        elif stored.file is not None:
            file = stored.file
            if stored.kind == "document":
                message["document"] = {
                    "file_id": file.file_id,
                    "file_unique_id": file.unique_id,
                    "file_name": file.file.filename,
                    "mime_type": file.file.mime_type,
                    "file_size": len(file.file.data),
                }
            else:
                message["photo"] = [
                    {
                        "file_id": file.file_id,
                        "file_unique_id": file.unique_id,
                        "width": 1280,
                        "height": 960,
                        "file_size": len(file.file.data),
                    }
                ]
            if stored.caption and stored.caption.text:
                message["caption"] = stored.caption.text
                if stored.caption.entities:
                    message["caption_entities"] = [dict(e) for e in stored.caption.entities]
        if stored.inline_markup is not None:
            message["reply_markup"] = stored.inline_markup
        if nested and stored.reply_to is not None:
            target = chat.bot_messages.get(stored.reply_to)
            if target is not None and not target.deleted:
                message["reply_to_message"] = self._bot_message_dict(target, nested=False)
            elif stored.reply_to in chat.user_messages:
                message["reply_to_message"] = chat.user_messages[stored.reply_to]
        return message

    def _known_chat(self, params: Params) -> _ChatState:
        raw = params.get("chat_id")
        if raw is None or raw == "":
            raise _bad_request("chat_id is empty")
        state: _ChatState | None = None
        if isinstance(raw, int) and not isinstance(raw, bool):
            state = self._chats.get(raw)
        elif isinstance(raw, str) and raw.startswith("@"):
            state = next(
                (s for s in self._chats.values() if s.info.username == raw[1:]),
                None,
            )
        if state is None or not state.known:
            raise _bad_request("chat not found")
        return state

    def _writable_chat(self, params: Params) -> _ChatState:
        state = self._known_chat(params)
        if state.info.type == "private" and state.info.id in self._blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        return state

    @staticmethod
    def _formatted(raw: Any, parse_mode: Any, entities: Any) -> ParsedText:
        text = "" if raw is None else str(raw)
        if parse_mode:
            # The bot sends plain text only; a formatted message would be a change to make
            # here on purpose (Telegram would render it), not to pass unnoticed.
            raise _bad_request(f"unsupported parse_mode {parse_mode!r}: plain text only")
        given: tuple[dict[str, Any], ...] = ()
        if isinstance(entities, list):
            given = tuple(e for e in entities if isinstance(e, dict))
        return trim(ParsedText(text=text, entities=given))

    @staticmethod
    def _parse_markup(value: Any, *, inline_only: bool = False) -> dict[str, Any] | None:
        if value is None:
            return None
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                raise _bad_request("can't parse reply keyboard markup JSON object") from None
        if not isinstance(value, dict):
            raise _bad_request("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" not in value:
            if inline_only:
                raise _bad_request("inline keyboard expected")
            return value
        rows = value["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise _bad_request(
                'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays'
            )
        for row in rows:
            for button in row:
                _check_inline_button(button)
        return value

    def _reply_target(self, state: _ChatState, params: Params) -> int | None:
        reply = params.get("reply_parameters")
        allow_missing = bool(params.get("allow_sending_without_reply"))
        target = params.get("reply_to_message_id")
        if isinstance(reply, dict):
            target = reply.get("message_id")
            allow_missing = allow_missing or bool(reply.get("allow_sending_without_reply"))
        if target is None:
            return None
        if self.message_dict(state.info.id, target) is not None:
            return int(target)
        if allow_missing:
            return None
        raise _bad_request("message to be replied not found")

    def _store_bot_message(self, state: _ChatState, stored: _StoredMessage) -> _StoredMessage:
        state.bot_messages[stored.message_id] = stored
        self._journal_change(stored.chat_id, stored.message_id)
        return stored

    def _next_message(self, state: _ChatState, kind: MessageKind) -> _StoredMessage:
        state.last_message_id += 1
        return _StoredMessage(
            chat_id=state.info.id,
            message_id=state.last_message_id,
            kind=kind,
            date=self.now(),
        )

    def _message_to_edit(self, params: Params) -> _StoredMessage:
        if params.get("inline_message_id"):
            raise _bad_request("MESSAGE_ID_INVALID")
        state = self._writable_chat(params)
        message_id = params.get("message_id")
        if not isinstance(message_id, int) or isinstance(message_id, bool):
            raise _bad_request("message identifier is not specified")
        stored = state.bot_messages.get(message_id)
        if stored is None or stored.deleted:
            if message_id in state.user_messages:
                raise _bad_request("message can't be edited")
            raise _bad_request("message to edit not found")
        return stored

    def _mark_edited(self, stored: _StoredMessage) -> dict[str, Any]:
        stored.edit_count += 1
        stored.edit_date = self.now()
        self._journal_change(stored.chat_id, stored.message_id)
        return self._bot_message_dict(stored)

    def _input_file(self, value: Any, files: Files, field_name: str) -> UploadedFile:
        if value in (None, "") and field_name in files:
            file = files[field_name]
        elif isinstance(value, str) and value.startswith("attach://"):
            attached = files.get(value.removeprefix("attach://"))
            if attached is None:
                raise _bad_request(f"there is no {field_name} in the request")
            file = attached
        elif isinstance(value, str) and value in self._files:
            return self._files[value].file
        elif isinstance(value, str) and value.startswith(("http://", "https://")):
            name = value.rstrip("/").rsplit("/", 1)[-1] or field_name
            mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return UploadedFile(filename=name, data=b"", mime_type=mime)
        elif isinstance(value, str) and value:
            raise _bad_request("wrong file identifier/HTTP URL specified")
        else:
            raise _bad_request(f"there is no {field_name} in the request")
        if not file.data:
            raise _bad_request("file must be non-empty")
        return file

    # ----------------------------------------------------------------- method implementations

    async def _return_true(self, params: Params, files: Files) -> bool:
        return True

    async def _get_me(self, params: Params, files: Files) -> dict[str, Any]:
        return {
            **self._bot_user(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _delete_webhook(self, params: Params, files: Files) -> bool:
        if params.get("drop_pending_updates"):
            self._update_queue.clear()
        self._webhook = None
        return True

    async def _get_webhook_info(self, params: Params, files: Files) -> dict[str, Any]:
        info: dict[str, Any] = {
            "url": "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._update_queue),
        }
        if self._webhook is not None:
            info["url"] = self._webhook["url"]
            info["max_connections"] = self._webhook.get("max_connections") or 40
            if self._webhook.get("allowed_updates"):
                info["allowed_updates"] = self._webhook["allowed_updates"]
        return info

    async def _set_webhook(self, params: Params, files: Files) -> bool:
        url = str(params.get("url") or "")
        if not url:  # like Telegram: an empty URL removes the webhook
            return await self._delete_webhook(params, files)
        parts = urlsplit(url)
        if parts.scheme != "https" or not parts.hostname:
            raise _bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        if parts.port not in (None, *WEBHOOK_PORTS):
            raise _bad_request(
                "bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443"
            )
        secret = params.get("secret_token")
        if secret is not None and not _WEBHOOK_SECRET.fullmatch(str(secret)):
            raise _bad_request("secret token contains unallowed characters")
        if params.get("drop_pending_updates"):
            self._update_queue.clear()
        self._webhook = dict(params)
        return True

    def _select_updates(self, offset: int, limit: int, allowed: Any) -> list[dict[str, Any]]:
        if offset < 0:
            del self._update_queue[: max(0, len(self._update_queue) + offset)]
        elif offset:
            self._update_queue[:] = [u for u in self._update_queue if u["update_id"] >= offset]
        if isinstance(allowed, list) and allowed:
            # Updates of types the bot did not subscribe to are never delivered.
            self._update_queue[:] = [
                u for u in self._update_queue if any(kind in u for kind in allowed)
            ]
        return [dict(update) for update in self._update_queue[:limit]]

    async def _get_updates(self, params: Params, files: Files) -> list[dict[str, Any]]:
        if self._webhook is not None:
            raise ApiError(409, WEBHOOK_CONFLICT)
        offset = int(params.get("offset") or 0)
        limit = min(100, max(1, int(params.get("limit") or 100)))
        timeout = float(params.get("timeout") or 0)
        allowed = params.get("allowed_updates")
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            updates = self._select_updates(offset, limit, allowed)
            remaining = deadline - loop.time()
            if updates or remaining <= 0:
                return updates
            waiter = asyncio.Event()
            self._update_waiters.add(waiter)
            for watcher in self._long_poll_watchers:
                watcher.set()
            try:
                async with asyncio.timeout(remaining):
                    await waiter.wait()
            except TimeoutError:
                return []
            finally:
                self._update_waiters.discard(waiter)

    async def _set_my_commands(self, params: Params, files: Files) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise _bad_request("can't parse commands JSON object")
        if len(commands) > MAX_COMMANDS:
            raise _bad_request("too many commands")
        parsed: list[tuple[str, str]] = []
        for entry in commands:
            if not isinstance(entry, dict):
                raise _bad_request("can't parse BotCommand")
            command = entry.get("command")
            description = entry.get("description")
            if not isinstance(command, str) or not _COMMAND_NAME.fullmatch(command):
                raise _bad_request("BOT_COMMAND_INVALID")
            if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
                raise _bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
            parsed.append((command, description))
        key = (_scope_key(params.get("scope")), str(params.get("language_code") or ""))
        self._commands[key] = parsed
        return True

    async def _get_my_commands(self, params: Params, files: Files) -> list[dict[str, str]]:
        key = (_scope_key(params.get("scope")), str(params.get("language_code") or ""))
        return [{"command": c, "description": d} for c, d in self._commands.get(key, [])]

    async def _delete_my_commands(self, params: Params, files: Files) -> bool:
        key = (_scope_key(params.get("scope")), str(params.get("language_code") or ""))
        self._commands.pop(key, None)
        return True

    async def _set_chat_menu_button(self, params: Params, files: Files) -> bool:
        button = params.get("menu_button") or {"type": "default"}
        if not isinstance(button, dict) or "type" not in button:
            raise _bad_request("can't parse menu button JSON object")
        if params.get("chat_id") is None:
            self._default_menu_button = button
        else:
            self._known_chat(params).menu_button = button
        return True

    async def _get_chat_menu_button(self, params: Params, files: Files) -> dict[str, Any]:
        if params.get("chat_id") is None:
            button = self._default_menu_button
        else:
            button = self._known_chat(params).menu_button or self._default_menu_button
        return button or {"type": "default"}

    def _checked_text(self, params: Params) -> ParsedText:
        """The message text parsed, refused like Telegram if empty or over 4,096 characters."""
        parsed = self._formatted(
            params.get("text"), params.get("parse_mode"), params.get("entities")
        )
        if not parsed.text:
            raise _bad_request("message text is empty")
        if len(parsed.text) > MAX_TEXT_LENGTH:
            raise _bad_request("message is too long")
        return parsed

    async def _send_message(self, params: Params, files: Files) -> dict[str, Any]:
        state = self._writable_chat(params)
        parsed = self._checked_text(params)
        markup = self._parse_markup(params.get("reply_markup"))
        reply_to = self._reply_target(state, params)
        stored = self._next_message(state, "text")
        stored.text = str(params["text"])
        stored.parsed = parsed
        stored.markup = markup
        stored.reply_to = reply_to
        return self._bot_message_dict(self._store_bot_message(state, stored))

    async def _edit_message_text(self, params: Params, files: Files) -> dict[str, Any]:
        stored = self._message_to_edit(params)
        if stored.kind != "text":
            raise _bad_request("there is no text in the message to edit")
        parsed = self._checked_text(params)
        # Like Telegram, an edit without reply_markup removes the inline keyboard.
        markup = self._parse_markup(params.get("reply_markup"), inline_only=True)
        if parsed == stored.parsed and markup == stored.inline_markup:
            raise _bad_request(NOT_MODIFIED.removeprefix("Bad Request: "))
        stored.text = str(params["text"])
        stored.parsed = parsed
        stored.markup = markup
        return self._mark_edited(stored)

    async def _edit_message_reply_markup(self, params: Params, files: Files) -> dict[str, Any]:
        stored = self._message_to_edit(params)
        markup = self._parse_markup(params.get("reply_markup"), inline_only=True)
        if markup == stored.inline_markup:
            raise _bad_request(NOT_MODIFIED.removeprefix("Bad Request: "))
        stored.markup = markup
        return self._mark_edited(stored)

    async def _delete_message(self, params: Params, files: Files) -> bool:
        state = self._writable_chat(params)
        message_id = params.get("message_id")
        stored = state.bot_messages.get(message_id) if isinstance(message_id, int) else None
        if stored is not None and not stored.deleted:
            stored.deleted = True
            self._journal_change(stored.chat_id, stored.message_id)
            return True
        if isinstance(message_id, int) and state.user_messages.pop(message_id, None) is not None:
            return True
        raise _bad_request("message to delete not found")

    async def _answer_callback_query(self, params: Params, files: Files) -> bool:
        query_id = str(params.get("callback_query_id") or "")
        if query_id not in self._pending_callbacks:
            raise ApiError(400, QUERY_TOO_OLD)
        if len(str(params.get("text") or "")) > MAX_CALLBACK_ANSWER_LENGTH:
            raise _bad_request("MESSAGE_TOO_LONG")
        self._pending_callbacks.discard(query_id)
        self.answered_callbacks[query_id] = dict(params)
        return True

    async def _send_chat_action(self, params: Params, files: Files) -> bool:
        state = self._writable_chat(params)
        action = params.get("action")
        if action not in _CHAT_ACTIONS:
            raise _bad_request("wrong parameter action in request")
        self.chat_actions.append((state.info.id, str(action)))
        return True

    async def _send_file(
        self, params: Params, files: Files, kind: MessageKind, folder: str
    ) -> dict[str, Any]:
        state = self._writable_chat(params)
        file = self._input_file(params.get(kind), files, kind)
        caption = self._formatted(
            params.get("caption"), params.get("parse_mode"), params.get("caption_entities")
        )
        if len(caption.text) > MAX_CAPTION_LENGTH:
            raise _bad_request("message caption is too long")
        markup = self._parse_markup(params.get("reply_markup"))
        reply_to = self._reply_target(state, params)
        file_id, _ = self.register_file(file, folder)
        stored = self._next_message(state, kind)
        stored.file = self._files[file_id]
        stored.caption = caption if caption.text else None
        stored.markup = markup
        stored.reply_to = reply_to
        return self._bot_message_dict(self._store_bot_message(state, stored))

    async def _send_document(self, params: Params, files: Files) -> dict[str, Any]:
        return await self._send_file(params, files, "document", "documents")

    async def _send_photo(self, params: Params, files: Files) -> dict[str, Any]:
        return await self._send_file(params, files, "photo", "photos")

    async def _get_chat(self, params: Params, files: Files) -> dict[str, Any]:
        state = self._known_chat(params)
        return {
            **state.info.to_dict(),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    async def _get_file(self, params: Params, files: Files) -> dict[str, Any]:
        stored = self._files.get(str(params.get("file_id") or ""))
        if stored is None:
            raise _bad_request("invalid file_id")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.unique_id,
            "file_size": len(stored.file.data),
            "file_path": stored.path,
        }


def _scope_key(scope: Any) -> str:
    return json.dumps(scope or {"type": "default"}, sort_keys=True, ensure_ascii=False)


def _check_inline_button(button: Any) -> None:
    """Reject buttons real Telegram rejects, so the stand-in catches the bot's mistakes."""
    if not isinstance(button, dict):
        raise _bad_request(
            "can't parse inline keyboard button: InlineKeyboardButton must be an Object"
        )
    text = button.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ApiError(400, TEXT_BUTTONS_UNALLOWED)
    if not any(action in button for action in _BUTTON_ACTIONS):
        raise ApiError(400, TEXT_BUTTONS_UNALLOWED)
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not data:
            raise _bad_request("BUTTON_DATA_INVALID")
        if len(data.encode("utf-8")) > MAX_CALLBACK_DATA_BYTES:
            raise _bad_request("BUTTON_DATA_INVALID")
    if "url" in button:
        url = button["url"]
        if not isinstance(url, str) or not url or any(char.isspace() for char in url):
            raise _bad_request("BUTTON_URL_INVALID")
