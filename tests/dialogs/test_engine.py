"""The dialog engine on a small form, without Telegram: steps, skip, back, edit, offers, save."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta

import pytest

from dialogs import engine
from dialogs.engine import (
    Accepted,
    Choice,
    Form,
    FormEnv,
    Offer,
    Parsed,
    Rejected,
    Saved,
    Session,
    Step,
    Turn,
    Values,
)
from knowledge.service import Knowledge
from storage.scope import Scope
from storage.store import Store
from tests.conftest import FIXED_NOW
from timekeeping.workdays import WorkdayCalendar
from views.common import Reply

saved_values: list[Values] = []


def _name(text: str, values: Values, env: FormEnv) -> Parsed:
    if text == "两个":
        return Offer("哪一个？", (Choice("甲", "a"), Choice("乙", "b")), pending={"typed": text})
    return Accepted({"name": text})


def _name_choice(value: str, values: Values, env: FormEnv) -> Parsed:
    return Accepted({"name": f"{value}（{values['typed']}）"})


def _size(text: str, values: Values, env: FormEnv) -> Parsed:
    return Accepted({"size": int(text)}) if text.isdigit() else Rejected("请写数字，例如：3")


def _save(values: Values, env: FormEnv) -> Saved:
    if values.get("name") == "坏":
        return Saved(error="保存不了")
    saved_values.append(values)
    return Saved((Reply("已保存"),))


FORM = Form(
    name="toy",
    title="测试",
    save=_save,
    steps=(
        Step("name", "名称", "叫什么？", on_text=_name, on_choice=_name_choice),
        Step("color", "颜色", "什么颜色？", choices=(Choice("红", "red"), Choice("蓝", "blue"))),
        Step("size", "大小", "多大？", on_text=_size),
        Step(
            "note", "备注", "备注？", on_text=lambda t, v, e: Accepted({"note": t}), optional=True
        ),
    ),
)


@pytest.fixture
def env(knowledge: Knowledge) -> Iterator[FormEnv]:
    store = Store(":memory:")
    yield FormEnv(
        now=FIXED_NOW,
        user_id=1,
        records=store.records(Scope.own(1)),
        knowledge=knowledge,
        calendar=WorkdayCalendar(None),
    )
    store.close()


def text_of(turn: Turn) -> str:
    return "\n".join(reply.text for reply in turn.replies)


def session_of(turn: Turn) -> Session:
    assert turn.session is not None
    return turn.session


def press(turn: Turn, label: str, env: FormEnv) -> Turn:
    """Press the button with this label on the turn's last reply."""
    session = session_of(turn)
    for row in turn.replies[-1].buttons:
        for button in row:
            if button.label == label:
                pressed = engine.DialogButton.parse(button.data)
                assert pressed is not None
                return engine.on_choice(
                    FORM, session, pressed.nonce, pressed.value, env, dialog=pressed.dialog
                )
    raise AssertionError(f"no button {label!r} in {turn.replies[-1]}")


def fill(env: FormEnv) -> Turn:
    turn = engine.begin(FORM, env)
    turn = engine.on_text(FORM, session_of(turn), "小盒", env)
    turn = press(turn, "红", env)
    turn = engine.on_text(FORM, session_of(turn), "3", env)
    return engine.skip(FORM, session_of(turn), env)


def test_steps_run_in_order_to_the_summary_card(env: FormEnv) -> None:
    turn = fill(env)
    assert session_of(turn)["step"] == engine.CONFIRM
    assert "· 名称：小盒" in text_of(turn)
    assert "· 备注：—" in text_of(turn)


def test_rejected_input_repeats_the_step_with_the_reason(env: FormEnv) -> None:
    turn = engine.begin(FORM, env)
    turn = engine.on_text(FORM, session_of(turn), "小盒", env)
    turn = press(turn, "红", env)
    turn = engine.on_text(FORM, session_of(turn), "很大", env)
    assert session_of(turn)["step"] == "size"
    assert text_of(turn).startswith("请写数字，例如：3")


def test_a_required_step_cannot_be_skipped(env: FormEnv) -> None:
    turn = engine.skip(FORM, session_of(engine.begin(FORM, env)), env)
    assert session_of(turn)["step"] == "name"
    assert "不能跳过" in text_of(turn)


def test_back_returns_one_step_keeping_values(env: FormEnv) -> None:
    turn = engine.begin(FORM, env)
    turn = engine.on_text(FORM, session_of(turn), "小盒", env)
    turn = engine.back(FORM, session_of(turn), env)
    assert session_of(turn)["step"] == "name"
    assert session_of(turn)["values"]["name"] == "小盒"
    turn = engine.back(FORM, session_of(turn), env)
    assert "已经是第一步" in text_of(turn)


def test_buttons_of_an_earlier_question_are_refused(env: FormEnv) -> None:
    first = engine.begin(FORM, env)
    turn = engine.on_text(FORM, session_of(first), "小盒", env)
    stale = engine.on_choice(FORM, session_of(turn), "1", "red", env)
    assert stale.replies == ()  # asking again would retire the buttons the user is pressing
    assert stale.notice is not None
    assert "已过期" in stale.notice
    assert session_of(stale)["step"] == "color"
    assert "color" not in session_of(stale)["values"]


def test_an_unknown_choice_value_is_refused(env: FormEnv) -> None:
    turn = engine.on_text(FORM, session_of(engine.begin(FORM, env)), "小盒", env)
    forged = engine.on_choice(FORM, session_of(turn), str(session_of(turn)["nonce"]), "gold", env)
    assert session_of(forged)["step"] == "color"
    assert "color" not in session_of(forged)["values"]


def test_an_offer_keeps_what_was_typed_for_the_choice(env: FormEnv) -> None:
    turn = engine.on_text(FORM, session_of(engine.begin(FORM, env)), "两个", env)
    assert text_of(turn) == "哪一个？"
    turn = press(turn, "乙", env)
    assert session_of(turn)["values"]["name"] == "b（两个）"
    assert session_of(turn)["step"] == "color"


def test_editing_a_field_returns_to_the_summary(env: FormEnv) -> None:
    turn = press(fill(env), "修改", env)
    turn = press(turn, "大小", env)
    turn = engine.on_text(FORM, session_of(turn), "5", env)
    assert session_of(turn)["step"] == engine.CONFIRM
    assert "· 大小：5" in text_of(turn)


def test_saving_ends_the_dialog_and_a_save_error_keeps_the_card(env: FormEnv) -> None:
    turn = press(fill(env), "确认保存", env)
    assert turn.ended
    assert text_of(turn) == "已保存"
    turn = engine.begin(FORM, env, prefill={"name": "坏", "color": "red", "size": 1, "note": None})
    turn = press(turn, "确认保存", env)
    assert session_of(turn)["step"] == engine.CONFIRM
    assert text_of(turn).startswith("保存不了")


def test_prefilled_steps_are_passed_over(env: FormEnv) -> None:
    turn = engine.begin(FORM, env, prefill={"name": "小盒", "color": "blue"})
    assert session_of(turn)["step"] == "size"
    assert "【测试 3/4】多大？" in text_of(turn)


def test_empty_and_overlong_text_are_refused(env: FormEnv) -> None:
    session = session_of(engine.begin(FORM, env))
    assert "空" in text_of(engine.on_text(FORM, session, "   ", env))
    assert "太长" in text_of(engine.on_text(FORM, session, "字" * 5000, env))


def test_a_pending_text_can_be_taken_as_the_answer(env: FormEnv) -> None:
    session = session_of(engine.begin(FORM, env))
    turn = engine.reprompt(FORM, session, env, "先回答问题", offer_take="感谢函几天？")
    turn = press(turn, "把刚才那句作为本步回答", env)
    assert session_of(turn)["values"]["name"] == "感谢函几天？"


def test_a_button_of_another_dialog_has_expired_whatever_its_nonce(env: FormEnv) -> None:
    session = session_of(engine.on_text(FORM, session_of(engine.begin(FORM, env)), "小盒", env))
    newer = str(session["nonce"] + 5)  # what a cancelled dialog's later question would carry

    pressed = engine.on_choice(FORM, session, newer, "red", env, dialog="0123abcd")

    assert (pressed.replies, pressed.notice) == ((), engine.STALE_NOTICE)
    assert session_of(pressed)["step"] == session["step"]
    assert session_of(pressed)["nonce"] == session["nonce"]


def test_a_dialog_button_names_its_dialog_and_old_buttons_still_parse() -> None:
    button = engine.DialogButton("0123abcd", "7", "_pick.c12")
    assert button.pack() == "dlg:0123abcd:7:_pick.c12"
    assert engine.DialogButton.parse(button.pack()) == button
    assert engine.DialogButton.parse("dlg:7:_save") == engine.DialogButton("", "7", "_save")
    assert engine.DialogButton.parse("norm:1.2.1-04") is None


def test_a_dialog_left_for_hours_is_idle(env: FormEnv) -> None:
    session = session_of(engine.begin(FORM, env))
    assert not engine.is_idle(session, FIXED_NOW + timedelta(hours=1))
    assert engine.is_idle(session, FIXED_NOW + engine.IDLE_AFTER + timedelta(minutes=1))


def test_the_session_is_plain_json(env: FormEnv) -> None:
    session = session_of(fill(env))
    assert json.loads(json.dumps(session)) == session


def test_the_same_text_again_moments_later_is_not_taken_for_the_next_step(env: FormEnv) -> None:
    turn = engine.begin(FORM, env)
    turn = engine.on_text(FORM, session_of(turn), "小盒", env)
    turn = press(turn, "红", env)
    turn = engine.on_text(FORM, session_of(turn), "3", env)
    again = engine.on_text(FORM, session_of(turn), "3", env)
    assert session_of(again)["step"] == "note"
    assert "note" not in session_of(again)["values"]
    assert "刚才已收到这句" in text_of(again)
    # A note with a button, not the question again: a copy of it would invite another answer.
    assert "备注？" not in text_of(again)
    taken = press(again, "把刚才那句作为本步回答", env)
    assert session_of(taken)["values"]["note"] == "3"


def test_a_skip_sent_before_the_question_was_in_the_chat_skips_nothing(env: FormEnv) -> None:
    turn = engine.begin(FORM, env)
    turn = engine.on_text(FORM, session_of(turn), "小盒", env)
    turn = press(turn, "红", env)
    turn = engine.on_text(FORM, session_of(turn), "3", env)
    session_of(turn)[engine.ASKED_ID] = 20  # "备注？" went out as the chat's message 20

    early = engine.skip(FORM, session_of(turn), replace(env, message_id=19))
    assert session_of(early)["step"] == "note"
    assert "没有用来跳过这一步" in text_of(early)

    skipped = engine.skip(FORM, session_of(early), replace(env, message_id=21))
    assert session_of(skipped)["step"] == engine.CONFIRM


def test_a_button_newer_than_the_session_re_asks_the_real_step(env: FormEnv) -> None:
    turn = engine.on_text(FORM, session_of(engine.begin(FORM, env)), "小盒", env)
    behind = engine.on_choice(FORM, session_of(turn), "99", "red", env)
    assert "上一步没有记下" in text_of(behind)
    assert session_of(behind)["step"] == "color"
