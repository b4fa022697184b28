"""The kinds of outbox message reports owe (importable without aiogram)."""

CARD = "report.card"
REFRESH = "report.refresh"
EVIDENCE = "report.evidence"
TOPIC_CLOSE = "report.topic_close"
