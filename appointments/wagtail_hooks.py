"""The appointment inbox in the admin (subjects are a snippet, registered in models.py)."""

from wagtail import hooks

from .admin_views import AppointmentViewSet


@hooks.register("register_admin_viewset")
def register_appointment_viewset():
    return AppointmentViewSet()
