"""The RGAA audit grid: complete and valid, its rate computed the RGAA way, shown on the statement."""

import datetime
import json

from django.utils.formats import date_format

import pytest

from home.rgaa import AUDIT_DIR, AuditDataError, _read_csv, build_audit, load_audit
from tests.factories import StandardPageFactory

CRITERIA = [
    {"criterion": c, "theme_number": "1", "theme": "Images", "title": f"Critère {c}"} for c in ("1.1", "1.2", "1.3")
]
PAGES = [{"page": "home", "title": "Accueil", "url": "/"}, {"page": "form", "title": "Formulaire", "url": "/f/"}]


def row(criterion, page, status, reason=""):
    return {"criterion": criterion, "page": page, "status": status, "reason": reason}


def test_the_grid_assesses_every_criterion_on_every_page_of_the_sample():
    audit = load_audit()
    criteria = _read_csv("criteria.csv")
    pages = [page["page"] for page in _read_csv("sample.csv")]

    assert len(criteria) == 106
    assert len(audit.cells) == 106 * len(pages)
    for cell in audit.cells.values():
        assert cell.status in ("C", "NC", "NA")
        assert cell.status == "C" or len(cell.reason) > 10, (cell.page, cell.criterion)
    required = {"home", "agenda-list", "agenda-month", "event", "registration-form", "registration-errors"}
    required |= {"registration-confirmation", "registration-manage", "resources-list", "resource", "document"}
    required |= {"resource-easy-read", "partners-list", "appointment-form", "appointment-errors", "appointment-check"}
    required |= {"appointment-confirmation", "appointment-status", "login", "signup", "my-space", "accessibility"}
    required |= {"site-map", "search-results"}
    assert required <= set(pages)


def test_a_criterion_is_not_conforme_if_one_page_fails_and_not_applicable_only_if_none_applies():
    rows = [row("1.1", "*", "C"), row("1.1", "form", "NC", "Alternative absente.")]
    rows += [row("1.2", "*", "NA", "Aucune image."), row("1.3", "*", "NA", "Aucune image."), row("1.3", "form", "C")]
    audit = build_audit(CRITERIA, PAGES, rows)

    assert audit.by_criterion == {"1.1": "NC", "1.2": "NA", "1.3": "C"}
    assert (audit.count_c, audit.count_nc, audit.count_na, audit.applicable) == (1, 1, 1, 2)
    assert str(audit.rate) == "50.0"
    assert str(audit.status) == "partiellement conforme"
    assert [(criterion["criterion"], [c.page for c in cells]) for criterion, cells in audit.non_conformities()] == [
        ("1.1", ["form"])
    ]
    assert str(audit.page_rate("form")) == "50.0" and str(audit.page_rate("home")) == "100.0"


def test_the_rate_is_rounded_down_so_that_it_never_shows_100_with_a_non_conformity():
    criteria = [{**CRITERIA[0], "criterion": f"9.{n}"} for n in range(1, 1001)]
    rows = [row(c["criterion"], "*", "C") for c in criteria[:-1]] + [row("9.1000", "*", "NC", "Un défaut.")]
    audit = build_audit(criteria, PAGES, rows)

    assert str(audit.rate) == "99.9"
    assert str(audit.status) == "partiellement conforme"


def test_totalement_conforme_only_at_100_and_non_conforme_below_half():
    full = build_audit(CRITERIA, PAGES, [row(c["criterion"], "*", "C") for c in CRITERIA])
    low = build_audit(CRITERIA, PAGES, [row(c["criterion"], "*", "NC", "Un défaut.") for c in CRITERIA])

    assert (str(full.rate), str(full.status)) == ("100.0", "totalement conforme")
    assert (str(low.rate), str(low.status)) == ("0.0", "non conforme")


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([row("1.1", "*", "C"), row("1.2", "*", "C")], "1.3 is not assessed on home"),
        ([row("1.1", "*", "NA"), row("1.2", "*", "C"), row("1.3", "*", "C")], "NA without a reason"),
        ([row("1.1", "*", "NC"), row("1.2", "*", "C"), row("1.3", "*", "C")], "NC without a reason"),
        ([row("1.1", "*", "OK"), row("1.2", "*", "C"), row("1.3", "*", "C")], "is not C, NC or NA"),
        ([row("1.1", "nowhere", "C")], "not in the sample"),
        ([row("4.1", "*", "C")], "unknown criterion"),
        ([row("1.1", "*", "C"), row("1.1", "*", "C")], "given twice"),
    ],
)
def test_an_incomplete_or_malformed_grid_is_refused(rows, message):
    with pytest.raises(AuditDataError, match=message):
        build_audit(CRITERIA, PAGES, rows)


def test_the_files_are_the_ones_in_the_repository():
    assert (AUDIT_DIR / "grid.csv").exists() and (AUDIT_DIR / "sample.csv").exists()
    assert isinstance(load_audit().meta["date"], datetime.date)


@pytest.fixture
def statement(home_page, site_settings):
    blocks = [{"type": "paragraph", "value": "<p>Engagement.</p>"}, {"type": "accessibility_audit", "value": None}]
    body = json.dumps(blocks)
    page = StandardPageFactory(parent=home_page, title="Accessibilité", slug="accessibilite", body=body)
    site_settings.accessibility_page = page
    site_settings.save()
    return page


def test_the_statement_shows_the_computed_rate_status_date_tools_and_recourse(client, statement):
    audit = load_audit()
    html = client.get("/accessibilite/").content.decode()

    assert f"<strong>{audit.status}</strong> avec le référentiel général" in html
    assert f"<strong>{str(audit.rate).replace('.', ',')} %</strong> des critères du RGAA 4.1.2 sont respectés" in html
    assert f"{audit.count_c} critères conformes sur {audit.applicable} critères applicables" in html
    assert date_format(audit.meta["date"], "j F Y") in html
    assert "Chromium 156" in html and "axe-core 4.12.1" in html
    assert "Aucun lecteur d&#x27;écran" in html
    assert "Défenseur des droits" in html and "09 69 39 00 00" in html
    assert "contact@ccas-test.example" in html
    assert "Le schéma pluriannuel de mise en accessibilité n'est pas encore publié." in html
    for criterion, _cells in audit.non_conformities():
        assert f"Critère {criterion['criterion']}" in html
    assert 'href="/grille-d-audit-accessibilite/"' in html
    # The footer says the same as the statement.
    assert f'<a href="/accessibilite/">Accessibilité : {audit.status}</a>' in html


def test_editors_set_the_date_sample_scheme_and_derogations_in_the_site_settings(client, statement, site_settings):
    site_settings.accessibility_audit_date = datetime.date(2027, 3, 15)
    site_settings.accessibility_audit_sample = "Accueil\n\nAgenda\n"
    site_settings.accessibility_scheme_url = "https://example.org/schema-pluriannuel.pdf"
    site_settings.accessibility_derogations = "Les comptes rendus de 2016, publiés avant le 23 septembre 2018."
    site_settings.save()

    html = client.get("/accessibilite/").content.decode()

    assert "L'audit réalisé le 15 mars 2027" in html
    assert "<li>Accueil</li><li>Agenda</li>" in html
    assert 'href="https://example.org/schema-pluriannuel.pdf"' in html
    assert "publiés avant le 23 septembre 2018" in html


def test_the_grid_page_lists_every_criterion_with_the_reasons(client, site_settings):
    audit = load_audit()
    response = client.get("/grille-d-audit-accessibilite/")
    html = response.content.decode()

    assert response.status_code == 200
    for criterion in audit.criteria:
        assert f"<strong>{criterion['criterion']}</strong>" in html
    for (_page, _criterion), cell in audit.cells.items():
        if cell.status == "NC":
            assert cell.reason.replace("'", "&#x27;") in html
