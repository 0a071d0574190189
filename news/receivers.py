"""What news listens to: its own alerts (the banner's cache)."""

from django.db.models.signals import post_delete, post_save


def connect():
    from . import alerts
    from .models import SiteAlert

    post_save.connect(alerts.forget_alerts, sender=SiteAlert, dispatch_uid="news_forget_alerts_saved")
    post_delete.connect(alerts.forget_alerts, sender=SiteAlert, dispatch_uid="news_forget_alerts_deleted")
