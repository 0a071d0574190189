"""The vocabularies of the register, fixed by the decree or by the emergency plan.

Values are English codes stored in the database; labels are what residents and staff read.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Ground(models.TextChoices):
    """Why a person may be on the register (CASF R121-2)."""

    AGE_65 = "age_65", _("65 ans ou plus")
    UNFIT_60 = "unfit_60", _("Plus de 60 ans et reconnu·e inapte au travail")
    DISABILITY = "disability", _("Adulte en situation de handicap, avec une prestation, une carte ou une pension")
    NONE = "none", _("Aucune de ces situations")


# How staff read the ground (the form's labels speak to the person).
GROUND_SHORT = {
    Ground.AGE_65: _("65 ans et plus"),
    Ground.UNFIT_60: _("Plus de 60 ans, inapte au travail"),
    Ground.DISABILITY: _("Adulte handicapé"),
}
ELIGIBLE_GROUNDS = (Ground.AGE_65, Ground.UNFIT_60, Ground.DISABILITY)


class Benefit(models.TextChoices):
    """The benefits or cards of a disabled adult (CASF title IV of book II, invalidity pensions)."""

    AAH = "aah", _("Allocation aux adultes handicapés (AAH)")
    PCH = "pch", _("Prestation de compensation du handicap (PCH) ou allocation compensatrice (ACTP)")
    CARD = "card", _("Carte mobilité inclusion mention « invalidité » ou carte d'invalidité")
    RQTH = "rqth", _("Reconnaissance de la qualité de travailleur handicapé (RQTH)")
    PENSION = "pension", _("Pension d'invalidité (sécurité sociale ou pension militaire)")
    OTHER = "other", _("Une autre aide au titre du handicap")


class Status(models.TextChoices):
    PENDING = "pending", _("En attente de l'accord de la personne")
    ACTIVE = "active", _("Inscrite")


class RequesterKind(models.TextChoices):
    """Who asked for the inscription (CASF R121-2: the person, a representative or a third party)."""

    SELF = "self", _("Moi-même")
    FAMILY = "family", _("Un membre de sa famille")
    NEIGHBOUR = "neighbour", _("Un voisin ou une voisine, un ou une proche")
    DOCTOR = "doctor", _("Son médecin")
    HOME_CARE = "home_care", _("Son service d'aide ou de soins à domicile")
    REPRESENTATIVE = "representative", _("Son représentant légal (tuteur, curateur)")
    OTHER = "other", _("Une autre personne")


class Channel(models.TextChoices):
    ONLINE = "online", _("En ligne")
    PHONE = "phone", _("Par téléphone")
    DESK = "desk", _("À l'accueil")
    POST = "post", _("Par courrier")


class ReachNeed(models.TextChoices):
    """What helps the team reach the person when they call."""

    HARD_OF_HEARING = "hard_of_hearing", _("Entend mal : parler fort, laisser sonner longtemps")
    MORNING = "morning", _("Préfère être appelé·e le matin")
    AFTERNOON = "afternoon", _("Préfère être appelé·e l'après-midi")
    ANONYMOUS_CALLS = "anonymous_calls", _("Ne décroche pas aux numéros masqués")
    VISIT = "visit", _("Vit seul·e et se déplace difficilement : une visite est plus sûre")


class CampaignKind(models.TextChoices):
    HEATWAVE = "heatwave", _("Canicule")
    COLD = "cold", _("Grand froid")
    OTHER = "other", _("Autre crise")


class Outcome(models.TextChoices):
    """The result of one call of a campaign."""

    WELL = "well", _("Joint·e, va bien")
    NO_ANSWER = "no_answer", _("Pas de réponse")
    NEEDS_HELP = "needs_help", _("Besoin d'aide")
    VISIT = "visit", _("Visite à prévoir")
    HOSPITALISED = "hospitalised", _("Hospitalisé·e")
    ABSENT = "absent", _("Absent·e")


# Outcomes after which someone must act (shown as "À suivre" in the campaign).
FOLLOW_UP_OUTCOMES = (Outcome.NEEDS_HELP, Outcome.VISIT)


class RemovalChannel(models.TextChoices):
    """How a person asked to leave the register."""

    LINK = "link", _("Par son lien de suivi")
    PHONE = "phone", _("Par téléphone")
    DESK = "desk", _("À l'accueil")
    POST = "post", _("Par courrier")
    REFUSED = "refused", _("A refusé l'inscription demandée par un tiers")
    WITHDRAWN = "withdrawn", _("Demande retirée par la personne qui l'avait faite")
    OTHER = "other", _("Autre (décès, déménagement signalé…)")
