"""A real bot process sending reminders, killed (SIGKILL) while more are planned, down while they
fall due, restarted: each reminder is delivered exactly once, and the ones that fell due during
the downtime go out at start, marked late (（补发）).

Real time, as any process test: the bot sweeps every second, and the reminder settings are a
copy of config/reminders.yaml with a short late grace so the downtime can be short too.
"""

from __future__ import annotations

import asyncio
import signal
import sqlite3
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from knowledge.service import Knowledge
from reminders.config import REMINDERS_FILE, load_reminder_config
from reminders.sync import sync_owner
from standin.botapi import BotApiStandIn
from standin.http import BotApiHttpServer
from standin.messages import BotMessage
from storage.models import KIND_COMMITMENT, NewCustomer, NewItem
from storage.scope import Scope
from storage.store import Store
from tests.e2e.test_processes import PROCESS_TIMEOUT, clean_env
from tests.e2e.test_restart import start_bot
from views.reminders import LATE_MARK

TOKEN = "987654:REMINDER-restart-token"
USER_ID = 100001
SWEEP_SECONDS = 1
LATE_GRACE_SECONDS = 3
LATE_AFTER = timedelta(seconds=SWEEP_SECONDS + LATE_GRACE_SECONDS)


def short_grace_settings(tmp_path: Path) -> Path:
    text = REMINDERS_FILE.read_text(encoding="utf-8")
    assert "late_grace: 60s" in text
    path = tmp_path / "reminders.yaml"
    path.write_text(
        text.replace("late_grace: 60s", f"late_grace: {LATE_GRACE_SECONDS}s"), encoding="utf-8"
    )
    return path


def plan_commitments(
    database: Path, settings: Path, knowledge: Knowledge, due: dict[str, datetime]
) -> None:
    """The user's commitments (text → due time) and their reminders, planned as a handler does
    after a change; the user has no quiet hours and no digest, so each reminder is due exactly
    at its commitment's due time."""
    store = Store(database)
    try:
        store.settings.update(
            USER_ID, quiet_start=time(0, 0), quiet_end=time(0, 0), digest_at=None
        )
        records = store.records(Scope.own(USER_ID))
        customers = records.customers.all()
        customer = customers[0] if customers else records.customers.add(NewCustomer("华为"))
        for text, at in due.items():
            records.follow_ups.add(customer.id, NewItem(KIND_COMMITMENT, text, at))
        sync_owner(store, knowledge.kb, load_reminder_config(settings), USER_ID, datetime.now(UTC))
    finally:
        store.close()


async def messages_about(
    api: BotApiStandIn, mark: int, texts: list[str]
) -> dict[str, list[BotMessage]]:
    """Wait until a message about each of `texts` arrived (after `mark`); all of them per text."""
    count = 1
    async with asyncio.timeout(PROCESS_TIMEOUT):
        while True:
            changed = await api.wait_for_messages(mark, chat_id=USER_ID, count=count)
            found = {
                text: [m for m in changed if f"承诺：{text}" in m.plain_text] for text in texts
            }
            if all(found.values()):
                return found
            count = len(changed) + 1


async def recorded_sent(database: Path, texts: list[str]) -> None:
    """Wait until the reminders about `texts` are recorded as sent in the database."""
    async with asyncio.timeout(PROCESS_TIMEOUT):
        while True:
            rows = reminder_rows(database)
            if all(rows[text][0] == "sent" for text in texts):
                return
            await asyncio.sleep(0.05)


def reminder_rows(database: Path) -> dict[str, tuple[str, int, int | None]]:
    """Per commitment text: (state, late, message_id) of its reminder."""
    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "SELECT f.text, r.state, r.late, r.message_id FROM reminders r "
            "JOIN follow_up_items f ON r.key = 'follow_up:item:' || f.id"
        ).fetchall()
    return {text: (state, late, message_id) for text, state, late, message_id in rows}


async def test_reminders_survive_a_kill_each_once_late_ones_marked(
    tmp_path: Path, knowledge: Knowledge
) -> None:
    database = tmp_path / "bot.db"
    settings = short_grace_settings(tmp_path)
    api = BotApiStandIn(token=TOKEN)
    api.user(USER_ID, first_name="李明").text("/start")  # the bot may write to them
    async with BotApiHttpServer(api) as server:
        env = clean_env(
            tmp_path,
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_API_BASE_URL=server.base_url,
            REMINDER_SWEEP_SECONDS=str(SWEEP_SECONDS),
            BOT_REMINDERS_FILE=str(settings),
        )
        process = await start_bot(env)
        try:
            async with asyncio.timeout(PROCESS_TIMEOUT):
                await api.wait_for_long_poll()  # up and running
            now = datetime.now(UTC)
            before_kill = {
                "报价方案": now + timedelta(seconds=1),
                "技术交流": now + timedelta(seconds=2),
            }
            while_down = {
                "合同草案": now + timedelta(seconds=7),
                "测试账号": now + timedelta(seconds=8),
            }
            plan_commitments(database, settings, knowledge, before_kill | while_down)
            sent_before = await messages_about(api, 0, list(before_kill))
            # Killed after the bot recorded them: a kill between Telegram's answer and that
            # commit would (by design) send that one again after the restart.
            await recorded_sent(database, list(before_kill))
        finally:
            process.send_signal(signal.SIGKILL)
            await process.wait()
        killed_at = datetime.now(UTC)
        assert killed_at < min(while_down.values()), "too slow: killed after they fell due"
        assert {text: state for text, (state, _, _) in reminder_rows(database).items()} == {
            "报价方案": "sent",
            "技术交流": "sent",
            "合同草案": "pending",
            "测试账号": "pending",
        }

        # Down until the last of them is overdue by more than the sweep interval plus grace.
        down_until = max(while_down.values()) + LATE_AFTER + timedelta(seconds=1)
        await asyncio.sleep((down_until - datetime.now(UTC)).total_seconds())
        mark = api.change_mark()
        process = await start_bot(env)
        try:
            sent_after = await messages_about(api, mark, list(while_down))
            # A few more sweeps: nothing is sent again.
            await asyncio.sleep(3 * SWEEP_SECONDS)
        finally:
            process.terminate()
            async with asyncio.timeout(PROCESS_TIMEOUT):
                _, stderr = await process.communicate()
    assert process.returncode == 0, stderr.decode()

    everything = api.messages(USER_ID)
    for text in [*before_kill, *while_down]:
        assert sum(f"承诺：{text}" in m.plain_text for m in everything) == 1, text
    rows = reminder_rows(database)
    for text, [message] in sent_before.items():
        assert LATE_MARK not in message.plain_text
        assert rows[text] == ("sent", 0, message.message_id)
    for text, [message] in sent_after.items():
        assert LATE_MARK in message.plain_text
        assert rows[text] == ("sent", 1, message.message_id)
