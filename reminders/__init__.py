"""Reminders: planning (deadline in, reminder times out), syncing rows, composing, sending."""
