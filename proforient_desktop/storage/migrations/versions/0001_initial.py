"""Create the initial schema.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "municipality",
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("code", name="pk_municipality"),
    )

    op.create_table(
        "organisation",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("name", sa.String(500), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("parent_id", sa.Integer(), sa.ForeignKey("organisation.id", name="fk_organisation_parent_id_organisation")),
        sa.Column("municipality_code", sa.String(64),
                  sa.ForeignKey("municipality.code", name="fk_organisation_municipality_code_municipality")),
        sa.Column("closed_from_year", sa.Integer()),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
        sa.Column("source_package_id", sa.Integer()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_organisation"),
        sa.UniqueConstraint("code", name="uq_organisation_code"),
    )
    op.create_index("ix_organisation_parent_id", "organisation", ["parent_id"])
    op.create_index("ix_organisation_municipality_code", "organisation", ["municipality_code"])

    op.create_table(
        "received_package",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("organisation_id", sa.Integer(),
                  sa.ForeignKey("organisation.id", name="fk_received_package_organisation_id_organisation"),
                  nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("signer_fingerprint", sa.String(128), nullable=False),
        sa.Column("format_version", sa.Integer(), nullable=False),
        sa.Column("catalog_version", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(500), nullable=False),
        sa.Column("sender_created_at", sa.String(40), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_by", sa.String(200), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_received_package"),
        sa.UniqueConstraint("sha256", name="uq_received_package_sha256"),
    )
    op.create_index("ix_received_package_organisation_id", "received_package", ["organisation_id"])
    with op.batch_alter_table("organisation") as batch:
        batch.create_foreign_key("fk_organisation_source_package", "received_package",
                                 ["source_package_id"], ["id"])

    op.create_table(
        "count_value",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("organisation_id", sa.Integer(),
                  sa.ForeignKey("organisation.id", ondelete="CASCADE",
                                name="fk_count_value_organisation_id_organisation"),
                  nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("count_code", sa.String(64), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_count_value"),
        sa.UniqueConstraint("organisation_id", "year", "count_code", name="uq_count_value_org_year_code"),
    )
    op.create_index("ix_count_value_organisation_id", "count_value", ["organisation_id"])

    op.create_table(
        "activity",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uid", sa.String(36), nullable=False),
        sa.Column("organisation_id", sa.Integer(),
                  sa.ForeignKey("organisation.id", ondelete="CASCADE",
                                name="fk_activity_organisation_id_organisation"),
                  nullable=False),
        sa.Column("measure_code", sa.String(16), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("format", sa.String(100), nullable=False),
        sa.Column("participants_total", sa.Integer(), nullable=False),
        sa.Column("participants_sen", sa.Integer(), nullable=False),
        sa.Column("grade_band", sa.String(50), nullable=False),
        sa.Column("partners", sa.Text(), nullable=False),
        sa.Column("publication_url", sa.String(1000), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_activity"),
        sa.UniqueConstraint("uid", name="uq_activity_uid"),
    )
    op.create_index("ix_activity_organisation_id", "activity", ["organisation_id"])

    op.create_table(
        "trusted_key",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("organisation_id", sa.Integer(),
                  sa.ForeignKey("organisation.id", name="fk_trusted_key_organisation_id_organisation"),
                  nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("fingerprint", sa.String(128), nullable=False),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("registered_via", sa.String(40), nullable=False),
        sa.Column("vouched_by_id", sa.Integer(),
                  sa.ForeignKey("organisation.id", name="fk_trusted_key_vouched_by_id_organisation")),
        sa.Column("retired_at", sa.DateTime(timezone=True)),
        sa.Column("retired_reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_trusted_key"),
    )
    op.create_index("ix_trusted_key_organisation_id", "trusted_key", ["organisation_id"])
    op.create_index("ix_trusted_key_fingerprint", "trusted_key", ["fingerprint"])

    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("operator", sa.String(200), nullable=False),
        sa.Column("action", sa.String(50), nullable=False),
        sa.Column("organisation_code", sa.String(64)),
        sa.Column("details", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_entry"),
    )
    op.create_index("ix_audit_entry_at", "audit_entry", ["at"])

    op.create_table(
        "setting",
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_setting"),
    )


def downgrade() -> None:
    for table in ("setting", "audit_entry", "trusted_key", "activity", "count_value"):
        op.drop_table(table)
    with op.batch_alter_table("organisation") as batch:
        batch.drop_constraint("fk_organisation_source_package", type_="foreignkey")
    op.drop_table("received_package")
    op.drop_table("organisation")
    op.drop_table("municipality")
