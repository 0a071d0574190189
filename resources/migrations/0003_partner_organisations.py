from django.db import migrations


def give_each_partner_its_organisation(apps, schema_editor):
    """Existing partner pages (a demo already loaded) get their organisation, named after them."""
    PartnerPage = apps.get_model("resources", "PartnerPage")
    Organisation = apps.get_model("partners", "Organisation")
    for page in PartnerPage.objects.filter(organisation__isnull=True):
        page.organisation = Organisation.objects.create(name=page.title)
        page.save(update_fields=["organisation"])


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_initial"),
        ("resources", "0002_partnerpage_organisation"),
    ]

    operations = [migrations.RunPython(give_each_partner_its_organisation, migrations.RunPython.noop)]
