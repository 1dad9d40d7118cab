"""Danish names for what Wagtail's own migrations create in English.

Staff read these names in the admin: the default workflow and its task ("Send til …" on every
page and video), the root page in the page explorer and the root collection in upload forms.
Only the untouched defaults are renamed; a name someone has changed is left alone.
"""

from django.db import migrations

RENAMES = [
    # (model, fields, filter, English, Danish)
    ("Workflow", ["name"], {}, "Moderators approval", "Redaktørernes godkendelse"),
    ("Task", ["name"], {}, "Moderators approval", "Redaktørernes godkendelse"),
    ("Page", ["title", "draft_title"], {"depth": 1}, "Root", "Rod"),
    ("Collection", ["name"], {"depth": 1}, "Root", "Fælles"),
]


def rename(apps, *, forwards: bool):
    for model_name, fields, extra, english, danish in RENAMES:
        old, new = (english, danish) if forwards else (danish, english)
        model = apps.get_model("wagtailcore", model_name)
        for field in fields:
            model.objects.filter(**{field: old, **extra}).update(**{field: new})


def to_danish(apps, schema_editor):
    rename(apps, forwards=True)


def to_english(apps, schema_editor):
    rename(apps, forwards=False)


class Migration(migrations.Migration):
    dependencies = [
        ("videnscenter", "0002_personal_data"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(to_danish, to_english)]
