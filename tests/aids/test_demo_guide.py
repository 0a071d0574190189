"""The aids guide on the demo: the question path case by case, the calculator, the links, nothing stored."""

import html
import re

from django.apps import apps
from django.test import Client

import pytest

from aids.eligibility import Answers, Criteria, Verdict, assess
from aids.models import AidPage
from appointments.models import AppointmentSubject
from home.models import Commune
from indicators.models import AidTally
from portal.logging import scrub

pytestmark = pytest.mark.django_db

PATH = "/aides/quelles-aides-pour-moi/"
CALCULATOR = "/aides/quotient-familial/"
RESIDENT = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"}
# "65 ans, seul·e, Brécy": living alone, without children, in Brécy-la-Rivière.
SENIOR_IN_BRECY = {"commune": "brecy-la-riviere", "age": "65", "couple": "non", "enfants": "0"}


def text(response):
    """The visible text of the main content, tags removed and spaces collapsed."""
    content = response.content.decode()
    main = content[content.index("<main") : content.index("</main>")]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", main)).split())


def titles_in(response, heading):
    """The aid titles listed in the section opened by `heading` on the results page."""
    content = response.content.decode()
    start = content.find(heading)
    if start < 0:
        return []
    end = content.find("</section>", start)
    return [
        html.unescape(title) for title in re.findall(r'class="card__link" href="[^"]+">([^<]+)</a>', content[start:end])
    ]


def row_counts():
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def demo_verdict(slug, **answers):
    page = AidPage.objects.prefetch_related("communes", "statuses").get(slug=slug)
    return assess(Criteria.of(page), Answers(**answers)).verdict


# --- The question path --------------------------------------------------------------------------


def test_65_years_old_alone_in_brecy_gets_the_aids_that_fit_and_none_that_exclude_them(demo_site, client):
    response = client.get(PATH, {**SENIOR_IN_BRECY, "etape": "resultats"})

    assert response.status_code == 200
    assert titles_in(response, "Ces aides correspondent") == ["Microcrédit personnel"]
    assert titles_in(response, "à vérifier avec nous") == ["Aide à l'énergie", "Aide d'urgence", "Épicerie solidaire"]
    page_text = text(response)
    for excluded in ("Bourse au permis de conduire", "Jardins familiaux", "Aide aux loisirs des enfants"):
        assert excluded not in page_text
    assert "3 autres aides ne correspondent pas à vos réponses" in page_text
    assert "À vérifier avec nous : avoir un quotient familial de 650 € au plus" in page_text
    assert "Commune Brécy-la-Rivière Modifier : Commune Âge 65 ans Modifier : Âge" in page_text
    assert "Vous vivez seul·e Modifier : Vous vivez Enfants aucun enfant" in page_text


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("aide-d-urgence", Verdict.MAYBE),  # quotient ceiling, not answered
        ("aide-d-urgence-facile-a-lire", Verdict.MAYBE),
        ("microcredit-personnel", Verdict.MATCH),  # 18 and over, anywhere
        ("epicerie-solidaire", Verdict.MAYBE),
        ("bourse-au-permis-de-conduire", Verdict.NO),  # 18 to 25
        ("jardins-familiaux", Verdict.NO),  # not in Brécy
        ("aide-aux-loisirs-des-enfants", Verdict.NO),  # families with children
        ("aide-a-l-energie", Verdict.MAYBE),
    ],
)
def test_each_demo_aid_for_65_years_old_alone_in_brecy(demo_site, slug, expected):
    brecy = Commune.objects.get(slug="brecy-la-riviere")
    assert demo_verdict(slug, commune=brecy.pk, age=65, couple=False, children=0) == expected


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("aide-d-urgence", Verdict.MATCH),
        ("microcredit-personnel", Verdict.MATCH),
        ("epicerie-solidaire", Verdict.NO),  # 620 > 600
        ("bourse-au-permis-de-conduire", Verdict.MATCH),  # 22, student, 620 ≤ 1,000
        ("jardins-familiaux", Verdict.MATCH),  # Saint-Aubin has gardens
        ("aide-aux-loisirs-des-enfants", Verdict.NO),
        ("aide-a-l-energie", Verdict.MATCH),
    ],
)
def test_each_demo_aid_for_a_student_of_22_in_saint_aubin_with_a_quotient_of_620(demo_site, slug, expected):
    from aids.models import AidStatus

    commune = Commune.objects.get(slug="saint-aubin-des-vallons")
    student = AidStatus.objects.get(slug="etudiant")
    answers = {"commune": commune.pk, "age": 22, "couple": False, "children": 0, "statuses": frozenset({student.pk})}
    assert demo_verdict(slug, **answers, quotient=620) == expected


def test_a_single_mother_of_two_with_a_quotient_of_480_gets_the_leisure_aid(demo_site, client):
    response = client.get(
        PATH,
        {
            "commune": "les-aulnaies",
            "age": "34",
            "couple": "non",
            "enfants": "2",
            "quotient": "480",
            "etape": "resultats",
        },
    )
    assert "Aide aux loisirs des enfants" in titles_in(response, "Ces aides correspondent")
    assert "Épicerie solidaire" in titles_in(response, "Ces aides correspondent")


def test_every_step_works_without_javascript_and_carries_the_earlier_answers(demo_site, client):
    first = client.get(PATH)
    assert "Question 1 sur 5" in text(first)
    assert 'name="etape" value="2"' in first.content.decode()

    third = client.get(PATH, {"commune": "brecy-la-riviere", "age": "65", "etape": "3"})
    content = third.content.decode()
    assert "Question 3 sur 5" in text(third)
    assert '<input type="hidden" name="commune" value="brecy-la-riviere">' in content
    assert '<input type="hidden" name="age" value="65">' in content
    assert 'name="couple"' in content and 'name="enfants"' in content


def test_skipping_every_question_still_gives_results(demo_site, client):
    response = client.get(PATH, {"etape": "resultats"})
    assert titles_in(response, "Ces aides correspondent") == []
    assert len(titles_in(response, "à vérifier avec nous")) == 7  # every aid but the FALC twin, all to check


def test_a_wrong_answer_shows_its_step_again_with_a_french_error(demo_site, client):
    response = client.get(PATH, {"commune": "brecy-la-riviere", "age": "soixante", "etape": "resultats"})
    page_text = text(response)
    assert "Question 2 sur 5" in page_text
    assert "Il y a un problème" in page_text
    assert "Écrivez votre âge en chiffres, par exemple 65." in page_text
    assert client.get(PATH, {"commune": "nulle-part", "etape": "2"}).status_code == 200


def test_the_path_and_the_calculator_set_no_cookie_and_write_no_row(demo_site):
    client = Client(enforce_csrf_checks=True)
    before = row_counts()
    responses = [
        client.get(PATH, **RESIDENT),
        *(client.get(PATH, {**SENIOR_IN_BRECY, "etape": str(step)}, **RESIDENT) for step in range(1, 6)),
        client.get(CALCULATOR, **RESIDENT),
        client.get(CALCULATOR, {"revenus": "24000", "prestations": "200", "couple": "oui", "enfants": "2"}, **RESIDENT),
        client.get(CALCULATOR, {"revenus": "-3"}, **RESIDENT),
    ]
    results = client.get(PATH, {**SENIOR_IN_BRECY, "etape": "resultats"}, **RESIDENT)
    after = row_counts()

    for response in [*responses, results]:
        assert response.status_code == 200
        assert not response.cookies, response.cookies
        assert "no-store" in response["Cache-Control"]
        assert "noindex" in response["X-Robots-Tag"]
        assert "Nous n'enregistrons rien" in text(response)
    assert not client.cookies
    # A completed path is counted (one anonymous +1 on the day's counter), nothing else is written.
    assert {label: after[label] - before[label] for label in after if after[label] != before[label]} == {
        "indicators.AidTally": 1
    }
    tally = AidTally.objects.get(kind=AidTally.Kind.PATH)
    assert tally.count == 1 and tally.aid_id == 0


def test_the_answers_never_reach_the_logs(demo_site):
    line = (
        '"GET /aides/quelles-aides-pour-moi/?commune=brecy-la-riviere&age=65&couple=non&etape=resultats HTTP/1.1" 200'
    )
    assert scrub(line).endswith('?[…] HTTP/1.1" 200')
    for answer in ("brecy", "65", "couple", "resultats"):
        assert answer not in scrub(line)


# --- The calculator -----------------------------------------------------------------------------


def test_the_calculator_gives_the_caf_quotient_and_the_price_of_each_grid(demo_site, client):
    response = client.get(CALCULATOR, {"revenus": "24 000", "prestations": "200", "couple": "oui", "enfants": "2"})
    page_text = text(response)
    assert "Votre quotient familial estimé : 733 €" in page_text
    assert "divisé par 3 parts = 733 €" in page_text
    assert "Sans valeur contractuelle." in page_text
    assert "Ateliers et sorties 2 € par personne et par séance" in page_text
    assert "Séjours et vacances en famille 25 € par personne et par jour" in page_text
    assert "Jardins familiaux 35 € par an" in page_text


@pytest.mark.parametrize(
    ("income", "message"),
    [
        ("0", "Écrivez un revenu supérieur à 0 €"),
        ("-1200", "Un montant ne peut pas être négatif."),
        ("vingt mille", "Écrivez un montant en chiffres, par exemple 24000 ou 24 000,50."),
        ("12e4", "Écrivez un montant en chiffres"),
        ("999999999999999999999", "Ce montant paraît trop élevé"),
        ("", "Écrivez les revenus imposables de votre foyer sur un an."),
    ],
)
def test_a_bad_income_gets_a_french_error_and_no_result(demo_site, client, income, message):
    response = client.get(CALCULATOR, {"revenus": income, "couple": "oui", "enfants": "2"})
    page_text = text(response)
    assert response.status_code == 200
    assert "Il y a un problème" in page_text
    assert message in page_text
    assert "Votre quotient familial estimé" not in page_text


def test_more_disabled_children_than_children_is_refused(demo_site, client):
    response = client.get(CALCULATOR, {"revenus": "24000", "couple": "non", "enfants": "1", "enfants_handicapes": "2"})
    assert "ne peut pas dépasser le nombre d'enfants à charge" in text(response)
    assert client.get(CALCULATOR, {"revenus": "24000", "couple": "peut-etre", "enfants": "-1"}).status_code == 200


def test_the_parts_rules_chosen_in_the_settings_change_the_result(demo_site, client):
    from aids.models import QuotientSettings

    settings = QuotientSettings.for_site(demo_site)
    settings.parts_couple = 3
    settings.save()
    response = client.get(CALCULATOR, {"revenus": "24000", "prestations": "200", "couple": "oui", "enfants": "2"})
    assert "Votre quotient familial estimé : 550 €" in text(response)  # 2,200 / 4
    assert "Couple 3" in text(response)


def test_the_calculator_result_leads_back_to_the_question_path_with_the_answers(demo_site, client):
    step = client.get(PATH, {**SENIOR_IN_BRECY, "etape": "5"}).content.decode()
    link = html.unescape(re.search(r'href="(/aides/quotient-familial/\?parcours=[^"]+)"', step).group(1))
    result = client.get(link + "&revenus=6000&couple=non&enfants=0")  # 500 € a month, 1 part
    back = html.unescape(re.search(r'href="(/aides/quelles-aides-pour-moi/\?[^"]+)"', result.content.decode()).group(1))
    assert "Revenir à « Quelles aides pour moi ? » avec ce quotient" in text(result)
    final = client.get(back)
    assert "Aide d'urgence" in titles_in(final, "Ces aides correspondent")  # nothing left to check
    assert titles_in(final, "à vérifier avec nous") == []


# --- The pages, the links and the counts --------------------------------------------------------


def test_the_listing_filters_by_commune_situation_and_keyword(demo_site, client):
    everything = text(client.get("/aides/"))
    assert "7 aides." in everything  # the FALC twin is reached from its aid's card
    brecy = text(client.get("/aides/", {"commune": "brecy-la-riviere"}))
    assert "Jardins familiaux" not in brecy and "Aide à l'énergie" in brecy
    retired = text(client.get("/aides/", {"situation": "retraite"}))
    assert "Bourse au permis de conduire" not in retired
    search = text(client.get("/aides/", {"q": "permis"}))
    assert "1 aide pour cette sélection" in search and "Bourse au permis de conduire" in search


def test_each_aid_page_links_to_the_pre_request_with_its_subject_chosen(demo_site, client):
    for page in AidPage.objects.live().select_related("appointment_subject"):
        content = client.get(page.url).content.decode()
        assert f'href="/rendez-vous/?sujet={page.appointment_subject.slug}"' in content, page.slug
    form = client.get("/rendez-vous/", {"sujet": "emploi-insertion"}).content.decode()
    subject = AppointmentSubject.objects.get(slug="emploi-insertion")
    assert f'<option value="{subject.pk}" selected>' in form


def test_an_aid_page_shows_its_criteria_documents_partner_and_twin(demo_site, client):
    page_text = text(client.get("/aides/bourse-au-permis-de-conduire/"))
    assert "Avoir entre 18 et 25 ans" in page_text
    assert "Le devis de l'auto-école" in page_text
    assert "Mission locale des Vallons" in page_text
    assert "Commission tous les deux mois" in page_text
    urgent = client.get("/aides/aide-d-urgence/").content.decode()
    assert 'href="/aides/aide-d-urgence-facile-a-lire/"' in urgent


def test_an_event_with_a_grid_shows_the_price_by_quotient_and_the_calculator(demo_site, client):
    content = client.get("/agenda/atelier-cuisine-petit-budget/").content.decode()
    assert "Tarif selon votre quotient familial : de 0,50 € à 3 € par personne et par séance" in content
    assert f'href="{CALCULATOR}"' in content


def test_home_resources_search_and_sitemap_lead_to_the_aids(demo_site, client):
    assert 'href="/aides/"' in client.get("/").content.decode()
    resource = client.get("/ressources/l-epicerie-solidaire/").content.decode()
    assert 'href="/aides/epicerie-solidaire/"' in resource
    partner = client.get("/annuaire/epicerie-solidaire-le-panier-des-vallons/").content.decode()
    assert 'href="/aides/epicerie-solidaire/"' in partner
    assert "Épicerie solidaire" in text(client.get("/recherche/", {"q": "épicerie"}))
    assert "/aides/aide-a-l-energie/" in client.get("/sitemap.xml").content.decode()


def test_aid_page_views_are_counted_without_robots_or_previews(demo_site, client):
    page = AidPage.objects.get(slug="aide-a-l-energie")
    client.get(page.url, **RESIDENT)
    client.get(page.url, **RESIDENT)
    client.get(page.url, HTTP_USER_AGENT="Googlebot/2.1")
    assert AidTally.objects.get(kind=AidTally.Kind.VIEW, aid_id=page.pk).count == 2


def test_the_indicators_show_the_aids_section_but_not_on_the_board_summary(demo_site, client):
    from django.utils import timezone

    from indicators.figures import Period, all_sections

    page = AidPage.objects.get(slug="aide-a-l-energie")
    client.get(page.url, **RESIDENT)
    client.get(PATH, {"etape": "resultats"}, **RESIDENT)
    section = next(s for s in all_sections(Period.year(timezone.localdate().year)) if s.key == "aides")
    assert not section.key_figures  # table only: the one-page summary lists sections with key figures
    views, paths = section.tables
    assert ["Aide à l'énergie", 1, 0] in views.rows
    assert paths.rows == [["Résultats affichés", 1, 0]]
