"""Factories of the resources app, with realistic French values (kept here, next to their tests)."""

import factory
import wagtail_factories

from resources.models import PartnerIndexPage, PartnerKind, PartnerPage, ResourceFormat, ResourceIndexPage, ResourcePage


class ResourceFormatFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Format {n}")
    slug = factory.Sequence(lambda n: f"format-{n}")

    class Meta:
        model = ResourceFormat
        django_get_or_create = ("slug",)


class ResourceIndexPageFactory(wagtail_factories.PageFactory):
    title = "Ressources"
    slug = "ressources"
    introduction = "Des fiches simples pour vos questions de tous les jours."

    class Meta:
        model = ResourceIndexPage


class ResourcePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Fiche pratique {n}")
    summary = "Ce qu'il faut savoir, en quelques mots simples."

    class Meta:
        model = ResourcePage


class PartnerIndexPageFactory(wagtail_factories.PageFactory):
    title = "Annuaire des partenaires"
    slug = "annuaire"
    introduction = "Qui peut vous aider près de chez vous."

    class Meta:
        model = PartnerIndexPage


class PartnerPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Association d'entraide {n}")
    kind = PartnerKind.ASSOCIATION
    description = "Une association qui écoute et accompagne les familles."
    phone = "03 53 01 77 00"

    class Meta:
        model = PartnerPage
