"""The Telegram side of the guided dialogs: one persistent ConversationHandler for every form.

Every state of the ConversationHandler ("<form>:<step>", one per step of every form) maps to
the same handlers; the state decides nothing. The real state is the session in
user_data["dialog"] (form, step, values, the current question's nonce, what is pending),
which the handlers hand to the Telegram-free engine (dialogs/engine.py). The state name only
mirrors the session, so that PTB's persistence knows after a restart that a dialog is open.

Persistence order (docs/dialogs.md): a dialog that goes on commits its next step before the
question goes out (`deliver`), marked not yet shown, so a crash resumes at that question and
`guarded` keeps a message sent again from counting twice; one that ends keeps PTB's order, its
records saved with a mark that makes saving again harmless.

One handler for all forms means one dialog at a time per user. Commands that are not about the
dialog (/norms, /search, /help …) are not taken by it and keep working in the middle of one.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import Message, Update
from telegram.error import TelegramError, TimedOut
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from dialogs import engine
from dialogs.engine import Form, FormEnv, Session, Turn
from dialogs.interjection import looks_like_question
from dialogs.registry import FORMS, STARTING_COMMANDS
from handlers.context import BotContext
from handlers.persisting import save_dialog_state
from handlers.replying import pressed, send_reply
from knowledge.matcher import Verdict
from views.ask import answer_reply
from views.button_data import DialogButton
from views.common import Reply, fit_message
from views.dialog import (
    FILLING,
    LOST_SESSION,
    NOT_TEXT_NOTE,
    RECEIVED_NOTE,
    already_saved_text,
    busy_text,
    cancelled_text,
    idle_note,
    question_note,
)

logger = logging.getLogger(__name__)

SESSION_KEY = "dialog"
TAKEN_UPDATE_KEY = "update"  # in the session: the id of the last update it took
SHOWN_KEY = "shown"  # in the session: whether the current question reached the user
KNOWN_ID_KEY = "known_id"  # in the session: the newest message id of the chat it knows of
# In the session, after a reply timed out: a message of ours may still appear in the chat
# after this id (Telegram can deliver a reply the bot gave up waiting for).
LATE_AFTER_KEY = "late_after"
DIALOG_NAME = "dialog"  # the persistent ConversationHandler's name
END = ConversationHandler.END
PRIVATE = filters.ChatType.PRIVATE


Starter = Callable[[Update, BotContext], Awaitable[Turn | None]]
StepCallback = Callable[[Update, BotContext], Coroutine[Any, Any, object]]


def form_env(update: Update, context: BotContext) -> FormEnv:
    user_id = update.effective_user.id if update.effective_user else 0
    message = update.message  # a typed message; a button press has no sending time of its own
    return FormEnv(
        now=context.now(),
        user_id=user_id,
        records=context.records_for(user_id),
        knowledge=context.kb,
        calendar=context.calendar,
        message_id=message.message_id if message is not None else None,
    )


def state_of(session: Session | None) -> object:
    return END if session is None else f"{session['form']}:{session['step']}"


async def deliver(update: Update, context: BotContext, turn: Turn) -> object:
    """Keep the session (or drop it when the dialog ended) and send the turn's replies.

    A dialog that goes on is committed first, so a crash while the next question goes out
    resumes at that question, marked as not yet shown (see `guarded`). One that ends is
    committed after its replies, as PTB does: its records were saved with a mark that makes
    saving again harmless, and the dialog a crash leaves open shows its summary again, so the
    user learns whether it was saved.
    If a reply can't be sent, the session goes back to where it was (and is committed so):
    the user, who saw only the apology, says it again and it lands on the same step.
    A reply of a dialog that goes on and timed out is another matter: Telegram may well have
    delivered it, and the user then answers the question it asked. So the step is kept,
    marked as not known to be shown, and no apology is sent: whatever comes next, `guarded`
    asks this step's question again instead of taking it (the repeat of the last answer, or
    the answer to a question that never arrived), and a press on the question's buttons
    proves it was seen. Such a reply may also arrive late, below newer questions, and be
    answered there: the session keeps the newest message id it knows of, so `guarded` can
    tell when a message it does not know of came before the one it is handling.
    """
    user_data = context.user_data
    before = user_data.get(SESSION_KEY) if user_data is not None else None
    if turn.session is not None:
        turn.session[TAKEN_UPDATE_KEY] = update.update_id
        if turn.replies:
            turn.session[SHOWN_KEY] = False  # until the replies are out
    if user_data is not None:
        if turn.session is None:
            user_data.pop(SESSION_KEY, None)
        else:
            user_data[SESSION_KEY] = turn.session
    if not turn.ended:
        await save_dialog_state(update, context, DIALOG_NAME, state_of(turn.session))
    message = update.effective_message
    sent: Message | None = None
    known = _known_id(turn.session, message)
    try:
        if message is not None:
            for reply in turn.replies:
                sent = await send_reply(message, reply)
                known = max(known, sent.message_id)
        if turn.session is not None:
            turn.session[SHOWN_KEY] = True  # committed after this update, as PTB does
            turn.session[KNOWN_ID_KEY] = known
            if sent is not None and _asks_anew(before, turn.session):
                turn.session[engine.ASKED_ID] = sent.message_id
    except TimedOut as error:
        if turn.session is None:
            raise  # a dialog that ended has no step to keep: as any failed reply
        logger.warning(
            "a dialog reply timed out; the step stays, not known to be shown: %s", error
        )
        turn.session[KNOWN_ID_KEY] = turn.session[LATE_AFTER_KEY] = known
        return state_of(turn.session)
    except TelegramError:
        if user_data is not None and not turn.ended:
            if before is None:
                user_data.pop(SESSION_KEY, None)
            else:
                user_data[SESSION_KEY] = before
            await save_dialog_state(update, context, DIALOG_NAME, state_of(before))
        raise
    return state_of(turn.session)


def _known_id(session: Session | None, message: Message | None) -> int:
    """The newest message id of the chat the dialog knows of, with this update's message."""
    known = session.get(KNOWN_ID_KEY) if session is not None else None
    return max(known if isinstance(known, int) else 0, message.message_id if message else 0)


def _after_an_unknown_message(update: Update, session: Session) -> bool:
    """After a reply timed out: whether a message the dialog does not know of came into the
    chat just before this one. Message ids of a private chat count up across both sides, so a
    gap is a message of the chat the dialog never saw, most likely that late reply, which this
    message may then answer. (A reminder or an answer outside the dialog in between makes a gap
    too: the question is then asked once more, which is harmless.)"""
    late_after, known = session.get(LATE_AFTER_KEY), session.get(KNOWN_ID_KEY)
    message = update.message
    if message is None or not isinstance(late_after, int) or not isinstance(known, int):
        return False
    return message.message_id > known + 1


def _asks_anew(before: object, after: Session) -> bool:
    """Whether the turn's last reply puts a question the user had not seen yet: another step
    (or dialog), or the same step when its question was never known to arrive (see `guarded`).
    A note, an offer or the same step asked again keeps the first question as the mark."""
    if not isinstance(before, dict) or not before.get(SHOWN_KEY, True):
        return True
    return before.get("id") != after.get("id") or before.get("step") != after.get("step")


def taken_already(update: Update, session: Session) -> bool:
    """Whether the session already took this update: Telegram hands an update over again when
    the bot died before confirming it, and by then the step it answered may be committed."""
    taken = session.get(TAKEN_UPDATE_KEY)
    return isinstance(taken, int) and update.update_id <= taken


def guarded(step: StepCallback) -> StepCallback:
    """Wrap a step callback so that a crash never makes one message count twice.

    The step's question is committed before it is sent (see `deliver`). If the bot died in
    between, the user never saw it and, after the silence, sends the last answer (or /skip)
    again; an update handed over again after a crash is the same message twice. Either way
    the dialog shows the question it is at instead of taking the message for it: an answer
    would fill the wrong field, a /skip skip one step too many. A text can still be taken
    for this step with one tap, in case the user had seen the question after all.
    """

    async def take_if_meant(update: Update, context: BotContext) -> object:
        current = _current(context)
        if current is None:
            return await step(update, context)
        form, session = current
        late_reply_came = _after_an_unknown_message(update, session)
        if (
            not taken_already(update, session)
            and not late_reply_came
            and (session.get(SHOWN_KEY, True) or _pressed_on_current_question(update, session))
        ):
            return await step(update, context)
        if update.callback_query is not None:
            await update.callback_query.answer()
        message = update.message
        text = message.text if message is not None and message.text else ""
        offer = "" if text.startswith("/") else text
        turn = engine.reprompt(
            form, session, form_env(update, context), RECEIVED_NOTE, offer_take=offer
        )
        if late_reply_came and turn.session is not None:
            turn.session.pop(LATE_AFTER_KEY, None)  # it came: one question again is enough
        return await deliver(update, context, turn)

    return take_if_meant


def _pressed_on_current_question(update: Update, session: Session) -> bool:
    """A button of the current question was pressed: the user has seen it, whatever the
    session could commit before the crash."""
    query = update.callback_query
    button = DialogButton.parse(query.data or "") if query is not None else None
    return button is not None and _of_current_question(button, session)


def _of_current_question(button: DialogButton, session: Session) -> bool:
    return button.nonce == str(session.get("nonce")) and _of_this_dialog(button, session)


def _of_this_dialog(button: DialogButton, session: Session) -> bool:
    return button.dialog in ("", engine.dialog_tag(session))  # "": made before dialogs had names


def busy_notice(context: BotContext) -> str:
    """What a button that opens a dialog answers while another dialog is open."""
    current = _current(context)
    return busy_text(current[0].title if current else FILLING)


def current_dialog_title(context: BotContext) -> str | None:
    """The title of the dialog the user has open ("记录拜访"), None if none is."""
    current = _current(context)
    return current[0].title if current else None


def _current(context: BotContext) -> tuple[Form, Session] | None:
    session = (context.user_data or {}).get(SESSION_KEY)
    if not isinstance(session, dict) or session.get("form") not in FORMS:
        return None
    return FORMS[session["form"]], session


async def _lost(update: Update, context: BotContext) -> object:
    if context.user_data is not None:
        context.user_data.pop(SESSION_KEY, None)
    if update.callback_query is not None:
        await update.callback_query.answer(LOST_SESSION, show_alert=True)
    elif update.effective_message is not None:
        await send_reply(update.effective_message, Reply(LOST_SESSION))
    return END


# -- inside a dialog -----------------------------------------------------------------------


async def on_text(update: Update, context: BotContext) -> object:
    current = _current(context)
    message = update.effective_message
    if current is None or message is None or message.text is None:
        return await _lost(update, context)
    form, session = current
    env = form_env(update, context)
    text = message.text
    note = None
    if looks_like_question(text):
        result = context.kb.match(text)
        if result.verdict is Verdict.ANSWER:
            # A norm question mid-dialog: answer it, then ask the step again.
            await send_reply(message, answer_reply(context.kb.kb, result))
            note = question_note(form.title)
    if engine.is_idle(session, env.now):
        # Hours later this is more likely a new message than the answer to the old question.
        note = idle_note(form.title)
    if note is not None:
        # The text is kept at hand, in case it was meant as the step's answer after all.
        turn = engine.reprompt(form, session, env, note, offer_take=text)
        return await deliver(update, context, turn)
    return await deliver(update, context, engine.on_text(form, session, text, env))


async def on_button(update: Update, context: BotContext) -> object:
    query, button = pressed(update, DialogButton)
    current = _current(context)
    if current is None:
        return await _lost(update, context)
    form, session = current
    turn = _choose(context, form, session, button, form_env(update, context))
    await query.answer(turn.notice)
    if _of_current_question(button, session):
        await _mark_chosen(update)
    return await deliver(update, context, turn)


def _choose(
    context: BotContext, form: Form, session: Session, button: DialogButton, env: FormEnv
) -> Turn:
    """engine.on_choice, with saving made idempotent: a dialog whose records were saved
    (even if the bot died before it could say so) is never saved a second time."""
    dialog_id = session.get("id")
    saving = (
        session.get("step") == engine.CONFIRM
        and button.value == engine.SAVE
        and _of_this_dialog(button, session)
    )
    if not saving or not isinstance(dialog_id, str):
        return _on_choice(form, session, button, env)
    store = context.store
    if store.dialog_saved(dialog_id):
        return Turn(None, (Reply(already_saved_text(form.title)),))
    with store.atomic():  # the records and the saved mark commit together
        turn = _on_choice(form, session, button, env)
        if turn.ended:
            store.mark_dialog_saved(dialog_id, env.user_id, env.now)
    return turn


def _on_choice(form: Form, session: Session, button: DialogButton, env: FormEnv) -> Turn:
    return engine.on_choice(form, session, button.nonce, button.value, env, dialog=button.dialog)


async def _mark_chosen(update: Update) -> None:
    """Take the buttons off the answered question and say which one was pressed."""
    query = update.callback_query
    if query is None or not isinstance(query.message, Message):
        return
    markup = query.message.reply_markup
    rows = markup.inline_keyboard if markup else ()
    label = next(
        (button.text for row in rows for button in row if button.callback_data == query.data),
        None,
    )
    text = (query.message.text or "") + (f"\n→ {label}" if label else "")
    try:
        await query.edit_message_text(fit_message(text))
    except TelegramError as error:  # an old message may no longer be editable; that is fine
        logger.debug("could not mark the chosen button: %s", error)


async def on_skip(update: Update, context: BotContext) -> object:
    current = _current(context)
    if current is None:
        return await _lost(update, context)
    form, session = current
    return await deliver(update, context, engine.skip(form, session, form_env(update, context)))


async def on_back(update: Update, context: BotContext) -> object:
    current = _current(context)
    if current is None:
        return await _lost(update, context)
    form, session = current
    return await deliver(update, context, engine.back(form, session, form_env(update, context)))


async def on_cancel(update: Update, context: BotContext) -> object:
    current = _current(context)
    title = current[0].title if current else FILLING
    turn = Turn(None, (Reply(cancelled_text(title)),))
    return await deliver(update, context, turn)


async def on_other_message(update: Update, context: BotContext) -> object:
    """A sticker, photo, voice message … mid-dialog: the step is asked again."""
    current = _current(context)
    if current is None:
        return await _lost(update, context)
    form, session = current
    turn = engine.reprompt(form, session, form_env(update, context), NOT_TEXT_NOTE)
    return await deliver(update, context, turn)


async def on_busy(update: Update, context: BotContext) -> object:
    """Another dialog's command while one is open: finish or cancel the open one first."""
    current = _current(context)
    if current is None:
        return await _lost(update, context)
    form, session = current
    note = busy_text(form.title)
    return await deliver(
        update, context, engine.reprompt(form, session, form_env(update, context), note)
    )


# -- building the handler ------------------------------------------------------------------


def starting(start: Starter) -> Callable[[Update, BotContext], Coroutine[Any, Any, object]]:
    """Wrap a form starter: it returns the first turn, or None when it answered by itself."""

    async def entry(update: Update, context: BotContext) -> object:
        if update.callback_query is not None:
            await update.callback_query.answer()
        turn = await start(update, context)
        if turn is None:
            return END
        return await deliver(update, context, turn)

    return entry


def conversation(
    entry_points: list[BaseHandler[Update, Any, Any]],
) -> ConversationHandler[BotContext]:
    """The one dialog handler; entry points come from the feature modules that start forms."""
    step_handlers: list[BaseHandler[Update, Any, Any]] = [
        CommandHandler("skip", guarded(on_skip)),
        CommandHandler("back", guarded(on_back)),
        # Dialogs run in private chats only (views/commands.py), their starters with them.
        CommandHandler(list(STARTING_COMMANDS), guarded(on_busy), filters=PRIVATE),
        CallbackQueryHandler(guarded(on_button), pattern=DialogButton.matches),
        MessageHandler(filters.TEXT & ~filters.COMMAND, guarded(on_text)),
        MessageHandler(
            ~filters.TEXT & ~filters.COMMAND & ~filters.StatusUpdate.ALL,
            guarded(on_other_message),
        ),
    ]
    states = {
        f"{form.name}:{key}": step_handlers
        for form in FORMS.values()
        for key in [*(step.key for step in form.steps), engine.CONFIRM, engine.EDIT_MENU]
    }
    with warnings.catch_warnings():
        # Buttons are tracked per user and chat on purpose: the dialog's own nonce retires
        # buttons of earlier questions, which is what per_message tracking would be for.
        warnings.filterwarnings("ignore", message=".*per_message.*", category=PTBUserWarning)
        return ConversationHandler(
            entry_points=entry_points,
            states=states,  # type: ignore[arg-type]
            fallbacks=[CommandHandler("cancel", on_cancel)],
            name=DIALOG_NAME,
            persistent=True,
            allow_reentry=False,
        )
