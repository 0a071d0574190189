"""GSM 03.38: which texts stay in one segment, how longer ones are cut, what `prepare` changes."""

import pytest

from portal.sms import gsm


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a" * 160, ("gsm7", 1, 160)),
        ("a" * 161, ("gsm7", 2, 161)),
        ("a" * 306, ("gsm7", 2, 306)),
        ("a" * 307, ("gsm7", 3, 307)),
        ("€" * 80, ("gsm7", 1, 160)),  # two septets each
        ("€" + "a" * 159, ("gsm7", 2, 161)),
        ("éèàùÉÇ@£$¥§¿¡ÄÖÑÜäöñü{}[]~^|\\", ("gsm7", 1, 37)),  # 21 basic + 8 extension
        ("ê" * 70, ("ucs2", 1, 70)),
        ("ê" * 71, ("ucs2", 2, 71)),
        ("ç" + "a" * 133, ("ucs2", 2, 134)),
        ("ç" + "a" * 134, ("ucs2", 3, 135)),
        ("😀" * 35, ("ucs2", 1, 70)),  # a surrogate pair counts two
    ],
)
def test_encoding_and_segments(text, expected):
    assert tuple(gsm.measure(text)) == expected


def test_a_two_part_text_is_cut_between_characters_never_inside_one():
    text = "a" * 152 + "€" + "b" * 10  # "€" would straddle septets 153-154
    pieces = gsm.split(text)
    assert pieces == ["a" * 152, "€" + "b" * 10]
    emoji = "a" * 66 + "😀" + "bbb"  # 71 code units: the pair would straddle units 67-68
    assert gsm.split(emoji) == ["a" * 66, "😀bbb"]


def test_the_gsm7_wire_form_is_one_octet_per_septet_and_the_euro_is_escaped():
    assert gsm.encode_gsm7("@é€ A") == bytes((0x00, 0x05, 0x1B, 0x65, 0x20, 0x41))


def test_prepare_folds_typography_but_keeps_gsm7_accents_as_written():
    assert gsm.prepare("«\u00a0Être parent\u00a0» : l’atelier – mardi…") == '"Être parent" : l\'atelier - mardi...'
    assert gsm.prepare("Réunion à 14h, 5 €, c'est où ?") == "Réunion à 14h, 5 €, c'est où ?"


def test_prepare_keeps_other_accents_when_the_text_fits_anyway():
    assert gsm.prepare("Fête des voisins à l'hôpital") == "Fête des voisins à l'hôpital"


def test_prepare_folds_other_accents_only_when_it_saves_a_segment():
    text = "Rappel : fête des familles jeudi, goûter à 16 h. " * 2
    assert gsm.measure(text.strip()).segments == 2  # UCS-2
    folded = gsm.prepare(text)
    assert folded.startswith("Rappel : fete des familles jeudi, gouter à 16 h.")
    assert gsm.measure(folded) == ("gsm7", 1, 97)
