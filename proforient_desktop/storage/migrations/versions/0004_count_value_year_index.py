"""Index a year's counts of every organisation, which consolidation reads.

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_count_value_year_organisation", "count_value",
                    ["year", "organisation_id", "count_code", "value"])


def downgrade() -> None:
    op.drop_index("ix_count_value_year_organisation", table_name="count_value")
