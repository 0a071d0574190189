from django.urls import path

from . import notify_views, views

app_name = "news"

urlpatterns = [
    path("alerte/masquer/", views.dismiss_alert, name="dismiss-alert"),
    # Personal links and forms: outside the page cache (PAGE_CACHE_EXCLUDED_PATHS, "^/abonnements/").
    path("abonnements/prevenez-moi/<int:event_id>/", notify_views.notify_form, name="notify-form"),
    path("abonnements/prevenez-moi/<int:event_id>/envoye/", notify_views.notify_sent, name="notify-sent"),
    path("abonnements/lien/<str:token>/", notify_views.notify_manage, name="notify-manage"),
]
