"""References read on the phone: random, unique, without look-alike characters."""

import pytest

from portal.references import REFERENCE_ALPHABET, create_with_reference, new_reference

pytestmark = pytest.mark.django_db


def test_references_use_the_whole_alphabet_and_almost_never_repeat():
    draws = [new_reference("REG") for _i in range(2000)]

    assert all(draw.startswith("REG-") and len(draw) == 11 for draw in draws)
    assert len(set(draws)) >= 1990
    for position in (4, 5, 6, 7, 9, 10):
        assert {draw[position] for draw in draws} == set(REFERENCE_ALPHABET)
    assert not set("0O1IL5S2Z8B") & set(REFERENCE_ALPHABET)


def test_a_collision_draws_again(monkeypatch, make_entry_args):
    from portal import references
    from welfare.models import RegisterEntry

    RegisterEntry.objects.create(reference="REG-AAAA-AA", **make_entry_args())
    draws = iter(["REG-AAAA-AA", "REG-CCCC-CC"])
    monkeypatch.setattr(references, "new_reference", lambda prefix: next(draws))

    entry = create_with_reference(RegisterEntry.objects, "REG", **make_entry_args())

    assert entry.reference == "REG-CCCC-CC"


@pytest.fixture
def make_entry_args(site):
    from home.models import Commune

    commune = Commune.objects.create(name="Brécy", slug="brecy")

    def make():
        return {
            "site": site,
            "token_key": "k",
            "token_hash": "h",
            "first_name": "A",
            "last_name": "B",
            "birth_date": "1940-01-01",
            "ground": "age_65",
            "address": "1 rue",
            "commune": commune,
            "phone": "+33380123456",
        }

    return make
