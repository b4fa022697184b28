"""Rukun: a Telegram bot for tolerance and democracy networks."""

__version__ = "0.1.0"
