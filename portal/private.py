"""Pages behind a personal link (a booking, a request, a feedback form) and other private pages.

They are never stored by a browser or a proxy, never indexed, and their address is never sent
to another site. `same-origin`, not `no-referrer`: with `no-referrer` browsers send
`Origin: null` with the page's own forms (cancel, withdraw), which Django's CSRF protection
refuses.
"""

from functools import wraps

from django.views.decorators.cache import never_cache


def private(response):
    """Mark `response` as private (see the module docstring) and return it."""
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def private_page(view):
    """View decorator: `never_cache` and `private()` on every response of the view."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return private(view(request, *args, **kwargs))

    return never_cache(wrapped)
