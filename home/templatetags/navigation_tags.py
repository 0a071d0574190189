"""Header navigation, breadcrumbs and the site-wide links every template needs."""

from django import template

from wagtail.models import Page, Site

from home.views import theme_css_version
from portal.cache import memo

register = template.Library()


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
    return memo(
        ("main-menu", root.pk),
        lambda: list(root.get_children().live().public().in_menu().only("id", "title", "url_path", "depth", "path")),
    )


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page=None):
    """Ancestors of the current page from the home page down, the current page last."""
    page = page or context.get("page")
    root = _site_root(context)
    ancestors = []
    if page and root and page.depth > root.depth:
        ancestors = memo(
            ("breadcrumbs", page.pk, root.pk),
            lambda: list(
                page.get_ancestors()
                .filter(depth__gte=root.depth)
                .live()
                .only("id", "title", "url_path", "depth", "path")
            ),
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
