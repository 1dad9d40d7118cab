"""Evaluations count once per logged-in person; anonymous ones are kept but not counted."""

from django.db import migrations, models


def count_evaluations_of_accounts(apps, schema_editor):
    """Evaluations sent by a logged-in person were always one per account: they count."""
    apps.get_model("cms", "MaterialEvaluation").objects.filter(user__isnull=False).update(counted=True)


class Migration(migrations.Migration):

    dependencies = [
        ('cms', '0005_privacy_notice_page'),
    ]

    operations = [
        migrations.AddField(
            model_name='materialevaluation',
            name='counted',
            field=models.BooleanField(default=False, editable=False, verbose_name='counted'),
        ),
        migrations.RunPython(count_evaluations_of_accounts, migrations.RunPython.noop),
    ]
