"""Which Bot API refusals of a callback answer the bot lets pass."""

from __future__ import annotations

import pytest
from telegram.error import BadRequest

from handlers.telegram_client import is_late_answer
from standin.botapi import QUERY_TOO_OLD


@pytest.mark.parametrize(
    ("message", "late"),
    [
        (QUERY_TOO_OLD.removeprefix("Bad Request: "), True),
        ("Query_id_invalid", True),
        ("Message text is empty", False),
        ("Chat not found", False),
    ],
)
def test_only_a_too_late_answer_is_forgiven(message: str, late: bool) -> None:
    assert is_late_answer(BadRequest(message)) is late
