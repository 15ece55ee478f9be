"""/visit — start logging a visit (optionally with the customer's name: /visit 华为)."""

from __future__ import annotations

from telegram import Update

from dialogs import engine
from dialogs.engine import Turn
from dialogs.visit_form import VISIT_FORM
from handlers.context import BotContext
from handlers.dialog import form_env
from textinput.normalization import typed_argument


async def start_visit(update: Update, context: BotContext) -> Turn | None:
    env = form_env(update, context)
    turn = engine.begin(VISIT_FORM, env)
    typed = typed_argument(context.args)
    if typed and turn.session is not None:
        # The name came with the command: answer the first step with it straight away.
        return engine.on_text(VISIT_FORM, turn.session, typed, env)
    return turn
