"""The public flow: form → "Vérifiez votre demande" → confirmation, and the private status link.

The pending answers live in the server-side session between the form and the check page:
never in the URL. Served through `AppointmentRequestPage`'s routes.
"""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from wagtail.models import Site

from home.models import Commune, SiteSettings
from portal.ratelimit import client_ip, is_limited
from portal.views import too_many_requests

from . import services
from .forms import AppointmentRequestForm
from .models import AVAILABILITY_CHOICES, AppointmentSubject, ContactPreference, Place

RATE_PERIOD = 60 * 60
PENDING_KEY = "appointments:pending"
DONE_KEY = "appointments:done"


def _private(response):
    """Pages behind a personal link: never cached, the link never sent to another site.

    `same-origin`, not `no-referrer`: with `no-referrer` browsers send `Origin: null` with the
    withdraw form, which Django's CSRF protection refuses.
    """
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "same-origin"
    return response


def _limited(request):
    limit = getattr(settings, "APPOINTMENTS_RATE_LIMIT", 10)
    return is_limited("appointment", client_ip(request), limit=limit, period=RATE_PERIOD)


def _organisation(request):
    return SiteSettings.for_request(request).organisation_name


def _url(page, name="form_view", args=()):
    return page.url + page.reverse_subpage(name, args=args)


def _context(request, page, **extra):
    return {
        "page": page,
        "self": page,
        "site_settings": SiteSettings.for_request(request),
        "retention_months": services.retention_months(),
        **extra,
    }


def _bound_from_pending(pending, organisation):
    data = {**pending, "consent": "on" if pending.get("consent") else ""}
    return AppointmentRequestForm(data, organisation=organisation)


@sensitive_post_parameters()
@never_cache
def request_form(request, page):
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    organisation = _organisation(request)
    if request.method == "POST":
        if _limited(request):
            return too_many_requests(request)
        form = AppointmentRequestForm(request.POST, organisation=organisation)
        if form.is_valid() and form.is_spam():
            # A robot filled the hidden field: pretend all is well, keep nothing.
            return HttpResponseRedirect(page.url)
        if form.is_valid():
            request.session[PENDING_KEY] = form.session_data()
            return HttpResponseRedirect(_url(page, "check_view"))
    else:
        pending = request.session.get(PENDING_KEY)
        form = AppointmentRequestForm(initial=pending or {}, organisation=organisation)
    return _private(TemplateResponse(request, "appointments/request_form.html", _context(request, page, form=form)))


def answer_rows(pending, page):
    """(label, value, anchor) for the check-answers list, in the form's order."""
    subject = AppointmentSubject.objects.filter(pk=pending["subject"]).first()
    commune = Commune.objects.filter(pk=pending["commune"]).first()
    availability = dict(AVAILABILITY_CHOICES)
    needs = {"interpreter": "Un interprète", "accessibility": "Un accès adapté"}
    form_url = page.url
    rows = [
        ("Sujet", subject.name if subject else "", "id_subject"),
        ("Message", pending["message"] or "Pas de message", "id_message"),
        ("Être contacté", ContactPreference(pending["contact_preference"]).label, "id_contact_preference_0"),
        (
            "Disponibilités",
            ", ".join(str(availability[key]) for key in pending["availability"]) or "Non précisées",
            "id_availability_0",
        ),
        ("Lieu", Place(pending["place"]).label, "id_place_0"),
        ("Besoins", ", ".join(needs[key] for key in pending["needs"]) or "Aucun", "id_needs_0"),
        ("Prénom", pending["first_name"], "id_first_name"),
        ("Nom", pending["last_name"], "id_last_name"),
        ("Téléphone", pending["phone"] or "Non indiqué", "id_phone"),
        ("Adresse e-mail", pending["email"] or "Non indiquée", "id_email"),
        ("Commune", commune.name if commune else "", "id_commune"),
    ]
    return [{"label": label, "value": value, "change_url": f"{form_url}#{anchor}"} for label, value, anchor in rows]


@sensitive_post_parameters()
@never_cache
def check_answers(request, page):
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    pending = request.session.get(PENDING_KEY)
    if not pending:
        return HttpResponseRedirect(page.url)
    if request.method == "POST":
        if _limited(request):
            return too_many_requests(request)
        # Checked again: a subject may have been withdrawn from the list in the meantime.
        form = _bound_from_pending(pending, _organisation(request))
        if not form.is_valid():
            return HttpResponseRedirect(page.url)
        submitted = services.submit_request(site=Site.find_for_request(request), page=page, data=form.session_data())
        del request.session[PENDING_KEY]
        request.session[DONE_KEY] = submitted.token
        return HttpResponseRedirect(_url(page, "done_view"))
    context = _context(request, page, rows=answer_rows(pending, page))
    return _private(TemplateResponse(request, "appointments/check_answers.html", context))


@never_cache
def request_done(request, page):
    token = request.session.get(DONE_KEY)
    appointment = services.request_for_token(token)
    if appointment is None:
        raise Http404
    context = _context(request, page, appointment=appointment, status_url=_url(page, "status_view", [token]))
    return _private(TemplateResponse(request, "appointments/request_done.html", context))


@never_cache
def request_status(request, page, token):
    """The private link: GET shows, never changes anything."""
    appointment = services.request_for_token(token)
    if appointment is None or appointment.page_id != page.pk:
        raise Http404
    context = _context(
        request, page, appointment=appointment, token=token, withdraw_url=_url(page, "withdraw_view", [token])
    )
    return _private(TemplateResponse(request, "appointments/request_status.html", context))


@never_cache
def request_withdraw(request, page, token):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    appointment = services.request_for_token(token)
    if appointment is None or appointment.page_id != page.pk:
        raise Http404
    if services.withdraw(appointment.pk):
        messages.success(request, "Votre demande est retirée. Vous pouvez en faire une nouvelle à tout moment.")
    else:
        messages.info(request, "Cette demande était déjà close : vous n'avez rien à faire.")
    return _private(HttpResponseRedirect(_url(page, "status_view", [token])))
