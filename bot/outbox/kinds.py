"""The outbox's own kinds of message (importable without aiogram)."""

#: A rendered text message (bot/outbox/senders.py).
TEXT = "text"
#: The notice that tells coordinators about a failed message (never itself told).
NOTICE = "outbox.notice"
