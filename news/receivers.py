"""What news listens to: its own alerts (the banner's cache) and the publication of events."""

from django.db.models.signals import post_delete, post_save

from wagtail.signals import page_published


def connect():
    from . import alerts, notify
    from .models import SiteAlert

    page_published.connect(notify.on_event_published, dispatch_uid="news_notify_on_event_published")
    post_save.connect(alerts.forget_alerts, sender=SiteAlert, dispatch_uid="news_forget_alerts_saved")
    post_delete.connect(alerts.forget_alerts, sender=SiteAlert, dispatch_uid="news_forget_alerts_deleted")
