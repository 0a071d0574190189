from django.conf import settings
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal import admin_reports, health
from portal import views as portal_views

# The apps' URLs are included by name: the base app knows none of them.

urlpatterns = [
    # For the load balancer: the database and the cache, in bounded time (portal/health.py).
    path("healthz", health.healthz, name="healthz"),
    # Before the admin's own URLs: its login form would be a way around allauth and its MFA.
    path("admin/login/", include("accounts.admin_urls")),
    # Wagtail's site history, its spreadsheets written by portal.exports (inert cells, French dialect).
    path("admin/reports/site-history/", admin_reports.SiteHistoryView.as_view()),
    path("admin/", include(wagtailadmin_urls)),
    path("compte/", include("allauth.urls")),
    path("mon-espace/", include("accounts.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("inscription/", include("events.urls")),
    # The short personal links of the text messages (registration, appointment request).
    path("i/", include("events.short_urls")),
    path("r/", include("appointments.short_urls")),
    path("avis/", include("indicators.urls")),
    path("", include("news.urls")),
    path("", include("home.urls")),
    path("quitter/", portal_views.quick_exit, name="quick-exit"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
elif settings.SERVE_MEDIA:
    # Only for a server without a reverse proxy in front (make bench); never in production.
    urlpatterns += [re_path(r"^media/(?P<path>(?!documents/).*)$", portal_views.serve_media)]

# Wagtail's own front-end URLs, last: they catch every other address.
urlpatterns += [path("", include(wagtail_urls))]

handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
