"""Fixtures for the fault tests: the production Application in process, its users staff."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from knowledge.service import Knowledge, KnowledgeService
from storage.staff import ROLE_MANAGER, StaffRegistry
from tests.e2e.conftest import RunningBot, start_bot


def make_staff(bot: RunningBot, *user_ids: int) -> None:
    """Register users as active staff: the bot's door admits staff only."""
    registry = StaffRegistry(bot.app.bot_data.store.db, lambda: datetime.now(UTC))
    for user_id in user_ids:
        registry.add(user_id, f"经理{user_id}", ROLE_MANAGER, actor_id=0)


@pytest.fixture
async def bot(tmp_path: Path, knowledge: Knowledge) -> AsyncIterator[RunningBot]:
    async for running in start_bot(tmp_path, KnowledgeService(knowledge=knowledge)):
        make_staff(running, running.manager.id)
        yield running
