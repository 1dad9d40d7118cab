"""The Wagtail image form: every uploaded image must have a description (its alt text)."""

from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm


class AltTextRequiredImageForm(BaseImageForm):
    """Templates use the description as the image's alt text, so an image without one is refused.

    Wagtail's multiple upload copes with required fields: it keeps the file and asks for them.
    Purely decorative images are placed with the image block's "decorative" switch instead.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        description = self.fields.get("description")
        if description is not None:
            description.required = True
            description.label = _("Alt text (description)")
            description.help_text = _(
                "What the image shows, for people who cannot see it. Read aloud by screen readers."
            )
            description.error_messages["required"] = _("Describe the image (alt text) so everyone can use the page.")
