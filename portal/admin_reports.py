"""Wagtail's own admin reports that export spreadsheets, written by `portal.exports`.

Mounted in portal/urls.py before the admin's URLs, at the same addresses, so the menu and the
"Télécharger" buttons lead here: entries typed by staff (page titles, names) leave inert.
"""

from django.utils import timezone

from wagtail.admin.views.reports.audit_logging import LogEntriesView

from .exports import SpreadsheetExportMixin, export_filename


class SiteHistoryView(SpreadsheetExportMixin, LogEntriesView):
    export_sheet_title = "Historique du site"

    def get_filename(self):
        return export_filename("historique-du-site", f"{timezone.localdate():%Y-%m-%d}")
