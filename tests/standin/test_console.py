"""Tests of the terminal console: numbered buttons, presses by number, edits, EOF."""

from __future__ import annotations

import asyncio
import io
import threading
from pathlib import Path

from standin.botapi import BotApiStandIn
from standin.console import file_saver, greeting, run_console
from standin.driver import ChatDriver
from standin.user import SimulatedUser


async def chat(
    driver: ChatDriver, user: SimulatedUser, lines: str, *, prompt: bool = False
) -> str:
    output = io.StringIO()
    await run_console(driver, user, input_stream=io.StringIO(lines), output=output, prompt=prompt)
    return output.getvalue()


async def test_text_is_sent_and_the_reply_printed(driver: ChatDriver, user: SimulatedUser) -> None:
    assert await chat(driver, user, "走访时限\n") == "你说：走访时限\n\n"


async def test_empty_lines_are_ignored(
    api: BotApiStandIn, driver: ChatDriver, user: SimulatedUser
) -> None:
    await chat(driver, user, "\n   \n")
    assert api.call_log == [("getMe", {})]


async def test_buttons_are_numbered_row_by_row(driver: ChatDriver, user: SimulatedUser) -> None:
    assert await chat(driver, user, "/menu\n") == (
        "请选择：\n[1] 查询规范  [2] 登记拜访\n[3] 帮助\n\n"
    )


async def test_numbering_continues_across_the_messages_of_a_batch(
    driver: ChatDriver, user: SimulatedUser
) -> None:
    output = await chat(driver, user, "/two\n4\n")
    assert "第二组：\n[4] 更多\n" in output
    assert output.endswith("（已更新）已选择：more\n\n")


async def test_number_presses_the_button_and_the_edit_is_marked(
    driver: ChatDriver, user: SimulatedUser
) -> None:
    output = await chat(driver, user, "/menu\n2\n")
    assert output.endswith("〔提示〕收到\n\n（已更新）已选择：menu:visit\n\n")


async def test_number_without_such_button_is_sent_as_text(
    driver: ChatDriver, user: SimulatedUser
) -> None:
    output = await chat(driver, user, "/menu\n9\n")
    assert output.endswith("你说：9\n\n")


async def test_documents_are_shown_with_name_and_size(
    driver: ChatDriver, user: SimulatedUser
) -> None:
    assert await chat(driver, user, "/report\n") == "📎 拜访.csv (11 字节)\n本月拜访\n\n"


async def test_a_file_the_bot_sends_is_saved_and_its_path_shown(
    driver: ChatDriver, user: SimulatedUser, tmp_path: Path
) -> None:
    output = io.StringIO()
    await run_console(
        driver,
        user,
        input_stream=io.StringIO("/report\n"),
        output=output,
        prompt=False,
        save=file_saver(tmp_path / "files"),
    )
    [saved] = list((tmp_path / "files").iterdir())
    assert output.getvalue() == f"📎 拜访.csv (11 字节) 已保存：{saved}\n本月拜访\n\n"
    assert saved.name.endswith("-拜访.csv")
    assert saved.read_bytes() == b"visit,date\n"


async def test_the_console_says_who_you_are_first(
    driver: ChatDriver, user: SimulatedUser, tmp_path: Path
) -> None:
    output = io.StringIO()
    intro = greeting("张三", "客户经理", tmp_path)
    await run_console(
        driver, user, input_stream=io.StringIO(""), output=output, prompt=False, intro=intro
    )
    assert output.getvalue().startswith("您是 张三（客户经理）。发送 /start 看看我能做什么")


async def test_prompt_is_printed_only_when_interactive(
    driver: ChatDriver, user: SimulatedUser
) -> None:
    assert await chat(driver, user, "你好\n", prompt=True) == "> 你说：你好\n\n> \n"


async def test_eof_ends_the_console_at_once(driver: ChatDriver, user: SimulatedUser) -> None:
    assert await chat(driver, user, "") == ""


class _WaitingInput:
    """Standard input of someone who types nothing until `release` (then the input ends)."""

    def __init__(self) -> None:
        self.released = threading.Event()

    def readline(self) -> str:
        self.released.wait(timeout=10)
        return ""


class _Screen(io.StringIO):
    """The console's output: `prompted` once the first prompt is out (the console is
    waiting for input), `printed` once anything follows it."""

    def __init__(self) -> None:
        super().__init__()
        self.prompted = asyncio.Event()
        self.printed = asyncio.Event()

    def write(self, text: str) -> int:
        written = super().write(text)
        (self.printed if self.prompted.is_set() else self.prompted).set()
        return written


async def test_what_the_bot_sends_on_its_own_is_printed_while_waiting_for_input(
    driver: ChatDriver, user: SimulatedUser
) -> None:
    """A reminder from the JobQueue arrives while nobody types: it shows up at once."""
    await driver.send(user, "你好")  # the chat exists
    screen = _Screen()
    waiting = _WaitingInput()
    console = asyncio.create_task(
        run_console(driver, user, input_stream=waiting, output=screen, prompt=True)  # type: ignore[arg-type]
    )
    async with asyncio.timeout(5):
        await screen.prompted.wait()
        await driver.app.bot.send_message(user.id, "提醒：感谢函今天到期")
        await screen.printed.wait()
    waiting.released.set()
    await console
    assert screen.getvalue() == "> \n提醒：感谢函今天到期\n\n> \n"
