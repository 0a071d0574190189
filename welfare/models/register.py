"""The register itself: one `RegisterEntry` per person, its journal, and the staff actions that outlive entries.

Only what the decree allows is kept (CASF R121-3): identity, date of birth, the ground of the
inscription, address, phone; optionally the home-care service, a person to contact in an
emergency, and what helps reach the person. No email address: the acknowledgement is sent
once and not stored. Removing an entry deletes it with its journal and call logs, at once.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.phones import format_phone
from portal.tokens import derive_token

from ..choices import GROUND_SHORT, Benefit, Channel, Ground, ReachNeed, RemovalChannel, RequesterKind, Status

REFERENCE_PREFIX = "REG"
LINK_PURPOSE = "register"


def token_for_key(token_key):
    """The status link's token of an entry (see `portal.tokens`)."""
    return derive_token(token_key, LINK_PURPOSE)


def age_on(birth_date, day):
    """Full years between `birth_date` and `day` (a person born on 29 February ages on 1 March)."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


class RegisterEntry(models.Model):
    """One person on the register (or waiting for their agreement), seen only by the Veille sociale team.

    Staff use it to reach the person during a heatwave, a cold spell or another crisis: the
    call lists of campaigns are made of these entries. Third-party sign-ups stay `pending`
    until the person (or their legal representative) agrees; they never go on a call list
    before that.
    """

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey(
        "welfare.RegisterSignupPage", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reference = models.CharField(_("référence"), max_length=14, unique=True, editable=False)
    token_key = models.CharField(max_length=32, editable=False)
    token_hash = models.CharField(max_length=64, db_index=True, editable=False)
    status = models.CharField(_("statut"), max_length=10, choices=Status, default=Status.PENDING, db_index=True)
    channel = models.CharField(_("reçue"), max_length=10, choices=Channel, default=Channel.ONLINE)
    requester_kind = models.CharField(
        _("demandée par"), max_length=16, choices=RequesterKind, default=RequesterKind.SELF
    )
    # The third party who asked, kept only until the person has answered (then erased).
    requester_name = models.CharField(_("nom du demandeur"), max_length=150, blank=True)
    requester_phone = models.CharField(_("téléphone du demandeur"), max_length=16, blank=True)

    first_name = models.CharField(_("prénom"), max_length=100)
    last_name = models.CharField(_("nom"), max_length=100)
    birth_date = models.DateField(_("date de naissance"))
    ground = models.CharField(_("motif de l'inscription"), max_length=12, choices=Ground)
    benefit = models.CharField(_("prestation ou carte"), max_length=10, choices=Benefit, blank=True)
    address = models.CharField(_("adresse"), max_length=200)
    address_extra = models.CharField(_("complément d'adresse"), max_length=200, blank=True)
    commune = models.ForeignKey("home.Commune", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+")
    phone = models.CharField(_("téléphone"), max_length=16)
    phone_other = models.CharField(_("autre téléphone"), max_length=16, blank=True)
    home_care_service = models.CharField(_("service d'aide ou de soins à domicile"), max_length=150, blank=True)
    home_care_phone = models.CharField(_("téléphone du service à domicile"), max_length=16, blank=True)
    emergency_contact = models.CharField(_("personne à prévenir"), max_length=150, blank=True)
    emergency_phone = models.CharField(_("téléphone de la personne à prévenir"), max_length=16, blank=True)
    reach_needs = models.JSONField(_("pour la joindre"), default=list, blank=True)
    reach_notes = models.CharField(_("autre précision pour la joindre"), max_length=200, blank=True)

    # Set only from the entry's own status link, by a signed-in resident (see accounts).
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rattachée au compte"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="register_entries",
    )
    created_at = models.DateTimeField(_("demandée le"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    agreed_at = models.DateTimeField(_("inscrite le"), null=True, blank=True)
    last_confirmed_at = models.DateTimeField(_("dernière confirmation"), null=True, blank=True)
    # Yearly re-confirmation: 0 nothing asked, 1 message sent, 2 first reminder, 3 second reminder.
    reconfirm_step = models.PositiveSmallIntegerField(_("étape de la reconfirmation"), default=0)
    reconfirm_sent_at = models.DateTimeField(_("dernier message de reconfirmation"), null=True, blank=True)
    letter_due = models.BooleanField(_("courrier de reconfirmation à poster"), default=False)
    needs_call = models.BooleanField(_("à appeler pour confirmer"), default=False, db_index=True)

    class Meta:
        verbose_name = _("personne inscrite au registre")
        verbose_name_plural = _("personnes inscrites au registre")
        ordering = ["-status", "commune__name", "last_name", "first_name", "pk"]
        permissions = [("transmit_registerentry", _("Peut transmettre le registre au préfet"))]

    def __str__(self):
        # The reference, never the name: this string may end up in generic admin screens or logs.
        return self.reference

    @property
    def token(self):
        return token_for_key(self.token_key)

    @property
    def full_name(self):
        return f"{self.last_name.upper()} {self.first_name}"

    @property
    def is_pending(self):
        return self.status == Status.PENDING

    @property
    def by_third_party(self):
        return self.requester_kind != RequesterKind.SELF

    def age(self, day=None):
        return age_on(self.birth_date, day or timezone.localdate())

    def ground_label(self):
        return GROUND_SHORT.get(self.ground, self.get_ground_display())

    def reach_labels(self):
        labels = dict(ReachNeed.choices)
        return [labels[key] for key in self.reach_needs if key in labels]

    def phones(self):
        """The numbers to dial, as people read them."""
        return [format_phone(number) for number in (self.phone, self.phone_other) if number]

    def full_address(self):
        lines = [self.address, self.address_extra, f"{self.commune.postcode} {self.commune.name}".strip()]
        return [line for line in lines if line]


class EntryEvent(models.Model):
    """The journal of one entry: who saw or changed what, and when; never a copy of the data.

    Deleted with the entry: a removal on request leaves nothing about the person.
    """

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Demande reçue")
        VIEWED = "viewed", _("Consultée")
        CHANGED = "changed", _("Modifiée")
        AGREED = "agreed", _("Accord de la personne enregistré")
        CONFIRMED = "confirmed", _("Inscription confirmée pour un an")
        RECONFIRM = "reconfirm", _("Reconfirmation demandée")
        FLAGGED = "flagged", _("Sans réponse : à appeler")
        CALLED = "called", _("Appel de veille noté")
        LETTER = "letter", _("Accusé de réception imprimé")
        EXPORTED = "exported", _("Données exportées")
        TRANSMITTED = "transmitted", _("Transmise au préfet")
        ATTACHED = "attached", _("Rattachée à un compte")

    entry = models.ForeignKey(RegisterEntry, on_delete=models.CASCADE, related_name="events")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    action = models.CharField(max_length=12, choices=Action)
    # Field names, a channel or a campaign: never what the person or the staff typed.
    detail = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("journal d'une inscription")

    def __str__(self):
        return f"{self.get_action_display()} ({self.at:%d/%m/%Y %H:%M})"


class RegisterActivity(models.Model):
    """Staff actions on the register that outlive the entries: removals, campaigns, reconfirmation.

    Holds who and when, and a detail that names no person (a channel, a campaign), so that the
    team can account for a removal after the entry itself is gone.
    """

    class Action(models.TextChoices):
        REMOVED = "removed", _("Personne retirée du registre")
        CAMPAIGN_OPENED = "campaign_opened", _("Veille déclenchée")
        CAMPAIGN_CLOSED = "campaign_closed", _("Veille close")
        RECONFIRMATION = "reconfirmation", _("Reconfirmation annuelle lancée")
        LETTERS = "letters", _("Courriers de reconfirmation postés")

    action = models.CharField(max_length=20, choices=Action)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    user_name = models.CharField(_("par"), max_length=150, blank=True)
    removal_channel = models.CharField(max_length=10, choices=RemovalChannel, blank=True)
    detail = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("action sur le registre")
        verbose_name_plural = _("actions sur le registre")

    def __str__(self):
        return f"{self.get_action_display()} ({self.at:%d/%m/%Y %H:%M})"
