"""Partner contributors in the admin: their organisations' events only, never published directly.

The "Partenaire" role may add and change pages under the agenda (accounts.roles) and has no
publish permission, so Wagtail's moderation workflow sends what they submit to Communication.
Here: another organisation's event is out of reach (every page action refused, the edit view
answers 403), the explorer lists only their own events, and the event form offers only their
organisations as organisers.
"""

import re

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.models import PagePermissionTester

from partners.access import partner_organisations

REFUSED_ACTIONS = [
    "can_add_subpage",
    "can_edit",
    "can_delete",
    "can_unpublish",
    "can_publish",
    "can_submit_for_moderation",
    "can_set_view_restrictions",
    "can_unschedule",
    "can_lock",
    "can_unlock",
    "can_publish_subpage",
    "can_reorder_children",
    "can_move",
    "can_copy",
    "can_move_to",
    "can_copy_to",
    "can_view_revisions",
]


def _refuse(*args, **kwargs):
    return False


class OutOfReachTester(PagePermissionTester):
    """Every action refused: a page of another organisation, or the agenda page itself."""


for _name in REFUSED_ACTIONS:
    setattr(OutOfReachTester, _name, _refuse)


class AgendaPartnerTester(PagePermissionTester):
    """The agenda page for a partner: they may add an event under it, not edit the page."""

    def can_edit(self):
        return False

    def can_view_revisions(self):
        return False


def organises(page, organisation_ids):
    if page.pk is None:
        return True
    return page.organisers.through.objects.filter(eventpage_id=page.pk, organisation_id__in=organisation_ids).exists()


def event_permissions(page, user):
    """The tester of an event page: out of reach for a partner of another organisation."""
    limited = partner_organisations(user)
    if limited is not None and not organises(page, limited):
        return OutOfReachTester(user, page)
    return PagePermissionTester(user, page)


def agenda_permissions(page, user):
    if partner_organisations(user) is not None:
        return AgendaPartnerTester(user, page)
    return PagePermissionTester(user, page)


ADMIN_PAGE_PATH = re.compile(r"^/admin/pages/(\d+)/.")


class PartnerAdminGate:
    """Middleware: a partner opening any admin address of another organisation's event gets a 403.

    Wagtail would answer its generic redirect to the dashboard (the testers above refuse every
    action); the gate answers first, for the edit, draft, history, revisions, delete, copy and move
    addresses alike, with a French message.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        match = ADMIN_PAGE_PATH.match(request.path_info)
        if match and (refusal := refuse_other_organisations(request, int(match[1]))):
            return refusal
        return self.get_response(request)


def refuse_other_organisations(request, page_id):
    """The 403 for a partner and another organisation's event (None when allowed or not an event)."""
    from .models import EventPage

    limited = partner_organisations(getattr(request, "user", None))
    if limited is None:
        return None
    page = EventPage.objects.filter(pk=page_id).first()
    if page is None or organises(page, limited):
        return None
    message = _("Ce temps ressources est celui d'un autre organisateur : vous ne pouvez pas l'ouvrir.")
    response = TemplateResponse(request, "events/admin/partner_refused.html", {"message": message}, status=403)
    response["Cache-Control"] = "no-store"
    return response.render()


@hooks.register("construct_explorer_page_queryset")
def own_events_only(parent_page, pages, request):
    """construct_explorer_page_queryset: a partner sees only their organisations' events."""
    from .models import EventIndexPage, EventPage

    limited = partner_organisations(request.user)
    if limited is None or not isinstance(parent_page.specific, EventIndexPage):
        return pages
    return pages.filter(pk__in=EventPage.objects.filter(organisers__in=limited).values("pk"))


def limit_organisers(form):
    """The event form of a partner: their organisations (and the co-organisers already named)."""
    limited = partner_organisations(getattr(form, "for_user", None))
    if limited is None:
        return
    field = form.fields["organisers"]
    current = {item.pk for item in form.instance.organisers.all()} if form.instance.pk else set()
    field.queryset = field.queryset.filter(pk__in=set(limited) | current)
    field.required = True
    field.error_messages = {
        **field.error_messages,
        "required": _("Choisissez votre organisation parmi les organisateurs."),
        "invalid_choice": _("Vous ne pouvez nommer que votre propre organisation comme organisateur."),
        "invalid_pk_value": _("Vous ne pouvez nommer que votre propre organisation comme organisateur."),
    }
    if not form.instance.pk and len(limited) == 1:
        field.initial = list(limited)


def check_organisers(form, cleaned):
    """EventPageForm.clean: a partner's event always names one of the partner's organisations."""
    limited = partner_organisations(getattr(form, "for_user", None))
    chosen = cleaned.get("organisers")
    if limited is not None and chosen is not None and not any(item.pk in limited for item in chosen):
        form.add_error("organisers", _("Choisissez votre organisation parmi les organisateurs."))
