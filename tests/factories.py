"""Factories with realistic French values."""

import json

import factory
import wagtail_factories

from home.models import HomePage, StandardPage


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
