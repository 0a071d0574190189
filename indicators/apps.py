from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("Indicateurs")

    def ready(self):
        from events.signals import paper_copies_printed

        from . import welfare
        from .paper import record_printed_copies

        paper_copies_printed.connect(record_printed_copies, dispatch_uid="indicators_printed_copies")
        # The register of vulnerable people: anonymous counts only (indicators/welfare.py).
        welfare.connect()
