"""surveys: surveys, question versions, responses, answers, participants, CSV import batches

Revision ID: 0005_surveys
Revises: 0001
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.db

revision: str = "0005_surveys"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = ("surveys",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('surveys',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=40), nullable=False),
    sa.Column('title', sa.JSON(), nullable=False),
    sa.Column('intro', sa.JSON(), nullable=False),
    sa.Column('thanks', sa.JSON(), nullable=True),
    sa.Column('campaign', sa.String(length=64), nullable=True),
    sa.Column('wave', sa.String(length=8), nullable=False),
    sa.Column('pair_slug', sa.String(length=40), nullable=True),
    sa.Column('anonymous', sa.Boolean(), nullable=False),
    sa.Column('audience', sa.JSON(), nullable=False),
    sa.Column('opens_at', bot.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('closes_at', bot.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('salt', sa.String(length=64), nullable=False),
    sa.Column('current_version_id', sa.Integer(), nullable=True),
    sa.Column('source_path', sa.String(length=255), nullable=True),
    sa.Column('created_at', bot.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', bot.db.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_surveys')),
    sa.UniqueConstraint('slug', name=op.f('uq_surveys_slug'))
    )
    op.create_table('survey_import_batches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=255), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('rows_total', sa.Integer(), nullable=False),
    sa.Column('rows_loaded', sa.Integer(), nullable=False),
    sa.Column('rows_duplicate', sa.Integer(), nullable=False),
    sa.Column('rows_rejected', sa.Integer(), nullable=False),
    sa.Column('created_at', bot.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_survey_import_batches_survey_id_surveys'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_import_batches'))
    )
    op.create_index(op.f('ix_survey_import_batches_survey_id'), 'survey_import_batches', ['survey_id'], unique=False)
    op.create_table('survey_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('checksum', sa.String(length=64), nullable=False),
    sa.Column('questions', sa.JSON(), nullable=False),
    sa.Column('created_at', bot.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_survey_versions_survey_id_surveys'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_versions')),
    sa.UniqueConstraint('survey_id', 'number', name=op.f('uq_survey_versions_survey_id'))
    )
    op.create_table('survey_responses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('respondent_key', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('source', sa.String(length=8), nullable=False),
    sa.Column('import_batch_id', sa.Integer(), nullable=True),
    sa.Column('region_code', sa.String(length=16), nullable=True),
    sa.Column('province', sa.String(length=8), nullable=True),
    sa.Column('cohort', sa.String(length=128), nullable=True),
    sa.Column('role', sa.String(length=16), nullable=True),
    sa.Column('position', sa.String(length=32), nullable=True),
    sa.Column('started_at', bot.db.UtcDateTime(timezone=True), nullable=False),
    sa.Column('completed_at', bot.db.UtcDateTime(timezone=True), nullable=True),
    sa.Column('reminded_at', bot.db.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['import_batch_id'], ['survey_import_batches.id'], name=op.f('fk_survey_responses_import_batch_id_survey_import_batches'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_survey_responses_survey_id_surveys'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_survey_responses_user_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['version_id'], ['survey_versions.id'], name=op.f('fk_survey_responses_version_id_survey_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_responses')),
    sa.UniqueConstraint('survey_id', 'respondent_key', name=op.f('uq_survey_responses_survey_id'))
    )
    op.create_index('ix_survey_responses_survey_completed', 'survey_responses', ['survey_id', 'completed_at'], unique=False)
    op.create_index(op.f('ix_survey_responses_user_id'), 'survey_responses', ['user_id'], unique=False)
    op.create_table('survey_answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.String(length=32), nullable=False),
    sa.Column('value', sa.String(length=32), nullable=True),
    sa.Column('num', sa.Float(), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('answered_at', bot.db.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['response_id'], ['survey_responses.id'], name=op.f('fk_survey_answers_response_id_survey_responses'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_answers'))
    )
    op.create_index('ix_survey_answers_response_question', 'survey_answers', ['response_id', 'question_id'], unique=False)
    op.create_index('ix_survey_answers_survey_question', 'survey_answers', ['survey_id', 'question_id', 'value', 'response_id'], unique=False)

    op.create_table('survey_participants',
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_survey_participants_survey_id_surveys'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_survey_participants_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('survey_id', 'user_id', name=op.f('pk_survey_participants'))
    )
    op.create_index(op.f('ix_survey_participants_user_id'), 'survey_participants', ['user_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_survey_participants_user_id'), table_name='survey_participants')
    op.drop_table('survey_participants')
    op.drop_index('ix_survey_answers_survey_question', table_name='survey_answers')
    op.drop_index('ix_survey_answers_response_question', table_name='survey_answers')
    op.drop_table('survey_answers')
    op.drop_index(op.f('ix_survey_responses_user_id'), table_name='survey_responses')
    op.drop_index('ix_survey_responses_survey_completed', table_name='survey_responses')
    op.drop_table('survey_responses')
    op.drop_table('survey_versions')
    op.drop_index(op.f('ix_survey_import_batches_survey_id'), table_name='survey_import_batches')
    op.drop_table('survey_import_batches')
    op.drop_table('surveys')
