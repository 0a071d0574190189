"""Paper copies in the admin: staff record the printed copies of a resource they hand out."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from portal.exports import SpreadsheetExportMixin

from .models import PaperCopy


class PaperCopyIndexView(SpreadsheetExportMixin, generic.IndexView):
    export_sheet_title = _("Exemplaires papier")


class PaperCopyCreateView(generic.CreateView):
    def save_instance(self):
        instance = self.form.save(commit=False)
        instance.recorded_by = self.request.user
        instance.save()
        return instance


class PaperCopyViewSet(ModelViewSet):
    model = PaperCopy
    icon = "doc-full"
    menu_label = _("Exemplaires papier")
    menu_order = 820
    add_to_admin_menu = True
    url_prefix = "exemplaires-papier"
    name = "exemplaires_papier"
    add_view_class = PaperCopyCreateView
    index_view_class = PaperCopyIndexView
    list_display = ["support", "__str__", "quantity", "day", "place", "session"]
    list_filter = ["day"]
    list_export = ["support", "resource", "label", "quantity", "day", "place", "session"]
    export_filename = "exemplaires-papier"
    search_fields = ["place"]
    inspect_view_enabled = False
    form_fields = ["resource", "quantity", "day", "place", "session"]

    def get_queryset(self, request):
        return PaperCopy.objects.select_related("resource", "event", "session__event")
