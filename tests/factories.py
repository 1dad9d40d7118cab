import factory
from django.utils import timezone

from videnscenter.models import EmailDomain, Membership, Organisation, Role, User

PASSWORD = "en-god-adgangskode-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name", locale="da_DK")
    last_name = factory.Faker("last_name", locale="da_DK")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class CentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Videnscenter {n}")
    slug = factory.Sequence(lambda n: f"centre-{n}")
    kind = Organisation.Kind.CENTRE


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"SOSU-skole {n}")
    slug = factory.Sequence(lambda n: f"school-{n}")
    kind = Organisation.Kind.SCHOOL
    home_centre = factory.SubFactory(CentreFactory)
    region = Organisation.Region.SJAELLAND
    is_member = True


class EmailDomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmailDomain

    organisation = factory.SubFactory(SchoolFactory)
    domain = factory.Sequence(lambda n: f"school{n}.example")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(SchoolFactory)
    role = Role.TEACHER
    status = Membership.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)


# --- catalogue ---

from catalogue.models import Category, Equipment, Location, MobilePack, PackItem, Unit  # noqa: E402


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Kategori {n}")
    slug = factory.Sequence(lambda n: f"kategori-{n}")


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    name = factory.Sequence(lambda n: f"Praksis Lab {n}")
    kind = Location.Kind.PRAKSIS_LAB
    organisation = factory.SubFactory(CentreFactory)


class EquipmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Equipment

    name = factory.Sequence(lambda n: f"Udstyr {n}")
    slug = factory.Sequence(lambda n: f"udstyr-{n}")
    summary = "Et stykke velfærdsteknologi til undervisningen."
    category = factory.SubFactory(CategoryFactory)
    owning_centre = factory.SubFactory(CentreFactory)
    placement = Equipment.Placement.MOBILE


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    equipment = factory.SubFactory(EquipmentFactory)
    asset_tag = factory.Sequence(lambda n: f"TAG-{n:05d}")
    status = Unit.Status.IN_SERVICE


class MobilePackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MobilePack

    name = factory.Sequence(lambda n: f"Pakke {n}")
    slug = factory.Sequence(lambda n: f"pakke-{n}")
    summary = "En samlet kasse til undervisningen."
    owning_centre = factory.SubFactory(CentreFactory)


def put_in_pack(pack: MobilePack, *units: Unit) -> None:
    for unit in units:
        PackItem.objects.create(pack=pack, unit=unit)


# --- media and portal ---

from datetime import timedelta  # noqa: E402

from media.models import PodcastEpisode, PodcastSeries, Video, VideoCategory  # noqa: E402


class VideoCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VideoCategory
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Videokategori {n}")
    slug = factory.Sequence(lambda n: f"videokategori-{n}")


class VideoFactory(factory.django.DjangoModelFactory):
    """A published YouTube video."""

    class Meta:
        model = Video
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Instruktionsvideo {n}")
    slug = factory.Sequence(lambda n: f"instruktionsvideo-{n}")
    description = "<p>Sådan bruger du udstyret.</p>"
    youtube_url = factory.Sequence(lambda n: f"https://www.youtube.com/watch?v=abcdefgh{n % 1000:03d}")
    duration = timedelta(minutes=3, seconds=20)
    centre = factory.SubFactory(CentreFactory)
    live = True
    first_published_at = factory.LazyFunction(timezone.now)

    # Parental many-to-many fields are written on save().
    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            self.categories.set(extracted)
            self.save()

    @factory.post_generation
    def equipment(self, create, extracted, **kwargs):
        if create and extracted:
            self.equipment.set(extracted)
            self.save()


class PodcastSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PodcastSeries
        django_get_or_create = ("slug",)

    name = "Livet!"
    slug = "livet"


class PodcastEpisodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PodcastEpisode

    series = factory.SubFactory(PodcastSeriesFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Afsnit {n}")
    slug = factory.Sequence(lambda n: f"livet-afsnit-{n}")
    audio_url = "https://podcast.example/livet.mp3"
    published_on = factory.LazyFunction(timezone.localdate)
    centre = factory.SubFactory(CentreFactory)
    live = True


def add_page(parent, page):
    """Add ``page`` under ``parent`` and publish it, the way an editor would."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page
