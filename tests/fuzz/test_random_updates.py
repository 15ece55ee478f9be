"""Random updates in every state of a /visit dialog: no unhandled exception (nothing logged at
ERROR), a sensible reply to every private message, the database consistent afterwards.

Bounded and repeatable: each test draws a fixed sequence of examples (derandomize) and takes
a few seconds; every example is a new staff member with a fresh chat.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dialogs.engine import DialogButton
from standin.messages import ChatInfo
from tests.fuzz.conftest import NO_DIALOG, STATES, FuzzedBot, check_replies
from tests.fuzz.strategies import (
    callback_data,
    commands,
    fit_callback_data,
    short_texts,
    texts,
)

fuzzing = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # one running bot serves all examples of a test
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)
states = st.sampled_from(STATES)


def assert_healthy(fuzzed: FuzzedBot) -> None:
    assert fuzzed.errors.lines() == []
    assert fuzzed.consistency_problems() == []


@fuzzing
@given(state=states, text=texts)
async def test_any_text_in_any_state_gets_a_sensible_reply(
    fuzzed: FuzzedBot, state: str, text: str
) -> None:
    person, _ = await fuzzed.person_in(state)
    replies = await fuzzed.running.driver.send(person, text)
    check_replies(replies, must_reply=True)
    assert_healthy(fuzzed)


@fuzzing
@given(state=states, command=commands)
async def test_any_command_with_junk_arguments_in_any_state_gets_a_reply(
    fuzzed: FuzzedBot, state: str, command: str
) -> None:
    person, _ = await fuzzed.person_in(state)
    replies = await fuzzed.running.driver.send(person, command)
    check_replies(replies, must_reply=True)
    assert_healthy(fuzzed)


@fuzzing
@given(
    state=states,
    data=callback_data,
    target=st.sampled_from(["question", "current nonce", "gone"]),
)
async def test_a_button_never_issued_in_any_state_is_answered_and_changes_nothing_wrongly(
    fuzzed: FuzzedBot, state: str, data: str, target: str
) -> None:
    person, question = await fuzzed.person_in(state)
    message_id = question.message_id if question is not None else 999_999
    if target == "gone":
        message_id = 999_999  # a message that does not exist: an inaccessible message
    if target == "current nonce" and question is not None and question.buttons:
        # The dialog's own name and live nonce with a value it never offered.
        live = DialogButton.parse(question.buttons[0].callback_data or "")
        if live is not None:
            data = fit_callback_data(DialogButton(live.dialog, live.nonce, data).pack())
    update = person.forged_press(person.id, message_id, data)
    replies = await fuzzed.running.driver.send_update(update)
    check_replies(replies, must_reply=False)
    assert fuzzed.running.driver.callback_answer(update["callback_query"]["id"]) is not None
    assert_healthy(fuzzed)


@fuzzing
@given(state=states, first=short_texts, edit=texts)
async def test_an_edited_message_in_any_state_breaks_nothing(
    fuzzed: FuzzedBot, state: str, first: str, edit: str
) -> None:
    person, _ = await fuzzed.person_in(state)
    sent = person.text(first)
    await fuzzed.running.driver.send_update(sent)
    edited = person.edited(sent["message"]["message_id"], edit)
    replies = await fuzzed.running.driver.send_update(edited)
    check_replies(replies, must_reply=False)
    assert_healthy(fuzzed)


@fuzzing
@given(
    state=states,
    kind=st.sampled_from(["sticker", "photo", "photo with caption", "location", "voice"]),
    caption=texts,
)
async def test_a_message_without_text_in_any_state_gets_a_reply(
    fuzzed: FuzzedBot, state: str, kind: str, caption: str
) -> None:
    person, _ = await fuzzed.person_in(state)
    if kind == "sticker":
        update = person.sticker()
    elif kind == "photo":
        update = person.photo()
    elif kind == "photo with caption":
        update = person.photo(caption=caption[:1024])
    elif kind == "location":
        update = person.location(39.9042, 116.4074)
    else:
        update = person.voice()
    replies = await fuzzed.running.driver.send_update(update)
    check_replies(replies, must_reply=True)
    assert_healthy(fuzzed)


@fuzzing
@given(
    group_number=st.integers(1, 10**9),
    supergroup=st.booleans(),
    staff=st.booleans(),
    text=texts | commands,
)
async def test_updates_from_groups_and_strangers_break_nothing(
    fuzzed: FuzzedBot, group_number: int, supergroup: bool, staff: bool, text: str
) -> None:
    api = fuzzed.running.api
    group_id = -(1_000_000_000_000 + group_number) if supergroup else -group_number
    group: ChatInfo = api.group(group_id, title=f"营销群{group_number}")
    if staff:
        person = fuzzed.new_person()
    else:
        person = api.user(fuzzed.next_user_id + 500_000, first_name="陌生人")
    replies = await fuzzed.running.driver.send(person, text, chat=group)
    check_replies(replies, must_reply=False)
    # The same person in private: owed an answer, staff or not (a refusal is one).
    replies = await fuzzed.running.driver.send(person, text or "你好")
    check_replies(replies, must_reply=True)
    assert_healthy(fuzzed)


async def test_every_dialog_state_is_reachable(fuzzed: FuzzedBot) -> None:
    for state in STATES:
        person, question = await fuzzed.person_in(state)
        assert (question is None) == (state == NO_DIALOG), person
    assert_healthy(fuzzed)
