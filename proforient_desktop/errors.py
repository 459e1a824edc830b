"""Errors that reach the user.

A ``UserError`` is the user's or the environment's problem: it carries a
Russian message saying what is wrong, where, and what to do, and is shown as
it is. Any other exception is a bug: it goes to the log with its traceback.
"""


class UserError(Exception):
    """A problem the user can fix; ``str(error)`` is the Russian message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInputError(UserError):
    """A value typed or given on the command line is invalid."""


class CatalogError(UserError):
    """The catalogue files are missing or do not pass validation."""


class DatabaseError(UserError):
    """The database cannot be opened, migrated or written."""


class DatabaseBusyError(DatabaseError):
    """Another copy of the application holds the database."""


class NotInitializedError(UserError):
    """The installation has no role and organisation yet."""
