"""SQLite for the test suite: content types and permissions kept by the flush (see tests/db_backends)."""

from django.db.backends.sqlite3 import base, operations

from tests.db_backends import flushed


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade:
            return super().sql_flush(style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        return super().sql_flush(style, flushed(tables))


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
