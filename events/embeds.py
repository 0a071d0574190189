"""The agenda for other websites: the JSON feed of sessions, the iframe widget and its code.

- `json/` (`agenda_json`): the sessions of the filtered agenda (the same query parameters and
  the same sessions as `/agenda/`), in the schema.org Event vocabulary, paginated, readable by
  any site (`Access-Control-Allow-Origin: *`, GET only). Shape: README "Agenda des partenaires".
- `widget/` (`widget`): a light page for an `<iframe>`, filtered by commune, theme and public;
  only the sites listed in the "Intégration de l'agenda" settings may frame it.
- `integrer/` (`embed_code`): "Intégrer cet agenda", which writes the code to paste.
An unknown filter value answers 400 with a French message, never an empty or full list.
"""

import json
from urllib.parse import urlencode

from django import forms
from django.http import HttpResponse, HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from csp import utils as csp_utils
from csp.constants import SELF

from portal.forms import VocabularyChoiceField

from . import listing as queries
from .forms import AgendaFilterForm
from .models import AgendaEmbedSettings
from .schema import organizers_of, session_event

JSON_PER_PAGE = 50
WIDGET_SESSIONS = 20
JSON_CONTENT_TYPE = "application/json; charset=utf-8"
FEED_MAX_AGE = 15 * 60
WIDGET_FILTERS = ("commune", "theme", "public")


def _filter_field(model_label, label, empty_label, unknown):
    return VocabularyChoiceField(
        model_label, label=label, empty_label=empty_label, error_messages={"invalid_choice": unknown}
    )


class WidgetFilterForm(forms.Form):
    """The widget's three filters (the agenda's own fields, by slug)."""

    commune = _filter_field(
        "home.Commune",
        gettext_lazy("Commune"),
        gettext_lazy("Toutes les communes"),
        gettext_lazy("Cette commune n'est pas dans la liste : choisissez-en une."),
    )
    theme = _filter_field(
        "home.Theme",
        gettext_lazy("Thème"),
        gettext_lazy("Tous les thèmes"),
        gettext_lazy("Ce thème n'est pas dans la liste : choisissez-en un."),
    )
    public = _filter_field(
        "home.Audience",
        gettext_lazy("Public"),
        gettext_lazy("Tous les publics"),
        gettext_lazy("Ce public n'est pas dans la liste : choisissez-en un."),
    )


def filter_errors(form, data):
    """One French sentence per invalid filter, naming the parameter and the value given."""
    return [
        _("Le filtre « %(name)s » a une valeur inconnue : « %(value)s ».") % {"name": name, "value": data.get(name, "")}
        for name in form.errors
        if name != "__all__"
    ] + [str(message) for message in form.non_field_errors()]


def filtered_sessions(form, index_page):
    """The agenda's upcoming sessions narrowed by the form's (valid) filters, as `/agenda/` lists them."""
    filters = {name: value for name, value in form.cleaned_data.items() if value not in (None, "", False)}
    sessions = queries.apply_filters(queries.published_sessions(index_page), filters, index_page)
    return queries.upcoming(sessions)


def _json_response(payload, status=200):
    response = HttpResponse(
        json.dumps(payload, ensure_ascii=False, indent=1), content_type=JSON_CONTENT_TYPE, status=status
    )
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = "GET"
    return response


def _page_number(request, pages):
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        return None
    return number if 1 <= number <= max(pages, 1) else None


def _page_url(request, number):
    params = request.GET.copy()
    params["page"] = str(number)
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


def agenda_json(request, index_page):
    """The filtered agenda's upcoming sessions as JSON (see the module docstring)."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    form = AgendaFilterForm(request.GET)
    if not form.is_valid():
        errors = filter_errors(form, request.GET)
        return _json_response({"erreur": " ".join(errors), "erreurs": errors}, status=400)
    sessions = filtered_sessions(form, index_page)
    count = sessions.count()
    pages = (count + JSON_PER_PAGE - 1) // JSON_PER_PAGE
    number = _page_number(request, pages)
    if number is None:
        message = _("La page « %(page)s » n'existe pas : choisissez un nombre entre 1 et %(pages)s.") % {
            "page": request.GET.get("page", ""),
            "pages": max(pages, 1),
        }
        return _json_response({"erreur": message, "erreurs": [message]}, status=400)
    offset = (number - 1) * JSON_PER_PAGE
    page_sessions = list(sessions[offset : offset + JSON_PER_PAGE])
    urls, organizers, items = {}, {}, []
    for session in page_sessions:
        event = session.event
        if event.pk not in urls:
            urls[event.pk] = event.get_full_url(request)
            organizers[event.pk] = organizers_of(event, request)
        item = session_event(event, session, urls[event.pk], request, organizers[event.pk])
        item["identifier"] = f"session-{session.pk}"
        items.append(item)
    payload = {
        "count": count,
        "page": number,
        "pages": pages,
        "next": _page_url(request, number + 1) if number < pages else None,
        "previous": _page_url(request, number - 1) if number > 1 else None,
        "items": items,
    }
    response = _json_response(payload)
    response["Cache-Control"] = f"public, max-age={FEED_MAX_AGE}"
    return response


def frame_policy(request):
    """The public CSP with `frame-ancestors` limited to this site and the listed origins."""
    origins = AgendaEmbedSettings.for_request(request).origins
    return csp_utils.build_policy(replace={"frame-ancestors": [SELF, *origins] if origins else [SELF]})


def widget(request, index_page):
    """The light agenda page an iframe shows; framed only by the listed sites."""
    form = WidgetFilterForm(request.GET)
    errors = [] if form.is_valid() else filter_errors(form, request.GET)
    sessions = [] if errors else list(filtered_sessions(form, index_page)[:WIDGET_SESSIONS])
    params = {name: request.GET[name] for name in WIDGET_FILTERS if request.GET.get(name) and not errors}
    context = {
        "page": index_page,
        "form": form,
        "errors": errors,
        "days": queries.group_by_day(sessions),
        "agenda_query": urlencode(params),
    }
    response = TemplateResponse(request, "events/widget.html", context, status=400 if errors else 200)
    response.xframe_options_exempt = True
    response["Content-Security-Policy"] = frame_policy(request)
    # Never kept by the page cache (which drops this header): the framing rule follows the settings.
    response["Cache-Control"] = "no-cache"
    return response


def embed_code(request, index_page):
    """ "Intégrer cet agenda": choose the filters, copy the `<iframe>` code and the JSON address."""
    form = WidgetFilterForm(request.GET)
    errors = [] if form.is_valid() else filter_errors(form, request.GET)
    params = {name: request.GET[name] for name in WIDGET_FILTERS if request.GET.get(name) and not errors}
    query = urlencode(params)
    suffix = f"?{query}" if query else ""
    base = index_page.get_full_url(request)
    widget_url = f"{base}widget/{suffix}"
    context = {
        "page": index_page,
        "form": form,
        "errors": errors,
        "widget_url": widget_url,
        "json_url": f"{base}json/{suffix}",
        "ical_url": f"{base}ical/{suffix}",
        "code": (
            f'<iframe src="{widget_url}" title="{_("Agenda des temps ressources")}" '
            'width="100%" height="640" style="border:0" loading="lazy"></iframe>'
        ),
        "origins": AgendaEmbedSettings.for_request(request).origins,
    }
    return TemplateResponse(request, "events/embed_code.html", context, status=400 if errors else 200)
