from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("Indicateurs")

    def ready(self):
        from . import receivers

        receivers.connect()
        from . import welfare

        # The register of vulnerable people: anonymous counts only (indicators/welfare.py).
        welfare.connect()
        from . import aids

        # The aids guide: views and completed question paths, counted without any answer.
        aids.connect()
