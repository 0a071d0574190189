"""French phone numbers: what a resident may type, what is stored, who can receive texts."""

from django import forms

import pytest

from portal import phones


class PhoneForm(forms.Form):
    phone = phones.PhoneNumberField(label="Téléphone", required=False)


def clean(value):
    form = PhoneForm(data={"phone": value})
    return form.cleaned_data["phone"] if form.is_valid() else form.errors["phone"][0]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("06 12 34 56 78", "+33612345678"),
        ("06.12.34.56.78", "+33612345678"),
        ("06-12-34-56-78", "+33612345678"),
        ("+33 6 12 34 56 78", "+33612345678"),
        ("+33 (0)6 12 34 56 78", "+33612345678"),
        ("0033 6 12 34 56 78", "+33612345678"),
        ("01 23 45 67 89", "+33123456789"),
        ("0690 12 34 56", "+590690123456"),  # Guadeloupe, typed nationally
        ("+590 690 12 34 56", "+590690123456"),
        ("+33 6 90 12 34 56", "+590690123456"),  # the usual mistake for +590
        ("0696 12 34 56", "+596696123456"),  # Martinique
        ("0694 12 34 56", "+594694123456"),  # Guyane
        ("0692 12 34 56", "+262692123456"),  # La Réunion
        ("0639 01 23 45", "+262639012345"),  # Mayotte
        ("0590 12 34 56", "+590590123456"),  # a Guadeloupe landline
        ("+687 75 12 34", "+687751234"),  # Nouvelle-Calédonie, with its code
        ("+689 87 12 34 56", "+68987123456"),  # Polynésie française
        ("+508 55 12 34", "+508551234"),  # Saint-Pierre-et-Miquelon
        ("+681 82 12 34", "+681821234"),  # Wallis-et-Futuna
        ("", ""),
    ],
)
def test_french_numbers_typed_any_usual_way_are_stored_in_e164(typed, stored):
    assert clean(typed) == stored


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("06 12 34 56 7a", "chiffres seulement"),
        ("zéro six douze", "chiffres seulement"),
        ("06+12345678", "chiffres seulement"),
        ("12345", "trop court : un numéro français a 10 chiffres"),
        ("6 12 34 56 78", "trop court"),
        ("1" * 30, "trop long"),
        ("06 12 34 56 78 90", "trop long"),
        ("07 00 00 00 00", "ne correspond à aucun téléphone en France"),
        ("00 00 00 00 00", "ne correspond à aucun téléphone en France"),
        ("0639 80 00 11", "ne correspond à aucun téléphone en France"),  # not allocated in Mayotte
        ("+44 7911 123456", "Seuls les numéros français sont acceptés"),
        ("0032 470 12 34 56", "Seuls les numéros français sont acceptés"),
        ("+1 202 555 0100", "Seuls les numéros français sont acceptés"),
    ],
)
def test_bad_input_gets_a_french_message_that_says_how_to_write_the_number(typed, words):
    message = clean(typed)
    assert words in message
    assert "06 12 34 56 78" in message


def test_a_foreign_number_is_told_to_use_ten_digits_or_the_french_code():
    message = clean("+32 470 12 34 56")
    assert message == (
        "Seuls les numéros français sont acceptés (métropole et outre-mer). Écrivez-le avec 10 chiffres, "
        "par exemple 06 12 34 56 78, ou avec l'indicatif, par exemple +33 6 12 34 56 78."
    )


def test_the_field_is_a_phone_input_with_autocomplete():
    html = str(PhoneForm()["phone"])
    assert 'type="tel"' in html and 'autocomplete="tel"' in html and 'inputmode="tel"' in html


@pytest.mark.parametrize(
    "number",
    ["+33612345678", "07 81 23 45 67", "0690 12 34 56", "0691 28 12 34", "0696 12 34 56", "0697 12 34 56"]
    + ["0694 12 34 56", "0692 12 34 56", "0693 12 34 56", "0639 01 23 45", "+687 75 12 34", "+689 87 12 34 56"],
)
def test_mobiles_of_every_territory_can_receive_texts(number):
    assert phones.is_mobile(number)
    assert phones.mobile_e164(number).startswith("+")


@pytest.mark.parametrize(
    "number",
    ["01 23 45 67 89", "03 53 01 00 00", "09 71 23 45 67", "0800 123 456", "0590 12 34 56", "0262 12 34 56"]
    + ["0639 98 00 11", "+44 7911 123456", "not a number", "", None],
)
def test_landlines_free_numbers_unallocated_and_foreign_numbers_receive_no_text(number):
    # 06 39 98 xx xx is ARCEP's fictional range: a number (the demo's), never a mobile.
    assert not phones.is_mobile(number)
    assert phones.mobile_e164(number) is None


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        ("+33612345678", "06 12 34 56 78"),
        ("0612345678", "06 12 34 56 78"),
        ("+590690123456", "0690 12 34 56"),
        ("+262639012345", "0639 01 23 45"),
        ("+687751234", "+687 75.12.34"),
        ("n'importe quoi", "n'importe quoi"),
    ],
)
def test_numbers_are_shown_the_way_people_dial_them(number, shown):
    assert phones.format_phone(number) == shown


def test_arcep_fictional_mobiles_are_accepted_but_never_texted():
    assert phones.to_e164("06 39 98 00 11") == "+33639980011"
    assert phones.format_phone("+33639980011") == "06 39 98 00 11"
    assert not phones.is_mobile("+33639980011")


def test_stored_numbers_of_the_first_version_come_back_in_e164():
    assert phones.stored_e164("0612345678") == "+33612345678"
    assert phones.stored_e164("0639980011") == "+33639980011"
    assert phones.stored_e164("n'importe quoi") == ""
