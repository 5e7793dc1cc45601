"""The store of saved postings: SQLite, raw bytes kept verbatim beside the parsed fields."""

from rolefit.store.db import Store, default_db_path

__all__ = ["Store", "default_db_path"]
