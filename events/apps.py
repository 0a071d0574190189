from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Agenda")

    def ready(self):
        from portal.signals import text_failed

        from .texts import text_failed as flag_for_a_call

        text_failed.connect(flag_for_a_call, dispatch_uid="events.text_failed")

        from wagtail.signals import task_rejected, workflow_approved

        from .partner_emails import tell_partner_published, tell_partner_sent_back

        workflow_approved.connect(tell_partner_published, dispatch_uid="events.partner_published")
        task_rejected.connect(tell_partner_sent_back, dispatch_uid="events.partner_sent_back")
