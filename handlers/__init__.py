"""The bot's Telegram face: every handler, registered in priority order."""

from __future__ import annotations

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
    errors,
    export,
    fallback,
    gate,
    letter,
    long_paste,
    norms,
    persisting,
    plan,
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
    ReminderButton,
    ReviewButton,
    SearchPage,
    SettingsPress,
    StaffSwitch,
    TreeButton,
    VisitsButton,
    any_of,
)

PRIVATE = filters.ChatType.PRIVATE
# Commands that show or record customer data: private chats only (company property).
CUSTOMER_DATA_COMMANDS = (
    "visit",
    "plan",
    "letter",
    "bid",
    "customer",
    "visits",
    "export",
    "todo",
    "settings",
    "stats",
    "team",
    "review",  # colleagues' questions may name their customers
    "synonym",
)


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
                CommandHandler("visit", dialog.starting(visit.start_visit), filters=PRIVATE),
                CommandHandler("plan", dialog.starting(plan.start_plan), filters=PRIVATE),
                CallbackQueryHandler(plan.new_plan, pattern=PlanNew.matches),
                CallbackQueryHandler(plan.log_plan, pattern=PlanLog.matches),
                CommandHandler("letter", dialog.starting(letter.start_letter), filters=PRIVATE),
                CallbackQueryHandler(letter.new_letter, pattern=LetterNew.matches),
                CommandHandler("bid", dialog.starting(bid.start_bid), filters=PRIVATE),
                CallbackQueryHandler(bid.new_bid, pattern=BidNew.matches),
                CallbackQueryHandler(bid.summarize, pattern=BidSummary.matches),
                CallbackQueryHandler(
                    dialog.starting(customer.start_profile_edit), pattern=CustomerEdit.matches
                ),
                CallbackQueryHandler(
                    dialog.starting(customer.start_visit_for_customer),
                    pattern=CustomerLog.matches,
                ),
            ]
        )
    )
    add(CommandHandler(list(CUSTOMER_DATA_COMMANDS), fallback.private_only, filters=~PRIVATE))
    add(CommandHandler("customer", customer.show_customer, filters=PRIVATE))
    add(CommandHandler("visits", visit_list.show_visits, filters=PRIVATE))
    add(CommandHandler("export", export.send_export, filters=PRIVATE))
    add(CommandHandler("stats", stats.show_stats, filters=PRIVATE))
    add(CommandHandler("todo", todo.show_todo, filters=PRIVATE))
    add(CommandHandler("settings", settings.show_settings, filters=PRIVATE))
    add(CommandHandler("team", team.show_team, filters=PRIVATE))
    add(CommandHandler("start", start.start))
    add(CommandHandler("help", start.show_help))
    add(CommandHandler("cancel", start.cancel))
    add(CommandHandler("norms", norms.show_catalogue))
    add(CommandHandler("search", norms.search))
    add(CommandHandler("unanswered", admin.list_unanswered))
    add(CommandHandler("reload", admin.reload_knowledge))
    add(CommandHandler("review", review.show_review, filters=PRIVATE))
    add(CommandHandler("synonym", review.teach_synonym, filters=PRIVATE))
    add(CommandHandler("invite", staff.invite, filters=PRIVATE))
    add(CommandHandler("staff", staff.list_staff, filters=PRIVATE))
    add(CommandHandler("handover", staff.ask_handover, filters=PRIVATE))

    # Buttons: each handler takes the data its kind parses (views/button_data.py).
    # Buttons that open a form reach these only while another dialog is open.
    add(CallbackQueryHandler(plan.busy, pattern=any_of(PlanNew, PlanLog)))
    add(CallbackQueryHandler(letter.busy, pattern=LetterNew.matches))
    add(CallbackQueryHandler(bid.busy, pattern=any_of(BidNew, BidSummary)))
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
