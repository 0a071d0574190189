"""Serving pages with their route kept per content version (see portal.cache.memo).

Wagtail finds the page behind an address by walking the tree from the site's root: two to
four queries on every page view before the page itself runs. The answer only changes with the
content, so each worker keeps it per content version and hands each request its own copy of
the page (nothing a request sets on it can reach another request). Only addresses of pages and
of their fixed sub-pages are kept: not those that lead nowhere, nor sub-pages with a parameter
(a session number, a personal link), which anyone can invent by the thousand.
"""

import copy

from django.http import Http404

from wagtail import views as wagtail_views
from wagtail.models import Site
from wagtail.url_routing import RouteResult

from portal.cache import memo


def _route(request, site, path):
    components = [component for component in path.split("/") if component]
    result = site.root_page.localized.specific.route(request, components)
    # Routable pages (the agenda, an event…) also leave the sub-route on the request.
    return result, getattr(request, "routable_resolver_match", None)


def _worth_keeping(route):
    result, _resolver_match = route
    if result.args and callable(result.args[0]):  # a routable page: (view, args, kwargs)
        _view, view_args, view_kwargs = result.args
        return not view_args and not view_kwargs
    return not result.args and not result.kwargs


def _for_request(route, request):
    """A copy of the kept route for this request: its own page, views bound to that page."""
    result, resolver_match = route
    page = copy.copy(result.page)
    args = result.args
    if args and callable(args[0]) and getattr(args[0], "__self__", None) is result.page:
        view, view_args, view_kwargs = args
        args = (view.__func__.__get__(page, type(page)), view_args, view_kwargs)
    if resolver_match is not None:
        request.routable_resolver_match = resolver_match
    return RouteResult(page, args=args, kwargs=result.kwargs)


def serve(request, path):
    """Wagtail's page view (`wagtail.views.serve`), with the route read from the memo."""
    site = Site.find_for_request(request)
    if site is not None and not hasattr(request, "_wagtail_route_for_request"):
        try:
            route = memo(("route", site.pk, path), lambda: _route(request, site, path), keep=_worth_keeping)
        except Http404:
            route = None
        request._wagtail_route_for_request = _for_request(route, request) if route else None
    return wagtail_views.serve(request, path)
