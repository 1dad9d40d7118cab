"""StreamField blocks of the portal's content pages and articles."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock

# No h1 in rich text: the page title is the only h1, so headings stay in order.
RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"), max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section heading (h2)")), ("h3", _("Sub-heading (h3)"))], default="h2", label=_("level")
    )

    class Meta:
        icon = "title"
        template = "cms/blocks/heading.html"
        label = _("Heading")


class FigureBlock(blocks.StructBlock):
    """An image with alt text (required unless marked decorative) and an optional caption."""

    image = ImageBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "cms/blocks/figure.html"
        label = _("Image")


class VideoBlock(blocks.StructBlock):
    video = SnippetChooserBlock("media.Video", label=_("video"))

    class Meta:
        icon = "media"
        template = "cms/blocks/video.html"
        label = _("Video")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("who said it"), required=False, max_length=150)

    class Meta:
        icon = "openquote"
        template = "cms/blocks/quote.html"
        label = _("Quote")


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=120)
    text = blocks.TextBlock(label=_("text"), required=False)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("or a web address"), required=False)
    button = blocks.CharBlock(label=_("button text"), max_length=60)

    class Meta:
        icon = "pick"
        template = "cms/blocks/call_to_action.html"
        label = _("Call to action")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": blocks.BlockValidationError(_("Choose a page or give a web address (one of them)."))
                }
            )
        return value


class EquipmentTeaserBlock(blocks.StructBlock):
    equipment = SnippetChooserBlock("catalogue.Equipment", label=_("equipment"))
    text = blocks.TextBlock(label=_("why it matters here"), required=False)

    class Meta:
        icon = "cogs"
        template = "cms/blocks/equipment_teaser.html"
        label = _("Equipment teaser")


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"), icon="pilcrow")
    image = FigureBlock()
    video = VideoBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    equipment = EquipmentTeaserBlock()
