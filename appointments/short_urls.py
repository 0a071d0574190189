"""The short status link of the text messages: /r/<22 characters>/ (see appointments.texts)."""

from django.urls import path

from . import views

app_name = "appointments-short"

urlpatterns = [path("<str:short>/", views.short_link, name="status")]
