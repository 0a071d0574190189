"""The register in the admin: the "Registre" menu and, for Veille sociale only, a place in the admin search."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.search import SearchArea

from .admin_views.common import VIEW
from .viewsets import RegisterViewSetGroup


@hooks.register("register_admin_viewset")
def register_register_viewsets():
    return RegisterViewSetGroup()


class RegisterSearchArea(SearchArea):
    """ "Registre" in the admin search results, a link to the register's own search (no count)."""

    def is_shown(self, request):
        return request.user.has_perm(VIEW)


@hooks.register("register_admin_search_area")
def register_register_search_area():
    return RegisterSearchArea(_("Registre"), reverse("registre:index"), name="registre", icon_name="group", order=900)
