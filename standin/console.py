"""A terminal chat with the bot through the stand-in: type messages, press buttons by number."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from standin.driver import ChatDriver
from standin.messages import BotMessage, InlineButton
from standin.user import SimulatedUser

EDITED_MARK = "（已更新）"
_UNSAFE_IN_NAMES = re.compile(r"[^\w.\-]+")


def greeting(name: str, role: str, files: Path) -> str:
    """The console's first line: who you are here, how to begin and leave, where files go."""
    return (
        f"您是 {name}（{role}）。发送 /start 看看我能做什么，按 Ctrl-D 退出。"
        f"我发的图片和文件会保存到 {files}/\n"
    )


def file_saver(folder: Path) -> Callable[[BotMessage], Path | None]:
    """Saves a picture or file the bot sent into `folder`, named after the message."""

    def save(message: BotMessage) -> Path | None:
        if message.document is None:
            return None
        folder.mkdir(parents=True, exist_ok=True)
        name = _UNSAFE_IN_NAMES.sub("_", message.document.filename or "file")
        path = folder / f"{message.message_id}-{name}"
        path.write_bytes(message.document.data)
        return path

    return save


def render_batch(
    messages: list[BotMessage],
    already_shown: set[int],
    first_number: int = 1,
    save: Callable[[BotMessage], Path | None] | None = None,
) -> tuple[list[str], dict[int, tuple[BotMessage, InlineButton]]]:
    """Lines showing one batch of bot messages and the numbers given to their buttons.

    Messages whose id is in `already_shown` are marked as updated; numbering continues across
    the messages of the batch. With `save`, a picture or file is saved and its path shown.
    """
    lines: list[str] = []
    numbered: dict[int, tuple[BotMessage, InlineButton]] = {}
    number = first_number
    for message in messages:
        mark = EDITED_MARK if message.message_id in already_shown else ""
        saved = (
            save(message) if save is not None and message.kind in ("document", "photo") else None
        )
        if message.kind == "document" and message.document is not None:
            body = f"📎 {message.document.filename} ({len(message.document.data)} 字节)"
        elif message.kind == "photo":
            body = "🖼 图片"
        else:
            body = message.plain_text
        if saved is not None:
            body += f" 已保存：{saved}"
        if message.kind in ("document", "photo") and message.caption:
            body += "\n" + message.caption
        lines.append(mark + body)
        for row in message.reply_markup or []:
            cells = []
            for button in row:
                numbered[number] = (message, button)
                suffix = " ↗" if button.url is not None else ""
                cells.append(f"[{number}] {button.text}{suffix}")
                number += 1
            lines.append("  ".join(cells))
        lines.append("")
    return lines, numbered


async def run_console(
    driver: ChatDriver,
    user: SimulatedUser,
    *,
    input_stream: TextIO,
    output: TextIO,
    prompt: bool,
    save: Callable[[BotMessage], Path | None] | None = None,
    intro: str | None = None,
) -> None:
    """Chat on a terminal (or a pipe) as `user` until the input ends.

    While it waits for a line, what the bot sends on its own (a reminder from the JobQueue)
    is printed as it arrives, as a chat app would show it.
    """
    buttons: dict[int, tuple[BotMessage, InlineButton]] = {}
    shown: set[int] = set()
    api = driver.api

    def show(batch: list[BotMessage]) -> None:
        nonlocal buttons
        lines, numbered = render_batch(batch, shown, save=save)
        if numbered:
            buttons = numbered
        shown.update(message.message_id for message in batch)
        if lines:
            output.write("\n".join(lines) + "\n")
        output.flush()

    if intro:
        output.write(intro + "\n")
        output.flush()
    mark = api.change_mark()
    while True:
        if prompt:
            output.write("> ")
            output.flush()
        reading = asyncio.ensure_future(asyncio.to_thread(input_stream.readline))
        while not reading.done():
            arriving = asyncio.ensure_future(api.wait_for_messages(mark, chat_id=user.id))
            await asyncio.wait({reading, arriving}, return_when=asyncio.FIRST_COMPLETED)
            if not arriving.done():
                arriving.cancel()
                continue
            mark = api.change_mark()
            output.write("\n" if prompt else "")
            show(arriving.result())
            if prompt and not reading.done():
                output.write("> ")
                output.flush()
        line = reading.result()
        if not line:
            if prompt:
                output.write("\n")
                output.flush()
            return
        text = line.strip()
        if not text:
            continue
        pressed = buttons.get(int(text)) if text.isdecimal() else None
        if pressed is not None:
            message, button = pressed
            if button.callback_data is None:
                output.write(f"🔗 {button.url}\n\n")
                output.flush()
                continue
            batch = await driver.press(user, message, button.callback_data)
            answer = driver.last_callback_answer
            if answer and answer.get("text"):
                output.write(f"〔提示〕{answer['text']}\n\n")
        else:
            batch = await driver.send(user, text)
        mark = api.change_mark()
        show(batch)
