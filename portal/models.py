"""The email outbox: messages wait here until the SMTP server has accepted them."""

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
