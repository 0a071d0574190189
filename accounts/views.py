"""Mon espace: a signed-in resident's registrations, requests, contact details and data rights."""

import json
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from allauth.account.decorators import reauthentication_required

from events.models import Registration
from portal.private import private

from . import services
from .forms import DeleteAccountForm


@require_GET
def admin_login_redirect(request):
    """Wagtail's /admin/login/ leads to the one login form, allauth's, keeping `next`."""
    query = urlencode({"next": request.GET.get("next") or reverse("wagtailadmin_home")})
    return HttpResponseRedirect(f"{reverse('account_login')}?{query}")


@never_cache
@login_required
@require_GET
def dashboard(request):
    upcoming, past = services.split_upcoming(list(services.registrations_of(request.user)))
    context = {
        "upcoming": upcoming,
        "past": past,
        "unattached_registrations": services.unattached_registration_count(request.user),
        "requests": services.appointment_requests_of(request.user),
        "unattached_requests": services.unattached_request_count(request.user),
        "register_entries": services.register_entries_of(request.user),
        "emails": services.verified_emails(request.user),
        "now": timezone.now(),
    }
    return private(render(request, "accounts/dashboard.html", context))


@never_cache
@login_required
@require_POST
def cancel_registration(request, pk):
    try:
        registration = services.cancel_registration(request.user, pk)
    except Registration.DoesNotExist:
        raise Http404 from None
    messages.success(
        request,
        _("Votre inscription à « %(title)s » est annulée. Votre place est proposée à la personne suivante.")
        % {"title": registration.session.event.title},
    )
    return HttpResponseRedirect(reverse("accounts:dashboard"))


@never_cache
@login_required
@require_GET
def download_data(request):
    payload = json.dumps(services.export_data(request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(payload, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mes-donnees.json"'
    return private(response)


@never_cache
@login_required
@reauthentication_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.delete_account(user)
        return HttpResponseRedirect(reverse("accounts:deleted"))
    context = {
        "form": form,
        "upcoming_count": sum(
            1
            for registration in services.split_upcoming(list(services.registrations_of(request.user)))[0]
            if registration.is_active
        ),
    }
    return private(render(request, "accounts/delete_account.html", context))


@require_GET
def account_deleted(request):
    return render(request, "accounts/deleted.html")
