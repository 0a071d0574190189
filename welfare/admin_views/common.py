"""Permissions and the access check shared by the register's admin views."""

from django.core.exceptions import PermissionDenied
from django.utils.decorators import method_decorator
from django.views.decorators.debug import sensitive_post_parameters

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal.private import private
from portal.views import permission_denied

VIEW = "welfare.view_registerentry"
ADD = "welfare.add_registerentry"
CHANGE = "welfare.change_registerentry"
DELETE = "welfare.delete_registerentry"
TRANSMIT = "welfare.transmit_registerentry"
CAMPAIGN_VIEW = "welfare.view_campaign"
CAMPAIGN_ADD = "welfare.add_campaign"
CAMPAIGN_CHANGE = "welfare.change_campaign"


def refused(request):
    """The register's refusal: a plain 403 page, no redirect, nothing of the register in it."""
    response = permission_denied(request, PermissionDenied())
    response["Cache-Control"] = "no-store"
    return response


class RegisterAccessMixin:
    """Checks `permission` (a list: all needed) before anything else; marks every response private."""

    permission = (VIEW,)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perms(self.permission):
            return refused(request)
        return private(super().dispatch(request, *args, **kwargs))


@method_decorator(sensitive_post_parameters(), name="dispatch")
class RegisterPageView(RegisterAccessMixin, WagtailAdminTemplateMixin):
    """Base of the register's admin pages (a header, breadcrumbs under "Registre")."""

    header_icon = "group"
    parent_crumbs = ()

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, *self.parent_crumbs_items(), {"url": "", "label": self.get_page_title()}]

    def parent_crumbs_items(self):
        return []
