"""Create the portal's sections and the editor groups that the roles map to.

Sections: news, events, partners and teaching materials under the home page.
Groups: centre staff are "Redaktører" (create, edit and publish pages; approve
submitted videos and episodes); coordinators are "Bidragydere" (create and edit
drafts, submit them for approval). Wagtail asks groups, not authentication
backends, for page and collection permissions, so the roles are mirrored into
these groups by ``videnscenter.services.editor_groups_sync``.
"""

from django.db import migrations

SECTIONS = [
    ("newsindexpage", "Nyheder", "nyheder", "Nyt fra videnscentrene og SOSU-skolerne."),
    ("eventindexpage", "Arrangementer", "arrangementer", "Tech Timen, Torsdagspanelet, webinarer og kurser."),
    ("partnerindexpage", "Partnere", "partnere", "Dem, vi arbejder sammen med om velfærdsteknologi."),
    (
        "teachingmaterialindexpage",
        "Undervisningsmaterialer",
        "undervisningsmaterialer",
        "Forløb med lærervejledning og materialer til undervisningen.",
    ),
]
PUBLISHERS, CONTRIBUTORS = "Redaktører", "Bidragydere"
PAGE_PERMS = {PUBLISHERS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"], CONTRIBUTORS: ["add_page", "change_page"]}
COLLECTION_PERMS = [("wagtailimages", "image"), ("wagtaildocs", "document")]
ROLE_GROUPS = {"centre_staff": PUBLISHERS, "coordinator": CONTRIBUTORS}


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ")}
    )
    return permission


def create_sections(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    home = Page.objects.filter(depth=2, content_type__app_label="cms", content_type__model="homepage").first()
    if home is None:
        return
    for model, title, slug, intro in SECTIONS:
        Model = apps.get_model("cms", model)
        if Model.objects.exists() or Page.objects.filter(depth=3, path__startswith=home.path, slug=slug).exists():
            continue
        last = Page.objects.filter(depth=3, path__startswith=home.path).order_by("-path").first()
        number = int(last.path[-4:], 36) + 1 if last else 1
        path = home.path + _base36(number).rjust(4, "0")
        content_type, _ = ContentType.objects.get_or_create(app_label="cms", model=model)
        Model.objects.create(
            title=title,
            draft_title=title,
            slug=slug,
            intro=intro,
            content_type=content_type,
            path=path,
            depth=3,
            numchild=0,
            url_path=f"{home.url_path}{slug}/",
            locale_id=home.locale_id,
            live=True,
        )
        home.numchild += 1
        home.save(update_fields=["numchild"])


def _base36(number: int) -> str:
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while number:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
    return out or "0"


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Page = apps.get_model("wagtailcore.Page")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore.WorkflowContentType")
    ContentType = apps.get_model("contenttypes.ContentType")
    Membership = apps.get_model("videnscenter.Membership")

    root = Page.objects.get(depth=1)
    root_collection = Collection.objects.filter(depth=1).first()
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in PAGE_PERMS}
    for name, codenames in PAGE_PERMS.items():
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=groups[name], page=root, permission=_permission(apps, "wagtailcore", "page", codename)
            )
        if root_collection is not None:
            for app_label, model in COLLECTION_PERMS:
                for action in ("add", "change", "choose"):
                    GroupCollectionPermission.objects.get_or_create(
                        group=groups[name],
                        collection=root_collection,
                        permission=_permission(apps, app_label, model, f"{action}_{model}"),
                    )

    # Centre staff approve what coordinators submit: pages and the library's snippets alike.
    workflow_page = WorkflowPage.objects.filter(page=root).select_related("workflow").first()
    if workflow_page is not None:
        for task in GroupApprovalTask.objects.filter(workflow_tasks__workflow=workflow_page.workflow):
            task.groups.add(groups[PUBLISHERS])
        for model in ("video", "podcastepisode"):
            content_type, _ = ContentType.objects.get_or_create(app_label="media", model=model)
            WorkflowContentType.objects.get_or_create(
                content_type=content_type, defaults={"workflow": workflow_page.workflow}
            )

    for membership in Membership.objects.filter(status="confirmed", role__in=ROLE_GROUPS).select_related("user"):
        membership.user.groups.add(groups[ROLE_GROUPS[membership.role]])


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_portal_pages"),
        ("media", "0001_initial"),
        ("videnscenter", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.RunPython(create_sections, migrations.RunPython.noop),
        migrations.RunPython(create_groups, migrations.RunPython.noop),
    ]
