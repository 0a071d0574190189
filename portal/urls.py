from django.conf import settings
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from accounts import views as account_views
from home import views as home_views
from portal import admin_reports
from portal import views as portal_views

urlpatterns = [
    # Before the admin's own URLs: its login form would be a way around allauth and its MFA.
    path("admin/login/", account_views.admin_login_redirect, name="wagtailadmin_login"),
    # Wagtail's site history, its spreadsheets written by portal.exports (inert cells, French dialect).
    path("admin/reports/site-history/", admin_reports.SiteHistoryView.as_view()),
    path("admin/", include(wagtailadmin_urls)),
    path("compte/", include("allauth.urls")),
    path("mon-espace/", include("accounts.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("inscription/", include("events.urls")),
    path("avis/", include("indicators.urls")),
    path("recherche/", home_views.search, name="search"),
    path("plan-du-site/", home_views.site_map, name="site-map"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots-txt"),
    path("theme.css", home_views.theme_css, name="theme-css"),
    path("quitter/", portal_views.quick_exit, name="quick-exit"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
elif settings.SERVE_MEDIA:
    # Only for a server without a reverse proxy in front (make bench); never in production.
    from django.views.static import serve

    urlpatterns += [re_path(r"^media/(?P<path>(?!documents/).*)$", serve, {"document_root": settings.MEDIA_ROOT})]

# Wagtail's own front-end URLs, last: they catch every other address.
urlpatterns += [path("", include(wagtail_urls))]

handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
