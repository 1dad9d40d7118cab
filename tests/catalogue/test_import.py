"""Bulk onboarding of equipment and units from CSV: all or nothing, every error with its row."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from catalogue import importer
from catalogue.importer import COLUMNS, EXAMPLE_CSV, import_equipment_csv
from catalogue.models import Category, Equipment, Location, Programme, Unit

# Local helpers: tests/factories.py has no catalogue factories yet.


@pytest.fixture
def catalogue_data(centre):
    return {
        "category": Category.objects.create(name="Løft og forflytning", slug="loeft"),
        "programme": Programme.objects.create(name="SOSU-assistent", slug="sosu-assistent"),
        "other_programme": Programme.objects.create(name="PAU", slug="pau"),
        "lab": Location.objects.create(
            name="Praksis Lab Ringsted", kind=Location.Kind.PRAKSIS_LAB, organisation=centre
        ),
    }


def make_equipment(centre, category, slug="loftestol", **fields) -> Equipment:
    fields.setdefault("name", slug.title())
    return Equipment.objects.create(
        slug=slug, summary="Et stykke udstyr.", category=category, owning_centre=centre, **fields
    )


def row(**values) -> dict[str, str]:
    return {column: values.get(column, "") for column in COLUMNS}


def equipment_row(slug="loftestol", **values) -> dict[str, str]:
    defaults = {
        "equipment_name": "Loftestol Molift",
        "category": "loeft",
        "owning_centre": "oest",
        "summary": "Mobil personløfter til træning.",
    }
    return row(equipment_slug=slug, **{**defaults, **values})


def unit_row(asset_tag, slug="loftestol", **values) -> dict[str, str]:
    return row(equipment_slug=slug, asset_tag=asset_tag, **values)


def csv_file(rows, *, delimiter=",", bom=False, columns=COLUMNS) -> io.BytesIO:
    text = io.StringIO(newline="")
    writer = csv.DictWriter(text, fieldnames=columns, delimiter=delimiter, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return io.BytesIO(("\ufeff" if bom else "").encode() + text.getvalue().encode())


def valid_rows():
    return [
        equipment_row(placement="mobile", max_loan_days="14", programmes="sosu-assistent|PAU", tags="løft|træning"),
        unit_row("VC-0001", serial_number="SN-1", unit_location="Praksis Lab Ringsted"),
        unit_row("VC-0002", unit_status="maintenance"),
    ]


def errors_at(result) -> set[tuple[int, str]]:
    return {(error.row, error.column) for error in result.errors}


# The importer


@pytest.mark.django_db
def test_valid_file_creates_equipment_and_units(catalogue_data, centre):
    result = import_equipment_csv(file=csv_file(valid_rows()))

    assert result.ok, result.errors
    assert (result.equipment_created, result.units_created) == (1, 2)
    equipment = Equipment.objects.get(slug="loftestol")
    assert equipment.name == "Loftestol Molift"
    assert equipment.category == catalogue_data["category"]
    assert equipment.owning_centre == centre
    assert equipment.max_loan_days == 14
    assert equipment.buffer_before_days == 1  # the model's default when the cell is empty
    assert set(equipment.programmes.values_list("slug", flat=True)) == {"sosu-assistent", "pau"}
    assert set(equipment.tags.names()) == {"løft", "træning"}
    first, second = Unit.objects.filter(equipment=equipment).order_by("asset_tag")
    assert (first.asset_tag, first.serial_number, first.current_location) == ("VC-0001", "SN-1", catalogue_data["lab"])
    assert (first.status, second.status) == (Unit.Status.IN_SERVICE, Unit.Status.MAINTENANCE)


@pytest.mark.django_db
def test_reimporting_the_same_file_updates_and_does_not_duplicate(catalogue_data):
    assert import_equipment_csv(file=csv_file(valid_rows())).ok

    result = import_equipment_csv(file=csv_file(valid_rows()))

    assert result.ok, result.errors
    assert (result.equipment_created, result.equipment_updated) == (0, 1)
    assert (result.units_created, result.units_updated) == (0, 2)
    assert Equipment.objects.count() == 1
    assert Unit.objects.count() == 2


@pytest.mark.django_db
def test_existing_equipment_changes_only_in_the_columns_given(catalogue_data, centre):
    equipment = make_equipment(centre, catalogue_data["category"], name="Gammelt navn", max_loan_days=20)
    equipment.programmes.add(catalogue_data["programme"])

    result = import_equipment_csv(file=csv_file([row(equipment_slug="loftestol", min_notice_days="7")]))

    assert result.ok, result.errors
    equipment.refresh_from_db()
    assert (equipment.name, equipment.max_loan_days, equipment.min_notice_days) == ("Gammelt navn", 20, 7)
    assert list(equipment.programmes.all()) == [catalogue_data["programme"]]


@pytest.mark.django_db
def test_semicolons_bom_and_danish_words_are_understood(catalogue_data):
    rows = [
        equipment_row(placement="Stationeret"),
        unit_row("VC-0001", unit_status="i drift"),
        unit_row("VC-0002", unit_status="Udfaset"),
    ]

    result = import_equipment_csv(file=csv_file(rows, delimiter=";", bom=True))

    assert result.ok, result.errors
    assert Equipment.objects.get().placement == Equipment.Placement.STATIONED
    assert set(Unit.objects.values_list("status", flat=True)) == {Unit.Status.IN_SERVICE, Unit.Status.RETIRED}


@pytest.mark.django_db
def test_a_text_file_object_is_accepted(catalogue_data):
    text = io.StringIO(csv_file(valid_rows(), bom=True).getvalue().decode())

    assert import_equipment_csv(file=text).ok
    assert Unit.objects.count() == 2


@pytest.mark.django_db
def test_one_bad_row_among_good_ones_changes_nothing(catalogue_data):
    rows = [*valid_rows(), unit_row("VC-0003", unit_status="stjålet"), unit_row("VC-0004")]

    result = import_equipment_csv(file=csv_file(rows))

    assert not result.ok
    assert errors_at(result) == {(5, "unit_status")}
    assert not Equipment.objects.exists()
    assert not Unit.objects.exists()


@pytest.mark.django_db
def test_every_error_is_reported_with_its_spreadsheet_row(catalogue_data):
    rows = [
        equipment_row(category="findes-ikke", max_loan_days="0"),  # row 2
        unit_row("VC-0001"),  # row 3: fine
        equipment_row(slug="seng", owning_centre="ukendt", buffer_before_days="-1"),  # row 4
        unit_row("VC-0002", unit_location="Månen"),  # row 5
        row(asset_tag="VC-0003"),  # row 6: no slug
        unit_row("VC-0004", slug="ikke en slug!"),  # row 7
        equipment_row(slug="bord", placement="flyvende", programmes="sosu-assistent|astronaut", tags=""),  # row 8
    ]

    result = import_equipment_csv(file=csv_file(rows))

    assert errors_at(result) == {
        (2, "category"),
        (2, "max_loan_days"),
        (4, "owning_centre"),
        (4, "buffer_before_days"),
        (5, "unit_location"),
        (6, "equipment_slug"),
        (7, "equipment_slug"),
        (8, "placement"),
        (8, "programmes"),
    }
    assert [error.row for error in result.errors] == sorted(error.row for error in result.errors)
    assert all(error.message for error in result.errors)


@pytest.mark.django_db
def test_new_equipment_needs_name_category_centre_and_summary(catalogue_data):
    result = import_equipment_csv(file=csv_file([unit_row("VC-0001", slug="ny-ting")]))

    assert errors_at(result) == {(2, "equipment_name"), (2, "category"), (2, "owning_centre"), (2, "summary")}


@pytest.mark.django_db
def test_two_rows_with_different_values_for_one_equipment_field_are_an_error(catalogue_data):
    rows = [equipment_row(max_loan_days="14"), unit_row("VC-0001", max_loan_days="14", placement="")]
    rows += [unit_row("VC-0002", max_loan_days="30"), unit_row("VC-0003", category="Løft og forflytning")]

    result = import_equipment_csv(file=csv_file(rows))

    # Row 5 names the same category by its name instead of its slug: that is no contradiction.
    assert errors_at(result) == {(4, "max_loan_days")}
    assert "14" in result.errors[0].message  # names the value it contradicts


@pytest.mark.django_db
def test_unit_columns_without_an_asset_tag_are_an_error(catalogue_data):
    result = import_equipment_csv(file=csv_file([equipment_row(serial_number="SN-1")]))

    assert errors_at(result) == {(2, "serial_number")}


@pytest.mark.django_db
def test_a_missing_header_column_is_named(catalogue_data):
    columns = [c for c in COLUMNS if c not in {"category", "unit_location"}]

    result = import_equipment_csv(file=csv_file(valid_rows(), columns=columns))

    assert errors_at(result) == {(1, "category"), (1, "unit_location")}
    assert not Equipment.objects.exists()


@pytest.mark.django_db
def test_unknown_columns_are_ignored_with_a_warning(catalogue_data):
    rows = [{**r, "farve": "rød"} for r in valid_rows()]

    result = import_equipment_csv(file=csv_file(rows, columns=[*COLUMNS, "farve"]))

    assert result.ok, result.errors
    assert len(result.warnings) == 1
    assert "farve" in result.warnings[0]


@pytest.mark.django_db
@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"  \r\n\r\n"])
def test_an_empty_file_is_an_error(content):
    result = import_equipment_csv(file=io.BytesIO(content))

    assert [(error.row, error.column) for error in result.errors] == [(0, "")]


@pytest.mark.django_db
def test_a_header_without_rows_is_an_error():
    result = import_equipment_csv(file=csv_file([]))

    assert [(error.row, error.column) for error in result.errors] == [(0, "")]


@pytest.mark.django_db
def test_a_file_that_is_not_utf8_is_an_error(catalogue_data):
    content = csv_file(valid_rows()).getvalue().decode().encode("cp1252")

    result = import_equipment_csv(file=io.BytesIO(content))

    assert [(error.row, error.column) for error in result.errors] == [(0, "")]
    assert not Equipment.objects.exists()


@pytest.mark.django_db
def test_too_many_rows_are_refused(catalogue_data, monkeypatch):
    monkeypatch.setattr(importer, "MAX_ROWS", 2)

    result = import_equipment_csv(file=csv_file(valid_rows()))

    assert [(error.row, error.column) for error in result.errors] == [(0, "")]
    assert not Equipment.objects.exists()


@pytest.mark.django_db
def test_an_asset_tag_twice_in_the_file_is_an_error(catalogue_data):
    rows = [*valid_rows(), unit_row("VC-0001", serial_number="SN-9")]

    result = import_equipment_csv(file=csv_file(rows))

    assert errors_at(result) == {(5, "asset_tag")}
    assert "3" in result.errors[0].message  # points to the row where the tag first appears


@pytest.mark.django_db
def test_an_asset_tag_of_other_equipment_is_an_error(catalogue_data, centre):
    bed = make_equipment(centre, catalogue_data["category"], slug="seng")
    Unit.objects.create(equipment=bed, asset_tag="VC-0002")

    result = import_equipment_csv(file=csv_file(valid_rows()))

    assert errors_at(result) == {(4, "asset_tag")}
    assert not Equipment.objects.filter(slug="loftestol").exists()
    assert Unit.objects.get(asset_tag="VC-0002").equipment == bed


@pytest.mark.django_db
def test_validation_takes_a_fixed_number_of_queries(catalogue_data, django_assert_max_num_queries):
    rows = [
        equipment_row(programmes="pau"),
        *(unit_row(f"VC-{n:04}", unit_location="Praksis Lab Ringsted") for n in range(200)),
    ]

    with django_assert_max_num_queries(6):
        result = import_equipment_csv(file=csv_file(rows), dry_run=True)

    assert result.ok, result.errors
    assert result.units_created == 200


# Permissions


@pytest.mark.django_db
def test_staff_of_another_centre_cannot_import_this_centres_equipment(catalogue_data, other_staff):
    result = import_equipment_csv(file=csv_file(valid_rows()), actor=other_staff)

    assert errors_at(result) == {(2, "owning_centre")}
    assert not Equipment.objects.exists()


@pytest.mark.django_db
def test_staff_of_the_owning_centre_can_import(catalogue_data, staff):
    result = import_equipment_csv(file=csv_file(valid_rows()), actor=staff)

    assert result.ok, result.errors
    assert Unit.objects.count() == 2


@pytest.mark.django_db
def test_staff_of_another_centre_cannot_change_existing_equipment(catalogue_data, centre, other_centre, other_staff):
    make_equipment(centre, catalogue_data["category"])
    rows = [row(equipment_slug="loftestol", owning_centre="vest"), unit_row("VC-0001")]

    result = import_equipment_csv(file=csv_file(rows), actor=other_staff)

    assert errors_at(result) == {(2, "equipment_slug")}
    assert Equipment.objects.get().owning_centre == centre
    assert not Unit.objects.exists()


@pytest.mark.django_db
def test_a_teacher_cannot_import(catalogue_data, teacher):
    result = import_equipment_csv(file=csv_file(valid_rows()), actor=teacher)

    assert errors_at(result) == {(2, "owning_centre")}


# The management command


@pytest.fixture
def csv_path(tmp_path):
    def write(rows, **kwargs):
        path = tmp_path / "udstyr.csv"
        path.write_bytes(csv_file(rows, **kwargs).getvalue())
        return str(path)

    return write


@pytest.mark.django_db
def test_command_imports_a_valid_file(catalogue_data, csv_path, capsys):
    call_command("import_equipment", csv_path(valid_rows(), delimiter=";", bom=True))

    assert Unit.objects.count() == 2
    assert "2" in capsys.readouterr().out


@pytest.mark.django_db
def test_command_fails_and_lists_every_error(catalogue_data, csv_path, capsys):
    rows = [*valid_rows(), unit_row("VC-0001"), unit_row("VC-0009", unit_status="stjålet")]

    with pytest.raises(CommandError):
        call_command("import_equipment", csv_path(rows))

    lines = capsys.readouterr().err.splitlines()
    assert any("5" in line and '"asset_tag"' in line for line in lines)
    assert any("6" in line and '"unit_status"' in line for line in lines)
    assert not Equipment.objects.exists()


@pytest.mark.django_db
def test_command_dry_run_saves_nothing(catalogue_data, csv_path):
    call_command("import_equipment", csv_path(valid_rows()), "--dry-run")

    assert not Equipment.objects.exists()
    assert not Unit.objects.exists()


@pytest.mark.django_db
def test_command_reports_a_missing_file(tmp_path):
    with pytest.raises(CommandError):
        call_command("import_equipment", str(tmp_path / "findes-ikke.csv"))


# The admin page

IMPORT_URL = "/admin/udstyr/import/"


def upload(client, rows, *, name="udstyr.csv", dry_run=False):
    data = {"file": SimpleUploadedFile(name, csv_file(rows).getvalue(), content_type="text/csv")}
    if dry_run:
        data["dry_run"] = "on"
    return client.post(IMPORT_URL, data)


@pytest.mark.django_db
def test_staff_see_the_import_page_with_the_layout(client, staff):
    client.force_login(staff)

    response = client.get(IMPORT_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "equipment_slug" in html
    assert "/admin/udstyr/import/eksempel.csv" in html


@pytest.mark.django_db
def test_staff_import_a_file_and_see_the_counts(client, staff, catalogue_data):
    client.force_login(staff)

    response = upload(client, valid_rows())

    assert response.status_code == 200
    assert response.context["result"].ok
    assert '<td data-count="units-created">2</td>' in response.content.decode()
    assert Unit.objects.count() == 2


@pytest.mark.django_db
def test_staff_see_the_errors_of_a_bad_file(client, staff, catalogue_data, other_centre):
    client.force_login(staff)

    response = upload(
        client, [*valid_rows(), unit_row("VC-0009", slug="seng"), equipment_row("seng", owning_centre="vest")]
    )

    errors = response.context["result"].errors
    assert {(error.row, error.column) for error in errors} == {(6, "owning_centre")}
    assert response.content.decode().count('class="import-error"') == 1
    assert not Equipment.objects.exists()


@pytest.mark.django_db
def test_a_dry_run_in_the_admin_saves_nothing(client, staff, catalogue_data):
    client.force_login(staff)

    response = upload(client, valid_rows(), dry_run=True)

    assert response.context["result"].units_created == 2
    assert not Unit.objects.exists()


@pytest.mark.django_db
def test_the_admin_refuses_a_file_that_is_not_csv(client, staff, catalogue_data):
    client.force_login(staff)

    response = upload(client, valid_rows(), name="udstyr.xlsx")

    assert response.context["form"].errors["file"]
    assert response.context["result"] is None
    assert not Equipment.objects.exists()


@pytest.mark.django_db
def test_the_admin_refuses_a_file_over_5_mb(client, staff):
    client.force_login(staff)
    big = SimpleUploadedFile("udstyr.csv", b"x" * (5 * 1024 * 1024 + 1), content_type="text/csv")

    response = client.post(IMPORT_URL, {"file": big})

    assert response.context["form"].errors["file"]


@pytest.mark.django_db
def test_staff_download_the_example_file(client, staff):
    client.force_login(staff)

    response = client.get("/admin/udstyr/import/eksempel.csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert header.split(";") == list(COLUMNS)


@pytest.mark.django_db
@pytest.mark.parametrize("role_fixture", ["teacher", "coordinator"])
def test_teachers_and_coordinators_cannot_use_the_import_page(client, request, role_fixture, catalogue_data):
    client.force_login(request.getfixturevalue(role_fixture))

    def refused(response):
        return response.status_code == 403 or (response.status_code == 302 and "/admin/" in response.url)

    assert refused(client.get(IMPORT_URL))
    assert refused(upload(client, valid_rows()))
    assert refused(client.get("/admin/udstyr/import/eksempel.csv"))
    assert not Equipment.objects.exists()


@pytest.mark.django_db
def test_anonymous_visitors_cannot_use_the_import_page(client):
    assert client.get(IMPORT_URL).status_code in {302, 403}


@pytest.mark.django_db
def test_the_example_file_imports_into_the_demo_data():
    from catalogue.demo import load_catalogue
    from videnscenter.demo import load_people

    load_people()
    load_catalogue()

    result = import_equipment_csv(file=io.StringIO(EXAMPLE_CSV))

    assert result.ok, result.errors
    assert (result.equipment_created, result.units_created) == (1, 2)
