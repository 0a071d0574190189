"""Test-only routes that fail on purpose, in front of the real ones."""

from django.urls import path

from portal import urls as portal_urls
from portal.views import too_many_requests


def broken_view(request):
    raise RuntimeError("boom with personal data: " + request.GET.get("email", ""))


urlpatterns = [
    path("erreur/", broken_view),
    path("trop/", too_many_requests),
    *portal_urls.urlpatterns,
]
handler500 = "portal.views.server_error"
