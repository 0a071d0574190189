"""Short references that people read aloud on the phone ("RDV-7K3M-Q9", "REG-4FJX-7C").

Random, never sequential (a reference says nothing about how many requests came before or
when), and written with an alphabet without look-alikes: no 0/O, 1/I/L, 5/S, 2/Z, 8/B.
About 2^28 possibilities for 6 characters: callers keep a unique constraint and draw again
on the rare collision (`create_with_reference`).
"""

import secrets

from django.db import IntegrityError, transaction

REFERENCE_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"


def new_reference(prefix, length=6):
    """`PREFIX-XXXX-XX`: `length` random characters of REFERENCE_ALPHABET, split after four."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _i in range(length))
    return f"{prefix}-{chars[:4]}-{chars[4:]}"


def create_with_reference(manager, prefix, attempts=10, **fields):
    """`manager.create(reference=new_reference(prefix), **fields)`, drawing again on a collision.

    Runs in a savepoint per attempt, so a collision does not break the caller's transaction;
    raises IntegrityError after `attempts` collisions (or for any other integrity error).
    """
    for attempt in range(attempts):
        try:
            with transaction.atomic():
                return manager.create(reference=new_reference(prefix), **fields)
        except IntegrityError:
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")
