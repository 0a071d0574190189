"""Site-wide addresses that are not pages: search, site map, sitemap.xml, robots.txt, theme.css."""

from django.urls import path

from wagtail.contrib.sitemaps.views import sitemap

from . import views

urlpatterns = [
    path("recherche/", views.search, name="search"),
    path("plan-du-site/", views.site_map, name="site-map"),
    path("grille-d-audit-accessibilite/", views.accessibility_grid, name="accessibility-grid"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("theme.css", views.theme_css, name="theme-css"),
]
