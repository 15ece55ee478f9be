"""The guided-dialog engine: steps, a JSON session, and the turn logic shared by every form.

A form (log a visit, plan a visit, record a letter …) is a list of steps. The engine moves a
session through them: it parses what the user typed or pressed, says the parsed value back,
re-asks with an example on bad input, and handles /skip, /back, editing from the summary card and
cancelling. It knows nothing about Telegram: turns take text in and give `Reply` values out, and
the session is plain JSON so python-telegram-bot persistence can keep it across restarts.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from knowledge.service import Knowledge
from storage.store import Records
from textinput.normalization import normalize_typed
from timekeeping.workdays import WorkdayCalendar
from views.button_data import STALE_DIALOG, DialogButton
from views.common import MESSAGE_LIMIT, Button, Reply, fit_parts, shortened

STALE_NOTICE = STALE_DIALOG
BEHIND_NOTE = "抱歉，上一步没有记下，请再回答这一步："
RESEND_WINDOW = timedelta(minutes=2)  # the same text again this soon is likely a resend
# In the session: the chat's message id of the current step's question, once it went out.
# Message ids of a private chat count up across both sides, so a message with a smaller id was
# sent before that question was in the chat: it was meant for the one before.
ASKED_ID = "asked_id"
TAKE_LABEL = "把刚才那句作为本步回答"
EMPTY_NOTE = "内容是空的（空格和看不见的字符不算内容），请重新输入。"
# A dialog untouched this long is probably forgotten: the next message is not taken as its
# answer before the user has seen which dialog is still open.
IDLE_AFTER = timedelta(hours=6)
TEXT_LIMIT = 1000  # one answer of a dialog step; the material's records are short notes
NOTE_LIMIT = 1000  # a note said before a question (it may quote what was typed)
SHORTENED_HINT = "（较长的内容只显示了开头，点“修改”选该项可看全文）"

Values = dict[str, Any]
Session = dict[str, Any]

# Choice values the engine itself uses; form choices must not start with "_".
SKIP = "_skip"
SAVE = "_save"
EDIT = "_edit"
ABORT = "_abort"
TAKE_PENDING = "_take"
EDIT_FIELD = "_f."


def dialog_tag(session: Session) -> str:
    """The short name of a dialog its buttons carry."""
    return str(session.get("id") or "")[:8]


@dataclass(frozen=True)
class Choice:
    label: str
    value: str


@dataclass(frozen=True)
class Accepted:
    """The step's input is understood: merge `updates` into the values and go on."""

    updates: Mapping[str, Any]
    note: str | None = None  # said back to the user, e.g. "时间：11月26日 15:00–16:00"
    next_key: str | None = None  # a sub-step to go to instead of the next step


@dataclass(frozen=True)
class Rejected:
    """The input is not usable; the same step is asked again after this message."""

    message: str


@dataclass(frozen=True)
class Offer:
    """Ask the user to choose before the step is done (e.g. which of three customers)."""

    text: str
    choices: tuple[Choice, ...]
    pending: Mapping[str, Any] = field(default_factory=dict)


Parsed = Accepted | Rejected | Offer


@dataclass(frozen=True)
class FormEnv:
    """What steps may consult: the time, the user's scoped records and the knowledge base."""

    now: datetime
    user_id: int
    records: Records
    knowledge: Knowledge
    calendar: WorkdayCalendar
    message_id: int | None = None  # the chat's id of the message acted on (None: a button)


TextParser = Callable[[str, Values, FormEnv], Parsed]
ChoiceParser = Callable[[str, Values, FormEnv], Parsed]
PromptText = Callable[[Values, FormEnv], str]
ChoiceList = Callable[[Values, FormEnv], Sequence[Choice]]
Shown = Callable[[Values, FormEnv], str | None]


def _no_text(text: str, values: Values, env: FormEnv) -> Parsed:
    return Rejected("请点选下方的按钮。")


@dataclass(frozen=True)
class Step:
    key: str
    label: str  # the field's name on the summary card and in the edit menu
    prompt: str | PromptText
    on_text: TextParser = _no_text
    choices: Sequence[Choice] | ChoiceList = ()
    on_choice: ChoiceParser | None = None  # default: the choice value becomes the field
    optional: bool = False
    shown: Shown | None = None  # the value as the summary card shows it
    in_summary: bool = True  # sub-steps (e.g. the end of a time span) are edited via their parent
    skip_updates: Mapping[str, Any] | None = None  # None: skipping clears the field
    skip_label: str = "跳过"
    # Whether the summary card may shorten the shown value to fit one message; a list that
    # keeps each of its entries short itself says False.
    shortened_on_card: bool = True

    def question(self, values: Values, env: FormEnv) -> str:
        return self.prompt(values, env) if callable(self.prompt) else self.prompt

    def buttons(self, values: Values, env: FormEnv) -> Sequence[Choice]:
        return self.choices(values, env) if callable(self.choices) else self.choices

    def choose(self, value: str, values: Values, env: FormEnv) -> Parsed:
        if self.on_choice is not None:
            return self.on_choice(value, values, env)
        known = {choice.value for choice in self.buttons(values, env)}
        if value not in known:
            return Rejected("这个选项已失效，请重新选择。")
        return Accepted({self.key: value})


Saver = Callable[[Values, FormEnv], "Saved"]


@dataclass(frozen=True)
class Saved:
    """What saving the form produced: the replies to send, or a reason it could not save."""

    replies: tuple[Reply, ...] = ()
    error: str | None = None


@dataclass(frozen=True)
class Form:
    name: str  # short, in the session and in nothing the user sees
    title: str  # "记录拜访"
    steps: tuple[Step, ...]
    save: Saver
    saved_hint: str = ""  # unused by the engine; forms may document their save

    def step(self, key: str) -> Step:
        for step in self.steps:
            if step.key == key:
                return step
        raise KeyError(key)

    def next_key(self, key: str) -> str:
        keys = [step.key for step in self.steps]
        index = keys.index(key) + 1
        while index < len(keys) and not self.steps[index].in_summary:
            index += 1  # sub-steps are reached only through their parent's next_key
        return keys[index] if index < len(keys) else CONFIRM

    def main_steps(self) -> list[Step]:
        return [step for step in self.steps if step.in_summary]


CONFIRM = "_confirm"
EDIT_MENU = "_edit_menu"


@dataclass(frozen=True)
class Turn:
    """The result of one user action: the session to keep (None: the dialog ended) and replies."""

    session: Session | None
    replies: tuple[Reply, ...]
    notice: str | None = None  # a short answer to a button press, instead of a new message

    @property
    def ended(self) -> bool:
        return self.session is None


# -- starting ------------------------------------------------------------------------------


def begin(
    form: Form, env: FormEnv, prefill: Mapping[str, Any] | None = None, note: str | None = None
) -> Turn:
    """A new session at the first step (or at the summary card when prefill covers it all)."""
    session: Session = {
        "form": form.name,
        "step": form.steps[0].key,
        "values": dict(prefill or {}),
        "history": [],
        "editing": False,
        "pending": {},
        "nonce": 0,
        "touched": env.now.isoformat(),
        "prefilled": sorted(prefill or {}),
        "id": secrets.token_hex(8),  # makes saving idempotent (handlers/dialog.py)
    }
    session["step"] = _first_open_step(form, session, form.steps[0].key)
    return Turn(session, (prompt(form, session, env, note=note),))


# -- one action ----------------------------------------------------------------------------


def on_text(form: Form, session: Session, text: str, env: FormEnv) -> Turn:
    session = _copy(session, env)
    text = normalize_typed(text)
    # A text kept for the 把刚才那句作为本步回答 button is superseded by whatever comes next.
    session["pending"].pop("text", None)
    key = session["step"]
    if key in (CONFIRM, EDIT_MENU):
        return _again(form, session, env, "请点选下方的按钮。")
    if not text:
        return _again(form, session, env, EMPTY_NOTE)
    if len(text) > TEXT_LIMIT:
        return _again(
            form, session, env, f"内容太长了（{len(text)}字），请精简到{TEXT_LIMIT}字以内。"
        )
    last = session.get("last_text") or {}
    if (
        last.get("text") == text
        and last.get("step") != key
        and (
            env.now - datetime.fromisoformat(last["at"]) <= RESEND_WINDOW
            or _sent_before_asked(session, env)
        )
    ):
        # The same words as the previous step's answer, moments later: most likely sent again
        # because the reply was slow. Nothing is entered until the user says it is meant here.
        session["pending"] = {"text": text}
        note = (
            f"刚才已收到这句，记在了上一步（{form.step(last['step']).label}）。"
            "如果它也是这一步的回答，请点下方按钮；否则请回答上面的问题。"
        )
        # Not the question again: each copy of it would invite one more answer, and answers
        # already on their way would fill the steps after it.
        take = Button(TAKE_LABEL, _data(session, TAKE_PENDING))
        return Turn(session, (Reply(note, ((take,),)),))
    step = form.step(key)
    turn = _apply(form, session, step, step.on_text(text, session["values"], env), env)
    if turn.session is not None and turn.session["step"] != key:
        turn.session["last_text"] = {"text": text, "step": key, "at": env.now.isoformat()}
    return turn


def on_choice(
    form: Form, session: Session, nonce: str, value: str, env: FormEnv, *, dialog: str = ""
) -> Turn:
    """A button press. Buttons of earlier prompts, and of another or an ended dialog (named by
    `dialog`), are refused with a notice and change nothing: the dialog has moved on."""
    session = _copy(session, env)
    if dialog and dialog != dialog_tag(session):
        return Turn(session, (), notice=STALE_NOTICE)
    if nonce != str(session["nonce"]):
        if nonce.isdigit() and int(nonce) > int(session["nonce"]):
            # A button newer than the session: the bot restarted without the last step (it
            # died between answering and saving). Show the step it is really at.
            return _again(form, session, env, BEHIND_NOTE)
        # No new question: re-asking would retire the buttons the user is about to press.
        return Turn(session, (), notice=STALE_NOTICE)
    key = session["step"]
    if key == CONFIRM:
        return _confirm_choice(form, session, value, env)
    if key == EDIT_MENU:
        return _edit_menu_choice(form, session, value, env)
    step = form.step(key)
    if value == SKIP:
        return skip(form, session, env)
    if value == TAKE_PENDING and "text" in session["pending"]:
        text = session["pending"].pop("text")
        return _apply(form, session, step, step.on_text(text, session["values"], env), env)
    if value.startswith("_pick."):
        # an option of an Offer: the offer's pending data travel with the session
        chosen = value.removeprefix("_pick.")
        offered = session["pending"].get("offer", {})
        if chosen not in offered.get("choices", []):
            return _again(form, session, env, "这个选项已失效，请重新选择。")
        parsed = step.choose(chosen, session["values"] | offered.get("data", {}), env)
        session["pending"] = {}
        return _apply(form, session, step, parsed, env)
    return _apply(form, session, step, step.choose(value, session["values"], env), env)


def skip(form: Form, session: Session, env: FormEnv) -> Turn:
    session = _copy(session, env)
    key = session["step"]
    if _sent_before_asked(session, env):
        # A /skip sent twice at once, sent again while the bot was slow, or typed ahead: it was
        # meant for the question before this one, which it has skipped already.
        return Turn(session, (Reply(EARLY_SKIP_NOTE.format(label=_label(form, key))),))
    if key in (CONFIRM, EDIT_MENU):
        return _again(form, session, env, "请点选下方的按钮。")
    step = form.step(key)
    if not step.optional:
        return _again(form, session, env, "这一步不能跳过。")
    updates = {step.key: None} if step.skip_updates is None else step.skip_updates
    note = f"{step.label}：已跳过" if step.skip_updates is None else None
    return _apply(form, session, step, Accepted(updates, note=note), env)


EARLY_SKIP_NOTE = (
    "这个 /skip 是在问到“{label}”之前发出的，没有用来跳过这一步。要跳过它，请再发一次 /skip。"
)
EARLY_BACK_NOTE = (
    "这个 /back 是在问到“{label}”之前发出的，没有再返回。要回到上一步，请再发一次 /back。"
)


def _sent_before_asked(session: Session, env: FormEnv) -> bool:
    """Whether the message acted on was sent before the current step's question reached the
    chat (by the order of the chat's messages, whatever the clocks say)."""
    asked = session.get(ASKED_ID)
    return env.message_id is not None and isinstance(asked, int) and env.message_id < asked


def _label(form: Form, key: str) -> str:
    if key == CONFIRM:
        return "请确认"
    if key == EDIT_MENU:
        return "要修改哪一项"
    return form.step(key).label


def back(form: Form, session: Session, env: FormEnv) -> Turn:
    session = _copy(session, env)
    if _sent_before_asked(session, env):
        # Sent twice at once, or again while the bot was slow: one step back was meant.
        return Turn(session, (Reply(EARLY_BACK_NOTE.format(label=_label(form, session["step"]))),))
    session["pending"] = {}
    if session["editing"] and session["step"] != CONFIRM:
        session["step"] = CONFIRM
        return Turn(session, (prompt(form, session, env),))
    if not session["history"]:
        return _again(form, session, env, "已经是第一步了。")
    session["step"] = session["history"].pop()
    session["editing"] = False
    return Turn(session, (prompt(form, session, env, note="已返回上一步。"),))


def reprompt(
    form: Form, session: Session, env: FormEnv, note: str | None = None, *, offer_take: str = ""
) -> Turn:
    """Ask the current step again, e.g. after answering a norm question typed mid-dialog.

    With offer_take, the text is kept and a button lets the user say it was meant as the
    step's answer after all.
    """
    session = _copy(session, env)
    offer_take = normalize_typed(offer_take)
    if offer_take and session["step"] not in (CONFIRM, EDIT_MENU):
        session["pending"] = {"text": offer_take}
    return Turn(session, (prompt(form, session, env, note=note),))


def is_idle(session: Session, now: datetime) -> bool:
    touched = session.get("touched")
    return isinstance(touched, str) and now - datetime.fromisoformat(touched) > IDLE_AFTER


# -- internals -----------------------------------------------------------------------------


def _copy(session: Session, env: FormEnv) -> Session:
    copied: Session = {
        **session,
        "values": dict(session["values"]),
        "history": list(session["history"]),
        "pending": dict(session.get("pending") or {}),
        "touched": env.now.isoformat(),
    }
    return copied


def _again(form: Form, session: Session, env: FormEnv, message: str) -> Turn:
    return Turn(session, (prompt(form, session, env, note=message),))


def _apply(form: Form, session: Session, step: Step, parsed: Parsed, env: FormEnv) -> Turn:
    if isinstance(parsed, Rejected):
        return _again(form, session, env, parsed.message)
    if isinstance(parsed, Offer):
        session["pending"] = {
            "offer": {
                "choices": [choice.value for choice in parsed.choices],
                "data": dict(parsed.pending),
            }
        }
        session["nonce"] += 1
        buttons = [
            (Button(choice.label, _data(session, "_pick." + choice.value)),)
            for choice in parsed.choices
        ]
        return Turn(session, (Reply(parsed.text, tuple(buttons)),))
    session["values"].update(parsed.updates)
    session["pending"] = {}
    if parsed.next_key is not None:
        following = parsed.next_key
    elif session["editing"]:
        following = CONFIRM
    else:
        following = _first_open_step(form, session, form.next_key(step.key))
    history = session["history"]
    if following in history:
        # Back at the head of a loop (another request or commitment): /back from there
        # leaves the loop rather than replaying its inner steps.
        del history[history.index(following) :]
    elif following != step.key and (following != CONFIRM or not session["editing"]):
        history.append(step.key)
    session["step"] = following
    if following == CONFIRM:
        session["editing"] = True  # from the summary on, each change returns to it
    return Turn(session, (prompt(form, session, env, note=parsed.note),))


def _first_open_step(form: Form, session: Session, key: str) -> str:
    """Pass over steps whose values came prefilled (e.g. from a planned visit)."""
    prefilled = set(session.get("prefilled") or ())
    while key != CONFIRM and key in prefilled:
        key = form.next_key(key)
    return key


def _confirm_choice(form: Form, session: Session, value: str, env: FormEnv) -> Turn:
    if value == ABORT:
        return Turn(None, (Reply(f"已取消{form.title}，没有保存。"),))
    if value == EDIT:
        session["step"] = EDIT_MENU
        return Turn(session, (prompt(form, session, env),))
    if value == SAVE:
        saved = form.save(session["values"], env)
        if saved.error is not None:
            return _again(form, session, env, saved.error)
        return Turn(None, saved.replies)
    return _again(form, session, env, "这个选项已失效，请重新选择。")


def _edit_menu_choice(form: Form, session: Session, value: str, env: FormEnv) -> Turn:
    key = value.removeprefix(EDIT_FIELD)
    if not value.startswith(EDIT_FIELD) or key not in {s.key for s in form.main_steps()}:
        session["step"] = CONFIRM
        return Turn(session, (prompt(form, session, env),))
    session["step"] = key
    return Turn(session, (prompt(form, session, env),))


def _data(session: Session, value: str) -> str:
    return DialogButton(dialog_tag(session), str(session["nonce"]), value).pack()


def prompt(form: Form, session: Session, env: FormEnv, note: str | None = None) -> Reply:
    """The current step's question with its buttons; a new nonce retires older buttons.

    The text fits one Telegram message whatever was typed: the note is capped, the summary
    card shortens its longest fields, and any other question is cut to what is left.
    """
    session["nonce"] += 1
    key = session["step"]
    values = session["values"]
    head = [shortened(note, NOTE_LIMIT)] if note else []
    if key == CONFIRM:
        tail = ["", "请确认："]
        budget = MESSAGE_LIMIT - _length([*head, "", *tail])
        text = "\n".join([*head, summary_text(form, values, env, budget=budget), *tail])
        buttons = (
            (Button("确认保存", _data(session, SAVE)),),
            (Button("修改", _data(session, EDIT)), Button("取消", _data(session, ABORT))),
        )
        return Reply(text, buttons)
    if key == EDIT_MENU:
        rows = [
            (Button(step.label, _data(session, EDIT_FIELD + step.key)),)
            for step in form.main_steps()
        ]
        rows.append((Button("返回确认", _data(session, "_back")),))
        return Reply("\n".join([*head, "要修改哪一项？"]), tuple(rows))
    step = form.step(key)
    rows = [
        (Button(choice.label, _data(session, choice.value)),)
        for choice in step.buttons(values, env)
    ]
    pending = session.get("pending") or {}
    if "text" in pending:
        rows.append((Button(TAKE_LABEL, _data(session, TAKE_PENDING)),))
    if step.optional:
        rows.append((Button(step.skip_label, _data(session, SKIP)),))
    hints = "/back 上一步 · /cancel 取消" + (" · /skip 跳过" if step.optional else "")
    question = f"【{form.title}{_progress(form, step)}】{step.question(values, env)}"
    question = shortened(question, MESSAGE_LIMIT - _length([*head, "", hints]))
    return Reply("\n".join([*head, question, hints]), tuple(rows))


def _length(lines: Sequence[str]) -> int:
    """The characters of the lines joined by line breaks."""
    return sum(len(line) for line in lines) + max(0, len(lines) - 1)


def _progress(form: Form, step: Step) -> str:
    main = form.main_steps()
    if step in main:
        return f" {main.index(step) + 1}/{len(main)}"
    return ""


def summary_text(form: Form, values: Values, env: FormEnv, *, budget: int = MESSAGE_LIMIT) -> str:
    """The summary card: every field as entered, in at most `budget` characters. Should the
    whole not fit, the longest fields are shortened alike (with their full length) and a
    line says where to see them whole (修改 → the field)."""
    title = f"{form.title}（待确认）"
    steps = form.main_steps()
    shown = [
        (step.shown(values, env) if step.shown else _plain(values.get(step.key))) or "—"
        for step in steps
    ]
    heads = [f"· {step.label}：" for step in steps]
    fixed = _length([title, *heads]) + sum(
        len(text) for step, text in zip(steps, shown, strict=True) if not step.shortened_on_card
    )
    free = [text for step, text in zip(steps, shown, strict=True) if step.shortened_on_card]
    fitted = fit_parts(free, budget - fixed)
    hint = []
    if fitted != free:
        hint = [SHORTENED_HINT]
        fitted = fit_parts(free, budget - fixed - len(SHORTENED_HINT) - 1)
    shortened_values = iter(fitted)
    lines = [title]
    for step, head, text in zip(steps, heads, shown, strict=True):
        lines.append(head + (next(shortened_values) if step.shortened_on_card else text))
    return "\n".join([*lines, *hint])


def _plain(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return str(value)
