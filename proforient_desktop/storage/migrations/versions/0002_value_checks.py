"""Reject negative counts and activity participant figures in the database.

The application already validates these values; the constraints make the
database refuse them too, whoever writes.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("count_value") as batch:
        batch.create_check_constraint(op.f("ck_count_value_value_not_negative"), "value >= 0")
    with op.batch_alter_table("activity") as batch:
        batch.create_check_constraint(
            op.f("ck_activity_participants_sen_within_total"),
            "participants_sen >= 0 AND participants_sen <= participants_total",
        )


def downgrade() -> None:
    with op.batch_alter_table("activity") as batch:
        batch.drop_constraint("ck_activity_participants_sen_within_total", type_="check")
    with op.batch_alter_table("count_value") as batch:
        batch.drop_constraint("ck_count_value_value_not_negative", type_="check")
