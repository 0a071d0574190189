"""Where a booking comes from: the marker in the addresses printed on paper (`?source=affiche`).

A poster's or a programme's QR code leads to the event's booking address with a marker; a
booking made through it is stored as "Par une affiche ou un flyer" without asking the question.
An address without a session (what a poster prints, since its dates change) first asks which one.
"""

from urllib.parse import urlencode

from django.template.response import TemplateResponse

from .models import Registration

POSTER = "affiche"
PROGRAMME = "programme"
# Both are paper handed out or pinned up: the answer residents would have given.
MARKERS = {POSTER: Registration.HeardFrom.POSTER, PROGRAMME: Registration.HeardFrom.POSTER}


def heard_from_marker(request):
    """The `heard_from` value the address's `?source=` stands for, or "" (none, or unknown)."""
    return MARKERS.get(request.GET.get("source", ""), "")


def with_marker(url, source, **params):
    """`url` with its query: `params` (e.g. seance=12) then `source`."""
    query = urlencode({**params, "source": source})
    return f"{url}{'&' if '?' in url else '?'}{query}"


def choose_session(request, event, sessions):
    """The sessions open to booking, each linking to its form (the marker kept)."""
    source = request.GET.get("source", "")
    base = f"{event.url}inscription/"
    choices = [
        (session, with_marker(base, source, seance=session.pk) if source in MARKERS else f"{base}?seance={session.pk}")
        for session in sessions
    ]
    return TemplateResponse(request, "events/registration_choose.html", {"page": event, "choices": choices})
