from django.urls import path

from . import registration_views

app_name = "events"

urlpatterns = [
    path("<str:token>/", registration_views.manage, name="manage-registration"),
    path("<str:token>/annuler/", registration_views.cancel, name="cancel-registration"),
    path("<str:token>/rattacher/", registration_views.attach, name="attach-registration"),
]
