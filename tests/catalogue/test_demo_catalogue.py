import io

import pytest
from django.db.models import Count
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from catalogue.demo import load_catalogue
from catalogue.models import Category, Equipment, EquipmentManual, Location, MobilePack, PackItem, Unit
from videnscenter.demo import load_people

# Loading the catalogue takes a few seconds, so one test loads it twice and checks everything.
pytestmark = pytest.mark.django_db


def _counts():
    return {
        "equipment": Equipment.objects.count(),
        "units": Unit.objects.count(),
        "packs": MobilePack.objects.count(),
        "pack_items": PackItem.objects.count(),
        "locations": Location.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "manuals": EquipmentManual.objects.count(),
    }


def _assert_covers_categories_centres_and_placements():
    assert Equipment.objects.count() >= 40
    assert 190 <= Unit.objects.count() <= 220
    assert Category.objects.count() == 8
    assert not Category.objects.annotate(n=Count("equipment")).filter(n=0).exists()
    centres = set(Equipment.objects.values_list("owning_centre__slug", flat=True))
    assert centres == {"videnscenter-oest", "videnscenter-vest"}
    assert set(Equipment.objects.values_list("placement", flat=True)) == set(Equipment.Placement.values)
    assert not Equipment.objects.annotate(n=Count("units")).filter(n=0).exists()
    assert not Equipment.objects.filter(programmes=None).exists()
    assert not Equipment.objects.filter(tagged_items=None).exists()
    assert EquipmentManual.objects.values("equipment").distinct().count() >= 8


def _assert_every_equipment_has_one_image_and_a_home_that_fits_its_placement():
    expected_kind = {
        Equipment.Placement.STATIONED: Location.Kind.SCHOOL,
        Equipment.Placement.LAB_ONLY: Location.Kind.PRAKSIS_LAB,
        Equipment.Placement.MOBILE: Location.Kind.STORAGE,
    }
    for equipment in Equipment.objects.select_related("home_location__organisation").prefetch_related("images"):
        assert len(equipment.images.all()) == 1, equipment
        home = equipment.home_location
        assert home is not None and home.owning_centre_id == equipment.owning_centre_id, equipment
        assert home.kind == expected_kind[equipment.placement], equipment


def _assert_units_have_a_location_and_notes_when_not_in_service():
    assert not Unit.objects.filter(current_location=None).exists()
    assert Unit.objects.filter(status=Unit.Status.MAINTENANCE).count() >= 3
    assert Unit.objects.filter(status=Unit.Status.RETIRED).count() >= 2
    assert not Unit.objects.exclude(status=Unit.Status.IN_SERVICE).filter(condition_notes="").exists()
    prefixes = {tag.split("-")[0] for tag in Unit.objects.values_list("asset_tag", flat=True)}
    assert prefixes == {"VVØ", "VVV"}


def _assert_packs_hold_units_of_their_own_centre_and_no_unit_twice():
    packs = MobilePack.objects.prefetch_related("items__unit__equipment")
    assert len(packs) == 6
    for pack in packs:
        units = [item.unit for item in pack.items.all()]
        assert 3 <= len(units) <= 8, pack
        assert all(unit.equipment.owning_centre_id == pack.owning_centre_id for unit in units), pack
        assert all(unit.equipment.placement == Equipment.Placement.MOBILE for unit in units), pack
        assert all(unit.status == Unit.Status.IN_SERVICE for unit in units), pack
        assert all(unit.current_location_id == pack.current_location_id for unit in units), pack
        assert pack.image_id and pack.accessory_lines and pack.summary, pack
    unit_ids = list(PackItem.objects.values_list("unit_id", flat=True))
    assert len(unit_ids) == len(set(unit_ids))


def _assert_generated_files_are_a_png_and_a_pdf():
    image = get_image_model().objects.first()
    assert (image.width, image.height) == (800, 600)
    with image.open_file() as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"
    document = get_document_model().objects.first()
    with document.open_file() as f:
        data = f.read()
    assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")


def test_demo_catalogue_is_complete_and_safe_to_run_twice(settings, tmp_path):
    assert tmp_path / "media" == settings.MEDIA_ROOT  # generated files stay out of var/
    load_people()
    load_catalogue()
    before = _counts()
    stdout = io.StringIO()

    load_catalogue(stdout=stdout)

    assert _counts() == before
    assert stdout.getvalue().startswith(f"Catalogue: {before['equipment']} equipment kinds, {before['units']} units")
    files = [path for path in (tmp_path / "media").rglob("*") if path.is_file()]
    assert len(files) == before["images"] + before["documents"]  # the second run wrote no new files
    _assert_covers_categories_centres_and_placements()
    _assert_every_equipment_has_one_image_and_a_home_that_fits_its_placement()
    _assert_units_have_a_location_and_notes_when_not_in_service()
    _assert_packs_hold_units_of_their_own_centre_and_no_unit_twice()
    _assert_generated_files_are_a_png_and_a_pdf()
