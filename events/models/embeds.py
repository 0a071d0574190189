"""Which websites may show the agenda in an iframe (the widget's `frame-ancestors`)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


def loopback_http_allowed(url):
    """http is refused everywhere except on this machine when the settings allow it (tests, dev)."""
    parts = urlsplit(url)
    return parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS and settings.ALLOW_LOOPBACK_HTTP


def parse_origin(line):
    """`https://www.mairie.fr` (scheme, host and port only) or a ValidationError in French."""
    parts = urlsplit(line.strip())
    ok_scheme = parts.scheme == "https" or loopback_http_allowed(line.strip())
    if not ok_scheme or not parts.hostname or parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ValidationError(
            _("« %(line)s » n'est pas une adresse de site valable : écrivez par exemple https://www.mairie-exemple.fr"),
            params={"line": line.strip()},
        )
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{parts.hostname}{port}"


def parse_origins(text):
    return [parse_origin(line) for line in text.splitlines() if line.strip()]


@register_setting(icon="code")
class AgendaEmbedSettings(BaseSiteSetting):
    """The sites (communes, partners) allowed to embed the agenda widget."""

    allowed_origins = models.TextField(
        _("sites autorisés à intégrer l'agenda"),
        blank=True,
        help_text=_(
            "Une adresse par ligne, en https, sans chemin : par exemple https://www.mairie-exemple.fr. "
            "Les autres sites ne peuvent pas afficher l'agenda dans un cadre."
        ),
    )

    panels = [FieldPanel("allowed_origins")]

    class Meta:
        verbose_name = _("intégration de l'agenda")

    def clean(self):
        super().clean()
        try:
            parse_origins(self.allowed_origins)
        except ValidationError as error:
            raise ValidationError({"allowed_origins": error}) from error

    @property
    def origins(self):
        origins = []
        for line in self.allowed_origins.splitlines():
            try:
                origins.append(parse_origin(line))
            except ValidationError:
                continue
        return origins
