"""French error pages. The 500 page is rendered without context: it must not fail in turn."""

import mimetypes

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import FileResponse, Http404, HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.static import serve as static_serve

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


def serve_media(request, path):
    """An image from MEDIA_ROOT or the media storage (the S3 bucket): SERVE_MEDIA only.

    For a server without a reverse proxy in front (make bench); in production the proxy serves
    the image folders. Documents are never served here (the route excludes them: they go
    through Wagtail's counting view).
    """
    if isinstance(default_storage, FileSystemStorage):
        return static_serve(request, path, document_root=settings.MEDIA_ROOT)
    if path.startswith("documents/") or not default_storage.exists(path):
        raise Http404
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return FileResponse(default_storage.open(path, "rb"), content_type=content_type)
