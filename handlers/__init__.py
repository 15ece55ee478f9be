"""The bot's Telegram face: every handler, registered in priority order."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from handlers import (
    activity,
    admin,
    ask,
    bid,
    customer,
    dialog,
    drafts,
    errors,
    export,
    fallback,
    gate,
    letter,
    long_paste,
    norms,
    persisting,
    plan,
    practice,
    reminder_sync,
    reminders,
    review,
    settings,
    staff,
    start,
    stats,
    team,
    todo,
    visit,
    visit_list,
)
from handlers.context import BotApplication
from views.button_data import (
    BidNew,
    BidSummary,
    BidTick,
    CandidatePick,
    CustomerButton,
    CustomerEdit,
    CustomerLog,
    DraftBidSummary,
    DraftReply,
    DraftThankYou,
    EditSignature,
    Handover,
    LetterDone,
    LetterNew,
    NoneFits,
    NormButton,
    PlanBooked,
    PlanCancel,
    PlanDrop,
    PlanList,
    PlanLog,
    PlanNew,
    PlanNext,
    QuizButton,
    ReminderButton,
    ReviewButton,
    SearchPage,
    SettingsPress,
    StaffSwitch,
    ThankYouSent,
    TreeButton,
    VisitsButton,
    any_of,
)
from views.commands import BY_NAME, private_commands

PRIVATE = filters.ChatType.PRIVATE
Callback = Callable[[Update, Any], Coroutine[Any, Any, object]]


def command(name: str, callback: Callback) -> CommandHandler[Any, object]:
    """The handler of a command of the table (views/commands.py): one that shows or records
    customer or staff data takes it in private chats only."""
    described = BY_NAME[name]  # a command the table does not describe is a mistake here
    return CommandHandler(name, callback, filters=PRIVATE if described.private else None)


def register(application: BotApplication) -> None:
    """Add all handlers. Note: order matters — the first matching handler in a group wins."""
    add = application.add_handler
    # One INFO line per update (who, what kind; never the text), before anything may stop it.
    add(TypeHandler(Update, activity.log_update), group=-3)
    # The door: only active staff get past it, and only to what their role allows.
    add(TypeHandler(Update, gate.admit), group=-2)
    # The tail of a long paste is refused with its head, before a dialog or a question takes it.
    add(MessageHandler(filters.TEXT, long_paste.refuse_tail_of_long_paste), group=-1)
    # The guided dialogs come first: while one is open, its text and buttons belong to it.
    add(
        dialog.conversation(
            [
                command("visit", dialog.starting(visit.start_visit)),
                command("plan", dialog.starting(plan.start_plan)),
                CallbackQueryHandler(plan.new_plan, pattern=PlanNew.matches),
                CallbackQueryHandler(plan.log_plan, pattern=PlanLog.matches),
                command("letter", dialog.starting(letter.start_letter)),
                CallbackQueryHandler(letter.new_letter, pattern=LetterNew.matches),
                command("bid", dialog.starting(bid.start_bid)),
                CallbackQueryHandler(bid.new_bid, pattern=BidNew.matches),
                CallbackQueryHandler(bid.summarize, pattern=BidSummary.matches),
                CallbackQueryHandler(
                    dialog.starting(customer.start_profile_edit), pattern=CustomerEdit.matches
                ),
                CallbackQueryHandler(
                    dialog.starting(customer.start_visit_for_customer),
                    pattern=CustomerLog.matches,
                ),
                CallbackQueryHandler(
                    dialog.starting(drafts.start_signature), pattern=EditSignature.matches
                ),
                CallbackQueryHandler(
                    dialog.starting(drafts.start_reply), pattern=DraftReply.matches
                ),
                CallbackQueryHandler(
                    dialog.starting(drafts.start_next_plan), pattern=PlanNext.matches
                ),
            ]
        )
    )
    # In a group, a command for private chats points there (company property, 1.2.5-01).
    add(CommandHandler(private_commands(), fallback.private_only, filters=~PRIVATE))
    add(command("customer", customer.show_customer))
    add(command("visits", visit_list.show_visits))
    add(command("export", export.send_export))
    add(command("stats", stats.show_stats))
    add(command("todo", todo.show_todo))
    add(command("settings", settings.show_settings))
    add(command("quiz", practice.quiz))
    add(command("level", practice.set_level))
    add(command("team", team.show_team))
    add(command("start", start.start))
    add(command("help", start.show_help))
    add(command("cancel", start.cancel))
    add(command("norms", norms.show_catalogue))
    add(command("search", norms.search))
    add(command("unanswered", admin.list_unanswered))
    add(command("reload", admin.reload_knowledge))
    add(command("review", review.show_review))
    add(command("synonym", review.teach_synonym))
    add(command("invite", staff.invite))
    add(command("staff", staff.list_staff))
    add(command("handover", staff.ask_handover))

    # Buttons: each handler takes the data its kind parses (views/button_data.py).
    # Buttons that open a form reach these only while another dialog is open.
    add(CallbackQueryHandler(plan.busy, pattern=any_of(PlanNew, PlanLog)))
    add(CallbackQueryHandler(letter.busy, pattern=LetterNew.matches))
    add(CallbackQueryHandler(bid.busy, pattern=any_of(BidNew, BidSummary)))
    add(CallbackQueryHandler(drafts.busy, pattern=any_of(EditSignature, DraftReply, PlanNext)))
    add(CallbackQueryHandler(drafts.draft_thank_you, pattern=DraftThankYou.matches))
    add(CallbackQueryHandler(drafts.thank_you_sent, pattern=ThankYouSent.matches))
    add(CallbackQueryHandler(drafts.draft_bid_summary, pattern=DraftBidSummary.matches))
    add(CallbackQueryHandler(plan.ask_cancel, pattern=PlanCancel.matches))
    add(CallbackQueryHandler(plan.cancel_plan, pattern=PlanDrop.matches))
    add(CallbackQueryHandler(plan.confirm_booking, pattern=PlanBooked.matches))
    add(CallbackQueryHandler(plan.show_list, pattern=PlanList.matches))
    add(CallbackQueryHandler(letter.mark_answered, pattern=LetterDone.matches))
    add(CallbackQueryHandler(bid.tick, pattern=BidTick.matches))
    add(CallbackQueryHandler(customer.on_button, pattern=CustomerButton.matches))
    add(CallbackQueryHandler(visit_list.on_button, pattern=VisitsButton.matches))
    add(CallbackQueryHandler(reminders.on_button, pattern=ReminderButton.matches))
    add(CallbackQueryHandler(settings.on_button, pattern=SettingsPress.matches))
    add(CallbackQueryHandler(staff.switch_member, pattern=StaffSwitch.matches))
    add(CallbackQueryHandler(staff.hand_over, pattern=Handover.matches))
    add(CallbackQueryHandler(norms.browse, pattern=TreeButton.matches))
    add(CallbackQueryHandler(norms.open_norm, pattern=NormButton.matches))
    add(CallbackQueryHandler(norms.turn_search_page, pattern=SearchPage.matches))
    add(CallbackQueryHandler(ask.pick_candidate, pattern=CandidatePick.matches))
    add(CallbackQueryHandler(ask.none_matched, pattern=NoneFits.matches))
    add(CallbackQueryHandler(review.on_button, pattern=ReviewButton.matches))
    add(CallbackQueryHandler(practice.on_button, pattern=QuizButton.matches))
    # Any other button is malformed, forged, or of a dialog no longer open: refused here.
    add(CallbackQueryHandler(fallback.stale_button))

    # Commands we don't know must come before free text, or they'd be taken as questions.
    add(MessageHandler(filters.COMMAND, fallback.unknown_command))
    add(MessageHandler(filters.TEXT, ask.ask))
    add(MessageHandler(filters.ChatType.PRIVATE & ~filters.TEXT, fallback.not_text))

    # After every update, write what changed to the database at once, so a crash right after
    # a dialog step loses nothing (PTB's own interval would leave up to a minute at risk).
    add(TypeHandler(Update, persisting.save_now), group=1)
    # Then re-plan the user's reminders if the update changed their records or settings.
    add(TypeHandler(Update, reminder_sync.resync_after_update), group=2)

    application.add_error_handler(errors.on_error)
