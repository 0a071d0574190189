""" "Prévenez-moi": the form on an event, and the personal link (confirm, or stop)."""

from django.apps import apps
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from home.models import SiteSettings
from portal.private import private_page
from portal.ratelimit import count_submission, is_limited
from portal.views import too_many_requests

from . import notify
from .forms import ContactForm

# One limit for every news form (prévenez-moi and subscriptions): PUBLIC_FORM_RATE_LIMITS["news"].
RATE_SCOPE = "news"


def privacy_context(request):
    return {"site_settings": SiteSettings.for_request(request)}


@private_page
@require_http_methods(["GET", "POST"])
def notify_form(request, event_id):
    event = get_object_or_404(apps.get_model("events", "EventPage").objects.live().public(), pk=event_id)
    form = ContactForm(request.POST or None)
    if request.method == "POST":
        if is_limited(request, RATE_SCOPE):
            return too_many_requests(request)
        if form.is_valid() and form.is_spam():
            return HttpResponseRedirect(event.url)  # a robot: pretend, save nothing
        if form.is_valid():
            with transaction.atomic():
                notify.create(event, email=form.cleaned_data["email"], phone=form.cleaned_data["phone"] or "")
            count_submission(request, RATE_SCOPE)
            by_text = "1" if form.cleaned_data["phone"] else "0"
            return HttpResponseRedirect(reverse("news:notify-sent", args=[event.pk]) + f"?sms={by_text}")
    context = {"page": event, "event": event, "form": form, **privacy_context(request)}
    return TemplateResponse(request, "news/notify_form.html", context)


@private_page
def notify_sent(request, event_id):
    event = get_object_or_404(apps.get_model("events", "EventPage").objects.live().public(), pk=event_id)
    context = {"page": event, "event": event, "by_text": request.GET.get("sms") == "1"}
    return TemplateResponse(request, "news/notify_sent.html", context)


@private_page
@require_http_methods(["GET", "POST"])
def notify_manage(request, token):
    """The personal link: GET shows, POST confirms or stops (mail scanners follow links, never forms)."""
    row = notify.find(token)
    if row is None:
        raise Http404
    done = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "confirm":
            notify.confirm(row)
            done = "confirmed"
        elif action == "stop":
            notify.erase(row)
            done = "stopped"
        else:
            raise Http404
    context = {"event": row.event, "row": row, "done": done, "token": token}
    return TemplateResponse(request, "news/notify_manage.html", context)
