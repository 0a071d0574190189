"""The appointment inbox and its subjects in the admin."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .viewsets import AppointmentSubjectViewSet, AppointmentViewSet

register_snippet(AppointmentSubjectViewSet)


@hooks.register("register_admin_viewset")
def register_appointment_viewset():
    return AppointmentViewSet()
