"""Header navigation, breadcrumbs and the site-wide links every template needs."""

from django import template
from django.template.loader import render_to_string

from wagtail.models import Page, Site

from home.models import SiteSettings
from home.views import theme_css_version
from home.visibility import public
from portal.fragments import cached_html

register = template.Library()


@register.filter(name="public")
def public_pages(queryset):
    """`{% with pages=page.aids.live|public %}`: the pages no view restriction covers (one query)."""
    return public(queryset)


def _site_root(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return site.root_page if site else None


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Top-level pages shown in menus ("Afficher dans les menus"), in tree order."""
    root = _site_root(context)
    if root is None:
        return Page.objects.none()
    request = context.get("request")
    menu = getattr(request, "_portal_main_menu", None)
    if menu is None:  # read once per request: the header and the footer both ask
        menu = list(root.get_children().live().in_menu().public().only("id", "title", "url_path", "depth", "path"))
        if request is not None:
            request._portal_main_menu = menu
    return menu


@register.simple_tag(takes_context=True)
def site_header(context):
    """The header (logo, search, menu), its HTML kept per content version and menu state.

    What differs from page to page is only which menu entry is current: the key says exactly
    that, so every page of a section shares one rendering (portal.fragments.cached_html).
    """
    request, page = context.get("request"), context.get("page")
    root = _site_root(context)
    values = {"page": page, "request": request}
    if root is None:
        return render_to_string("components/header.html", {**values, "site_settings": None})
    current = next((item.pk for item in main_menu(context) if is_section_of(item, page)), None)
    parts = (
        "header",
        root.pk,
        current,
        current is not None and page.pk == current,
        getattr(page, "depth", None) == 2,
        request.path.startswith("/mon-espace"),
    )
    return cached_html(
        request,
        parts,
        lambda: render_to_string(
            "components/header.html", {**values, "site_settings": SiteSettings.for_request(request)}
        ),
    )


@register.simple_tag(takes_context=True)
def site_footer(context):
    """The footer, the same on every page of a site: its HTML kept per content version."""
    request = context.get("request")
    root = _site_root(context)

    def render():
        site_settings = SiteSettings.for_request(request) if request else None
        return render_to_string("components/footer.html", {"site_settings": site_settings, "request": request})

    return cached_html(request, ("footer", root.pk), render) if root and request else render()


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page=None):
    """Ancestors of the current page from the home page down, the current page last."""
    page = page or context.get("page")
    root = _site_root(context)
    ancestors = []
    if page and root and page.depth > root.depth:
        ancestors = list(
            page.get_ancestors().filter(depth__gte=root.depth).live().only("id", "title", "url_path", "depth", "path")
        )
    return {"ancestors": ancestors, "current": page, "request": context.get("request")}


@register.simple_tag
def theme_version(site_settings):
    return theme_css_version(site_settings)


@register.filter
def is_section_of(menu_page, page):
    """True when `page` is `menu_page` or below it (marks the current menu entry)."""
    if not page or not getattr(page, "path", None):
        return False
    return page.path.startswith(menu_page.path)
