"""Button data: one typed definition per namespace packs, parses and matches its callback data.

Every inline button carries callback data such as `plan:log:7`: a namespace, for most kinds of
button an action word, then the button's values. Each namespace is a class here (`PlanButton`)
and each kind of button in it a frozen dataclass under it (`PlanLog(plan_id: int)`): the kind
packs its values (`PlanLog(7).pack() == "plan:log:7"`), parses them back typed
(`PlanLog.parse("plan:log:7") == PlanLog(7)`, None for anything else) and gives the filter a
handler is registered with (`pattern=PlanLog.matches`), so the format is written once. The idea
is aiogram's `CallbackData`.

The rules every kind follows: values in field order, `:` between them; an `int` is ASCII digits
(ids are looked up among what the presser may see, so a number never grants anything); a `str`
holds no `:` unless it is the last field, which takes the rest; a `Literal` is one of its words.
Packing refuses data over Telegram's 64 bytes, so a button that could not be sent is never
built. A payload no kind parses is malformed or forged, and is refused in one place
(handlers/fallback.py) with its namespace's `refusal`.

The formats are those the bot has always sent: buttons in old messages keep working.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, Literal, Self

CALLBACK_DATA_LIMIT = 64  # bytes of UTF-8, Telegram's limit
SEPARATOR = ":"

# What a malformed press of a namespace is told (the namespace's `refusal`).
STALE_BUTTON = "这个按钮已失效，请重新发送命令。"
STALE_NORMS = "这个按钮已失效，请重新发送 /norms。"
STALE_REMINDER = "这个按钮已失效。发送 /todo 查看所有待办。"
STALE_SETTINGS = "这个按钮已失效，请重新发送 /settings。"
STALE_DIALOG = "这个按钮已过期，请看最新的提问。"


class ButtonDataTooLong(ValueError):
    """Packed data over Telegram's 64 bytes: the button could not be sent."""


class ButtonData:
    """A button's callback data. A direct subclass given `namespace=` is a namespace; its
    dataclass subclasses (or itself, for a namespace of one kind) are the kinds of button."""

    namespace: ClassVar[str]
    action: ClassVar[str | None] = None
    refusal: ClassVar[str] = STALE_BUTTON  # a malformed press of this namespace is told this
    command: ClassVar[str | None] = None  # its buttons need the roles of this command (the gate)

    _namespaces: ClassVar[dict[str, type[ButtonData]]] = {}
    _subclasses: ClassVar[list[type[ButtonData]]] = []

    def __init_subclass__(
        cls, *, namespace: str | None = None, action: str | None = None, **kwargs: Any
    ) -> None:
        super().__init_subclass__(**kwargs)
        if namespace is not None:
            if namespace in ButtonData._namespaces or SEPARATOR in namespace:
                raise TypeError(f"namespace {namespace!r} is taken or malformed")
            cls.namespace = namespace
            ButtonData._namespaces[namespace] = cls
        if action is not None:
            cls.action = action
        ButtonData._subclasses.append(cls)

    # -- packing ---------------------------------------------------------------------------

    def pack(self) -> str:
        """The callback data; ValueError if a value can't be packed or the whole is too long."""
        fields = dataclasses.fields(self)  # type: ignore[arg-type]
        parts = [self.namespace, *([self.action] if self.action else [])]
        for index, field in enumerate(fields):
            value = getattr(self, field.name)
            text = str(value)
            if isinstance(value, bool) or (isinstance(value, int) and value < 0):
                raise ValueError(f"{field.name} must be a whole number >= 0: {value!r}")
            if SEPARATOR in text and index < len(fields) - 1:
                raise ValueError(f"{field.name} must not contain {SEPARATOR!r}: {text!r}")
            parts.append(text)
        return _within_limit(SEPARATOR.join(parts))

    def fits(self) -> bool:
        """Whether this button's data is within Telegram's limit."""
        try:
            self.pack()
        except ButtonDataTooLong:
            return False
        return True

    # -- parsing ---------------------------------------------------------------------------

    @classmethod
    def parse(cls, data: str) -> Self | None:
        """The button of this kind (or, for a namespace, of any of its kinds) that `data` is;
        None for data of any other shape."""
        for kind in _kinds(cls):
            parsed = kind._parse_kind(data)
            if parsed is not None:
                return typing.cast(Self, parsed)
        return None

    @classmethod
    def matches(cls, data: object) -> bool:
        """A CallbackQueryHandler's pattern: data this kind (or namespace) parses."""
        return isinstance(data, str) and cls.parse(data) is not None

    @classmethod
    def _parse_kind(cls, data: str) -> ButtonData | None:
        head = SEPARATOR.join([cls.namespace, *([cls.action] if cls.action else [])])
        converters = _converters(cls)
        if not converters:
            return cls() if data == head else None
        if not data.startswith(head + SEPARATOR):
            return None
        rest = data[len(head) + 1 :]
        last_takes_rest = converters[-1][1] is str
        parts = rest.split(SEPARATOR, len(converters) - 1 if last_takes_rest else -1)
        if len(parts) != len(converters):
            return None
        values = {}
        for (name, convert), part in zip(converters, parts, strict=True):
            value = _convert(convert, part)
            if value is None:
                return None
            values[name] = value
        return cls(**values)


def _within_limit(data: str) -> str:
    if len(data.encode("utf-8")) > CALLBACK_DATA_LIMIT:
        raise ButtonDataTooLong(f"callback data over {CALLBACK_DATA_LIMIT} bytes: {data!r}")
    return data


_KINDS: dict[type[ButtonData], list[type[ButtonData]]] = {}


def _kinds(cls: type[ButtonData]) -> list[type[ButtonData]]:
    """The kinds of button a class stands for: itself if it is one, else its namespace's."""
    if cls not in _KINDS:
        _KINDS[cls] = [
            kind
            for kind in ButtonData._subclasses
            if issubclass(kind, cls) and dataclasses.is_dataclass(kind)
        ]
    return _KINDS[cls]


Converter = type[int] | type[str] | tuple[str, ...]


_CONVERTERS: dict[type[ButtonData], list[tuple[str, Converter]]] = {}


def _converters(kind: type[ButtonData]) -> list[tuple[str, Converter]]:
    """Each field's name and how its text becomes its value: int, str or one of some words."""
    if kind not in _CONVERTERS:
        _CONVERTERS[kind] = _read_converters(kind)
    return _CONVERTERS[kind]


def _read_converters(kind: type[ButtonData]) -> list[tuple[str, Converter]]:
    hints = typing.get_type_hints(kind)
    converters: list[tuple[str, Converter]] = []
    for field in dataclasses.fields(kind):  # type: ignore[arg-type]
        hint = hints[field.name]
        if typing.get_origin(hint) is Literal:
            converters.append((field.name, tuple(typing.get_args(hint))))
        elif hint in (int, str):
            converters.append((field.name, hint))
        else:
            raise TypeError(f"{kind.__name__}.{field.name}: int, str or Literal, not {hint}")
    return converters


def _convert(convert: Converter, text: str) -> int | str | None:
    if convert is int:
        return int(text) if text.isascii() and text.isdigit() else None
    if convert is str:
        return text
    assert isinstance(convert, tuple)
    return text if text in convert else None


def namespace_of(data: str) -> type[ButtonData] | None:
    """The namespace the data claims to be of (its first part), if it is one of ours."""
    return ButtonData._namespaces.get(data.partition(SEPARATOR)[0])


def refusal_for(data: str) -> str:
    """What a press that no handler takes is told: its namespace's refusal when the data is
    malformed, the general one when it is well formed but nothing takes it (an old button)."""
    namespace = namespace_of(data)
    if namespace is None or namespace.parse(data) is not None:
        return STALE_BUTTON
    return namespace.refusal


def any_of(*kinds: type[ButtonData]) -> Callable[[object], bool]:
    """A CallbackQueryHandler's pattern for presses of any of these kinds."""

    def matches(data: object) -> bool:
        return any(kind.matches(data) for kind in kinds)

    return matches


# -- /customer: the customer view ------------------------------------------------------------


class CustomerButton(ButtonData, namespace="cust"):
    """cust:<view|visits|profile|edit|log>:<customer id>, cust:list:<page>, cust:vp:<id>:<page>"""


@dataclass(frozen=True)
class CustomerCard(CustomerButton, action="view"):
    customer_id: int


@dataclass(frozen=True)
class CustomerVisits(CustomerButton, action="visits"):
    customer_id: int


@dataclass(frozen=True)
class CustomerProfile(CustomerButton, action="profile"):
    customer_id: int


@dataclass(frozen=True)
class CustomerEdit(CustomerButton, action="edit"):
    """Starts the profile-editing dialog."""

    customer_id: int


@dataclass(frozen=True)
class CustomerLog(CustomerButton, action="log"):
    """Starts /visit with the customer filled in."""

    customer_id: int


@dataclass(frozen=True)
class CustomerListPage(CustomerButton, action="list"):
    page: int


@dataclass(frozen=True)
class CustomerVisitsPage(CustomerButton, action="vp"):
    customer_id: int
    page: int


# -- /visits ---------------------------------------------------------------------------------


class VisitsButton(ButtonData, namespace="visits"):
    """visits:page:<page>, visits:open:<visit id>"""


@dataclass(frozen=True)
class VisitsPage(VisitsButton, action="page"):
    page: int


@dataclass(frozen=True)
class VisitOpen(VisitsButton, action="open"):
    visit_id: int


# -- /plan -----------------------------------------------------------------------------------


class PlanButton(ButtonData, namespace="plan"):
    """plan:new, plan:list, plan:<log|cancel|drop|booked>:<plan id>"""


@dataclass(frozen=True)
class PlanNew(PlanButton, action="new"):
    """Starts the planning dialog."""


@dataclass(frozen=True)
class PlanList(PlanButton, action="list"):
    pass


@dataclass(frozen=True)
class PlanLog(PlanButton, action="log"):
    """Starts /visit pre-filled from the plan."""

    plan_id: int


@dataclass(frozen=True)
class PlanCancel(PlanButton, action="cancel"):
    """Asks whether to cancel the plan."""

    plan_id: int


@dataclass(frozen=True)
class PlanDrop(PlanButton, action="drop"):
    """Cancels the plan (the answer to PlanCancel)."""

    plan_id: int


@dataclass(frozen=True)
class PlanBooked(PlanButton, action="booked"):
    plan_id: int


@dataclass(frozen=True)
class PlanNext(PlanButton, action="next"):
    """Starts the planning dialog for the next visit a saved visit's next step dates."""

    visit_id: int


# -- /letter ---------------------------------------------------------------------------------


class LetterButton(ButtonData, namespace="letter"):
    """letter:new, letter:done:<letter id>"""


@dataclass(frozen=True)
class LetterNew(LetterButton, action="new"):
    """Starts the letter dialog."""


@dataclass(frozen=True)
class LetterDone(LetterButton, action="done"):
    letter_id: int


# -- /bid ------------------------------------------------------------------------------------


class BidButton(ButtonData, namespace="bid"):
    """bid:new, bid:sum:<bid id>, bid:<tick|untick>:<bid id>:<checklist item>"""


@dataclass(frozen=True)
class BidNew(BidButton, action="new"):
    """Starts the bid dialog."""


@dataclass(frozen=True)
class BidSummary(BidButton, action="sum"):
    """Starts the one-step summary dialog."""

    bid_id: int


@dataclass(frozen=True)
class BidTick(BidButton):
    verb: Literal["tick", "untick"]
    bid_id: int
    item: str

    @property
    def ticked(self) -> bool:
        return self.verb == "tick"


# -- drafted paperwork ------------------------------------------------------------------------


class DraftButton(ButtonData, namespace="draft"):
    """draft:ty:<visit id>, draft:sent:<visit id>, draft:rp:<letter id>, draft:bs:<bid id>,
    draft:sig — the documents the norms demand, drafted from the records."""


@dataclass(frozen=True)
class DraftThankYou(DraftButton, action="ty"):
    """起草感谢函 (norm 1.2.1-12) for one of the presser's visits; again: 重新生成."""

    visit_id: int


@dataclass(frozen=True)
class ThankYouSent(DraftButton, action="sent"):
    """已送出: the visit's thank-you letter went out."""

    visit_id: int


@dataclass(frozen=True)
class DraftReply(DraftButton, action="rp"):
    """起草答复 (norm 1.2.2): starts the short dialog of the letter's points."""

    letter_id: int


@dataclass(frozen=True)
class DraftBidSummary(DraftButton, action="bs"):
    """起草总结 (norm 1.2.4-06) of one of the presser's bids."""

    bid_id: int


@dataclass(frozen=True)
class EditSignature(DraftButton, action="sig"):
    """Starts the dialog of the presser's 落款 (how drafted letters are signed)."""


# -- 每日一练 ---------------------------------------------------------------------------------

STALE_QUIZ = "这道题已作答，或这轮练习已结束。发送 /quiz 继续练习。"


class QuizButton(ButtonData, namespace="qz"):
    """qz:a:<round id>:<position>:<option>, qz:go — 每日一练."""

    refusal = STALE_QUIZ


@dataclass(frozen=True)
class QuizAnswer(QuizButton, action="a"):
    round_id: int
    position: int
    option: int


@dataclass(frozen=True)
class QuizStart(QuizButton, action="go"):
    """开始练习: today's round (resumed if it is under way)."""


# -- reminders -------------------------------------------------------------------------------


class ReminderButton(ButtonData, namespace="rem"):
    """rem:done:<reminder id>, rem:snz:<reminder id>:<h|d>"""

    refusal = STALE_REMINDER


@dataclass(frozen=True)
class ReminderDone(ReminderButton, action="done"):
    reminder_id: int


SnoozeChoice = Literal["h", "d", "b"]  # an hour later, tomorrow, an hour before the deadline
SNOOZE_HOUR: SnoozeChoice = "h"
SNOOZE_TOMORROW: SnoozeChoice = "d"
SNOOZE_BEFORE_DEADLINE: SnoozeChoice = "b"


@dataclass(frozen=True)
class ReminderSnooze(ReminderButton, action="snz"):
    reminder_id: int
    choice: SnoozeChoice


# -- /settings -------------------------------------------------------------------------------

SettingsTopic = Literal["quiet", "digest", "travel", "practice"]
SETTINGS_TOPICS: tuple[SettingsTopic, ...] = typing.get_args(SettingsTopic)
SETTINGS_MENU = "menu"


@dataclass(frozen=True)
class SettingsPress(ButtonData, namespace="set"):
    """set:menu (the overview), set:menu:<topic> (its presets), set:<topic>:<value> (save).

    The one namespace whose first part is either a word or a value, as it always was: it packs
    and parses itself by these three shapes.
    """

    topic: SettingsTopic | None  # None: back to the overview
    value: str | None = None  # None: show the topic's presets

    refusal = STALE_SETTINGS

    def pack(self) -> str:
        if self.topic is None:
            parts = [self.namespace, SETTINGS_MENU]
        elif self.value is None:
            parts = [self.namespace, SETTINGS_MENU, self.topic]
        else:
            parts = [self.namespace, self.topic, self.value]
        return _within_limit(SEPARATOR.join(parts))

    @classmethod
    def _parse_kind(cls, data: str) -> ButtonData | None:
        parts = data.split(SEPARATOR)
        if not 2 <= len(parts) <= 3 or parts[0] != cls.namespace:
            return None
        if parts[1] == SETTINGS_MENU:
            if len(parts) == 2:
                return cls(None)
            return cls(_topic(parts[2])) if parts[2] in SETTINGS_TOPICS else None
        if parts[1] in SETTINGS_TOPICS and len(parts) == 3:
            return cls(_topic(parts[1]), parts[2])
        return None


def _topic(text: str) -> SettingsTopic:
    return next(topic for topic in SETTINGS_TOPICS if topic == text)


# -- administrators --------------------------------------------------------------------------


class StaffButton(ButtonData, namespace="staff"):
    """staff:<on|off>:<user id>"""

    command = "staff"


@dataclass(frozen=True)
class StaffSwitch(StaffButton):
    switch: Literal["on", "off"]
    user_id: int


@dataclass(frozen=True)
class Handover(ButtonData, namespace="hand"):
    """hand:<from user id>:<to user id> — 确认移交."""

    giver_id: int
    receiver_id: int

    command = "handover"


# -- the norms: catalogue, cards, search, candidates -----------------------------------------


class TreeButton(ButtonData, namespace="tree"):
    """tree:r, tree:c:<chapter>, tree:s:<section key>, tree:n:<norm id>: /norms, in place."""

    refusal = STALE_NORMS


@dataclass(frozen=True)
class TreeRoot(TreeButton, action="r"):
    pass


@dataclass(frozen=True)
class TreeChapter(TreeButton, action="c"):
    number: int


@dataclass(frozen=True)
class TreeSection(TreeButton, action="s"):
    key: str


@dataclass(frozen=True)
class TreeNorm(TreeButton, action="n"):
    norm_id: str


@dataclass(frozen=True)
class NormButton(ButtonData, namespace="norm"):
    """norm:<norm id> — the norm as a new message (under answers and search results)."""

    norm_id: str

    refusal = STALE_NORMS


@dataclass(frozen=True)
class SearchPage(ButtonData, namespace="srch"):
    """srch:<page>:<word> — another page of /search."""

    page: int
    word: str


@dataclass(frozen=True)
class CandidatePick(ButtonData, namespace="pick"):
    """pick:<question id>:<norm id> — one of the candidates offered for a question."""

    question_id: int
    norm_id: str


@dataclass(frozen=True)
class NoneFits(ButtonData, namespace="miss"):
    """miss:<question id> — 都不是."""

    question_id: int


# -- the guided dialogs ----------------------------------------------------------------------


@dataclass(frozen=True)
class DialogButton(ButtonData, namespace="dlg"):
    """dlg:<dialog>:<nonce>:<value>, a choice in a guided dialog.

    `dialog` names the dialog the button was made for (the start of its session id), so a
    button of an ended or another dialog is told from one of the open dialog, whatever its
    nonce; `nonce` numbers the question it belongs to. Buttons made before the dialog was
    named ('dlg:<nonce>:<value>') parse with an empty `dialog`.
    """

    dialog: str
    nonce: str
    value: str

    refusal = STALE_DIALOG

    @classmethod
    def _parse_kind(cls, data: str) -> ButtonData | None:
        parsed = super()._parse_kind(data)
        if parsed is not None:
            return parsed
        parts = data.split(SEPARATOR, 2)
        if len(parts) == 3 and parts[0] == cls.namespace:
            return cls("", parts[1], parts[2])
        return None


# -- /review: curators teach the knowledge base ----------------------------------------------


class ReviewButton(ButtonData, namespace="rev"):
    """rev:<action>:… — every button of /review; `group` is a review group's key."""

    command = "review"


@dataclass(frozen=True)
class ReviewList(ReviewButton, action="l"):
    page: int


@dataclass(frozen=True)
class ReviewOpen(ReviewButton, action="g"):
    group: int


@dataclass(frozen=True)
class ReviewAssign(ReviewButton, action="a"):
    group: int
    norm_id: str


@dataclass(frozen=True)
class ReviewOtherNorm(ReviewButton, action="o"):
    group: int


@dataclass(frozen=True)
class ReviewSynonym(ReviewButton, action="s"):
    group: int


@dataclass(frozen=True)
class ReviewWord(ReviewButton, action="w"):
    group: int
    index: int


@dataclass(frozen=True)
class ReviewTerm(ReviewButton, action="t"):
    group: int
    index: int


@dataclass(frozen=True)
class ReviewOutOfScope(ReviewButton, action="x"):
    group: int


@dataclass(frozen=True)
class ReviewIgnore(ReviewButton, action="i"):
    group: int


@dataclass(frozen=True)
class ReviewDecisions(ReviewButton, action="d"):
    page: int


@dataclass(frozen=True)
class ReviewUndo(ReviewButton, action="u"):
    decision_id: int


def namespaces() -> dict[str, type[ButtonData]]:
    """Every namespace by its prefix."""
    return dict(ButtonData._namespaces)


def kinds_of(namespace: type[ButtonData]) -> list[type[ButtonData]]:
    """Every kind of button of a namespace (a namespace of one kind: itself)."""
    return _kinds(namespace)
