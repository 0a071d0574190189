from django.urls import path

from . import views

app_name = "news"

urlpatterns = [
    path("alerte/masquer/", views.dismiss_alert, name="dismiss-alert"),
]
