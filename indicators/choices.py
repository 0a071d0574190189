"""Answer choices of the feedback form and of the optional "mieux vous connaître" questions.

Kept apart from the models so that `events.forms` can offer the questions without importing
models while the events app is still loading.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

PREFER_NOT = "non-repondu"


class AgeBand(models.TextChoices):
    UNDER_18 = "moins-18", _("Moins de 18 ans")
    FROM_18 = "18-25", _("18 à 25 ans")
    FROM_26 = "26-39", _("26 à 39 ans")
    FROM_40 = "40-59", _("40 à 59 ans")
    FROM_60 = "60-74", _("60 à 74 ans")
    FROM_75 = "75-plus", _("75 ans et plus")
    PREFER_NOT = PREFER_NOT, _("Je préfère ne pas répondre")


class FamilySituation(models.TextChoices):
    SINGLE_PARENT = "parent-seul", _("Je suis seul ou seule à élever mes enfants")
    COUPLE_PARENT = "parent-couple", _("J'élève mes enfants en couple")
    NO_CHILDREN = "sans-enfant", _("Je n'ai pas d'enfant à charge")
    PREFER_NOT = PREFER_NOT, _("Je préfère ne pas répondre")


class Caregiver(models.TextChoices):
    YES = "oui", _("Oui")
    NO = "non", _("Non")
    PREFER_NOT = PREFER_NOT, _("Je préfère ne pas répondre")


class ComeAgain(models.TextChoices):
    YES = "oui", _("Oui")
    MAYBE = "peut-etre", _("Peut-être")
    NO = "non", _("Non")
