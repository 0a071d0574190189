"""Mounted at /admin/login/ before the admin's own URLs: its login form would bypass allauth and MFA."""

from django.urls import path

from . import views

urlpatterns = [path("", views.admin_login_redirect, name="wagtailadmin_login")]
