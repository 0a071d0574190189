"""Site-wide pages that are not edited: search, site map, robots.txt and the theme stylesheet."""

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from wagtail.models import Page, Site

from .models import SiteSettings
from .rgaa import load_audit

SEARCH_RESULTS_PER_PAGE = 10
SEARCH_QUERY_MAX_LENGTH = 200


def paginate(request, items, per_page):
    """Return the requested page of `items`; a wrong page number gives the first or last page."""
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def _specific_in_order(pages):
    """The specific pages of `pages`, in the same order, in one query per page type."""
    by_pk = Page.objects.filter(pk__in=[page.pk for page in pages]).specific().in_bulk()
    return [by_pk[page.pk] for page in pages if page.pk in by_pk]


@require_GET
def search(request):
    """Full-text search over the published, public pages of the current site."""
    query = request.GET.get("q", "").strip()[:SEARCH_QUERY_MAX_LENGTH]
    site = Site.find_for_request(request)
    results = None
    if query and site:
        pages = Page.objects.live().descendant_of(site.root_page, inclusive=True).public()
        results = paginate(request, pages.search(query), SEARCH_RESULTS_PER_PAGE)
        results.object_list = _specific_in_order(results.object_list)
    context = {"query": query, "results": results, "query_string": urlencode({"q": query})}
    return render(request, "home/search.html", context)


def _tree(pages, root):
    """Nest `pages` (ordered by path) under `root` as [(page, children), ...]."""
    children = {}
    for page in pages:
        children.setdefault(page.path[: -page.steplen], []).append(page)

    def build(parent):
        return [(child, build(child)) for child in children.get(parent.path, [])]

    return build(root)


def _listing_pages(root):
    """Pages whose children the site map leaves out (`site_map_children = False` on their class)."""
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import get_page_models

    closed = [model for model in get_page_models() if getattr(model, "site_map_children", True) is False]
    if not closed:
        return []
    types = ContentType.objects.get_for_models(*closed).values()
    return list(root.get_descendants().filter(content_type__in=types).only("path", "depth"))


@require_GET
def site_map(request):
    """ "Plan du site": every published public page of the site, as nested lists."""
    site = Site.find_for_request(request)
    root = site.root_page if site else None
    tree = []
    if root:
        pages = root.get_descendants().live().public().order_by("path")
        for listing in _listing_pages(root):
            # The agenda, resources and directory list their own items (thousands of them).
            pages = pages.exclude(path__startswith=listing.path, depth__gt=listing.depth)
        tree = _tree(pages.only("id", "title", "url_path", "path", "depth"), root)
    return render(request, "home/site_map.html", {"root": root, "tree": tree})


@require_GET
def accessibility_grid(request):
    """The RGAA audit grid (home/audit/grid.csv), criterion by criterion, as a page of the audit report."""
    audit = load_audit()
    pages = [{**page, "rate": audit.page_rate(page["page"])} for page in audit.pages]
    return render(request, "home/accessibility_grid.html", {"audit": audit, "sample": pages})


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /recherche/",
        # Personal links, accounts and the steps of the forms: never to be indexed.
        "Disallow: /inscription/",
        "Disallow: /avis/",
        "Disallow: /compte/",
        "Disallow: /mon-espace/",
        "Disallow: /quitter/",
        "Disallow: /*/suivi/",
        "Disallow: /*/verifier/",
        "Disallow: /*/confirmation/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def theme_css_version(site_settings):
    """A short fingerprint of the colours, so the stylesheet URL changes when they do.

    `site_settings` is "" when no Wagtail site answers the request (Wagtail's context processor):
    the default colours then.
    """
    raw = f"{getattr(site_settings, 'primary_colour', '')}{getattr(site_settings, 'accent_colour', '')}"
    return hashlib.sha256(raw.encode()).hexdigest()[:10]


@require_GET
@cache_control(public=True, max_age=60 * 60 * 24 * 365, immutable=True)
def theme_css(request):
    """The site's colours as CSS custom properties (no inline style: the CSP forbids it)."""
    site_settings = SiteSettings.for_request(request)
    css = f":root{{--color-primary:{site_settings.primary_colour};--color-accent:{site_settings.accent_colour};}}\n"
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    if settings.DEBUG:
        response["Cache-Control"] = "no-cache"
    return response
