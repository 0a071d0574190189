"""Django's database backends for the test suite, with a cheaper flush between transactional tests.

After every transactional test (the browser tests, the concurrency tests) Django empties every
table, then its post-migrate handlers put back the content types, the permissions and the staff
roles. Two things made that cost about 1.7 s a test on PostgreSQL:
- TRUNCATE of the ~135 nearly empty tables takes about half a second there (each table gets new
  files); DELETE of the same rows about 35 ms. Every foreign key is checked at commit (DEFERRABLE
  INITIALLY DEFERRED: tests/portal/test_flush.py), so the order of the DELETEs does not matter.
- Re-creating 110 content types and 450 permissions takes about 0.6 s. They are derived from
  the models, the same for every test, and no test changes them: the flush keeps them, and the
  handlers then find them in place. Everything else (users, groups, pages…) is emptied.
Production uses Django's own backends.
"""

# Derived from the models by `migrate` and identical in every test: kept by the flush.
KEPT_BY_FLUSH = {"django_content_type", "auth_permission"}


def flushed(tables):
    return [table for table in tables if table not in KEPT_BY_FLUSH]
