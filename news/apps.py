from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("Actualités")

    def ready(self):
        from events.extensions import add_agenda_panel, add_event_page_panel

        from . import receivers

        receivers.connect()
        add_event_page_panel("news.notify_me", "news/components/notify_me_panel.html")
        add_agenda_panel("news.subscription", "news/components/subscribe_panel.html")
