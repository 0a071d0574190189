"""The public flow: form → "Vérifiez votre demande" → confirmation, and the private status link.

Nothing of a request outlives its end in the browser. The answers between the form and the
check page are kept server-side (`PendingAnswers`, at most 30 minutes, the session holding only
a random key), deleted once the request is sent or on "Quitter rapidement". The confirmation
shows the reference once; the status link travels in the message sent, or, for someone with
neither email nor phone, behind a deliberate "Afficher". Every page is `no-store`. Served
through `AppointmentRequestPage`'s routes.
"""

from django.contrib import messages
from django.dispatch import receiver
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.views.decorators.debug import sensitive_post_parameters

from wagtail.models import Site

from home.models import Commune, SiteSettings
from portal import time_limit
from portal.phones import format_phone, is_mobile
from portal.private import private_page
from portal.ratelimit import count_submission, is_limited
from portal.signals import quick_exit
from portal.views import too_many_requests

from . import services
from .forms import AppointmentRequestForm
from .models import AVAILABILITY_CHOICES, AppointmentSubject, ContactPreference, Place

PENDING_KEY = "appointments:pending"
DONE_KEY = "appointments:done"
RATE_SCOPE = "appointment"


@receiver(quick_exit, dispatch_uid="appointments_quick_exit")
def _erase_on_quick_exit(sender, request, **kwargs):
    services.discard_pending(request.session.get(PENDING_KEY))


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


def _linked_subject(request):
    """{"subject": pk} for the active subject named by `?sujet=<slug>`, else {}."""
    slug = request.GET.get("sujet", "")[:100]
    subject = AppointmentSubject.objects.filter(active=True, slug=slug).first() if slug else None
    return {"subject": subject.pk} if subject else {}


def _bound_from_pending(pending, organisation):
    data = {**pending, "consent": "on" if pending.get("consent") else ""}
    return AppointmentRequestForm(data, organisation=organisation)


@sensitive_post_parameters()
@private_page
def request_form(request, page):
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    organisation = _organisation(request)
    key = request.session.get(PENDING_KEY)
    if request.method == "POST":
        if is_limited(request, RATE_SCOPE):
            return too_many_requests(request)
        form = AppointmentRequestForm(request.POST, organisation=organisation)
        if form.is_valid() and form.is_spam():
            # A robot filled the hidden field: pretend all is well, keep nothing.
            return HttpResponseRedirect(page.url)
        if form.is_valid():
            request.session[PENDING_KEY] = services.keep_pending(key, form.session_data())
            return HttpResponseRedirect(_url(page, "check_view"))
    else:
        # Back from the check step ("Modifier"): the answers typed, if still kept; otherwise the
        # subject a link chose (`?sujet=<slug>`, from an aid page for instance), if offered.
        initial = services.pending_answers(key) or _linked_subject(request)
        form = AppointmentRequestForm(initial=initial, organisation=organisation)
    return TemplateResponse(request, "appointments/request_form.html", _context(request, page, form=form))


def _texts_answer(pending):
    if not pending["phone"]:
        return "Pas de téléphone"
    if not is_mobile(pending["phone"]):
        return "Pas de SMS : ce numéro est un fixe, nous vous appelons"
    if pending.get("no_texts"):
        return "Pas de SMS"
    return "La référence et le rendez-vous proposé par SMS"


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
        ("Téléphone", format_phone(pending["phone"]) or "Non indiqué", "id_phone"),
        ("SMS", _texts_answer(pending), "id_no_texts"),
        ("Adresse e-mail", pending["email"] or "Non indiquée", "id_email"),
        ("Commune", commune.name if commune else "", "id_commune"),
    ]
    return [{"label": label, "value": value, "change_url": f"{form_url}#{anchor}"} for label, value, anchor in rows]


@sensitive_post_parameters()
@private_page
def check_answers(request, page):
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    key = request.session.get(PENDING_KEY)
    pending = services.pending_answers(key)
    if not pending:
        request.session.pop(PENDING_KEY, None)
        return HttpResponseRedirect(page.url)
    if request.method == "POST" and request.POST.get("prolonger"):
        # More time, as often as wanted (RGAA 13.1): the answers are kept again from now.
        services.keep_pending(key, pending)
        messages.success(request, time_limit.extended_message(services.pending_expires_at(key)))
        return HttpResponseRedirect(_url(page, "check_view"))
    if request.method == "POST":
        if is_limited(request, RATE_SCOPE):
            return too_many_requests(request)
        # Checked again: a subject may have been withdrawn from the list in the meantime.
        form = _bound_from_pending(pending, _organisation(request))
        if not form.is_valid():
            return HttpResponseRedirect(page.url)
        submitted = services.submit_request(site=Site.find_for_request(request), page=page, data=form.session_data())
        count_submission(request, RATE_SCOPE)
        services.discard_pending(request.session.pop(PENDING_KEY))
        request.session[DONE_KEY] = submitted.token
        return HttpResponseRedirect(_url(page, "done_view"))
    limit = time_limit.context(services.pending_expires_at(key), services.pending_minutes())
    context = _context(request, page, rows=answer_rows(pending, page), time_limit=limit)
    return TemplateResponse(request, "appointments/check_answers.html", context)


@private_page
def request_done(request, page):
    """Shown once, right after sending: reloading it, or coming Back to it, shows nothing."""
    token = request.session.pop(DONE_KEY, None)
    appointment = services.request_for_token(token)
    if appointment is None:
        return HttpResponseRedirect(page.url)
    context = _context(request, page, appointment=appointment, status_url=_url(page, "status_view", [token]))
    return TemplateResponse(request, "appointments/request_done.html", context)


def _from_link(page, token):
    appointment = services.request_for_token(token)
    if appointment is None or appointment.page_id != page.pk:
        raise Http404
    return appointment


@private_page
def short_link(request, short):
    """The short link of the text messages: the same status page as the email's link."""
    appointment = services.request_for_short_token(short)
    if appointment is None or appointment.page is None or not appointment.page.live:
        raise Http404
    return HttpResponseRedirect(_url(appointment.page, "status_view", [appointment.token]))


@private_page
def request_status(request, page, token):
    """The private link: GET shows, never changes anything."""
    appointment = _from_link(page, token)
    context = _context(
        request,
        page,
        appointment=appointment,
        token=token,
        withdraw_url=_url(page, "withdraw_view", [token]),
        attach_url=_url(page, "attach_view", [token]),
    )
    return TemplateResponse(request, "appointments/request_status.html", context)


@private_page
def request_withdraw(request, page, token):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    appointment = _from_link(page, token)
    if appointment.is_open and request.POST.get("etape") == "confirmer":
        # The status page's button asks first (RGAA 11.12): nothing is withdrawn before "Oui".
        context = _context(
            request,
            page,
            appointment=appointment,
            withdraw_url=_url(page, "withdraw_view", [token]),
            status_url=_url(page, "status_view", [token]),
        )
        return TemplateResponse(request, "appointments/withdraw_confirm.html", context)
    if services.withdraw(appointment.pk):
        messages.success(request, "Votre demande est retirée. Vous pouvez en faire une nouvelle à tout moment.")
    else:
        messages.info(request, "Cette demande était déjà close : vous n'avez rien à faire.")
    return HttpResponseRedirect(_url(page, "status_view", [token]))


@private_page
def request_attach(request, page, token):
    """A signed-in resident attaches the request of this link to their space (POST only)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    appointment = _from_link(page, token)
    if not request.user.is_authenticated:
        raise Http404
    if services.attach_to_account(appointment.pk, request.user):
        messages.success(request, "Cette demande est maintenant visible dans votre espace.")
    else:
        messages.info(request, "Cette demande est déjà rattachée à un autre compte.")
    return HttpResponseRedirect(_url(page, "status_view", [token]))
