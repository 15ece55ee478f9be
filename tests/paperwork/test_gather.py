"""Drafts from a user's own records; another user's record drafts nothing."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook

from knowledge.service import Knowledge
from paperwork.draft import Signature, draft_text
from paperwork.forecast import forecast_workbook
from paperwork.gather import bid_summary_for, brief_for, forecast_rows, thank_you_for
from storage.models import KIND_COMMITMENT, KIND_REQUEST, NewItem
from tests.reminders.world import OTHER_ID, START, World

TODAY = date(2026, 11, 28)


@pytest.fixture
def world(knowledge: Knowledge) -> Iterator[World]:
    world = World(knowledge)
    yield world
    world.close()


def test_a_thank_you_letter_from_the_users_own_visit(world: World) -> None:
    customer = world.customer()
    visit, _ = world.visit(
        customer,
        START - timedelta(days=1),
        items=[NewItem(KIND_COMMITMENT, "提交报价", START + timedelta(days=3))],
    )
    draft = thank_you_for(world.records(), visit.id, Signature("李明"), TODAY)
    assert draft is not None
    assert "1. 提交报价" in draft_text(draft)
    assert thank_you_for(world.records(OTHER_ID), visit.id, Signature("赵强"), TODAY) is None


def test_a_bid_summary_and_a_brief_from_the_records(world: World) -> None:
    customer = world.customer()
    bid = world.bid(START + timedelta(hours=2), customer)
    summary = bid_summary_for(world.records(), bid.id)
    assert summary is not None
    assert "项目：智慧园区专网" in draft_text(summary)
    assert bid_summary_for(world.records(OTHER_ID), bid.id) is None
    plan = world.plan(customer, START + timedelta(days=1))
    brief = brief_for(world.records(), plan, START)
    assert brief is not None
    assert brief.startswith("📋 拜访简报 · 华为技术有限公司")


def test_the_forecast_lists_every_customer_of_the_user(world: World) -> None:
    customer = world.customer()
    world.customer("中国石化")
    world.visit(
        customer,
        START - timedelta(days=2),
        items=[NewItem(KIND_REQUEST, "要演示", START + timedelta(days=3))],
    )
    sheet = load_workbook(
        io.BytesIO(forecast_workbook(forecast_rows(world.records()), TODAY))
    ).active
    assert sheet is not None
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert [row[0] for row in rows] == ["中国石化", "华为技术有限公司"]
    assert str(rows[1][3]).startswith("要演示")
