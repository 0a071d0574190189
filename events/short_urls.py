"""The short personal link of the text messages: /i/<22 characters>/ (see events.texts)."""

from django.urls import path

from . import registration_views

app_name = "events-short"

urlpatterns = [path("<str:short>/", registration_views.short_link, name="manage")]
