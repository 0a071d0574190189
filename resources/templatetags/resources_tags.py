"""The home page's featured resources."""

from django import template
from django.db.models import prefetch_related_objects

from resources.models import ResourceIndexPage, ResourcePage

register = template.Library()


@register.inclusion_tag("resources/components/featured_resources.html", takes_context=True)
def featured_resources(context, limit=3):
    """Resources marked "à la une", then the most recently published ones, `limit` at most."""
    index_page = ResourceIndexPage.objects.live().public().first()
    resources = []
    if index_page:
        resources = list(
            ResourcePage.objects.live()
            .descendant_of(index_page)
            .public()
            .order_by("-featured", "-first_published_at", "pk")[:limit]
        )
        prefetch_related_objects(resources, "formats")
    return {"resources": resources, "index_page": index_page, "request": context.get("request")}
