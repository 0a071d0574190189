"""Every figure of the indicators page against values computed by hand on the `season` fixture."""

from datetime import date

import pytest

from indicators import figures
from indicators.figures import Period

pytestmark = pytest.mark.django_db

YEAR = Period.year(2026)


def keys(section):
    return {figure.label: (figure.current, figure.previous) for figure in section.key_figures}


def table(section, key):
    return {row[0]: row[1:] for row in next(t for t in section.all_tables() if t.key == key).rows}


def series(section):
    return {month.month: value for month, value in section.series[0].points if value}


def test_a_calendar_year_is_compared_with_the_previous_year():
    assert YEAR.previous() == Period(date(2025, 1, 1), date(2025, 12, 31))


def test_any_other_period_is_compared_with_the_same_number_of_days_just_before():
    period = Period(date(2026, 3, 1), date(2026, 3, 31))
    assert period.previous() == Period(date(2026, 1, 29), date(2026, 2, 28))


def test_sessions_that_took_place_by_format_theme_and_commune(season):
    section = figures.sessions_figures(YEAR)
    assert keys(section) == {
        "Séances qui ont eu lieu": (4, 1),
        "Temps ressources différents": (3, 1),
        "Séances annulées": (1, 0),
    }
    assert table(section, "temps-par-format") == {
        "Groupe de parents": [2, 0, 1],
        "Réunion d'information": [1, 1, 0],
        "Atelier": [1, 0, 0],
    }
    assert table(section, "temps-par-theme") == {
        "Parentalité": [3, 1],
        "Accès aux droits": [1, 1],
        "Sans thème": [1, 0],
    }
    assert table(section, "temps-par-commune") == {"Saint-Aubin": [2, 0], "Valmont": [1, 1], "En ligne": [1, 0]}
    assert series(section) == {3: 2, 4: 1, 6: 1}
    assert len(section.series[0].points) == 12


def test_participants_headcount_attendance_and_first_time_participants(season):
    section = figures.participants_figures(YEAR)
    assert keys(section) == {
        "Inscriptions": (5, 1),
        "Personnes inscrites (adultes et enfants)": (10, 1),
        "Taux de présence": (75.0, 100.0),
        "Participants différents": (4, 1),
        "dont venus pour la première fois": (3, 1),
        "dont déjà venus avant": (1, 0),
    }
    assert series(section) == {3: 6, 4: 3, 6: 1}


def test_participants_by_audience_commune_and_channel(season):
    section = figures.participants_figures(YEAR)
    assert table(section, "participants-par-public") == {"Parents": [3, 7, 0, 0], "Tout public": [2, 3, 1, 1]}
    assert table(section, "participants-par-commune") == {
        "Saint-Aubin": [3, 7, 0, 0],
        "Non renseignée": [1, 2, 0, 0],
        "Valmont": [1, 1, 1, 1],
    }
    assert table(section, "participants-par-canal") == {
        "Site internet": [3, 7, 1, 1],
        "Accueil": [1, 2, 0, 0],
        "Téléphone": [1, 1, 0, 0],
    }


def test_diversity_of_the_publics_from_the_optional_answers(season):
    section = figures.participants_figures(YEAR)
    ages = table(section, "participants-age")
    assert ages["26 à 39 ans"] == [1, 0]
    assert ages["60 à 74 ans"] == [1, 0]
    assert ages["40 à 59 ans"] == [0, 1]
    assert ages["Je préfère ne pas répondre"] == [0, 0]
    family = table(section, "participants-famille")
    assert family["Je suis seul ou seule à élever mes enfants"] == [1, 0]
    assert family["Je préfère ne pas répondre"] == [1, 0]
    assert family["Question passée"] == [0, 1]
    assert table(section, "participants-aidants") == {
        "Oui": [1, 0],
        "Non": [1, 0],
        "Je préfère ne pas répondre": [0, 0],
        "Question passée": [0, 1],
    }


def test_needs_expressed(season):
    section = figures.participants_figures(YEAR)
    assert table(section, "participants-besoins") == {
        "Garde d'enfants": [1, 0],
        "Accès adapté": [1, 0],
        "Interprète": [1, 0],
    }


def test_supports_diffused_by_format_theme_and_resource(season):
    section = figures.supports_figures(YEAR)
    assert keys(section) == {
        "Consultations des fiches": (18, 5),
        "Documents téléchargés": (4, 3),
        "Exemplaires papier remis": (20, 5),
        "Total des supports diffusés": (42, 13),
    }
    assert table(section, "supports-par-format") == {
        "Fiche pratique": [16, 4, 20, 40, 13],
        "FALC": [6, 0, 20, 26, 3],
        "Sans format": [2, 0, 0, 2, 0],
    }
    assert table(section, "supports-par-theme") == {
        "Parentalité": [6, 0, 20, 26, 3],
        "Accès aux droits": [10, 4, 0, 14, 10],
        "Sans thème": [2, 0, 0, 2, 0],
    }
    assert table(section, "supports-par-type-de-fichier") == {"PDF": [4, 3]}
    top = next(t for t in section.tables if t.key == "supports-top").rows
    assert top == [
        ["Guide des parents FALC", 6, 0, 20, 26],
        ["Fiche budget", 10, 4, 0, 14],
        ["Annuaire", 2, 0, 0, 2],
    ]
    assert series(section) == {2: 16, 3: 6, 4: 20}


def test_feedback_count_average_and_recent_comments(season):
    section = figures.feedback_figures(YEAR)
    assert keys(section) == {
        "Questionnaires envoyés": (4, 1),
        "Réponses": (3, 1),
        "Taux de réponse": (75.0, 100.0),
        "Utilité moyenne (sur 5)": (4.0, 2.0),
    }
    assert table(section, "avis-utilite") == {
        "5 – très utile": [1, 0],
        "4": [1, 0],
        "3": [1, 0],
        "2": [0, 1],
        "1 – pas utile": [0, 0],
    }
    assert table(section, "avis-reviendrait") == {
        "Oui": [1, 0],
        "Peut-être": [1, 0],
        "Non": [0, 1],
        "Sans réponse": [1, 0],
    }
    comments = next(t for t in section.tables if t.key == "avis-commentaires").rows
    assert sorted(row[3] + row[4] for row in comments) == ["Des idées pour le coucher", "Plus de temps"]


def test_appointment_requests_by_subject_month_status_and_median_handling_time(season):
    section = figures.services_figures(YEAR)
    assert keys(section) == {
        "Demandes de rendez-vous": (5, 4),
        "Délai médian avant la première prise en charge": (15.0, 48.0),
    }
    assert table(section, "rendez-vous-par-objet") == {"Budget": [3, 1], "Logement": [2, 3]}
    statuses = table(section, "rendez-vous-par-statut")
    assert statuses["Nouvelle"] == [1, 0]
    assert statuses["En cours"] == [1, 0]
    assert statuses["Clôturée"] == [3, 3]
    assert statuses["Sans suite"] == [0, 1]
    assert series(section) == {1: 3, 2: 2}


def test_a_shorter_period_counts_only_its_own_days(season):
    march = Period(date(2026, 3, 1), date(2026, 3, 31))
    sessions = figures.sessions_figures(march)
    assert keys(sessions)["Séances qui ont eu lieu"] == (2, 0)
    participants = figures.participants_figures(march)
    # Alice (s1), Bob (s1) and Chloé (s4); Bob came in 2025 already.
    assert keys(participants)["Participants différents"] == (3, 0)
    assert keys(participants)["dont déjà venus avant"] == (1, 0)
    # 29 January – 28 February: R1 10 views + 4 downloads, R3 2 views.
    assert keys(figures.supports_figures(march))["Total des supports diffusés"] == (6, 16)


def test_a_session_still_to_come_is_not_counted_yet(season, frozen_now):
    later = figures.sessions_figures(YEAR, now=frozen_now.replace(month=12, day=31, hour=23))
    assert keys(later)["Séances qui ont eu lieu"] == (5, 1)
