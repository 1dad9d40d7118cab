"""Tell a sign-up awaiting its e-mail confirmation apart from an account staff deactivated.

Until now both were just ``is_active=False``, so sign-up and the activation link revived
deactivated accounts. Existing inactive accounts that never logged in and hold no confirmed
membership are taken to be sign-ups still awaiting their link; every other inactive account
stays deactivated.
"""

from django.db import migrations, models


def mark_pending_signups(apps, schema_editor):
    User = apps.get_model("videnscenter", "User")
    Membership = apps.get_model("videnscenter", "Membership")
    confirmed = Membership.objects.filter(status="confirmed").values("user_id")
    User.objects.filter(is_active=False, last_login=None).exclude(pk__in=confirmed).update(activation_pending=True)


class Migration(migrations.Migration):
    dependencies = [("videnscenter", "0004_counted_visit")]

    operations = [
        migrations.AddField(
            model_name="user",
            name="activation_pending",
            field=models.BooleanField(default=False, editable=False, verbose_name="awaiting e-mail confirmation"),
        ),
        migrations.RunPython(mark_pending_signups, migrations.RunPython.noop),
    ]
