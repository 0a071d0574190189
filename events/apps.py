from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Agenda")

    def ready(self):
        from portal.signals import text_failed

        from .texts import text_failed as flag_for_a_call

        text_failed.connect(flag_for_a_call, dispatch_uid="events.text_failed")
