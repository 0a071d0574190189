"""The "Accueil social" group: the only people who see appointment requests."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Accueil social"
PERMISSIONS = [
    ("appointments", "appointmentrequest", ["view", "change"]),
    ("appointments", "appointmentsubject", ["view", "add", "change"]),
]


def create_group(apps, schema_editor):
    # Permissions are normally created after the migrations run: create this app's now.
    app_config = apps.get_app_config("appointments")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    codenames = [f"{action}_{model}" for _app, model, actions in PERMISSIONS for action in actions]
    group.permissions.add(*Permission.objects.filter(content_type__app_label="appointments", codename__in=codenames))
    access_admin = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin").first()
    if access_admin:
        group.permissions.add(access_admin)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("appointments", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
