"""What the demo video and podcast library contains.

The films are generated from the demo catalogue: every equipment kind gets the same four basic
films (getting started, cleaning, typical faults, use in teaching) and most get one more (ethics,
introducing it to the citizen, implementation for leaders, or use together with a related
item). That gives about 250 films that all link to real demo equipment.
"""

import base64
import hashlib
import zlib
from dataclasses import dataclass
from datetime import timedelta

from django.utils.html import escape

from catalogue.demo.data import CATEGORIES as CATALOGUE_CATEGORIES
from catalogue.demo.data import KINDS
from videnscenter.helpers.text import danish_slugify

from ..models import Audience


def stable_number(text: str) -> int:
    """The same number for the same text on every run and every machine (unlike hash())."""
    return zlib.crc32(text.encode())


def youtube_id(slug: str) -> str:
    """A plausible, stable 11-character YouTube id (A-Z, a-z, 0-9, - and _). Demo only."""
    return base64.urlsafe_b64encode(hashlib.sha256(slug.encode()).digest()).decode()[:11]


# slug, name, description, poster colour, pictogram of the catalogue artwork
CATEGORIES = [
    (
        "forflytning",
        "Forflytning",
        "Lifte, glidelagener, drejeskiver og bælter: sikre forflytninger uden tunge løft.",
        "#3c7d4a",
        "lift",
    ),
    (
        "hygiejne",
        "Hygiejne",
        "Rengøring og desinfektion af udstyret og god hygiejne omkring borgeren.",
        "#2a7f7f",
        "house",
    ),
    (
        "sociale-robotter",
        "Sociale robotter",
        "Robotsæler, robotkatte og små humanoide robotter, der skaber ro, samvær og aktivitet.",
        "#2f6f8f",
        "robot",
    ),
    (
        "sensorer-og-alarmer",
        "Sensorer og alarmer",
        "Sensorer, der opdager fald, uro og fugt, og alarmer, der kalder på personalet.",
        "#b5533c",
        "sensor",
    ),
    (
        "aldringsdragt-og-empati",
        "Aldringsdragt og empati",
        "Dragter og simulatorer, der lader eleverne mærke alderdom og funktionsnedsættelse på egen krop.",
        "#7a4f9a",
        "suit",
    ),
    (
        "vr-og-simulation",
        "VR og simulation",
        "VR-briller, simulationsdukker og træningsudstyr til realistiske øvelser i trygge rammer.",
        "#1f4e79",
        "vr",
    ),
    (
        "medicinhaandtering",
        "Medicinhåndtering",
        "Dispensere, doseringsæsker og registrering, der gør medicinhåndteringen sikrere.",
        "#a23b5a",
        "pill",
    ),
    (
        "hjaelpemidler-i-hjemmet",
        "Hjælpemidler i hjemmet",
        "Teknologi i borgerens eget hjem: låse, komfurvagter, vasketoiletter og smart home.",
        "#4a6b6b",
        "house",
    ),
    (
        "kommunikation-og-skaermbesoeg",
        "Kommunikation og skærmbesøg",
        "Tablets, ure, taleknapper og skærmbesøg, der støtter kontakt og orientering.",
        "#c98a1b",
        "speech",
    ),
    (
        "spiseteknologi",
        "Spiseteknologi",
        "Spiserobotter og hjælpemidler, der giver borgeren mulighed for at spise selv.",
        "#8a6d3b",
        "robot",
    ),
    (
        "rehabilitering",
        "Rehabilitering",
        "Teknologi, der træner og understøtter borgerens egne ressourcer i hverdagen.",
        "#5b8c2a",
        "lift",
    ),
    (
        "demens",
        "Demens",
        "Teknologi, der giver tryghed, ro og orientering for borgere med demens.",
        "#6b5b95",
        "speech",
    ),
]

# Every catalogue category has one home in the library ...
PRIMARY_CATEGORY = dict(
    zip(
        [row[0] for row in CATALOGUE_CATEGORIES],
        [
            "sociale-robotter",
            "forflytning",
            "sensorer-og-alarmer",
            "aldringsdragt-og-empati",
            "vr-og-simulation",
            "kommunikation-og-skaermbesoeg",
            "medicinhaandtering",
            "hjaelpemidler-i-hjemmet",
        ],
        strict=True,
    )
)
# ... and some equipment belongs to a theme as well.
EXTRA_CATEGORIES = {
    "social-robot-sael-type": ("demens",),
    "kaeledyrsrobot-kat": ("demens",),
    "demensdukke": ("demens",),
    "spiserobot": ("spiseteknologi", "rehabilitering"),
    "telepresence-robot": ("kommunikation-og-skaermbesoeg",),
    "desinfektionsrobot-med-uv-lys": ("hygiejne",),
    "servicerobot-til-udbringning": ("spiseteknologi",),
    "staa-og-gangstativ-med-motor": ("rehabilitering",),
    "drejeskive-til-staaende-forflytning": ("rehabilitering",),
    "rejsestol-med-loeftefunktion": ("rehabilitering",),
    "doersensor-med-besked-til-personale": ("demens",),
    "inkontinenssensor-ble-sensor": ("hygiejne",),
    "gps-tracker-til-demente": ("demens",),
    "hemiplegi-simulationssaet": ("rehabilitering",),
    "tremor-simulator-handske": ("spiseteknologi",),
    "plejedukke-til-saarpleje-og-kateterisation": ("hygiejne",),
    "traeningsarm-til-injektion-og-blodproeve": ("medicinhaandtering",),
    "talende-ur": ("demens",),
    "kalenderur-med-dag-og-tid": ("demens",),
    "skaerm-til-virtuelt-tilsyn": ("medicinhaandtering",),
    "medicinrobot-til-hjemmet": ("hjaelpemidler-i-hjemmet",),
    "komfurvagt": ("demens",),
    "vasketoilet": ("hygiejne",),
    "haeve-saenke-haandvask": ("hygiejne", "rehabilitering"),
}
# Textiles, dolls and suits are washed and packed, not charged.
NOT_CHARGED = {
    "demensdukke",
    "forflytningsplade-glidelagen",
    "vendelagen-til-sengeliggende",
    "forflytningsbaelte-med-haandtag",
    "drejeskive-til-staaende-forflytning",
    "aldringsdragt-fuldt-saet",
    "hemiplegi-simulationssaet",
    "synsnedsaettelses-briller",
    "artrose-handsker-gigtsimulering",
    "bariatrisk-simulationsdragt",
    "plejedukke-til-saarpleje-og-kateterisation",
    "traeningsarm-til-injektion-og-blodproeve",
}
# The "getting started" film of these is featured on the home page.
FEATURED = {
    "social-robot-sael-type",
    "loftlift-med-200-kg-loeft",
    "aldringsdragt-fuldt-saet",
    "vr-briller-med-plejescenarier",
    "faldsensor-til-vaeg-radar",
    "medicindispenser-med-paamindelse",
    "skaerm-til-virtuelt-tilsyn",
    "spiserobot",
}


@dataclass(frozen=True)
class Topic:
    """One kind of film; {name} is the equipment (and {other} the related item of a combined film)."""

    key: str
    title: str
    audience: str
    minutes: tuple[int, int]
    lead: str
    transcript: tuple[str, ...]
    category: str = ""  # a theme every film of this topic also belongs to


START = Topic(
    "start",
    "Sådan kommer du i gang",
    Audience.EVERYONE,
    (3, 6),
    "Kom godt i gang med {name}: hvad er i kassen, hvordan tænder og indstiller du, og hvad skal du tjekke, før du "
    "bruger det sammen med en borger eller i undervisningen.",
    (
        "Velkommen til en kort introduktion til {name}.",
        "Vi starter med at pakke ud og tjekke, at alt fra pakkelisten er med.",
        "Derefter viser vi de vigtigste funktioner og indstillinger trin for trin.",
        "Husk at læse den korte brugsvejledning, der følger med udstyret.",
        "Når du har set filmen, er du klar til at prøve det selv i Praksis Lab eller på skolen.",
    ),
)
CLEAN_AND_CHARGE = Topic(
    "rengoering",
    "Rengøring og opladning",
    Audience.STUDENTS,
    (2, 4),
    "Sådan rengør du {name} efter brug, og sådan oplader og opbevarer du det, så det er klar til næste hold.",
    (
        "I denne film gennemgår vi rengøring og opladning af {name}.",
        "Brug en let fugtig klud og et mildt rengøringsmiddel, og brug aldrig sprit på bløde overflader.",
        "Tjek ledninger og stik for skader, før du sætter udstyret til opladning.",
        "Et fuldt opladet batteri er en del af afleveringen, når udstyret skal videre til næste skole.",
        "Skriv det i tilbageleveringen, hvis noget ikke virker, som det skal.",
    ),
    category="hygiejne",
)
CLEAN_AND_STORE = Topic(
    "rengoering",
    "Rengøring og opbevaring",
    Audience.STUDENTS,
    (2, 4),
    "Sådan rengør og vasker du {name} efter brug, og sådan pakker du det, så intet bliver slidt eller glemt.",
    (
        "I denne film gennemgår vi rengøring og opbevaring af {name}.",
        "Følg vaskeanvisningen, og lad tekstiler tørre helt, før de pakkes ned.",
        "Tjek syninger, stropper og spænder for slid.",
        "Pak udstyret i den medfølgende taske, så intet bliver klemt eller glemt.",
        "Skriv det i tilbageleveringen, hvis noget er slidt eller mangler.",
    ),
    category="hygiejne",
)
FAULTS = Topic(
    "typiske-fejl",
    "Typiske fejl og løsninger",
    Audience.STUDENTS,
    (3, 5),
    "De fejl, vi oftest ser ved brug af {name}, og hvordan du undgår eller løser dem uden at ringe efter hjælp.",
    (
        "Her er de fejl, vi oftest ser, når {name} bruges første gang.",
        "Den hyppigste fejl er, at udstyret ikke er klargjort inden brug.",
        "Den næste er, at borgeren ikke får forklaret, hvad der skal ske.",
        "Vi viser, hvordan du starter forfra, hvis noget går i stå undervejs.",
        "Virker det stadig ikke, så kontakt centrets personale via bookingsiden.",
    ),
)
TEACHING = Topic(
    "undervisning",
    "Brug i undervisningen",
    Audience.TEACHERS,
    (4, 8),
    "Idéer til at bruge {name} på SOSU-uddannelserne: en kort demonstration, øvelser i små grupper og refleksion "
    "bagefter.",
    (
        "Denne film er til dig, der underviser og vil bruge {name} med dit hold.",
        "Start med en kort demonstration, og lad derefter eleverne prøve i små grupper.",
        "Giv hver gruppe en konkret borgercase, så øvelsen bliver virkelighedsnær.",
        "Afslut med refleksion: Hvad gjorde teknologien for borgeren, og hvad for medarbejderen?",
        "Du finder lærervejledninger til forløbene under undervisningsmaterialer.",
    ),
)
ETHICS = Topic(
    "etik",
    "Etik og borgerens perspektiv",
    Audience.EVERYONE,
    (5, 9),
    "Hvornår giver {name} mening for borgeren, og hvornår gør det ikke? En samtale om samtykke, værdighed og "
    "selvbestemmelse.",
    (
        "Teknologi skal altid tage udgangspunkt i borgerens behov og ønsker.",
        "I filmen fortæller en borger og en social- og sundhedsassistent om deres erfaringer med {name}.",
        "Vi taler om samtykke, og om hvordan man spørger, når borgeren har svært ved at udtrykke sig.",
        "Vi ser også på, hvad der sker med relationen, når teknologien overtager en opgave.",
        "Brug filmen som oplæg til en etisk drøftelse på holdet.",
    ),
)
INTRODUCE = Topic(
    "borgeren",
    "Sådan introducerer du det for borgeren",
    Audience.STUDENTS,
    (3, 5),
    "En rolig og respektfuld introduktion af {name} for borgeren og de pårørende, vist i en realistisk situation.",
    (
        "Det første møde med ny teknologi kan gøre borgeren utryg.",
        "Fortæl kort og konkret, hvad {name} kan, og hvorfor I vil prøve det.",
        "Lad borgeren se og røre, før udstyret tages i brug.",
        "Aftal, hvordan borgeren kan sige fra undervejs.",
        "Inddrag de pårørende, og skriv jeres aftaler ind i dokumentationen.",
        "Følg op efter en uge: Giver det stadig mening for borgeren?",
    ),
)
IMPLEMENTATION = Topic(
    "implementering",
    "Implementering: erfaringer fra praksis",
    Audience.LEADERS,
    (6, 10),
    "En leder og en nøgleperson fortæller, hvordan de fik {name} godt i gang i hverdagen, fra indkøb til fast praksis.",
    (
        "Implementering handler mere om mennesker end om teknik.",
        "I filmen fortæller en leder og en nøgleperson, hvordan de indførte {name}.",
        "De udpegede superbrugere og afsatte tid til oplæring i arbejdstiden.",
        "Efter tre måneder evaluerede de brugen sammen med medarbejderne og borgerne.",
        "Deres råd er at starte i det små og dele de gode historier.",
    ),
)
COMBINED = Topic(
    "sammen-med",
    "Brug sammen med {other}",
    Audience.STUDENTS,
    (4, 7),
    "Sådan spiller {name} og {other} sammen i en realistisk plejesituation.",
    (
        "I denne film bruger vi {name} og {other} i samme forløb.",
        "Først planlægger vi opgaven, så udstyret står klar, inden borgeren inddrages.",
        "Derefter viser vi arbejdsgangen trin for trin.",
        "Læg mærke til, hvordan kommunikationen med borgeren binder det hele sammen.",
        "Prøv selv øvelsen i Praksis Lab, hvor begge dele står klar.",
    ),
)
EXTRA_TOPICS = [ETHICS, INTRODUCE, IMPLEMENTATION, COMBINED]


@dataclass(frozen=True)
class VideoSpec:
    slug: str
    title: str
    description: str
    transcript: str
    audience: str
    duration: timedelta
    centre: str
    categories: tuple[str, ...]
    equipment: tuple[str, ...]
    poster_category: str
    featured: bool
    published_days_ago: int

    @property
    def youtube_id(self) -> str:
        return youtube_id(self.slug)

    @property
    def youtube_url(self) -> str:
        return f"https://www.youtube.com/watch?v={self.youtube_id}"


def in_sentence(name: str) -> str:
    """ "Social robot (sæl-type)" reads "social robot (sæl-type)" mid-sentence; "VR-briller" stays."""
    first_word = name.replace("-", " ").split()[0]
    if any(char.isupper() for char in first_word[1:]):
        return name
    return name[0].lower() + name[1:]


def _duration(slug: str, minutes: tuple[int, int]) -> timedelta:
    low, high = minutes
    seconds = low * 60 + stable_number(slug) % ((high - low) * 60 + 1)
    return timedelta(seconds=seconds)


def _spec(kind, topic: Topic, *, other=None) -> VideoSpec:
    name = in_sentence(kind.name)
    other_name = in_sentence(other.name) if other else ""
    title = f"{kind.name}: {topic.title.format(other=other_name)}"
    slug = danish_slugify(f"{kind.slug} {topic.key} {other.slug if other else ''}")[:200]
    summary = kind.summary
    description = f"<p>{escape(topic.lead.format(name=name, other=other_name))}</p><p>{escape(summary)}</p>"
    transcript = " ".join(sentence.format(name=name, other=other_name) for sentence in topic.transcript)
    primary = PRIMARY_CATEGORY[kind.category]
    categories = [primary, *EXTRA_CATEGORIES.get(kind.slug, ())]
    if other:
        categories.append(PRIMARY_CATEGORY[other.category])
    if topic.category:
        categories.append(topic.category)
    return VideoSpec(
        slug=slug,
        title=title,
        description=description,
        transcript=transcript,
        audience=topic.audience,
        duration=_duration(slug, topic.minutes),
        centre=kind.centre,
        categories=tuple(dict.fromkeys(categories)),
        equipment=(kind.slug, other.slug) if other else (kind.slug,),
        poster_category=topic.category or EXTRA_CATEGORIES.get(kind.slug, (primary,))[0],
        featured=topic is START and kind.slug in FEATURED,
        published_days_ago=stable_number(slug) % 720,
    )


def video_specs() -> list[VideoSpec]:
    """All demo films, in a stable order."""
    by_category: dict[str, list] = {}
    for kind in KINDS:
        by_category.setdefault(kind.category, []).append(kind)
    specs = []
    for index, kind in enumerate(KINDS):
        clean = CLEAN_AND_STORE if kind.slug in NOT_CHARGED else CLEAN_AND_CHARGE
        specs += [_spec(kind, topic) for topic in (START, clean, FAULTS, TEACHING)]
        if index % 4:
            topic = EXTRA_TOPICS[(index + index // 4) % len(EXTRA_TOPICS)]
            if topic is COMBINED:
                siblings = by_category[kind.category]
                other = siblings[(siblings.index(kind) + 1) % len(siblings)]
                specs.append(_spec(kind, topic, other=other))
            else:
                specs.append(_spec(kind, topic))
    return specs


# --- The podcast "Livet!" ---------------------------------------------------------------------------

SERIES = {
    "slug": "livet",
    "name": "Livet!",
    "description": (
        "Livet! er videnscentrenes podcast om velfærdsteknologi i hverdagen. Vi møder borgere, elever, "
        "undervisere og ledere, der fortæller ærligt om, hvad teknologien gør for livet, arbejdet og relationerne: "
        "det, der virker, og det, der ikke gør. Værter: Maja Friis og Anders Bech."
    ),
}
HOSTS = ("Maja", "Anders")
PROMPTS = ("Hvordan startede det?", "Hvad lærte I af det?", "Hvad vil du give videre til vores lyttere?")


@dataclass(frozen=True)
class EpisodeSpec:
    number: int
    title: str
    guest: str
    lead: str
    lines: tuple[str, ...]  # what the guest says, in turn with the hosts
    centre: str
    minutes: int

    @property
    def slug(self) -> str:
        return danish_slugify(f"livet {self.number:02d} {self.title}")


EPISODES = [
    EpisodeSpec(
        1,
        "Robotten, der fik Inger til at synge igen",
        "Birgitte Mose, social- og sundhedsassistent",
        "Birgitte fortæller om robotsælen på plejecentret, og om den dag Inger begyndte at synge for den.",
        (
            "Inger havde ikke sagt ret meget i flere uger, og så kom robotsælen.",
            "Hun aede den og begyndte at nynne en gammel sang, og så sang vi alle sammen.",
            "Men robotten er ikke en erstatning for os. Den åbner en dør, og så skal vi gå igennem den.",
        ),
        "oest",
        34,
    ),
    EpisodeSpec(
        2,
        "Når skærmen bliver et besøg",
        "Jens Kragh, borger i hjemmeplejen",
        "Jens får medicinhjælp via skærmbesøg tre gange om dagen. Hvordan føles det, når plejen kommer på skærmen?",
        (
            "Jeg var skeptisk i starten, for jeg ville gerne se et rigtigt menneske.",
            "Nu kender jeg dem på skærmen, og vi får snakket om vejret og om fodbold.",
            "Det vigtigste er, at de ringer til tiden. Så kan jeg planlægge min dag.",
        ),
        "vest",
        29,
    ),
    EpisodeSpec(
        3,
        "Et løft uden ondt i ryggen",
        "Sara Holt, ergoterapeut og underviser",
        "Om lifte, glidelagener og arbejdsmiljø: hvorfor de rigtige hjælpemidler er det bedste, eleverne kan lære "
        "tidligt.",
        (
            "Mange elever tror, at det går hurtigere at løfte selv. Det gør det ikke, og det koster på ryggen.",
            "I Praksis Lab øver vi forflytninger, til de sidder på rygraden.",
            "Og vi øver også at være borgeren i liften. Det ændrer, hvordan man taler til folk.",
        ),
        "vest",
        31,
    ),
    EpisodeSpec(
        4,
        "Aldringsdragten: tyve minutter som 85-årig",
        "Emil Lauritsen, SOSU-elev",
        "Emil har prøvet aldringsdragten på skolen. Vi taler om tunge ben, dårligt syn og om at få tid.",
        (
            "Det første, jeg mærkede, var, hvor lang tid det tog at rejse sig fra en stol.",
            "Da min makker skyndte på mig, blev jeg faktisk sur.",
            "Nu venter jeg, når jeg er i praktik. Jeg ved, hvordan det føles.",
        ),
        "oest",
        27,
    ),
    EpisodeSpec(
        5,
        "Hvem holder øje om natten?",
        "Lone Vestergaard, nattevagt og teknologiansvarlig",
        "Faldsensorer, sengealarmer og dørsensorer giver ro, men hvor går grænsen mellem tryghed og overvågning?",
        (
            "Sensorerne betyder, at vi ikke behøver at vække folk for at se, om de sover.",
            "Men vi skal hele tiden spørge os selv, om det er borgerens tryghed eller vores egen, vi passer på.",
            "Vi taler med borgeren og de pårørende, før en sensor sættes op, og vi evaluerer efter en måned.",
        ),
        "vest",
        38,
    ),
    EpisodeSpec(
        6,
        "Medicin til tiden, også når ingen er der",
        "Ahmad Rahimi, sygeplejerske i hjemmeplejen",
        "Medicindispensere og doseringsæsker med alarm: hvad kræver det af borgeren, og hvad af personalet?",
        (
            "Dispenseren siger til, når det er tid, og giver os besked, hvis medicinen ikke bliver taget.",
            "Den passer ikke til alle. Man skal kunne høre alarmen og forstå, hvad den betyder.",
            "Derfor tester vi den sammen med borgeren i to uger, før vi beslutter noget.",
        ),
        "oest",
        33,
    ),
    EpisodeSpec(
        7,
        "VR på skoleskemaet",
        "Katrine Juhl, underviser på SOSU-uddannelsen",
        "Katrine bruger VR-briller til at træne svære samtaler. Hvad lærer eleverne, som de ikke lærer i klassen?",
        (
            "I VR kan eleverne øve den samtale, de er mest bange for, uden at nogen tager skade.",
            "Bagefter taler vi om, hvad de gjorde, og hvad de ville gøre anderledes.",
            "Det er ikke teknologien, der er pointen. Det er refleksionen bagefter.",
        ),
        "oest",
        30,
    ),
    EpisodeSpec(
        8,
        "Pårørende og teknologi: tryghed eller kontrol?",
        "Hanne Dalgaard, pårørende",
        "Hannes mor har demens og en GPS-tracker. Vi taler om frihed, bekymring og om at blive enige i familien.",
        (
            "Min mor går stadig sine ture, og det skal hun blive ved med.",
            "Trackeren betyder, at vi ikke behøver at sige nej. Det er frihed for hende og ro for os.",
            "Men vi spurgte hende først. Det var hendes beslutning.",
        ),
        "vest",
        36,
    ),
    EpisodeSpec(
        9,
        "Fra elev til superbruger",
        "Mikkel Brandt, social- og sundhedsassistent",
        "Mikkel lærte om spiserobotten på skolen og er nu superbruger på sit plejecenter. Hvad skal der til?",
        (
            "Jeg havde prøvet spiserobotten på skolen, så jeg meldte mig, da vi fik en på arbejdet.",
            "Som superbruger viser jeg kollegerne, hvordan den sættes op, og jeg samler erfaringerne.",
            "Det bedste er at se en borger spise selv igen, i sit eget tempo.",
        ),
        "vest",
        28,
    ),
    EpisodeSpec(
        10,
        "Fremtidens hjemmepleje: hvad siger de unge?",
        "Freja Nørgaard, elev på grundforløb 2",
        "Freja og hendes klasse har talt om, hvad de unge forventer af teknologien i deres kommende arbejdsliv.",
        (
            "Vi er vant til teknologi, men vi vil ikke have, at den tager tiden fra borgerne.",
            "Hvis den kan tage de tunge løft og papirarbejdet, så får vi mere tid til samtalen.",
            "Og så skal vi lære at bruge den ordentligt allerede på skolen.",
        ),
        "oest",
        35,
    ),
]


def episode_transcript(episode: EpisodeSpec) -> str:
    first, second = HOSTS
    guest_name = episode.guest.split(",")[0]
    lines = [
        f"{first}: Velkommen til Livet!, videnscentrenes podcast om velfærdsteknologi i hverdagen.",
        f"{second}: I dag har vi besøg af {episode.guest}.",
    ]
    for number, (line, prompt) in enumerate(zip(episode.lines, PROMPTS, strict=True)):
        lines.append(f"{HOSTS[number % 2]}: {prompt}")
        lines.append(f"{guest_name}: {line}")
    lines.append(f"{first}: Tak fordi du ville være med. Du har lyttet til Livet!")
    return "\n".join(lines)
