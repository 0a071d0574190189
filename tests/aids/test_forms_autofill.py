"""RGAA 11.13 (WCAG 1.3.5): the commune asked in the aids guide is the person's own town, so the
browser may fill it in (the question path and the listing's "Votre commune" filter)."""

import pytest

from aids.forms import AidFilterForm, QuestionPathForm

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("form_class", [QuestionPathForm, AidFilterForm])
def test_the_commune_of_the_aids_guide_says_its_purpose_for_autofill(form_class):
    assert 'autocomplete="address-level2"' in str(form_class()["commune"])
