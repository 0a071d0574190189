"""RGAA 7.5: the outcome of a booking (confirmation, waiting list, cancellation) is a status message."""

from django.template.loader import render_to_string

import pytest


@pytest.mark.parametrize("status", ["confirmed", "waiting", "pending", "refused", "cancelled"])
def test_the_outcome_of_a_registration_is_a_status_message(status):
    html = render_to_string(
        "events/components/registration_status.html", {"first": {"status": status}, "position": 2, "active": []}
    )

    assert html.count('role="status"') == 1
