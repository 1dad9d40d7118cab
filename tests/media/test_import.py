"""Bulk import of YouTube videos from CSV: all or nothing, every error with its row and column."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from media import importer
from media.importer import COLUMNS, EXAMPLE_CSV, import_videos_csv
from media.models import Audience, Video, VideoCategory
from tests.factories import CentreFactory, EquipmentFactory

LIFT_URL = "https://www.youtube.com/watch?v=AAAAAAAAAA1"
SEAL_URL = "https://youtu.be/BBBBBBBBBB2"


@pytest.fixture
def library(centre):
    """Two video categories and two pieces of equipment for the rows to refer to."""
    return {
        "transfer": VideoCategory.objects.create(name="Forflytning", slug="forflytning"),
        "dementia": VideoCategory.objects.create(name="Demens", slug="demens"),
        "lift": EquipmentFactory(slug="loftlift", owning_centre=centre),
        "seal": EquipmentFactory(slug="robotsael", owning_centre=centre),
    }


def video_row(url=LIFT_URL, title="Sådan bruger du loftliften", **values) -> dict[str, str]:
    return {"youtube_url": url, "title": title, "centre": "oest", **values}


def csv_file(rows, *, delimiter=",", bom=False, columns=COLUMNS) -> io.BytesIO:
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=delimiter)
    writer.writerows([columns, *([row.get(column, "") for column in columns] for row in rows)])
    return io.BytesIO(("\ufeff" if bom else "").encode() + text.getvalue().encode())


def valid_rows():
    return [
        video_row(
            description="Trin for trin.\nFra seng til <kørestol> & tilbage.",
            duration="4:35",
            categories="forflytning",
            audience="elever",
            equipment="loftlift",
            publish="ja",
        ),
        video_row(SEAL_URL, "Robotsælen", slug="saelen", duration="1:02:03", categories="Demens|forflytning"),
    ]


def errors_at(result) -> set[tuple[int, str]]:
    return {(error.row, error.column) for error in result.errors}


# The importer


@pytest.mark.django_db
def test_valid_file_creates_videos_published_or_draft_as_asked(library, centre):
    result = import_videos_csv(file=csv_file(valid_rows()))

    assert result.ok, result.errors
    assert (result.videos_created, result.videos_updated, result.videos_published) == (2, 0, 1)
    lift = Video.objects.get(youtube_id="AAAAAAAAAA1")
    assert lift.live and not lift.has_unpublished_changes
    assert lift.live_revision == lift.latest_revision
    assert (lift.title, lift.slug, lift.centre) == ("Sådan bruger du loftliften", "saadan-bruger-du-loftliften", centre)
    assert lift.description == "<p>Trin for trin.</p><p>Fra seng til &lt;kørestol&gt; &amp; tilbage.</p>"
    assert (lift.duration, lift.audience) == (timedelta(minutes=4, seconds=35), Audience.STUDENTS)
    assert list(lift.categories.all()) == [library["transfer"]]
    assert list(lift.equipment.all()) == [library["lift"]]
    seal = Video.objects.get(youtube_id="BBBBBBBBBB2")
    assert not seal.live and seal.latest_revision is not None and seal.live_revision is None
    assert (seal.slug, seal.duration, seal.audience) == ("saelen", timedelta(hours=1, minutes=2, seconds=3), "everyone")
    assert set(seal.categories.all()) == {library["transfer"], library["dementia"]}


@pytest.mark.django_db
def test_the_example_file_imports():
    CentreFactory(slug="videnscenter-oest", name="Videnscenter for Velfærdsteknologi Øst")
    for name, slug in [("Forflytning", "forflytning"), ("Sociale robotter", "sociale-robotter"), ("Demens", "demens")]:
        VideoCategory.objects.create(name=name, slug=slug)
    EquipmentFactory(slug="loftlift-med-200-kg-loeft")
    EquipmentFactory(slug="social-robot-sael-type")

    result = import_videos_csv(file=io.StringIO(EXAMPLE_CSV))

    assert result.ok, result.errors
    assert result.videos_created == 2
    assert Video.objects.filter(slug="robotsaelen", equipment__slug="social-robot-sael-type").exists()


@pytest.mark.django_db
def test_one_bad_row_among_good_ones_writes_nothing(library):
    rows = [*valid_rows(), video_row("https://youtu.be/CCCCCCCCCC3", duration="fire minutter")]

    result = import_videos_csv(file=csv_file(rows))

    assert not result.ok
    assert errors_at(result) == {(4, "duration")}
    assert "fire minutter" in result.errors[0].message
    assert not Video.objects.exists()


@pytest.mark.django_db
def test_every_error_is_reported_with_its_spreadsheet_row_and_column(library):
    rows = [
        video_row("https://vimeo.com/123456", title=""),  # row 2
        video_row(SEAL_URL, duration="4:75", audience="børn", publish="måske"),  # row 3
        video_row(
            "https://youtu.be/CCCCCCCCCC3", categories="forflytning|Astronauter", equipment="loftlift|hoverboard"
        ),
        video_row("https://youtu.be/DDDDDDDDDD4", centre="ukendt", slug="ikke en slug!"),  # row 5
        video_row("", centre=""),  # row 6
    ]

    result = import_videos_csv(file=csv_file(rows))

    assert errors_at(result) == {
        (2, "youtube_url"),
        (2, "title"),
        (3, "duration"),
        (3, "audience"),
        (3, "publish"),
        (4, "categories"),
        (4, "equipment"),
        (5, "centre"),
        (5, "slug"),
        (6, "youtube_url"),
        (6, "centre"),
    }
    assert [error.row for error in result.errors] == sorted(error.row for error in result.errors)
    assert not Video.objects.exists()


@pytest.mark.django_db
def test_unknown_categories_equipment_and_centres_are_named(library, school):
    rows = [
        video_row(categories="forflytning|Astronauter", equipment="hoverboard"),
        video_row(SEAL_URL, centre="kildebakken"),  # a school, not a centre
        video_row("https://youtu.be/CCCCCCCCCC3", centre="Videnscenter Nord"),
    ]

    messages = {(e.row, e.column): e.message for e in import_videos_csv(file=csv_file(rows)).errors}

    assert "Astronauter" in messages[2, "categories"] and "forflytning" not in messages[2, "categories"]
    assert "hoverboard" in messages[2, "equipment"]
    assert school.name in messages[3, "centre"]
    assert "Videnscenter Nord" in messages[4, "centre"]


@pytest.mark.django_db
def test_the_centre_may_be_given_by_name(library, centre):
    result = import_videos_csv(file=csv_file([video_row(centre="Videnscenter Øst")]))

    assert result.ok, result.errors
    assert Video.objects.get().centre == centre


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["https://www.youtube.com/@videnscenter", "youtube.com/watch?v=kort", "ikke et link"])
def test_a_link_that_is_not_a_youtube_video_is_an_error(library, url):
    result = import_videos_csv(file=csv_file([video_row(url)]))

    assert errors_at(result) == {(2, "youtube_url")}


@pytest.mark.django_db
@pytest.mark.parametrize("duration", ["4.30", "0:00", "4:5", "1:60:00", "4 min", "-1:00"])
def test_a_duration_that_is_not_minutes_and_seconds_is_an_error(library, duration):
    result = import_videos_csv(file=csv_file([video_row(duration=duration)]))

    assert errors_at(result) == {(2, "duration")}


@pytest.mark.django_db
def test_the_same_youtube_video_twice_in_the_file_is_an_error_on_the_later_row(library):
    rows = [*valid_rows(), video_row("https://www.youtube.com/embed/AAAAAAAAAA1?rel=0", title="Igen")]

    result = import_videos_csv(file=csv_file(rows))

    assert errors_at(result) == {(4, "youtube_url")}
    assert "2" in result.errors[0].message  # points to the row where the video first appears
    assert not Video.objects.exists()


@pytest.mark.django_db
def test_reimporting_updates_the_videos_instead_of_duplicating_them(library):
    assert import_videos_csv(file=csv_file(valid_rows())).ok
    lift = Video.objects.get(youtube_id="AAAAAAAAAA1")
    rows = valid_rows()
    rows[0].update(youtube_url="https://youtu.be/AAAAAAAAAA1", title="Loftliften, ny udgave", duration="5:00")
    rows[1].update(publish="ja")

    result = import_videos_csv(file=csv_file(rows))

    assert result.ok, result.errors
    assert (result.videos_created, result.videos_updated, result.videos_published) == (0, 2, 2)
    assert Video.objects.count() == 2
    lift.refresh_from_db()
    assert (lift.title, lift.slug) == ("Loftliften, ny udgave", "saadan-bruger-du-loftliften")
    assert (lift.youtube_url, lift.duration) == ("https://youtu.be/AAAAAAAAAA1", timedelta(minutes=5))
    assert lift.revisions.count() == 2
    assert Video.objects.get(slug="saelen").live


@pytest.mark.django_db
def test_a_draft_update_leaves_the_live_version_alone(library):
    assert import_videos_csv(file=csv_file(valid_rows()[:1])).ok
    rows = [video_row(title="Ny titel, ikke udgivet endnu", publish="nej")]

    assert import_videos_csv(file=csv_file(rows)).ok

    lift = Video.objects.get()
    assert lift.live and lift.has_unpublished_changes
    assert lift.title == "Sådan bruger du loftliften"
    assert lift.get_latest_revision_as_object().title == "Ny titel, ikke udgivet endnu"


@pytest.mark.django_db
def test_an_existing_video_changes_only_in_the_columns_filled_in(library):
    assert import_videos_csv(file=csv_file(valid_rows()[:1])).ok

    assert import_videos_csv(file=csv_file([video_row(title="Kortere titel", publish="ja")])).ok

    lift = Video.objects.get()
    assert lift.title == "Kortere titel"
    assert (lift.slug, lift.audience, lift.duration) == (
        "saadan-bruger-du-loftliften",
        "students",
        timedelta(seconds=275),
    )
    assert list(lift.categories.all()) == [library["transfer"]]
    assert list(lift.equipment.all()) == [library["lift"]]


@pytest.mark.django_db
def test_slugs_made_from_titles_are_unique(library):
    assert import_videos_csv(file=csv_file([video_row(title="Løft")])).ok
    rows = [video_row(SEAL_URL, title="Løft"), video_row("https://youtu.be/CCCCCCCCCC3", title="Løft")]
    rows.append(video_row("https://youtu.be/DDDDDDDDDD4", title="Podcast"))

    result = import_videos_csv(file=csv_file(rows))

    assert result.ok, result.errors
    assert set(Video.objects.values_list("slug", flat=True)) == {"loeft", "loeft-2", "loeft-3", "podcast-2"}


@pytest.mark.django_db
def test_a_made_up_slug_gives_way_to_a_slug_given_later_in_the_file(library):
    rows = [video_row(title="Løft"), video_row(SEAL_URL, title="Noget andet", slug="loeft")]

    assert import_videos_csv(file=csv_file(rows)).ok

    assert Video.objects.get(youtube_id="AAAAAAAAAA1").slug == "loeft-2"


@pytest.mark.django_db
def test_a_slug_of_another_video_is_an_error(library):
    assert import_videos_csv(file=csv_file([video_row(slug="loeft")])).ok
    rows = [video_row(SEAL_URL, slug="loeft"), video_row("https://youtu.be/CCCCCCCCCC3", slug="x"), video_row(slug="x")]

    result = import_videos_csv(file=csv_file(rows))

    assert errors_at(result) == {(2, "slug"), (4, "slug")}
    assert "Sådan bruger du loftliften" in result.errors[0].message


@pytest.mark.django_db
def test_semicolons_bom_and_danish_words_are_understood(library):
    rows = [video_row(audience="Lærere", publish="Nej"), video_row(SEAL_URL, audience="LEDERE", publish="0")]

    result = import_videos_csv(file=csv_file(rows, delimiter=";", bom=True))

    assert result.ok, result.errors
    assert set(Video.objects.values_list("audience", "live")) == {("teachers", False), ("leaders", False)}


@pytest.mark.django_db
def test_a_dry_run_writes_nothing(library):
    result = import_videos_csv(file=csv_file(valid_rows()), dry_run=True)

    assert result.ok, result.errors
    assert result.videos_created == 2
    assert "Dry run" in result.summary() or "Prøvekørsel" in result.summary()
    assert not Video.objects.exists()


@pytest.mark.django_db
def test_a_missing_header_column_is_named(library):
    result = import_videos_csv(file=csv_file(valid_rows(), columns=[c for c in COLUMNS if c != "publish"]))

    assert errors_at(result) == {(1, "publish")}


@pytest.mark.django_db
def test_too_many_rows_are_refused(library, monkeypatch):
    monkeypatch.setattr(importer, "MAX_ROWS", 1)

    result = import_videos_csv(file=csv_file(valid_rows()))

    assert errors_at(result) == {(0, "")}
    assert not Video.objects.exists()


@pytest.mark.django_db
def test_validation_takes_a_fixed_number_of_queries(library, django_assert_max_num_queries):
    rows = [
        video_row(f"https://youtu.be/{n:011d}", f"Film {n}", categories="Demens", equipment="loftlift|robotsael")
        for n in range(200)
    ]

    with django_assert_max_num_queries(5):
        result = import_videos_csv(file=csv_file(rows), dry_run=True)

    assert result.ok, result.errors
    assert result.videos_created == 200


# Permissions


@pytest.mark.django_db
def test_centre_staff_can_import_and_publish(library, staff):
    result = import_videos_csv(file=csv_file(valid_rows()), actor=staff)

    assert result.ok, result.errors
    lift = Video.objects.get(youtube_id="AAAAAAAAAA1")
    assert lift.live and lift.latest_revision.user == staff


@pytest.mark.django_db
def test_a_coordinator_may_import_drafts(library, coordinator):
    rows = [{**row, "publish": "nej"} for row in valid_rows()]

    result = import_videos_csv(file=csv_file(rows), actor=coordinator)

    assert result.ok, result.errors
    assert Video.objects.count() == 2
    assert not Video.objects.filter(live=True).exists()


@pytest.mark.django_db
def test_a_coordinator_cannot_publish(library, coordinator):
    rows = [*valid_rows(), video_row("https://youtu.be/CCCCCCCCCC3", publish="ja")]

    result = import_videos_csv(file=csv_file(rows), actor=coordinator)

    assert errors_at(result) == {(2, "publish"), (4, "publish")}
    assert not Video.objects.exists()


@pytest.mark.django_db
def test_a_teacher_cannot_import(library, teacher):
    rows = [{**row, "publish": "nej"} for row in valid_rows()]

    result = import_videos_csv(file=csv_file(rows), actor=teacher)

    assert errors_at(result) == {(2, "youtube_url"), (3, "youtube_url")}
    assert not Video.objects.exists()


@pytest.mark.django_db
def test_a_video_locked_by_someone_else_is_not_changed(library, staff, other_staff):
    assert import_videos_csv(file=csv_file(valid_rows()[:1])).ok
    Video.objects.update(locked=True, locked_by=other_staff)

    result = import_videos_csv(file=csv_file([video_row(title="Ny titel")]), actor=staff)

    assert errors_at(result) == {(2, "youtube_url")}
    assert Video.objects.get().title == "Sådan bruger du loftliften"


# The management command


@pytest.fixture
def csv_path(tmp_path):
    def write(rows, **kwargs):
        path = tmp_path / "videoer.csv"
        path.write_bytes(csv_file(rows, **kwargs).getvalue())
        return str(path)

    return write


@pytest.mark.django_db
def test_command_imports_a_valid_file(library, csv_path, capsys):
    call_command("import_videos", csv_path(valid_rows(), delimiter=";", bom=True))

    assert Video.objects.count() == 2
    assert Video.objects.get(youtube_id="AAAAAAAAAA1").live
    assert "2" in capsys.readouterr().out


@pytest.mark.django_db
def test_command_fails_and_lists_every_error(library, csv_path, capsys):
    rows = [*valid_rows(), video_row(duration="lang"), video_row(SEAL_URL, equipment="hoverboard")]

    with pytest.raises(CommandError):
        call_command("import_videos", csv_path(rows))

    lines = capsys.readouterr().err.splitlines()
    assert any("4" in line and '"duration"' in line for line in lines)
    assert any("5" in line and '"equipment"' in line for line in lines)
    assert not Video.objects.exists()


@pytest.mark.django_db
def test_command_dry_run_saves_nothing(library, csv_path):
    call_command("import_videos", csv_path(valid_rows()), "--dry-run")

    assert not Video.objects.exists()


# The admin page


def upload(client, rows, *, dry_run=False):
    data = {"file": SimpleUploadedFile("videoer.csv", csv_file(rows).getvalue(), content_type="text/csv")}
    if dry_run:
        data["dry_run"] = "on"
    return client.post(reverse("media_import"), data)


@pytest.mark.django_db
def test_staff_see_the_import_page_with_the_layout(client, staff):
    client.force_login(staff)

    response = client.get(reverse("media_import"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "youtube_url" in html
    assert reverse("media_import_example") in html


@pytest.mark.django_db
def test_staff_import_a_file_and_see_the_result_in_danish(client, staff, library):
    client.force_login(staff)

    response = upload(client, valid_rows())

    assert response.status_code == 200
    assert response.context["result"].ok
    html = response.content.decode()
    assert "Filen er importeret" in html
    assert '<td data-count="videos-created">2</td>' in html
    assert Video.objects.count() == 2


@pytest.mark.django_db
def test_staff_see_the_errors_of_a_bad_file(client, staff, library):
    client.force_login(staff)

    response = upload(client, [*valid_rows(), video_row("https://youtu.be/CCCCCCCCCC3", centre="ukendt")])

    assert errors_at(response.context["result"]) == {(4, "centre")}
    html = response.content.decode()
    assert "Intet blev gemt" in html
    assert html.count('class="import-error"') == 1
    assert not Video.objects.exists()


@pytest.mark.django_db
def test_a_dry_run_in_the_admin_saves_nothing(client, staff, library):
    client.force_login(staff)

    response = upload(client, valid_rows(), dry_run=True)

    assert response.context["result"].videos_created == 2
    assert not Video.objects.exists()


@pytest.mark.django_db
def test_a_coordinator_uses_the_page_but_cannot_publish(client, coordinator, library):
    client.force_login(coordinator)

    response = upload(client, valid_rows())

    assert response.status_code == 200
    assert errors_at(response.context["result"]) == {(2, "publish")}
    assert not Video.objects.exists()


@pytest.mark.django_db
def test_staff_download_the_example_file(client, staff):
    client.force_login(staff)

    response = client.get(reverse("media_import_example"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    assert response.content.decode("utf-8-sig").splitlines()[0].split(";") == list(COLUMNS)


def refused(response) -> bool:
    return response.status_code == 403 or (response.status_code == 302 and "/admin/" in response.url)


@pytest.mark.django_db
def test_a_teacher_cannot_use_the_import_page(client, teacher, library):
    client.force_login(teacher)

    assert refused(client.get(reverse("media_import")))
    assert refused(upload(client, valid_rows()))
    assert refused(client.get(reverse("media_import_example")))
    assert not Video.objects.exists()


@pytest.mark.django_db
def test_anonymous_visitors_cannot_use_the_import_page(client, library):
    assert refused(client.get(reverse("media_import")))
    assert refused(upload(client, valid_rows()))
    assert not Video.objects.exists()


@pytest.mark.django_db
def test_a_video_waiting_for_approval_is_not_changed_by_its_coordinator(library, coordinator):
    rows = [video_row(publish="nej")]
    assert import_videos_csv(file=csv_file(rows), actor=coordinator).ok
    video = Video.objects.get()
    video.get_workflow().start(video, coordinator)

    rows = [video_row(title="Ændret under godkendelsen")]
    result = import_videos_csv(file=csv_file(rows), actor=coordinator, dry_run=True)

    assert errors_at(result) == {(2, "youtube_url")}
    assert "Sådan bruger du loftliften" in result.errors[0].message
    assert not import_videos_csv(file=csv_file(rows), actor=coordinator).ok
    assert Video.objects.get().get_latest_revision_as_object().title == "Sådan bruger du loftliften"
