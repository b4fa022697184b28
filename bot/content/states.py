"""Conversation states of the content feature."""

from aiogram.fsm.state import State, StatesGroup


class AlumniSetup(StatesGroup):
    """After an invite: kabupaten/kota → topics → leaderboard consent."""

    region = State()
    topics = State()
    leaderboard = State()


class ShareLink(StatesGroup):
    """After "Sudah saya bagikan" and a channel: an optional link."""

    link = State()


class Compose(StatesGroup):
    """/konten_baru: post → title → topics → confirm → push to alumni."""

    post = State()
    title = State()
    topics = State()
    confirm = State()
    push = State()
    push_region = State()
