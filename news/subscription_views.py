"""Subscriptions to new temps ressources: the form, the personal page, the one-click unsubscribe."""

from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from portal.private import private_page
from portal.ratelimit import count_submission, is_limited
from portal.views import too_many_requests

from . import digest
from .forms import FILTER_NAMES, FiltersForm, SubscriptionForm
from .notify_views import RATE_SCOPE, privacy_context


def _filters_from_address(request):
    """The agenda's filters in the address (`?theme=…`): a value that does not exist is a 404."""
    given = {name: request.GET[name] for name in FILTER_NAMES if request.GET.get(name)}
    form = FiltersForm(given)
    if not form.is_valid():
        raise Http404
    return given


@private_page
@require_http_methods(["GET", "POST"])
def subscription_form(request):
    if request.method == "POST":
        form = SubscriptionForm(request.POST)
        if is_limited(request, RATE_SCOPE):
            return too_many_requests(request)
        if form.is_valid() and form.is_spam():
            return HttpResponseRedirect(reverse("news:subscription-sent"))
        if form.is_valid():
            with transaction.atomic():
                digest.subscribe(form.cleaned_data["email"], form.filters())
            count_submission(request, RATE_SCOPE)
            return HttpResponseRedirect(reverse("news:subscription-sent"))
    else:
        form = SubscriptionForm(initial=_filters_from_address(request))
    return TemplateResponse(request, "news/subscription_form.html", {"form": form, **privacy_context(request)})


@private_page
def subscription_sent(request):
    return TemplateResponse(request, "news/subscription_sent.html", {})


@private_page
@require_http_methods(["GET", "POST"])
def subscription_manage(request, token):
    """The personal page: confirm, change the filters, or stop (POST only: links are prefetched)."""
    subscription = digest.find(token)
    if subscription is None:
        raise Http404
    done = None
    form = FiltersForm(
        initial={
            "theme": subscription.theme.slug if subscription.theme else "",
            "public": subscription.audience.slug if subscription.audience else "",
            "commune": subscription.commune.slug if subscription.commune else "",
            "format": subscription.event_format,
        }
    )
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "confirm":
            digest.confirm(subscription)
            done = "confirmed"
        elif action == "update":
            form = FiltersForm(request.POST)
            if form.is_valid():
                digest.update_filters(subscription, form.filters())
                done = "updated"
        elif action == "stop":
            digest.unsubscribe(subscription)
            return TemplateResponse(request, "news/unsubscribed.html", {})
        else:
            raise Http404
    context = {"subscription": subscription, "form": form, "done": done, "token": token}
    return TemplateResponse(request, "news/subscription_manage.html", context)


# RFC 8058: mail clients POST "List-Unsubscribe=One-Click" here with no cookie and no token of
# ours; the personal link in the address is the only proof needed. GET shows a button.
@csrf_exempt
@private_page
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscription = digest.find(token)
    if subscription is None:
        raise Http404
    if request.method == "POST":
        digest.unsubscribe(subscription)
        return TemplateResponse(request, "news/unsubscribed.html", {})
    return TemplateResponse(request, "news/unsubscribe.html", {"subscription": subscription})
