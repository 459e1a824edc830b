"""SQLAlchemy models, the database connection and its migrations."""
