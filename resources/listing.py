"""Read side of resources and partners: what a visitor sees on the listings and the detail pages."""

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone

from events.models import EventPage, EventSession
from home.views import paginate
from home.visibility import public
from portal.fragments import render_each

from .forms import PartnerFilterForm, ResourceFilterForm
from .models import PartnerPage, ResourcePage
from .partners import upcoming_sessions

RESOURCES_PER_PAGE = 12
PARTNERS_PER_PAGE = 20


def filter_query_string(request):
    """The current filters as a query string, without the page number (for pagination links)."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _with_relation(pages, model, field, value):
    # A sub-query rather than a join, so Wagtail search accepts the filter (it only allows
    # declared FilterFields, and `id` is one) and no page is repeated. For a many-to-many
    # relation the sub-query reads only the link table: joining the pages again in it made
    # PostgreSQL plan for longer than it ran.
    relation = model._meta.get_field(field)
    if relation.many_to_many:
        links = relation.remote_field.through.objects.filter(**{relation.m2m_reverse_field_name(): value})
        keys = links.values(relation.m2m_column_name())
    else:
        keys = model.objects.filter(**{field: value}).values("pk")
    return pages.filter(pk__in=keys)


def published_resources(index_page):
    return ResourcePage.objects.live().descendant_of(index_page).public()


def filter_resources(resources, filters):
    """Narrow `resources` with the valid filters of `ResourceFilterForm`; search ranks by relevance."""
    for name, field in (("theme", "themes"), ("public", "audiences"), ("format", "formats")):
        if value := filters.get(name):
            resources = _with_relation(resources, ResourcePage, field, value)
    if query := filters.get("q"):
        return resources.search(query, operator="and")
    return resources.order_by("title")


def _cards(request, pks):
    """The card of each resource, rendered once per content version (portal.fragments)."""

    def load(missing):
        return ResourcePage.objects.defer_streamfields().prefetch_related("formats").in_bulk(missing)

    html = render_each(request, "resources/components/resource_card.html", "resource", pks, load)
    return [html[pk] for pk in pks if pk in html]


def resource_index_context(request, index_page):
    form = ResourceFilterForm(request.GET or None)
    filters = form.valid_filters() if request.GET else {}
    resources = filter_resources(published_resources(index_page), filters)
    if not filters.get("q"):
        # Search results come as pages; a plain listing only needs to know which ones.
        resources = resources.values_list("pk", flat=True)
    page_obj = paginate(request, resources, RESOURCES_PER_PAGE)
    pks = [getattr(item, "pk", item) for item in page_obj.object_list]
    return {
        "form": form,
        "filters": filters,
        "page_obj": page_obj,
        "cards": _cards(request, pks),
        "result_count": page_obj.paginator.count,
        "query_string": filter_query_string(request),
    }


def published_partners(index_page):
    return PartnerPage.objects.live().descendant_of(index_page).public()


def filter_partners(partners, filters):
    """Narrow `partners` with the valid filters of `PartnerFilterForm`."""
    if kind := filters.get("type"):
        partners = partners.filter(kind=kind)
    for name, field in (("theme", "themes"), ("public", "audiences"), ("commune", "commune")):
        if value := filters.get(name):
            partners = _with_relation(partners, PartnerPage, field, value)
    if query := filters.get("q"):
        return partners.search(query, operator="and")
    return partners.order_by("title")


def partner_index_context(request, index_page):
    form = PartnerFilterForm(request.GET or None)
    filters = form.valid_filters() if request.GET else {}
    page_obj = paginate(request, filter_partners(published_partners(index_page), filters), PARTNERS_PER_PAGE)
    partners = list(page_obj.object_list)
    prefetch_related_objects(partners, "commune")
    return {
        "form": form,
        "filters": filters,
        "page_obj": page_obj,
        "partners": partners,
        "result_count": page_obj.paginator.count,
        "query_string": filter_query_string(request),
    }


def _related(model, relation):
    """The live pages of a many-to-many field, also in a preview.

    In a preview the relation is modelcluster's in-memory FakeQuerySet (the unsaved form's
    choice), which has no `live()`: query the pages it names instead.
    """
    return model.objects.live().filter(pk__in=[item.pk for item in relation.all()])


def resource_page_context(request, page):
    """Everything a resource page shows besides its own fields, in a fixed number of queries."""
    upcoming = EventSession.objects.filter(end__gte=timezone.now()).select_related("venue__commune").order_by("start")
    return {
        "themes": list(page.themes.all()),
        "audiences": list(page.audiences.all()),
        "formats": list(page.formats.all()),
        "documents": list(page.documents.select_related("document")),
        "easy_read_version": public(ResourcePage.objects.live().filter(pk=page.easy_read_version_id)).first()
        if page.easy_read_version_id
        else None,
        "standard_versions": list(public(page.standard_versions.live()).exclude(pk=page.pk).order_by("title")),
        "partners": list(
            public(_related(PartnerPage, page.related_partners)).select_related("commune").order_by("title")
        ),
        "events": list(
            public(_related(EventPage, page.related_events))
            .prefetch_related(Prefetch("sessions", queryset=upcoming, to_attr="upcoming_sessions"))
            .order_by("title")
        ),
    }


def partner_page_context(request, page):
    return {
        "themes": list(page.themes.all()),
        "audiences": list(page.audiences.all()),
        "resources": list(public(page.resources.live()).order_by("title")),
        "sessions": upcoming_sessions(page),
    }
