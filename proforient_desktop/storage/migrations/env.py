"""Alembic environment: runs on the connection the application hands over."""

from alembic import context

from proforient_desktop.storage.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER constraints; batch mode copies the table instead.
    render_as_batch=True,
    transaction_per_migration=False,
)
context.run_migrations()
