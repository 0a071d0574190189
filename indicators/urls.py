from django.urls import path

from . import views

app_name = "indicators"

urlpatterns = [
    path("merci/", views.feedback_thanks, name="feedback-thanks"),
    path("<str:token>/", views.feedback, name="feedback"),
]
