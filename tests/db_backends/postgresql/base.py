"""PostgreSQL for the test suite: DELETE instead of TRUNCATE, content types kept (see tests/db_backends)."""

from django.db.backends.postgresql import base, operations

from tests.db_backends import flushed


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade:
            return super().sql_flush(style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        delete = style.SQL_KEYWORD("DELETE FROM")
        return [f"{delete} {style.SQL_FIELD(self.quote_name(table))};" for table in flushed(tables)]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
