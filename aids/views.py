"""The read side of the aids guide: the listing, an aid's page, the question path, the calculator.

The question path and the calculator are GET pages that keep nothing: no cookie (their forms
carry no CSRF token and touch no session), no database row, no copy in the page cache or the
browser's cache (`no-store`), and no answer in the logs, which drop every query string
(portal/logging.py, gunicorn's `%(U)s`, nginx's `$uri`). The page tells the visitor so.
"""

import unicodedata
from urllib.parse import urlencode

from django.db.models import Prefetch
from django.http import QueryDict
from django.template.response import TemplateResponse

from wagtail.models import Site

from appointments.models import AppointmentRequestPage
from home.models import SiteSettings
from portal.private import private_page

from .eligibility import Criteria, assess, criteria_texts, sort_aids
from .forms import AidFilterForm, CalculatorForm, QuestionPathForm
from .models import AidIndexPage, AidPage, QuotientSettings, TariffGrid
from .quotient import compute_quotient, prices_for
from .signals import send_question_path_completed

RESULTS = "resultats"
SHORT_LABELS = {
    "commune": "Commune",
    "age": "Âge",
    "couple": "Vous vivez",
    "enfants": "Enfants",
    "situations": "Situation",
    "quotient": "Quotient familial",
}


def lines(text):
    """The non-empty lines of a text field, for the lists of a page."""
    return [line.strip(" -•\t") for line in (text or "").splitlines() if line.strip(" -•\t")]


def title_key(page):
    """Alphabetical order the same on every database: accents and case left aside ("Épicerie" after "Aide")."""
    return unicodedata.normalize("NFKD", page.title).encode("ascii", "ignore").decode().casefold()


def published_aids(index):
    """The live aids of the guide, easy-read twins left out (each card links to its twin)."""
    aids = AidPage.objects.live().public().descendant_of(index)
    twins = aids.filter(easy_read_version__isnull=False).values("easy_read_version")
    return (
        aids.exclude(pk__in=twins)
        .defer_streamfields()
        .select_related("easy_read_version")
        .prefetch_related("communes", "statuses")
        .order_by("title")
    )


def appointment_page(request):
    site = Site.find_for_request(request)
    if site is None:
        return None
    return AppointmentRequestPage.objects.live().public().descendant_of(site.root_page).first()


def appointment_url(request, subject=None):
    """The address of the appointment pre-request, its subject chosen when one is given."""
    page = appointment_page(request)
    if page is None:
        return ""
    url = page.get_url(request)
    return f"{url}?{urlencode({'sujet': subject.slug})}" if subject else url


def calculator_url_for(request):
    """The calculator's address on the request's site, or "" if the site has no aids guide."""
    site = Site.find_for_request(request)
    index = AidIndexPage.objects.live().public().descendant_of(site.root_page).first() if site else None
    return _route(index, request, "calculator_view") if index else ""


def _route(index, request, name):
    return index.get_url(request) + index.reverse_subpage(name)


def _common(request, index, **extra):
    return {
        "page": index,
        "self": index,
        "path_url": _route(index, request, "question_path_view"),
        "calculator_url": _route(index, request, "calculator_view"),
        **extra,
    }


def aid_index(request, index):
    form = AidFilterForm(request.GET or None)
    aids = published_aids(index)
    filters = form.valid_filters() if request.GET else {}
    if query := filters.get("q"):
        found = {page.pk for page in AidPage.objects.live().descendant_of(index).search(query, operator="and")}
        aids = [page for page in aids if page.pk in found]
    answers = form.answers() if request.GET else None
    if answers is not None and not answers.is_empty:
        aids = [page for page in aids if assess(Criteria.of(page), answers).verdict.value != "no"]
    aids = sorted(aids, key=title_key)
    context = _common(request, index, form=form, aids=aids, result_count=len(aids), filtered=bool(filters))
    return TemplateResponse(request, "aids/aid_index_page.html", context)


def aid_page_context(request, page):
    site_settings = SiteSettings.for_request(request)
    index = page.get_parent().specific
    return {
        "criteria": criteria_texts(Criteria.of(page)),
        "other_conditions": lines(page.other_conditions),
        "gives": lines(page.gives),
        "documents": lines(page.documents_to_bring),
        "steps": lines(page.how_to_ask),
        "phone": page.phone or site_settings.phone,
        "opening_hours": page.opening_hours or site_settings.opening_hours,
        "appointment_url": appointment_url(request, page.appointment_subject),
        "partner": page.partner if page.partner_id and page.partner.live else None,
        "easy_read_version": page.easy_read_version
        if page.easy_read_version_id and page.easy_read_version.live
        else None,
        "standard_versions": page.standard_versions.live(),
        "path_url": _route(index, request, "question_path_view"),
        "calculator_url": _route(index, request, "calculator_view"),
    }


def _query(pairs, **changes):
    kept = [(name, value) for name, value in pairs if name != "etape" and name not in changes]
    return urlencode([*kept, *((name, value) for name, value in changes.items() if value is not None)])


def _path_answers(query_string):
    """The question path's answers carried through the calculator, and nothing else."""
    answers = QueryDict(query_string[:2000])
    names = set(QuestionPathForm.base_fields) - {"quotient"}
    return [(name, value) for name in answers if name in names for value in answers.getlist(name) if value][:40]


def _step(request):
    value = request.GET.get("etape", "1")
    if value == RESULTS:
        return RESULTS
    try:
        number = int(value)
    except ValueError:
        return 1
    return min(max(number, 1), len(QuestionPathForm.STEPS))


def answer_summary(form, answer_pairs):
    """[(question, answer in words, query to change it)] for the questions answered, in step order."""
    if not form.is_bound or not form.is_valid():
        return []
    data, rows = form.cleaned_data, []
    words = {
        "commune": lambda value: value.name,
        "age": lambda value: f"{value} ans",
        "couple": lambda value: "en couple" if value else "seul·e",
        "enfants": lambda value: f"{value} enfant{'s' if value > 1 else ''}" if value else "aucun enfant",
        "situations": lambda value: ", ".join(status.name for status in value),
        "quotient": lambda value: f"{value} €",
    }
    for number, names in enumerate(QuestionPathForm.STEPS, start=1):
        for name in names:
            value = data.get(name)
            if value in (None, "") or (name == "situations" and not value):
                continue
            rows.append((SHORT_LABELS[name], words[name](value), _query(answer_pairs, etape=number)))
    if data.get("aucune") and not data.get("situations"):
        rows.append((SHORT_LABELS["situations"], "aucune de la liste", _query(answer_pairs, etape=4)))
    return rows


@private_page
def question_path(request, index):
    """ "Quelles aides pour moi ?": one GET step per question, then the aids that fit."""
    form = QuestionPathForm(request.GET or None)
    step = _step(request)
    if form.is_bound and not form.is_valid():
        step = form.first_step_with_errors() or step
    answer_pairs = [(name, value) for name in request.GET for value in request.GET.getlist(name) if value]
    context = _common(request, index, form=form, steps_count=len(QuestionPathForm.STEPS))
    if step == RESULTS:
        groups = sort_aids(sorted(published_aids(index), key=title_key), form.answers())
        send_question_path_completed(request)
        context.update(
            answer_summary=answer_summary(form, answer_pairs),
            groups=groups,
            excluded_count=len(groups["no"]),
            change_query=_query(answer_pairs, etape=1),
            appointment_url=appointment_url(request),
            site_settings=SiteSettings.for_request(request),
        )
        return TemplateResponse(request, "aids/question_results.html", context)
    context.update(
        step=step,
        fields=form.step_fields(step),
        hidden=form.hidden_answers(step),
        previous=step - 1,
        next=step + 1 if step < len(QuestionPathForm.STEPS) else RESULTS,
        calculator_from_path=context["calculator_url"]
        + "?"
        + urlencode({"parcours": _query(answer_pairs, quotient=None)}),
    )
    return TemplateResponse(request, "aids/question_step.html", context)


@private_page
def calculator(request, index):
    """The quotient familial calculator and the price each tariff grid gives for the result."""
    rules = QuotientSettings.for_request(request)
    bound = any(name in request.GET for name in CalculatorForm.base_fields)
    form = CalculatorForm(request.GET if bound else None)
    from_path = _query(_path_answers(request.GET.get("parcours", "")))
    context = _common(request, index, form=form, quotient_settings=rules, from_path=from_path)
    if bound and form.is_valid():
        data = form.cleaned_data
        children = data.get("enfants") or 0
        parts = rules.rules().parts(
            couple=data["couple"], children=children, disabled_children=data.get("enfants_handicapes") or 0
        )
        result = compute_quotient(
            annual_income=data["revenus"], monthly_benefits=data.get("prestations") or 0, parts=parts
        )
        grids = TariffGrid.objects.prefetch_related(Prefetch("brackets")).order_by("activity_kind", "name")
        context.update(
            result=result,
            prices=prices_for(result.quotient, grids),
            path_with_quotient=f"{context['path_url']}?"
            + _query(_path_answers(from_path), quotient=result.quotient, etape=RESULTS if from_path else 1),
        )
    return TemplateResponse(request, "aids/calculator.html", context)
