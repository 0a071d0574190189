"""The outboxes: emails wait until the SMTP server has accepted them, texts until the SMS provider has."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboundEmail(models.Model):
    """One rendered message waiting to be sent.

    A row exists only until the SMTP server accepts the message, then it is deleted, so the
    outbox never keeps personal data longer than needed. A row that keeps failing stays
    with status `failed` for staff to look at and is purged after a retention period.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("en attente")
        SENDING = "sending", _("en cours d'envoi")
        FAILED = "failed", _("échec définitif")

    status = models.CharField(_("statut"), max_length=10, choices=Status, default=Status.PENDING)
    to = models.JSONField(_("destinataires"))
    reply_to = models.JSONField(_("répondre à"), default=list, blank=True)
    subject = models.CharField(_("objet"), max_length=255)
    body_text = models.TextField(_("texte"))
    body_html = models.TextField(_("HTML"), blank=True)
    # [{"filename": ..., "mimetype": ..., "content": <base64>}]
    attachments = models.JSONField(_("pièces jointes"), default=list, blank=True)
    # Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058) for digests.
    headers = models.JSONField(_("en-têtes"), default=dict, blank=True)
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    # The exception's class only: SMTP error texts can echo recipient addresses.
    last_error = models.CharField(_("dernière erreur"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("pris en charge le"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail en attente")
        verbose_name_plural = _("e-mails en attente")
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.subject} ({self.get_status_display()})"


class OutboundText(models.Model):
    """One text message (SMS) for a resident, from the moment it is queued (see portal.sms).

    The number and the text exist only until the message reaches a final state (sent, failed,
    expired): then both are erased and the row keeps what staff and the indicators need, the
    kind, the caller's topic, the status and the times. Delivery receipts update the status
    of sent rows.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("en attente")
        SENDING = "sending", _("en cours d'envoi")
        SENT = "sent", _("envoyé")
        DELIVERED = "delivered", _("reçu")
        UNDELIVERABLE = "undeliverable", _("non distribué")
        FAILED = "failed", _("échec de l'envoi")
        EXPIRED = "expired", _("non envoyé : trop tard")

    # E.164 ("+33612345678"); erased once the message is final.
    recipient = models.CharField(_("destinataire"), max_length=16, blank=True)
    sender = models.CharField(_("expéditeur"), max_length=11, blank=True)
    # Erased once the message is final: only the provider needs the words.
    body = models.TextField(_("texte"), blank=True)
    kind = models.CharField(_("type de message"), max_length=50)
    # The caller's reference to the object the message is about, e.g. "events.registration:42";
    # never personal data.
    topic = models.CharField(_("objet concerné"), max_length=100, db_index=True)
    status = models.CharField(_("statut"), max_length=13, choices=Status, default=Status.PENDING)
    segments = models.PositiveSmallIntegerField(_("segments"), default=1)
    # Quiet hours and retries: nothing leaves before this time.
    not_before = models.DateTimeField(_("pas avant"))
    # After this the message is useless (the session has started): it is not sent any more.
    deadline = models.DateTimeField(_("inutile après"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    # The exception's class (and the provider's status name) only, never its text.
    last_error = models.CharField(_("dernière erreur"), max_length=200, blank=True)
    provider_message_id = models.CharField(_("identifiant chez l'opérateur"), max_length=65, blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("pris en charge le"), null=True, blank=True)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)
    receipt_at = models.DateTimeField(_("accusé de réception le"), null=True, blank=True)

    class Meta:
        verbose_name = _("SMS")
        verbose_name_plural = _("SMS")
        indexes = [
            models.Index(fields=["status", "not_before"]),
            models.Index(fields=["provider_message_id"]),
        ]

    def __str__(self):
        return f"{self.kind} ({self.get_status_display()})"


class FormDraft(models.Model):
    """What a resident typed in a multi-step public form and has not sent yet (see portal.drafts).

    Only the hash of the key held by the visitor's session is stored, so neither this table nor
    the session table alone says whose answers these are. Deleted when sent, on "Quitter
    rapidement", and FORM_DRAFT_MINUTES after the last change by `purge_form_drafts`.
    """

    scope = models.CharField(_("formulaire"), max_length=30)
    key_hash = models.CharField(max_length=64, unique=True)
    data = models.JSONField()
    saved_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("saisie en cours")
        verbose_name_plural = _("saisies en cours")

    def __str__(self):
        return f"{self.scope} ({self.saved_at:%d/%m/%Y %H:%M})"
