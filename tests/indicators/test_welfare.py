"""The register of vulnerable people in the indicators: anonymous counts from welfare's signals, nothing else."""

from datetime import date

import pytest

from indicators.figures import Period
from indicators.models import CallTally, CampaignRecord, RegisterCount
from indicators.welfare import welfare_figures
from welfare import signals

pytestmark = pytest.mark.django_db

YEAR = Period.year(2027)


def counts(*rows):
    return [{"commune": commune, "ground": ground, "count": count} for commune, ground, count in rows]


def figures(section):
    return {figure.label: (figure.current, figure.previous) for figure in section.key_figures}


def test_the_days_last_counts_replace_its_earlier_ones():
    signals.register_counts_changed.send(sender=None, day=date(2027, 7, 1), counts=counts(("Brécy", "age_65", 3)))
    signals.register_counts_changed.send(sender=None, day=date(2027, 7, 1), counts=counts(("Brécy", "age_65", 4)))

    assert list(RegisterCount.objects.values_list("commune_name", "ground", "count")) == [("Brécy", "age_65", 4)]


def test_people_registered_are_counted_at_the_end_of_each_period():
    signals.register_counts_changed.send(sender=None, day=date(2026, 11, 2), counts=counts(("Brécy", "age_65", 2)))
    signals.register_counts_changed.send(
        sender=None, day=date(2027, 3, 2), counts=counts(("Brécy", "age_65", 3), ("Les Aulnaies", "disability", 1))
    )
    signals.register_counts_changed.send(sender=None, day=date(2028, 1, 5), counts=counts(("Brécy", "age_65", 9)))

    section = welfare_figures(YEAR)

    assert figures(section)["Personnes inscrites au registre (fin de période)"] == (4, 2)
    table = next(table for table in section.tables if table.key == "registre-par-commune")
    assert table.rows == [["Brécy", "65 ans et plus", 3, 2], ["Les Aulnaies", "Adulte handicapé", 1, 0]]


def test_campaigns_and_calls_are_counted_per_period():
    signals.campaign_figures_changed.send(
        sender=None, campaign_id=7, kind="heatwave", starts_on=date(2027, 7, 14), closed_on=None,
        communes=2, listed=3, calls=1, reached=1,
    )  # fmt: skip
    signals.campaign_figures_changed.send(
        sender=None, campaign_id=7, kind="heatwave", starts_on=date(2027, 7, 14), closed_on=date(2027, 7, 19),
        communes=2, listed=3, calls=4, reached=3,
    )  # fmt: skip
    for outcome in ("no_answer", "well", "well", "visit"):
        signals.call_logged.send(sender=None, kind="heatwave", outcome=outcome, day=date(2027, 7, 14))
    signals.call_logged.send(sender=None, kind="cold", outcome="well", day=date(2026, 1, 20))

    section = welfare_figures(YEAR)

    assert CampaignRecord.objects.get().calls == 4 and CallTally.objects.get(outcome="well", kind="heatwave").count == 2
    assert figures(section)["Veilles déclenchées"] == (1, 0)
    assert figures(section)["Appels de veille passés"] == (4, 1)
    campaigns = next(table for table in section.tables if table.key == "registre-veilles")
    assert campaigns.rows == [["Canicule", date(2027, 7, 14), date(2027, 7, 19), 2, 3, 4, 3]]


def test_the_signals_carry_no_person(make_welfare_entry):
    received = []

    def listen(sender, **kwargs):
        received.append(kwargs)

    signals.register_counts_changed.connect(listen)
    try:
        make_welfare_entry()
    finally:
        signals.register_counts_changed.disconnect(listen)

    assert received and set(received[0]) == {"day", "counts", "signal"}
    assert "Quintard" not in str(received)


@pytest.fixture
def make_welfare_entry(django_capture_on_commit_callbacks, home_page):
    """Add one entry through the staff service, the indicators' signal sent after commit."""

    from wagtail.models import Site

    from home.models import Commune
    from welfare.services.entries import add_entry

    def make():
        commune = Commune.objects.create(name="Brécy", slug="brecy")
        answers = {
            "first_name": "Odette",
            "last_name": "Quintard",
            "birth_date": "1940-01-01",
            "ground": "age_65",
            "address": "3 rue des Saules",
            "commune": commune.pk,
            "phone": "+33380123456",
        }
        with django_capture_on_commit_callbacks(execute=True):
            add_entry(
                site=Site.objects.get(is_default_site=True),
                answers=answers,
                user=None,
                channel="phone",
                requester_kind="self",
                agreed=True,
            )

    return make
