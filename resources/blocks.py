"""StreamField blocks specific to prevention resources; the shared ones come from `home.blocks`."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from home.blocks import RICH_TEXT_FEATURES, BodyBlock


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Étape"), max_length=150, help_text=_("Par exemple « Rassemblez vos papiers »."))
    text = blocks.RichTextBlock(label=_("Explication"), features=RICH_TEXT_FEATURES, required=False)


class StepsBlock(blocks.StructBlock):
    """A procedure as numbered steps ("1. Rassemblez vos papiers, 2. …"): an ordered list, not images."""

    title = blocks.CharBlock(label=_("Titre"), required=False, max_length=120)
    steps = blocks.ListBlock(StepBlock(), label=_("Étapes"), min_num=2)

    class Meta:
        icon = "list-ol"
        label = _("Étapes numérotées")
        template = "blocks/steps_block.html"


class VideoBlock(blocks.StructBlock):
    """A video hosted here (a document) or a link to it elsewhere, always with its transcript.

    No third-party player is embedded: it would load another site's scripts and cookies, which the
    CSP forbids and residents did not ask for. A link to another site opens it there.
    """

    title = blocks.CharBlock(label=_("Titre de la vidéo"), max_length=150)
    video_file = DocumentChooserBlock(
        label=_("Fichier vidéo (MP4 ou WebM)"),
        required=False,
        help_text=_("La vidéo est lue sur ce site, sans outil extérieur."),
    )
    captions = DocumentChooserBlock(
        label=_("Sous-titres (fichier .vtt)"),
        required=False,
        help_text=_("Facultatif, mais conseillé pour les personnes sourdes ou malentendantes."),
    )
    video_url = blocks.URLBlock(
        label=_("ou adresse de la vidéo sur un autre site"),
        required=False,
        help_text=_("Un simple lien sera affiché : la vidéo ne sera pas intégrée à la page."),
    )
    duration = blocks.CharBlock(label=_("Durée"), required=False, max_length=20, help_text=_("Par exemple « 3 min »."))
    transcript = blocks.RichTextBlock(
        label=_("Transcription"),
        features=RICH_TEXT_FEATURES,
        help_text=_("Obligatoire : tout ce qui est dit et montré, pour celles et ceux qui ne peuvent pas l'écouter."),
    )

    class Meta:
        icon = "media"
        label = _("Vidéo avec transcription")
        template = "blocks/video_block.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("video_file")) == bool(value.get("video_url")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "video_file": ValidationError(_("Choisissez un fichier vidéo ou une adresse, pas les deux."))
                }
            )
        return value


class ResourceBodyBlock(BodyBlock):
    """The blocks of a resource: those of a standard page, plus numbered steps and videos.

    Inherited: headings, text, images with their text alternative, "À retenir" callouts,
    questions and answers, documents, contacts and links.
    """

    steps = StepsBlock()
    video = VideoBlock()
