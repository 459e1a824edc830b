"""Add the region's targets for later years and plausibility marks.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "target_value",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("indicator_code", sa.String(16), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("issuer_code", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_target_value"),
        sa.UniqueConstraint("indicator_code", "year", name="uq_target_value_indicator_year"),
        sa.CheckConstraint("value >= 0", name="ck_target_value_target_not_negative"),
    )

    op.create_table(
        "plausibility_mark",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("organisation_code", sa.String(64), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("warning_key", sa.String(200), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("checked_by", sa.String(200), nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("marked_by_code", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_plausibility_mark"),
        sa.UniqueConstraint("organisation_code", "year", "warning_key",
                            name="uq_plausibility_mark_org_year_key"),
    )
    op.create_index("ix_plausibility_mark_organisation_code", "plausibility_mark", ["organisation_code"])


def downgrade() -> None:
    op.drop_index("ix_plausibility_mark_organisation_code", table_name="plausibility_mark")
    op.drop_table("plausibility_mark")
    op.drop_table("target_value")
