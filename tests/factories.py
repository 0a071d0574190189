"""Factories with realistic French values."""

import json
from datetime import timedelta

from django.utils import timezone

import factory
import wagtail_factories

from events.models import EventFormat, EventIndexPage, EventPage, EventSession, Venue
from home.models import Audience, Commune, HomePage, StandardPage, Theme


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Accueil"
    hero_text = "Le CCAS vous accompagne au quotidien."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Page d'information {n}")
    introduction = "Ce qu'il faut savoir, en quelques mots."
    body = factory.LazyFunction(
        lambda: json.dumps([{"type": "paragraph", "value": "<p>Un texte simple et clair.</p>"}])
    )

    class Meta:
        model = StandardPage


class ThemeFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Thème {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")

    class Meta:
        model = Theme
        django_get_or_create = ("slug",)


class AudienceFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Public {n}")
    slug = factory.Sequence(lambda n: f"public-{n}")

    class Meta:
        model = Audience
        django_get_or_create = ("slug",)


class CommuneFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Commune {n}")
    slug = factory.Sequence(lambda n: f"commune-{n}")
    postcode = "71990"

    class Meta:
        model = Commune
        django_get_or_create = ("slug",)


class VenueFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Salle des fêtes {n}")
    address = "2 place de l'Église"
    commune = factory.SubFactory(CommuneFactory)
    step_free_access = True

    class Meta:
        model = Venue


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Agenda"
    slug = "agenda"
    introduction = "Les temps ressources près de chez vous."

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Café des parents {n}")
    summary = "Un temps d'échange entre parents, autour d'un café."
    event_format = EventFormat.PARENT_GROUP

    class Meta:
        model = EventPage


class EventSessionFactory(factory.django.DjangoModelFactory):
    event = factory.SubFactory(EventPageFactory)
    start = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    end = factory.LazyAttribute(lambda session: session.start + timedelta(hours=2))
    venue = factory.SubFactory(VenueFactory)

    class Meta:
        model = EventSession
