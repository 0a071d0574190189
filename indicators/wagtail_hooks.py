"""The "Indicateurs" page and the paper copies in the Wagtail admin."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import PERMISSION, IndicatorsView, SummaryPdfView, SummaryView
from .viewsets import PaperCopyViewSet


class IndicatorsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_urls")
def register_indicators_urls():
    return [
        path("indicateurs/", IndicatorsView.as_view(), name="indicators"),
        path("indicateurs/synthese/", SummaryView.as_view(), name="indicators_summary"),
        path("indicateurs/synthese/pdf/", SummaryPdfView.as_view(), name="indicators_summary_pdf"),
    ]


@hooks.register("register_admin_menu_item")
def register_indicators_menu_item():
    return IndicatorsMenuItem(_("Indicateurs"), reverse("indicators"), icon_name="table", order=810)


@hooks.register("register_admin_viewset")
def register_paper_copy_viewset():
    return PaperCopyViewSet()
