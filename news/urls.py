from django.urls import path

from . import feeds, notify_views, subscription_views, views

app_name = "news"

urlpatterns = [
    path("alerte/masquer/", views.dismiss_alert, name="dismiss-alert"),
    path("flux/nouveaux-temps-ressources/rss/", feeds.NewSessionsRssFeed(), name="new-sessions-rss"),
    path("flux/nouveaux-temps-ressources/atom/", feeds.NewSessionsAtomFeed(), name="new-sessions-atom"),
    # Personal links and forms: outside the page cache (PAGE_CACHE_EXCLUDED_PATHS, "^/abonnements/").
    path("abonnements/prevenez-moi/<int:event_id>/", notify_views.notify_form, name="notify-form"),
    path("abonnements/prevenez-moi/<int:event_id>/envoye/", notify_views.notify_sent, name="notify-sent"),
    path("abonnements/lien/<str:token>/", notify_views.notify_manage, name="notify-manage"),
    path("abonnements/temps-ressources/", subscription_views.subscription_form, name="subscription-form"),
    path("abonnements/temps-ressources/envoye/", subscription_views.subscription_sent, name="subscription-sent"),
    path("abonnements/suivi/<str:token>/", subscription_views.subscription_manage, name="subscription-manage"),
    path("abonnements/desabonnement/<str:token>/", subscription_views.unsubscribe, name="unsubscribe"),
]
