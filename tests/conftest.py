"""Shared fixtures: the real knowledge base (built once), fresh databases, a fixed clock."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from knowledge.service import Knowledge, build_knowledge
from storage.store import Store

# Opt in to PTB's timedelta-valued durations (RetryAfter.retry_after): without it, PTB 22
# warns on every 429, and warnings are errors here. bot.py sets the same for production.
os.environ.setdefault("PTB_TIMEDELTA", "true")

FIXED_NOW = datetime(2026, 11, 27, 2, 30, tzinfo=UTC)  # 10:30 in Shanghai


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    """The real knowledge base and matcher; immutable, so one build serves every test."""
    return build_knowledge()


@pytest.fixture
def fresh_store() -> Iterator[Store]:
    store = Store(":memory:")
    yield store
    store.close()
