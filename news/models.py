"""News pages and the site-wide alert banner."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BodyBlock

NEWS_PER_PAGE = 10


class NewsIndexPage(RoutablePageMixin, Page):
    """The news listing ("/actualites/"), newest first, with its RSS and Atom feeds."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("liste des actualités")

    def news_items(self):
        return NewsPage.objects.live().public().descendant_of(self).order_by("-date", "-first_published_at", "-pk")

    @path("")
    def listing(self, request):
        from .views import news_index

        return news_index(request, self)

    @path("rss/")
    def rss(self, request):
        from .feeds import NewsRssFeed

        return NewsRssFeed()(request, index=self)

    @path("atom/")
    def atom(self, request):
        from .feeds import NewsAtomFeed

        return NewsAtomFeed()(request, index=self)


class NewsPage(Page):
    """One news item: a date, a summary, an image, a body, and what it is about."""

    date = models.DateField(_("date de l'actualité"), default=timezone.localdate)
    summary = models.TextField(
        _("résumé"), max_length=300, help_text=_("Deux phrases simples : ce qui se passe et pour qui.")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("texte alternatif de l'image"),
        max_length=250,
        blank=True,
        help_text=_("Ce que montre l'image, pour les personnes qui ne la voient pas. Obligatoire avec une image."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("contenu"), blank=True)
    themes = ParentalManyToManyField("home.Theme", verbose_name=_("thèmes"), blank=True, related_name="news")
    communes = ParentalManyToManyField("home.Commune", verbose_name=_("communes"), blank=True, related_name="news")
    related_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("temps ressources ou ressource lié"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("themes"), FieldPanel("communes")]),
        # By label: news knows the calendar and the resources only by name.
        PageChooserPanel("related_page", ["events.EventPage", "resources.ResourcePage"]),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("actualité")
        verbose_name_plural = _("actualités")

    @property
    def introduction(self):
        """The summary, where site-wide templates (search results, featured pages) expect one."""
        return self.summary

    def clean(self):
        super().clean()
        if self.image_id and not self.image_alt.strip():
            raise ValidationError({"image_alt": _("Décrivez l'image en quelques mots pour qui ne la voit pas.")})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        related = self.related_page
        context["related_page"] = related.specific if related and related.live else None
        context["related_is_event"] = bool(related) and related.specific_class._meta.label_lower == "events.eventpage"
        context["themes"] = list(self.themes.all())
        context["communes"] = list(self.communes.all())
        return context


class SiteAlert(models.Model):
    """A banner shown above the header of every public page between its start and its end."""

    class Level(models.TextChoices):
        INFORMATION = "information", _("Information")
        IMPORTANT = "important", _("Important")
        URGENT = "urgent", _("Urgent")

    level = models.CharField(_("niveau"), max_length=12, choices=Level, default=Level.INFORMATION)
    message = models.CharField(
        _("message"),
        max_length=300,
        help_text=_("Une ou deux phrases simples, par exemple « Plan canicule activé : appelez le 03 … »."),
    )
    starts_at = models.DateTimeField(_("début de l'affichage"), default=timezone.now)
    ends_at = models.DateTimeField(_("fin de l'affichage"))
    link_url = models.URLField(_("lien (adresse)"), blank=True)
    link_text = models.CharField(_("texte du lien"), max_length=80, blank=True)

    panels = [
        FieldPanel("level"),
        FieldPanel("message"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldRowPanel([FieldPanel("link_url"), FieldPanel("link_text")]),
    ]

    class Meta:
        verbose_name = _("alerte du site")
        verbose_name_plural = _("alertes du site")
        ordering = ["-starts_at"]

    def __str__(self):
        return self.message[:60]

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("La fin de l'affichage doit venir après son début.")
        if self.link_url and not self.link_text.strip():
            errors["link_text"] = _("Écrivez le texte du lien, par exemple « En savoir plus sur le plan canicule ».")
        if errors:
            raise ValidationError(errors)

    @property
    def dismissible(self):
        return self.level == self.Level.INFORMATION


class NotifyRequest(models.Model):
    """ "Prévenez-moi": tell this address or mobile, once, when an event can be booked again.

    Only what it needs: the event, an email address or a mobile number, the random key of its
    personal link and the times. Deleted as soon as its one message is queued, by "Ne plus être
    prévenu", or `purge_news_subscriptions` when not confirmed within 7 days.
    """

    event = models.ForeignKey("events.EventPage", on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(_("adresse e-mail"), blank=True)
    phone = models.CharField(_("portable"), max_length=20, blank=True)
    token_key = models.CharField(max_length=32, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The newest session when it was confirmed: any later one is new (session ids only grow).
    sessions_seen_up_to = models.PositiveBigIntegerField(default=0, editable=False)
    # Registration was not open yet when asked: its opening is news too.
    waiting_for_opening = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("demande « Prévenez-moi »")
        verbose_name_plural = _("demandes « Prévenez-moi »")
        indexes = [models.Index(fields=["event", "confirmed_at"])]

    def __str__(self):
        return f"{self._meta.verbose_name} {self.pk}"


class Subscription(models.Model):
    """A weekly digest of the new temps ressources matching one agenda filter (email only).

    Only the address, the filters, the random key of its personal link and the times. Removed by
    its one-click unsubscribe, by `purge_news_subscriptions` when not confirmed within 7 days, or
    when, 12 months without any digest, the request to confirm again is not answered.
    """

    email = models.EmailField(_("adresse e-mail"))
    theme = models.ForeignKey("home.Theme", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    audience = models.ForeignKey("home.Audience", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    commune = models.ForeignKey("home.Commune", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    event_format = models.CharField(_("format"), max_length=20, blank=True)
    token_key = models.CharField(max_length=32, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The newest session listed or passed over: the next digest lists only later ones.
    sessions_seen_up_to = models.PositiveBigIntegerField(default=0, editable=False)
    reconfirm_asked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("abonnement aux nouveaux temps ressources")
        verbose_name_plural = _("abonnements aux nouveaux temps ressources")

    def __str__(self):
        return f"{self._meta.verbose_name} {self.pk}"

    def filters(self):
        """The agenda's filter values (events.listing.apply_filters)."""
        values = {"theme": self.theme, "public": self.audience, "commune": self.commune, "format": self.event_format}
        return {name: value for name, value in values.items() if value}

    def query_string(self):
        from django.utils.http import urlencode

        values = {
            "theme": self.theme.slug if self.theme else "",
            "public": self.audience.slug if self.audience else "",
            "commune": self.commune.slug if self.commune else "",
            "format": self.event_format,
        }
        return urlencode({name: value for name, value in values.items() if value})

    def describe(self):
        """ "Parentalité et relations familiales · Brécy-la-Rivière", or "Tous les temps ressources"."""
        from events.models import EventFormat

        parts = [str(item) for item in (self.theme, self.audience, self.commune) if item]
        if self.event_format:
            parts.append(str(EventFormat(self.event_format).label))
        return " · ".join(parts) or str(_("Tous les temps ressources"))
