"""Update ids already processed in webhook mode (Telegram re-delivers when it gets no 200)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, Integer, true
from sqlalchemy.orm import Mapped, mapped_column

from bot.db import Base, UtcDateTime


class ProcessedUpdate(Base):
    __tablename__ = "processed_updates"

    bot_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    update_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    processed_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    #: False while a handler holds it (since ``processed_at``), True once handled and committed.
    done: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
