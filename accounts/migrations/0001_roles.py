"""Create the staff roles (groups) described in accounts/roles.py and the README."""

from django.db import migrations


def create_roles(apps, schema_editor):
    # The global models on purpose: permissions, groups and Wagtail's permission tables are
    # stable, and the roles must match the code's declaration (accounts.roles.ROLES).
    from accounts.roles import apply_roles

    apply_roles()
    # Wagtail's sample groups would sit beside the portal's roles and confuse who may do what.
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=["Editors", "Moderators"], user__isnull=True).delete()


def remove_roles(apps, schema_editor):
    from accounts.roles import ROLES

    apps.get_model("auth", "Group").objects.filter(name__in=[name for name in ROLES if name != "Accueil social"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("appointments", "0002_accueil_social_group"),
        ("home", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
