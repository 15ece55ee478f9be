"""Button data: every kind packs and parses back, refuses what Telegram would refuse, and data
of any other shape parses as nothing."""

from __future__ import annotations

import dataclasses
import typing

import pytest

from views.button_data import (
    CALLBACK_DATA_LIMIT,
    STALE_BUTTON,
    STALE_REMINDER,
    BidTick,
    ButtonData,
    ButtonDataTooLong,
    CustomerCard,
    CustomerVisitsPage,
    DialogButton,
    PlanButton,
    PlanLog,
    PlanNew,
    ReminderButton,
    ReminderSnooze,
    ReviewAssign,
    SearchPage,
    SettingsPress,
    StaffSwitch,
    kinds_of,
    namespace_of,
    namespaces,
    refusal_for,
)


def example(kind: type[ButtonData]) -> ButtonData:
    """A button of this kind with plausible values: ids, words, the last word of a Literal."""
    if kind is SettingsPress:
        return SettingsPress("quiet", "2200-0800")
    hints = typing.get_type_hints(kind)
    values: dict[str, object] = {}
    for field in dataclasses.fields(kind):  # type: ignore[arg-type]
        hint = hints[field.name]
        if typing.get_origin(hint) is typing.Literal:
            values[field.name] = typing.get_args(hint)[-1]
        elif hint is int:
            values[field.name] = 4711
        else:
            values[field.name] = "1.2.1-04"
    return kind(**values)


ALL_KINDS = [kind for namespace in namespaces().values() for kind in kinds_of(namespace)]


def test_every_namespace_has_kinds_and_claims_its_own_data() -> None:
    assert set(namespaces()) >= {
        "cust",
        "visits",
        "plan",
        "letter",
        "bid",
        "rem",
        "set",
        "staff",
        "hand",
        "tree",
        "norm",
        "srch",
        "pick",
        "miss",
        "dlg",
        "rev",
    }
    for prefix, namespace in namespaces().items():
        assert kinds_of(namespace), prefix
        for kind in kinds_of(namespace):
            assert namespace_of(example(kind).pack()) is namespace


@pytest.mark.parametrize("kind", ALL_KINDS, ids=lambda kind: kind.__name__)
def test_every_kind_packs_and_parses_back_as_itself_and_nothing_else(
    kind: type[ButtonData],
) -> None:
    button = example(kind)
    data = button.pack()
    assert len(data.encode()) <= CALLBACK_DATA_LIMIT
    assert kind.parse(data) == button
    assert ButtonData.parse(data) == button  # no other kind takes it
    assert [other for other in ALL_KINDS if other.matches(data)] == [kind]


def test_the_formats_are_those_the_bot_has_always_sent() -> None:
    assert PlanLog(7).pack() == "plan:log:7"
    assert PlanNew().pack() == "plan:new"
    assert CustomerVisitsPage(3, 2).pack() == "cust:vp:3:2"
    assert BidTick("untick", 7, "projector").pack() == "bid:untick:7:projector"
    assert ReminderSnooze(9, "h").pack() == "rem:snz:9:h"
    assert SettingsPress(None).pack() == "set:menu"
    assert SettingsPress("digest").pack() == "set:menu:digest"
    assert SettingsPress("travel", "45").pack() == "set:travel:45"
    assert StaffSwitch("off", 33333333).pack() == "staff:off:33333333"
    assert SearchPage(1, "感谢函").pack() == "srch:1:感谢函"
    assert ReviewAssign(12, "1.2.1-12").pack() == "rev:a:12:1.2.1-12"
    assert DialogButton("0123abcd", "7", "_save").pack() == "dlg:0123abcd:7:_save"


def test_a_namespace_parses_any_of_its_kinds_typed() -> None:
    assert PlanButton.parse("plan:log:7") == PlanLog(7)
    assert PlanButton.parse("plan:new") == PlanNew()
    assert PlanButton.parse("letter:new") is None
    assert ReminderButton.parse("rem:snz:7:d") == ReminderSnooze(7, "d")


def test_the_last_text_takes_the_rest_of_the_data() -> None:
    assert SearchPage.parse("srch:2:a:b") == SearchPage(2, "a:b")
    assert DialogButton.parse("dlg:0123abcd:7:_pick.a:b") == DialogButton(
        "0123abcd", "7", "_pick.a:b"
    )


def test_dialog_buttons_made_before_dialogs_had_names_still_parse() -> None:
    assert DialogButton.parse("dlg:7:_save") == DialogButton("", "7", "_save")


def test_over_64_bytes_is_refused_when_packing() -> None:
    word = "感谢函" * 7  # 63 bytes of UTF-8
    with pytest.raises(ButtonDataTooLong):
        SearchPage(10, word).pack()
    assert not SearchPage(10, word).fits()
    assert SearchPage(1, "感谢函").fits()
    with pytest.raises(ButtonDataTooLong):
        SettingsPress("quiet", "x" * 60).pack()


@pytest.mark.parametrize(
    "button",
    [
        DialogButton("a:b", "7", "_save"),  # a colon in a field that is not the last
        PlanLog(-1),  # ids are never negative
        CustomerCard(True),  # a bool is not an id
    ],
    ids=["colon", "negative", "bool"],
)
def test_values_that_would_not_parse_back_are_refused_when_packing(button: ButtonData) -> None:
    with pytest.raises(ValueError, match="must"):
        button.pack()


@pytest.mark.parametrize(
    "data",
    [
        "",
        "plan",
        "plan:",
        "plan:log",
        "plan:log:",
        "plan:log:abc",
        "plan:log:7:8",
        "plan:log:-7",
        "plan:log:٧",  # an Arabic-Indic seven: a digit, but not ours
        "plan:log:²",
        "plan:zap:7",
        "plan:new:1",
        "rem:snz:7:x",
        "rem:done",
        "bid:tick:7",
        "bid:peek:7:projector",
        "staff:maybe:1",
        "hand:1",
        "set",
        "set:quiet",
        "set:menu:colour",
        "tree:c:abc",
        "miss:x",
        "dlg:x",
        "客户名单:华为",
        "visit:old:1",
    ],
)
def test_data_of_any_other_shape_parses_as_nothing(data: str) -> None:
    assert ButtonData.parse(data) is None


def test_large_numbers_parse_and_are_for_the_lookup_to_not_find() -> None:
    # Ids are looked up among what the presser may see; the lookup finds nothing.
    assert PlanLog.parse("plan:log:" + "9" * 40) == PlanLog(int("9" * 40))


def test_a_malformed_press_gets_its_namespaces_refusal_a_stale_one_the_general_one() -> None:
    assert refusal_for("rem:zap:1") == STALE_REMINDER
    assert refusal_for("rem:done:7") == STALE_BUTTON  # well formed: an old button
    assert refusal_for("nothing:of:ours") == STALE_BUTTON


def test_namespaces_are_unique() -> None:
    with pytest.raises(TypeError, match="taken"):

        class Again(ButtonData, namespace="plan"):
            pass
