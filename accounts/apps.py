from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Comptes")

    def ready(self):
        from django.contrib.auth import get_user_model

        from . import roles, signals  # noqa: F401 - connects the receivers

        # Permissions of models added later (new apps, new models) join the roles after migrate.
        post_migrate.connect(roles.sync_after_migrate, dispatch_uid="accounts-roles")
        # Roles given by default with another one (Accueil social → Veille sociale).
        from events.models import EventIndexPage

        # The partner contributors' page permissions follow agenda pages created later (demo, tests).
        post_save.connect(roles.grant_new_agenda, sender=EventIndexPage, dispatch_uid="accounts-new-agenda")
        m2m_changed.connect(
            roles.join_default_roles, sender=get_user_model().groups.through, dispatch_uid="accounts-default-roles"
        )
