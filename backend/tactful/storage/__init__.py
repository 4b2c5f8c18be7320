"""Storage: SQLAlchemy models, engine set-up (SQLite by default, PostgreSQL by URL) and migrations."""

from .database import Database, open_database

__all__ = ["Database", "open_database"]
