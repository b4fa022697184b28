"""The Telegram edge of reports: handlers, keyboards, texts and conversation states."""
