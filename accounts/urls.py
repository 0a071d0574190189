from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("inscriptions/<int:pk>/annuler/", views.cancel_registration, name="cancel-registration"),
    path("mes-donnees.json", views.download_data, name="download-data"),
    path("supprimer-mon-compte/", views.delete_account, name="delete-account"),
    path("compte-supprime/", views.account_deleted, name="deleted"),
]
