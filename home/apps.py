from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site")

    def ready(self):
        from .roots import name_the_roots

        post_migrate.connect(name_the_roots, sender=self, dispatch_uid="home_name_the_roots")
