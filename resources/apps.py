from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = _("Ressources")

    def ready(self):
        from wagtail.documents.models import document_served

        from .services import count_document_download

        # Every download goes through Wagtail's serve view (WAGTAILDOCS_SERVE_METHOD), which sends this.
        document_served.connect(count_document_download, dispatch_uid="resources_count_document_download")
