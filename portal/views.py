"""French error pages. The 500 page is rendered without context: it must not fail in turn."""

from django.conf import settings
from django.http import HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from .private import private
from .signals import quick_exit as quick_exit_signal


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def too_many_requests(request, exception=None):
    """Shown when a rate limit refuses a request (used by forms and by allauth's 429)."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = "60"
    return response


def server_error(request):
    return HttpResponseServerError(loader.get_template("500.html").render())


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token (page left open too long, cookies blocked)."""
    return render(request, "403.html", status=403)


def quick_exit(request):
    """ "Quitter rapidement": erase this visit, then leave for a neutral site.

    A GET, so the plain link works without JavaScript and with a stale page (a form would
    fail its CSRF check). It only ever erases the caller's own visit: the apps' data for it
    (signal `portal.signals.quick_exit`), then the whole server-side session (answers kept
    between steps, a signed-in account). `Clear-Site-Data` asks the browser to drop its cache,
    including the back-forward cache, and cookies for the site, so Back shows nothing typed.
    """
    quick_exit_signal.send(sender=None, request=request)
    request.session.flush()
    response = private(HttpResponseRedirect(settings.QUICK_EXIT_URL))
    response["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    return response
