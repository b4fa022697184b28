"""The outbox: messages owed because of a state change, written in the change's transaction.

See :mod:`bot.outbox.store` (the table and its claims) and :mod:`bot.outbox.dispatcher` (the
bounded, retrying job that sends them).
"""
