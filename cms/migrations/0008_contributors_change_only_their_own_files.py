"""Contributors (coordinators) may add images and documents and use them, but not change others'.

0004 gave the "Bidragydere" group ``change_image`` and ``change_document`` on the root
collection, which in Wagtail means changing and deleting *every* file, the centres' equipment
manuals included. Without it, Wagtail's ownership policy still lets a contributor edit and
delete the files they uploaded themselves ("add" makes them the owner).
"""

from django.db import migrations

CONTRIBUTORS = "Bidragydere"
REMOVED = [("wagtailimages", "change_image"), ("wagtaildocs", "change_document")]


def _permissions(apps):
    Permission = apps.get_model("auth.Permission")
    return Permission.objects.filter(
        **{"content_type__app_label__in": [a for a, _ in REMOVED], "codename__in": [c for _, c in REMOVED]}
    )


def forwards(apps, schema_editor):
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    GroupCollectionPermission.objects.filter(group__name=CONTRIBUTORS, permission__in=_permissions(apps)).delete()


def backwards(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    group = Group.objects.filter(name=CONTRIBUTORS).first()
    root = Collection.objects.filter(depth=1).first()
    if group is None or root is None:
        return
    for permission in _permissions(apps):
        GroupCollectionPermission.objects.get_or_create(group=group, collection=root, permission=permission)


class Migration(migrations.Migration):
    dependencies = [("cms", "0007_report_data")]

    operations = [migrations.RunPython(forwards, backwards)]
