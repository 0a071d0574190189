"""Registration without an account: the form, its confirmation, and the personal manage link."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from home.models import SiteSettings
from portal.private import private_page
from portal.ratelimit import count_submission, is_limited
from portal.views import too_many_requests

from . import services
from .forms import RegistrationForm
from .models import EventSession, Registration
from .signals import booking_answered
from .sources import choose_session, heard_from_marker

# Saved bookings per hour and client address (PUBLIC_FORM_RATE_LIMITS): enough for a family
# registering for several workshops, not for a robot.
RATE_SCOPE = "registration"
SESSION_KEY = "events:last-booking"


def session_offers(event, sessions):
    """[(session, places_left)] for display: None means unlimited."""
    return [(session, services.places_left(session)) for session in sessions]


def _session_id(request):
    try:
        return int(request.GET.get("seance", ""))
    except ValueError:
        return None


def _target_sessions(request, event):
    """The sessions this form books: the one in `?seance=`, or every bookable one for a cycle."""
    bookable = services.bookable_sessions(event)
    if event.registration_scope == "cycle":
        return bookable
    session_id = _session_id(request)
    return [session for session in bookable if session.pk == session_id]


def _account_initial(user):
    """A signed-in resident finds their name and address already filled in (Mon espace)."""
    if not user.is_authenticated:
        return None
    return {"first_name": user.first_name, "last_name": user.last_name, "email": user.email}


@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
@never_cache
def register(request, event):
    sessions = _target_sessions(request, event)
    if not sessions and event.registration_scope == "session" and "seance" not in request.GET:
        # A poster's address names no session: one open session is booked, several are offered.
        bookable = services.bookable_sessions(event)
        if len(bookable) > 1:
            return choose_session(request, event, bookable)
        sessions = bookable
    if not sessions:
        # A wrong, past, cancelled or closed session: say why on the event page, never a form.
        session = EventSession.objects.filter(event=event, pk=_session_id(request) or 0).first()
        message = services.RegistrationError("no_session").message
        if session and event.online_registration:
            try:
                services.check_open(event, session)
            except services.RegistrationError as error:
                message = error.message
        messages.error(request, message)
        return HttpResponseRedirect(event.url)
    organisation = SiteSettings.for_request(request).organisation_name
    form = RegistrationForm(
        request.POST or None, event=event, organisation=organisation, initial=_account_initial(request.user)
    )
    # Came through a printed QR code: the answer to "how did you hear of it" is known.
    heard_from = heard_from_marker(request)
    error = None
    if request.method == "POST":
        if is_limited(request, RATE_SCOPE):
            return too_many_requests(request)
        if form.is_valid() and form.is_spam():
            # A robot filled the hidden field: pretend nothing happened, save nothing.
            return HttpResponseRedirect(event.url)
        if form.is_valid():
            try:
                user = request.user if request.user.is_authenticated else None
                attendee = form.attendee()
                attendee.heard_from = heard_from or attendee.heard_from
                booking = services.register(event, [s.pk for s in sessions], attendee, user=user)
            except services.RegistrationError as exc:
                if exc.code == "busy":
                    response = render(request, "events/registration_busy.html", {"page": event}, status=503)
                    response["Retry-After"] = "5"
                    return response
                error = exc.message
            else:
                count_submission(request, RATE_SCOPE)
                booking_answered.send(sender=None, session=sessions[0], answers=form.question_answers())
                request.session[SESSION_KEY] = booking.token
                return HttpResponseRedirect(event.url + "inscription/confirmation/")
    context = {
        "page": event,
        "self": event,
        "form": form,
        "offers": session_offers(event, sessions),
        "booking_error": error,
        "site_settings": SiteSettings.for_request(request),
        "heard_from_known": bool(heard_from),
        "retention": {
            "needs_days": settings.EVENTS_NEEDS_RETENTION_DAYS,
            "personal_months": settings.EVENTS_PERSONAL_RETENTION_MONTHS,
        },
    }
    return TemplateResponse(request, "events/registration_form.html", context)


@private_page
def registration_done(request, event):
    """The confirmation page after a booking, shown once (Post/Redirect/Get; the token stays
    server-side). Reloading it, or Back on a shared computer, leads to the event page: the
    personal link travels in the message sent, or behind "Afficher" for someone without email.
    """
    token = request.session.pop(SESSION_KEY, None)
    registrations = services.registrations_for_token(token)
    if not registrations or registrations[0].session.event_id != event.pk:
        return HttpResponseRedirect(event.url)
    return render(request, "events/registration_done.html", _manage_context(event, registrations, token))


def _manage_context(event, registrations, token):
    first = registrations[0]
    return {
        "page": event,
        "event": event,
        "registrations": registrations,
        "first": first,
        "position": services.waiting_position(first),
        "token": token,
        "manage_path": reverse("events:manage-registration", args=[token]),
        "active": [registration for registration in registrations if registration.is_active],
        "now": timezone.now(),
    }


@private_page
def manage(request, token):
    """The personal link: see the registration, its status, and cancel it. GET never changes anything."""
    registrations = services.registrations_for_token(token)
    if not registrations:
        raise Http404
    event = registrations[0].session.event
    return render(request, "events/registration_manage.html", _manage_context(event, registrations, token))


@private_page
def short_link(request, short):
    """The short link of the text messages: the same page as the email's link."""
    registration = services.registration_for_short_token(short)
    if registration is None:
        raise Http404
    return HttpResponseRedirect(reverse("events:manage-registration", args=[registration.token]))


@require_POST
@private_page
def attach(request, token):
    """A signed-in resident attaches the registration of this link to their space."""
    registrations = services.registrations_for_token(token)
    if not registrations or not request.user.is_authenticated:
        raise Http404
    if services.attach_to_account([r.pk for r in registrations], request.user):
        messages.success(request, "Cette inscription est maintenant visible dans votre espace.")
    else:
        messages.info(request, "Cette inscription est déjà rattachée à un autre compte.")
    return HttpResponseRedirect(reverse("events:manage-registration", args=[token]))


@require_POST
@private_page
def cancel(request, token):
    """Cancel every active registration behind the link (or one session with `seance`)."""
    registrations = services.registrations_for_token(token)
    if not registrations:
        raise Http404
    targets = [r for r in registrations if r.is_active and not r.session.is_past]
    session_id = request.POST.get("seance")
    if session_id:
        targets = [r for r in targets if str(r.session_id) == session_id]
    if targets and request.POST.get("etape") == "confirmer":
        # The manage page's button asks first (RGAA 11.12): nothing is cancelled before "Oui".
        context = {**_manage_context(registrations[0].session.event, registrations, token), "seance": session_id}
        return render(request, "events/registration_cancel_confirm.html", context)
    cancelled = services.cancel([r.pk for r in targets], by=Registration.CancelledBy.RESIDENT) if targets else []
    if cancelled:
        messages.success(request, "Votre inscription est annulée. Merci de nous avoir prévenus.")
    else:
        messages.info(request, "Cette inscription était déjà annulée : vous n'avez rien à faire.")
    return HttpResponseRedirect(reverse("events:manage-registration", args=[token]))
