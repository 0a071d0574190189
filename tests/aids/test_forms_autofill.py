"""RGAA 11.13 (WCAG 1.3.5): the question path's commune is the person's own, the browser may fill it in."""

import pytest

from aids.forms import QuestionPathForm

pytestmark = pytest.mark.django_db


def test_the_commune_of_the_question_path_says_its_purpose_for_autofill():
    html = str(QuestionPathForm()["commune"])
    assert 'autocomplete="address-level2"' in html
