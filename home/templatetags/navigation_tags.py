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


def _section(root, page):
    """The path of the top-level page that `page` is or sits under (None on the home page), and
    whether `page` is that page: all that the header's menu marks as current."""
    path, depth = getattr(page, "path", None), getattr(page, "depth", None)
    if not path or not depth or depth <= root.depth or not path.startswith(root.path):
        return None, False
    return path[: Page.steplen * (root.depth + 1)], depth == root.depth + 1


@register.simple_tag(takes_context=True)
def site_header(context):
    """The header (logo, search, menu), its HTML kept per content version and menu state.

    What differs from page to page is only which menu entry is current, which the page's own
    path tells: the key says exactly that, so every page of a section shares one rendering
    (portal.fragments.cached_html) and the menu is read only to render it.
    """
    request, page = context.get("request"), context.get("page")
    root = _site_root(context)
    values = {"page": page, "request": request}
    if root is None:
        return render_to_string("components/header.html", {**values, "site_settings": None})
    section, is_section = _section(root, page)
    parts = (
        "header",
        root.pk,
        section,
        is_section,
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
        # No Wagtail site answers this host (no default site yet): the footer without settings.
        site_settings = SiteSettings.for_request(request) if root and request else None
        return render_to_string("components/footer.html", {"site_settings": site_settings, "request": request})

    return cached_html(request, ("footer", root.pk), render) if root and request else render()


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page=None):
    """Ancestors of the current page from the home page down, the current page last.

    Their HTML is kept per content version and page; a preview (unsaved titles) is rendered each time.
    """
    request, page = context.get("request"), page or context.get("page")
    root = _site_root(context)

    def render():
        ancestors = []
        if page and root and page.depth > root.depth:
            ancestors = list(
                page.get_ancestors()
                .filter(depth__gte=root.depth)
                .live()
                .only("id", "title", "url_path", "depth", "path")
            )
        return render_to_string(
            "components/breadcrumbs.html", {"ancestors": ancestors, "current": page, "request": request}
        )

    if request is None or root is None or not getattr(page, "pk", None) or getattr(request, "is_preview", False):
        return render()
    return cached_html(request, ("breadcrumbs", root.pk, page.pk), render)


@register.simple_tag
def theme_version(site_settings):
    return theme_css_version(site_settings)


@register.filter
def is_section_of(menu_page, page):
    """True when `page` is `menu_page` or below it (marks the current menu entry)."""
    if not page or not getattr(page, "path", None):
        return False
    return page.path.startswith(menu_page.path)
