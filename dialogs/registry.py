"""Every guided form by name: the session names its form, the conversation lists their steps."""

from __future__ import annotations

from dialogs.bid_form import BID_FORM, BID_SUMMARY_FORM
from dialogs.engine import Form
from dialogs.letter_form import LETTER_FORM
from dialogs.plan_form import PLAN_FORM
from dialogs.profile_form import PROFILE_FORM
from dialogs.reply_form import REPLY_FORM
from dialogs.signature_form import SIGNATURE_FORM
from dialogs.visit_form import VISIT_FORM
from views.commands import dialog_commands

FORMS: dict[str, Form] = {
    form.name: form
    for form in (
        VISIT_FORM,
        PLAN_FORM,
        LETTER_FORM,
        BID_FORM,
        BID_SUMMARY_FORM,
        PROFILE_FORM,
        SIGNATURE_FORM,
        REPLY_FORM,
    )
}

# Commands that start a dialog (views/commands.py); typed while another is open, they get
# "finish that first".
STARTING_COMMANDS = tuple(dialog_commands())
