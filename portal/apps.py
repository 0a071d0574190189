from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portail")

    def ready(self):
        # The page cache's receivers, in every process (commands and cron too), and the quick
        # exit's erasure of form drafts.
        from . import cache, drafts  # noqa: F401

        cache.connect_signals()
