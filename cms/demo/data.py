"""What the demo portal contains: home page text, content pages, news, events, partners, materials.

Bodies are written as small tuples and turned into StreamField data by the loader:
("heading", text) · ("subheading", text) · ("paragraph", html) · ("image", image key, alt text, caption) ·
("video", video slug) · ("quote", quote, who) · ("cta", title, text, page slug, button) ·
("equipment", equipment slug, why it matters).
"""

from dataclasses import dataclass

from media.models import Audience

from ..models import EventPage, Partner, TeachingMaterialFile

A = Audience
T = EventPage.EventType
P = Partner.Type
F = TeachingMaterialFile.Kind

TECH_TIMEN_URL = "https://live.videnscenter.example/tech-timen"
TORSDAGSPANEL_URL = "https://live.videnscenter.example/torsdagspanel"

# Municipalities for events and partners; the first two come from the people demo, the rest are made here.
MUNICIPALITIES = [
    ("aaby-kommune", "Åby Kommune", "midtjylland"),
    ("sundby-kommune", "Sundby Kommune", "hovedstaden"),
    ("fjordby-kommune", "Fjordby Kommune", "syddanmark"),
    ("bakkely-kommune", "Bakkely Kommune", "sjaelland"),
    ("lyngholm-kommune", "Lyngholm Kommune", "nordjylland"),
]

# key: (title, subtitle, colour, pictogram, description = alt text where the image stands alone)
IMAGES = {
    "praksis-lab": (
        "Praksis Lab",
        "Videnscentrene for Velfærdsteknologi",
        "#1f4e79",
        "lift",
        "Praksis Lab med loftlift, plejeseng og simulationsdukke klar til øvelse.",
    ),
    "centrene": (
        "To centre – ét katalog",
        "Øst og Vestdanmark",
        "#2f6f8f",
        "house",
        "Illustration af de to videnscentre, der deler ét udstyrskatalog.",
    ),
    "booking": (
        "Book udstyr",
        "Sådan låner din skole",
        "#c98a1b",
        "speech",
        "Illustration af en booking: vælg udstyr, datoer og levering.",
    ),
    "undervisning": (
        "Teknologi i undervisningen",
        "SOSU-uddannelserne",
        "#7a4f9a",
        "suit",
        "Elever øver med aldringsdragt i undervisningen.",
    ),
    "robotsael": (
        "Robotsæler på turné",
        "Nyt fra Videnscenter Øst",
        "#2f6f8f",
        "robot",
        "En robotsæl ligger klar på et bord i Praksis Lab.",
    ),
    "loftlift": (
        "Ny loftlift",
        "Praksis Lab Vestdanmark",
        "#3c7d4a",
        "lift",
        "Den nye loftlift monteret over plejesengen i Praksis Lab.",
    ),
    "skaermbesoeg": (
        "Skærmbesøg",
        "Nyt undervisningsforløb",
        "#c98a1b",
        "speech",
        "En elev taler med en borger via skærm.",
    ),
    "vr": (
        "VelfærdsVR",
        "På skoleskemaet",
        "#1f4e79",
        "vr",
        "Elever med VR-briller under en øvelse.",
    ),
    "ideer": (
        "Idékonkurrence",
        "Klitrosen SOSU-skole",
        "#b5533c",
        "sensor",
        "Vinderholdet fra Klitrosen præsenterer deres idé.",
    ),
    "tech-timen": (
        "Tech Timen",
        "Live fra videnscentrene",
        "#a23b5a",
        "vr",
        "Tech Timen: en time live om velfærdsteknologi.",
    ),
    "torsdagspanel": (
        "Torsdagspanelet",
        "Debat om velfærdsteknologi",
        "#4a6b6b",
        "speech",
        "Torsdagspanelet: paneldebat om velfærdsteknologi.",
    ),
}

HOME_INTRO = (
    "Velfærdsteknologi til SOSU-skolerne: lån udstyr, se instruktionsvideoer, find undervisningsmaterialer og "
    "mød os til Tech Timen og Torsdagspanelet."
)
HOME_BODY = (
    "<h2>Velkommen til videnscentrene</h2>"
    "<p>Videnscentrene for Velfærdsteknologi Øst og Vestdanmark hjælper de 13 SOSU-skoler med at bringe "
    "teknologien ind i undervisningen. Vi låner udstyr ud, holder PopUp-centre på skolerne og laver film, "
    "podcasts og undervisningsforløb.</p>"
    "<h3>Det kan du her</h3>"
    "<ul><li>Find og book udstyr i det fælles katalog.</li>"
    "<li>Se instruktionsvideoer om alt fra loftlifte til robotsæler.</li>"
    "<li>Hent forløb med lærervejledning til dit hold.</li>"
    "<li>Tilmeld dig Tech Timen og Torsdagspanelet.</li></ul>"
)


@dataclass(frozen=True)
class ContentSpec:
    slug: str
    title: str
    intro: str
    body: tuple
    in_footer: bool = True  # "Show in menus": linked from every page's footer


CONTENT_PAGES = [
    ContentSpec(
        "om-videnscentrene",
        "Om videnscentrene",
        "To videnscentre, ét fælles katalog og 13 SOSU-skoler, der bruger velfærdsteknologi i undervisningen.",
        (
            ("heading", "To centre, ét katalog"),
            (
                "paragraph",
                "<p>Videnscenter for Velfærdsteknologi Øst har særligt fokus på eleverne, og Videnscenter for "
                "Velfærdsteknologi Vestdanmark har særligt fokus på undervisere og ledere. Vi er to økonomiske "
                "enheder, men skolerne møder <b>ét fælles katalog</b> med over 50 slags udstyr.</p>",
            ),
            ("image", "centrene", "To videnscentre i Øst og Vestdanmark, forbundet af ét fælles katalog.", ""),
            ("heading", "Det laver vi"),
            (
                "paragraph",
                "<ul><li>Udlån af udstyr til skolerne, også som mobile pakker.</li>"
                "<li>PopUp-centre, hvor udstyret står på en skole i nogle uger.</li>"
                "<li>Instruktionsvideoer, podcasten Livet! og undervisningsforløb.</li>"
                "<li>Arrangementer: Tech Timen, Torsdagspanelet, webinarer og kurser.</li></ul>",
            ),
            (
                "quote",
                "Når eleverne har prøvet teknologien på skolen, tør de bruge den i praktikken.",
                "Lene Kristiansen, centerleder, Videnscenter Øst",
            ),
            (
                "cta",
                "Mød vores partnere",
                "Vi samarbejder med kommuner, leverandører, forskning og partnere i udlandet.",
                "partnere",
                "Se partnerne",
            ),
        ),
    ),
    ContentSpec(
        "saadan-booker-du-udstyr",
        "Sådan booker du udstyr",
        "Fra idé til udstyr i klasselokalet: sådan låner din skole udstyr hos videnscentrene.",
        (
            ("heading", "Fire trin"),
            (
                "paragraph",
                "<ol><li>Log ind med din skolemail.</li>"
                "<li>Find udstyret i kataloget, og se, hvornår det er ledigt.</li>"
                "<li>Vælg datoer, formål og om det skal leveres eller hentes.</li>"
                "<li>Centret godkender, og du får besked på mail.</li></ol>",
            ),
            ("image", "booking", "Skærmbillede-illustration af bookingens fire trin.", "Booking tager få minutter."),
            ("subheading", "Levering og afhentning"),
            (
                "paragraph",
                "<p>Mobilt udstyr kan sendes til skolen. Stort udstyr bruges i Praksis Lab. Husk, at udstyret skal "
                "rengøres og lades op, før det leveres tilbage; se filmen herunder.</p>",
            ),
            ("video", "social-robot-sael-type-rengoering"),
            (
                "quote",
                "Vi booker aldringsdragterne et halvt år frem, så hele årgangen når at prøve dem.",
                "Peter Lindholm, koordinator, Hedelund SOSU-skole",
            ),
            (
                "cta",
                "Find et forløb til udstyret",
                "Mange slags udstyr har et færdigt undervisningsforløb med lærervejledning.",
                "undervisningsmaterialer",
                "Se materialerne",
            ),
        ),
    ),
    ContentSpec(
        "praksis-lab",
        "Praksis Lab",
        "I Praksis Lab kan elever og undervisere prøve det udstyr, der er for stort til at flytte.",
        (
            (
                "paragraph",
                "<p>Begge videnscentre har et Praksis Lab: en fuldt udstyret plejebolig med loftlift, plejeseng, "
                "vasketoilet og simulationsdukker. Hold kan booke laboratoriet for en dag.</p>",
            ),
            ("image", "praksis-lab", "Praksis Lab med loftlift over plejesengen og en simulationsdukke.", ""),
            ("heading", "Det kan I prøve"),
            (
                "equipment",
                "loftlift-med-200-kg-loeft",
                "Øv forflytning fra seng til stol uden tunge løft, og prøv selv at blive løftet.",
            ),
            (
                "equipment",
                "simulationsdukke-avanceret-patient",
                "Dukken trækker vejret, taler og reagerer: træn observation og akutte situationer.",
            ),
            ("video", "loftlift-med-200-kg-loeft-start"),
            (
                "cta",
                "Book en dag i Praksis Lab",
                "Se, hvordan du booker udstyr og laboratoriet til dit hold.",
                "saadan-booker-du-udstyr",
                "Sådan booker du",
            ),
        ),
    ),
    ContentSpec(
        "velfaerdsteknologi-i-undervisningen",
        "Velfærdsteknologi i undervisningen",
        "Idéer og erfaringer fra SOSU-skolerne: sådan bliver teknologien en naturlig del af undervisningen.",
        (
            (
                "paragraph",
                "<p>Teknologi virker bedst, når den bruges i en faglig sammenhæng: forflytning, demens, "
                "medicinhåndtering eller kommunikation. Start med borgeren, ikke med udstyret.</p>",
            ),
            ("image", "undervisning", "Elever i aldringsdragt øver at rejse sig fra en stol.", "Empati på egen krop."),
            (
                "equipment",
                "aldringsdragt-fuldt-saet",
                "Tyve minutter i dragten giver en samtale om tempo og værdighed, som ingen lærebog kan.",
            ),
            ("video", "aldringsdragt-fuldt-saet-undervisning"),
            (
                "quote",
                "Det var første gang, jeg forstod, hvorfor borgeren bliver sur, når man skynder på.",
                "Elev på SOSU-assistentuddannelsen",
            ),
            (
                "cta",
                "Kom til Tech Timen",
                "En time live hver måned med nyt udstyr, erfaringer og spørgsmål fra skolerne.",
                "arrangementer",
                "Se arrangementerne",
            ),
        ),
        in_footer=False,
    ),
]


@dataclass(frozen=True)
class NewsSpec:
    title: str
    days_ago: int
    centre: str
    intro: str
    body: tuple
    image: str = ""


NEWS = [
    NewsSpec(
        "Ny pakke med robotsæler klar til udlån",
        6,
        "oest",
        "Fem robotsæler, ladestation og observationsskemaer kan nu lånes samlet som mobil pakke.",
        (
            (
                "paragraph",
                "<p>Robotsælerne har været blandt de mest efterspurgte slags udstyr. Nu samler vi dem i en mobil "
                "pakke, så et helt hold kan arbejde med dem på samme tid.</p>",
            ),
            ("equipment", "social-robot-sael-type", "Pakken indeholder fem sæler, overtræk og observationsskemaer."),
        ),
        image="robotsael",
    ),
    NewsSpec(
        "Praksis Lab Vestdanmark har fået ny loftlift",
        14,
        "vest",
        "Den nye skinne dækker både seng, toilet og bad, så hele forflytningen kan øves i ét forløb.",
        (
            (
                "paragraph",
                "<p>Loftliften løfter op til 200 kg og kan styres fra både håndbetjening og app. Eleverne kan nu "
                "øve hele forløbet fra seng til bad uden at skifte lift.</p>",
            ),
            ("video", "loftlift-med-200-kg-loeft-start"),
        ),
        image="loftlift",
    ),
    NewsSpec(
        "Rekordmange elever prøvede aldringsdragten i efteråret",
        25,
        "oest",
        "Over 600 elever på ni skoler har haft aldringsdragten på i løbet af efteråret.",
        (
            (
                "paragraph",
                "<p>Dragterne har været på turné i de mobile pakker, og flere skoler har bygget dem ind i "
                "grundforløbet. Evalueringerne viser, at eleverne især husker oplevelsen af at blive skyndet på.</p>",
            ),
        ),
    ),
    NewsSpec(
        "Tech Timen runder 1.000 seere",
        33,
        "vest",
        "Månedens live stream om velfærdsteknologi har nu over tusind faste seere på skolerne.",
        (
            (
                "paragraph",
                "<p>Tech Timen startede som et forsøg og er blevet et fast punkt i kalenderen. Hver første tirsdag "
                "i måneden viser vi nyt udstyr og taler med dem, der bruger det.</p>",
            ),
            ("cta", "Se de næste udsendelser", "", "arrangementer", "Til kalenderen"),
        ),
    ),
    NewsSpec(
        "Nyt undervisningsforløb om skærmbesøg",
        41,
        "vest",
        "Forløbet lærer eleverne at planlægge og gennemføre et godt skærmbesøg med en borger.",
        (
            (
                "paragraph",
                "<p>Skærmbesøg bruges i stadig flere kommuner. Det nye forløb har lærervejledning, cases og en "
                "tjekliste, og det kan bruges med skærmene fra kataloget.</p>",
            ),
            ("equipment", "skaerm-til-virtuelt-tilsyn", ""),
        ),
        image="skaermbesoeg",
    ),
    NewsSpec(
        "PopUp-center på Marsken SOSU-skole",
        52,
        "vest",
        "I fire uger står sensorer, lifte og sociale robotter klar til alle skolens hold.",
        (
            (
                "paragraph",
                "<p>PopUp-centret er åbent for skolens egne hold og for nabokommunernes medarbejdere. Centrets "
                "personale er til stede tirsdag og torsdag.</p>",
            ),
        ),
    ),
    NewsSpec(
        "Fem nye partnere i projektet Robotter i demensomsorgen",
        64,
        "oest",
        "Kommuner, en leverandør og en professionshøjskole går sammen om at afprøve sociale robotter.",
        (
            (
                "paragraph",
                "<p>Projektet skal finde ud af, hvornår sociale robotter gør en forskel for borgere med demens, og "
                "hvordan eleverne bedst lærer at bruge dem.</p>",
            ),
            ("cta", "Se alle partnere", "", "partnere", "Til partnerne"),
        ),
    ),
    NewsSpec(
        "Sådan kom VelfærdsVR ind på skoleskemaet",
        77,
        "oest",
        "Tre skoler fortæller, hvordan de bruger centrenes egen VR-platform i undervisningen.",
        (
            (
                "paragraph",
                "<p>VelfærdsVR har scenarier fra hjemmeplejen, plejecentret og akutte situationer. Underviserne "
                "bruger dem som oplæg til refleksion, ikke som erstatning for praktik.</p>",
            ),
            ("video", "velfaerdsvr-centrenes-egen-vr-platform-undervisning"),
        ),
        image="vr",
    ),
    NewsSpec(
        "Kommuner og skoler mødtes om fremtidens hjemmepleje",
        90,
        "vest",
        "Torsdagspanelet samlede ledere fra fem kommuner og fire skoler til debat om teknologi og rekruttering.",
        (
            (
                "paragraph",
                "<p>Panelet var enige om, at nyuddannede skal kunne bruge teknologien fra dag ét, og at skolerne og "
                "kommunerne skal dele udstyr og erfaringer.</p>",
            ),
        ),
    ),
    NewsSpec(
        "Nye instruktionsvideoer med undertekster",
        104,
        "oest",
        "Alle instruktionsvideoer har nu danske undertekster og en udskrift af det talte.",
        (
            (
                "paragraph",
                "<p>Underteksterne gør filmene lettere at bruge for elever med andet modersmål og i et larmende "
                "klasselokale. Udskriften kan bruges som læsestof.</p>",
            ),
        ),
    ),
    NewsSpec(
        "Elever fra Klitrosen vandt idékonkurrence",
        118,
        "vest",
        "Holdet vandt med en idé til en sensor, der minder borgeren om at drikke vand.",
        (
            (
                "paragraph",
                "<p>Idékonkurrencen løb over hele efteråret med deltagere fra otte skoler. Vinderholdet får "
                "besøg af en leverandør, der vil se på, om idéen kan blive til en prototype.</p>",
            ),
        ),
        image="ideer",
    ),
    NewsSpec(
        "Videnscentrene udgiver årsrapport",
        135,
        "oest",
        "Udlån, visninger, downloads og arrangementer: her er årets tal fra begge centre.",
        (
            (
                "paragraph",
                "<p>Rapporten viser flere udlån end nogensinde, og at undervisningsmaterialerne bliver hentet af "
                "undervisere på alle 13 skoler.</p>",
            ),
        ),
    ),
]

# --- Events --------------------------------------------------------------------------------------------

TECH_TIMEN_TOPICS = [
    ("Sociale robotter i hverdagen", "Vi viser robotsælen, robotkatten og den lille humanoide robot."),
    ("Sensorer, der passer på om natten", "Faldsensorer og sengealarmer: hvad kan de, og hvad kan de ikke?"),
    ("Forflytning uden tunge løft", "Loftlift, glidelagen og drejeskive live fra Praksis Lab."),
    ("VR i undervisningen", "Sådan bruger tre skoler VelfærdsVR med deres hold."),
    ("Skærmbesøg og virtuelt tilsyn", "Hvad skal eleverne kunne, når plejen foregår på skærm?"),
    ("Medicin til tiden", "Dispensere og doseringsæsker med alarm: erfaringer fra hjemmeplejen."),
    ("Aldringsdragten live", "En underviser prøver dragten, mens vi taler om empati og tempo."),
    ("Spiserobotten", "Når borgeren kan spise selv igen: demonstration og erfaringer."),
    ("Demens og teknologi", "Kalenderure, GPS og robotdyr: tryghed eller kontrol?"),
    ("Smart home hos borgeren", "Komfurvagt, dørlås og styring af lys vist i demokassen."),
    ("Hygiejne og UV-robotter", "Desinfektion og rengøring af udstyret mellem udlån."),
    ("Nyt i kataloget", "Det nyeste udstyr, og hvordan du booker det."),
]
DEBATES = [
    "Skal robotter passe vores ældre?",
    "Hvor går grænsen mellem tryghed og overvågning?",
    "Kan teknologi løse rekrutteringskrisen?",
    "Er skærmbesøg god omsorg?",
    "Hvem har ansvaret, når teknologien svigter?",
    "Skal eleverne lære teknologien på skolen eller i praktikken?",
    "Hvad gør teknologien ved relationen til borgeren?",
    "Velfærdsteknologi og ulighed: hvem får gavn af den?",
    "Data fra sensorer: hvem må se dem?",
    "Fremtidens plejehjem: hvordan ser det ud?",
    "Kan VR lære os empati?",
    "Arbejdsmiljø: løfter teknologien, eller løfter vi?",
    "Pårørende og teknologi: hvem bestemmer?",
]
PANELISTS = [
    "Hanne Mølgaard, ældrechef",
    "Rasmus Kjeldsen, underviser",
    "Aisha Hassan, SOSU-elev",
    "Torben Ravn, tillidsrepræsentant",
    "Lisbeth Krogh, sygeplejerske",
    "Mads Skov, teknologikonsulent",
    "Jette Bisgaard, pårørende",
    "Omar Farouk, leder af hjemmeplejen",
]


@dataclass(frozen=True)
class OneOffEvent:
    """An event outside the two series, placed relative to the day the demo is first loaded."""

    slug: str
    title: str
    event_type: str
    days_from_today: int
    start: tuple[int, int]
    end: tuple[int, int]
    intro: str
    text: str
    audience: str
    centre: str
    location: str = ""  # "school:<slug>" or "lab:<centre>" or plain text
    online: bool = False
    registration: bool = False
    municipalities: tuple[str, ...] = ()


ONE_OFF_EVENTS = [
    OneOffEvent(
        "webinar-skaermbesoeg-i-undervisningen",
        "Webinar: Skærmbesøg i undervisningen",
        T.WEBINAR,
        19,
        (15, 0),
        (16, 0),
        "Sådan planlægger du et forløb, hvor eleverne øver skærmbesøg med hinanden og med borgere.",
        "<p>Vi gennemgår det nye forløb om skærmbesøg, viser udstyret og svarer på spørgsmål.</p>",
        A.TEACHERS,
        "vest",
        online=True,
        registration=True,
    ),
    OneOffEvent(
        "webinar-velfaerdsvr-for-undervisere",
        "Webinar: VelfærdsVR for undervisere",
        T.WEBINAR,
        47,
        (14, 0),
        (15, 0),
        "En gennemgang af scenarierne i VelfærdsVR og af, hvordan du bruger dem med dit hold.",
        "<p>Efter webinaret kan du låne brillerne og komme i gang med det samme.</p>",
        A.TEACHERS,
        "oest",
        online=True,
        registration=True,
    ),
    OneOffEvent(
        "webinar-data-og-sensorer",
        "Webinar: Data fra sensorer og databeskyttelse",
        T.WEBINAR,
        -38,
        (13, 0),
        (14, 0),
        "Hvad må sensorerne registrere, og hvem må se data? For ledere og teknologiansvarlige.",
        "<p>Med oplæg fra en jurist og en teknologikonsulent fra en kommune.</p>",
        A.LEADERS,
        "vest",
        online=True,
        municipalities=("fjordby-kommune",),
    ),
    OneOffEvent(
        "kursus-superbruger-i-forflytning",
        "Kursus: Superbruger i forflytningsteknologi",
        T.COURSE,
        33,
        (9, 0),
        (15, 30),
        "En dag i Praksis Lab for dig, der skal være superbruger på din skole.",
        "<p>Vi arbejder med loftlift, gulvlift, glidelagen og drejeskive, og med hvordan du lærer andre at bruge "
        "dem.</p>",
        A.TEACHERS,
        "vest",
        location="lab:vest",
        registration=True,
    ),
    OneOffEvent(
        "kursus-aldringsdragten-i-undervisningen",
        "Kursus: Aldringsdragten i undervisningen",
        T.COURSE,
        68,
        (9, 0),
        (14, 0),
        "Prøv dragten selv, og få et færdigt forløb med hjem til dit hold.",
        "<p>Kurset er gratis for undervisere på medlemsskolerne.</p>",
        A.TEACHERS,
        "oest",
        location="lab:oest",
        registration=True,
    ),
    OneOffEvent(
        "kursus-kom-i-gang-med-sociale-robotter",
        "Kursus: Kom godt i gang med sociale robotter",
        T.COURSE,
        -22,
        (10, 0),
        (15, 0),
        "Robotsæl, robotkat og humanoid robot: sådan bruger du dem i undervisningen om demens.",
        "<p>Kurset blev holdt på Bøgeskoven SOSU-skole med deltagere fra seks skoler.</p>",
        A.TEACHERS,
        "oest",
        location="school:boegeskoven",
        registration=True,
    ),
    OneOffEvent(
        "aabent-hus-bliv-sosu-med-teknologi",
        "Åbent hus: Bliv social- og sundhedsassistent med teknologi",
        T.RECRUITMENT,
        29,
        (16, 0),
        (19, 0),
        "Prøv robotter, lifte og VR, og hør elever fortælle om uddannelsen.",
        "<p>For unge og voksne, der overvejer en SOSU-uddannelse, og for deres forældre.</p>",
        A.EVERYONE,
        "vest",
        location="school:aabakken",
        municipalities=("aaby-kommune",),
    ),
    OneOffEvent(
        "karrieredag-velfaerdsteknologi-og-job",
        "Karrieredag: Velfærdsteknologi og job i kommunen",
        T.RECRUITMENT,
        82,
        (10, 0),
        (14, 0),
        "Mød kommunerne og hør, hvordan teknologien præger jobbet i ældreplejen.",
        "<p>Kommunerne har stande med deres teknologi, og der er korte oplæg fra nyuddannede.</p>",
        A.STUDENTS,
        "oest",
        location="school:kildebakken",
        online=False,
        municipalities=("sundby-kommune", "bakkely-kommune"),
    ),
]

# --- Partners ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PartnerSpec:
    slug: str
    name: str
    partner_type: str
    description: str
    centre: str
    start: tuple[int, int, int]  # (years from this year, month, day)
    end: tuple[int, int, int] | None
    status: str
    project: str = ""
    international: bool = False
    schools: tuple[str, ...] = ()


S = Partner.Status
PARTNERS = [
    PartnerSpec(
        "professionshoejskolen-nordlys",
        "Professionshøjskolen Nordlys",
        P.KNOWLEDGE,
        "Samarbejde om forskning i velfærdsteknologi i uddannelserne og om efteruddannelse af undervisere.",
        "vest",
        (-3, 8, 1),
        None,
        S.ACTIVE,
        schools=("klitrosen", "kloeverhoej"),
    ),
    PartnerSpec(
        "center-for-omsorgsteknologi",
        "Center for Omsorgsteknologi",
        P.KNOWLEDGE,
        "Forskningscenter, der evaluerer sociale robotter i demensomsorgen sammen med skolerne.",
        "oest",
        (-1, 1, 1),
        (1, 12, 31),
        S.ACTIVE,
        project="Robotter i demensomsorgen",
        schools=("kildebakken", "lyngvejen"),
    ),
    PartnerSpec(
        "nordlys-universitet-sundhedsteknologi",
        "Nordlys Universitet, Institut for Sundhedsteknologi",
        P.KNOWLEDGE,
        "Studerende og forskere udvikler VR-scenarier til VelfærdsVR sammen med underviserne.",
        "oest",
        (-3, 2, 1),
        (-1, 6, 30),
        S.ENDED,
        project="VR i SOSU-uddannelserne",
        schools=("havnefronten",),
    ),
    PartnerSpec(
        "landsnetvaerket-for-plejecentre",
        "Landsnetværket for Plejecentre",
        P.SECTOR,
        "Netværk af plejecentre, der tager imod elever og deler erfaringer med teknologi i praksis.",
        "vest",
        (-4, 1, 1),
        None,
        S.ACTIVE,
    ),
    PartnerSpec(
        "foreningen-af-hjemmeplejeledere",
        "Foreningen af Hjemmeplejeledere",
        P.SECTOR,
        "Ledere fra hjemmeplejen, der deltager i Torsdagspanelet og i udviklingen af forløb om skærmbesøg.",
        "vest",
        (-2, 9, 1),
        None,
        S.ACTIVE,
        project="Skærmbesøg i praksis",
        schools=("fjordglimt", "engbakken"),
    ),
    PartnerSpec(
        "sosu-elevernes-landsforening",
        "SOSU-elevernes Landsforening",
        P.SECTOR,
        "Elevernes stemme i arbejdet med teknologi i uddannelserne.",
        "oest",
        (1, 2, 1),
        None,
        S.PLANNED,
    ),
    PartnerSpec(
        "caretech-leverandoer",
        "CareTech Leverandør ApS",
        P.SUPPLIER,
        "Leverer sociale robotter og sensorer og holder dem ved lige.",
        "oest",
        (-2, 1, 1),
        None,
        S.ACTIVE,
    ),
    PartnerSpec(
        "liftpro-nordic",
        "LiftPro Nordic A/S",
        P.SUPPLIER,
        "Leverandør af lifte og forflytningshjælpemidler; undervisere får oplæring i nye modeller.",
        "vest",
        (-1, 4, 1),
        (0, 12, 31),
        S.ACTIVE,
        project="Forflytning uden tunge løft",
        schools=("marsken", "hedelund"),
    ),
    PartnerSpec(
        "sensacare",
        "SensaCare ApS",
        P.SUPPLIER,
        "Udviklede prototypen på en drikkesensor sammen med elever fra Klitrosen.",
        "vest",
        (-3, 3, 1),
        (-1, 3, 31),
        S.ENDED,
        project="Drikkesensoren",
        schools=("klitrosen",),
    ),
    PartnerSpec(
        "aaby-kommune",
        "Åby Kommune",
        P.MUNICIPALITY,
        "Praktiksteder med skærmbesøg og sensorer; kommunens teknologikonsulenter underviser på skolerne.",
        "vest",
        (-2, 1, 1),
        None,
        S.ACTIVE,
        schools=("aabakken",),
    ),
    PartnerSpec(
        "sundby-kommune",
        "Sundby Kommune",
        P.MUNICIPALITY,
        "Afprøver sociale robotter på to plejecentre sammen med elever fra skolerne i Hovedstaden.",
        "oest",
        (-1, 1, 1),
        (1, 12, 31),
        S.ACTIVE,
        project="Robotter i demensomsorgen",
        schools=("kildebakken", "skovbrynet"),
    ),
    PartnerSpec(
        "fjordby-kommune",
        "Fjordby Kommune",
        P.MUNICIPALITY,
        "Ny aftale om fælles PopUp-center for kommunens medarbejdere og skolens elever.",
        "vest",
        (1, 1, 1),
        (2, 12, 31),
        S.PLANNED,
        project="Fælles PopUp-center",
        schools=("fjordglimt",),
    ),
    PartnerSpec(
        "nordic-care-lab",
        "Nordic Care Lab (Sverige)",
        P.INTERNATIONAL,
        "Svensk living lab, som vi udveksler undervisere og VR-scenarier med.",
        "oest",
        (-2, 8, 1),
        None,
        S.ACTIVE,
        international=True,
    ),
    PartnerSpec(
        "zorg-innovatie-lab",
        "Zorg Innovatie Lab (Nederlandene)",
        P.INTERNATIONAL,
        "Hollandsk uddannelsescenter; fælles Erasmus+-projekt om digitale kompetencer i plejen.",
        "vest",
        (-1, 9, 1),
        (1, 8, 31),
        S.ACTIVE,
        project="Erasmus+ CareSkills",
        international=True,
        schools=("hedelund", "marsken", "kloeverhoej"),
    ),
    PartnerSpec(
        "pohjola-care-technology-centre",
        "Pohjola Care Technology Centre (Finland)",
        P.INTERNATIONAL,
        "Studietur og udveksling om spiseteknologi og rehabilitering.",
        "oest",
        (-3, 5, 1),
        (-2, 5, 31),
        S.ENDED,
        project="Nordisk studietur om rehabilitering",
        international=True,
        schools=("strandengen",),
    ),
]

# --- Teaching materials ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MaterialSpec:
    slug: str
    title: str
    intro: str
    audience: str
    lessons: int
    programmes: tuple[str, ...]
    centre: str
    equipment: str  # the equipment the course is built around
    goals: tuple[str, ...]
    files: tuple[tuple[str, str], ...] = ()  # extra files besides the teacher guide: (kind, title)
    video: str = ""


MATERIALS = [
    MaterialSpec(
        "empati-paa-egen-krop",
        "Empati på egen krop: aldringsdragten",
        "Eleverne prøver aldringsdragten og reflekterer over tempo, værdighed og kommunikation.",
        A.STUDENTS,
        4,
        ("sosu-hjaelper", "sosu-assistent", "gf2"),
        "oest",
        "aldringsdragt-fuldt-saet",
        (
            "mærke, hvordan nedsat syn, hørelse og bevægelighed påvirker hverdagen",
            "omsætte oplevelsen til konkret omsorg",
        ),
        ((F.HANDOUT, "Observationsskema til eleverne"), (F.PRESENTATION, "Slides til introduktionen")),
        video="aldringsdragt-fuldt-saet-undervisning",
    ),
    MaterialSpec(
        "robotsaelen-i-demensomsorgen",
        "Robotsælen i demensomsorgen",
        "Et forløb om sociale robotter, samvær og etik i mødet med borgere med demens.",
        A.STUDENTS,
        6,
        ("sosu-hjaelper", "sosu-assistent", "pau"),
        "oest",
        "social-robot-sael-type",
        ("planlægge en rolig aktivitet med robotsælen", "observere og dokumentere borgerens reaktion"),
        ((F.HANDOUT, "Case: Inger på plejecentret"), (F.HANDOUT, "Etisk refleksionsark")),
        video="social-robot-sael-type-undervisning",
    ),
    MaterialSpec(
        "forflytning-med-loftlift",
        "Sikker forflytning med loftlift",
        "Eleverne øver forflytning fra seng til stol og prøver selv at blive løftet.",
        A.STUDENTS,
        5,
        ("sosu-hjaelper", "sosu-assistent", "amu"),
        "oest",
        "loftlift-med-200-kg-loeft",
        ("udføre en sikker forflytning med loftlift", "kommunikere med borgeren undervejs"),
        ((F.HANDOUT, "Tjekliste til forflytning"),),
        video="loftlift-med-200-kg-loeft-start",
    ),
    MaterialSpec(
        "sensorer-og-natlig-tryghed",
        "Sensorer og natlig tryghed",
        "Faldsensorer, sengealarmer og dørsensorer: hvad kan de, og hvornår er de for meget?",
        A.STUDENTS,
        4,
        ("sosu-assistent",),
        "vest",
        "faldsensor-til-vaeg-radar",
        ("forklare, hvordan sensorerne virker", "drøfte tryghed over for overvågning"),
        ((F.PRESENTATION, "Slides: sensorer i plejen"), (F.HANDOUT, "Case: nattevagten")),
    ),
    MaterialSpec(
        "skaermbesoeg-der-virker",
        "Skærmbesøg, der virker",
        "Planlæg, gennemfør og evaluer et skærmbesøg med en borger.",
        A.STUDENTS,
        4,
        ("sosu-hjaelper", "sosu-assistent"),
        "vest",
        "skaerm-til-virtuelt-tilsyn",
        ("gennemføre et skærmbesøg med god kontakt", "vurdere, hvornår et fysisk besøg er nødvendigt"),
        ((F.HANDOUT, "Tjekliste til skærmbesøg"), (F.OTHER, "Rollespilskort")),
        video="skaerm-til-virtuelt-tilsyn-start",
    ),
    MaterialSpec(
        "medicin-til-tiden",
        "Medicin til tiden",
        "Medicindispensere og doseringsæsker: sikker medicinhåndtering med teknologi.",
        A.STUDENTS,
        3,
        ("sosu-assistent",),
        "oest",
        "medicindispenser-med-paamindelse",
        ("klargøre en dispenser efter ordination", "vurdere, om teknologien passer til borgeren"),
        ((F.HANDOUT, "Øvelsesark: dispenseren"),),
    ),
    MaterialSpec(
        "vr-svaere-samtaler",
        "Svære samtaler i VR",
        "Eleverne øver svære samtaler i VelfærdsVR og reflekterer bagefter i grupper.",
        A.STUDENTS,
        3,
        ("sosu-assistent", "pau"),
        "oest",
        "velfaerdsvr-centrenes-egen-vr-platform",
        ("øve en svær samtale i et trygt miljø", "give og modtage feedback"),
        ((F.HANDOUT, "Refleksionsark efter VR"), (F.PRESENTATION, "Slides: introduktion til VR")),
    ),
    MaterialSpec(
        "spiserobotten-og-selvhjulpenhed",
        "Spiserobotten og selvhjulpenhed",
        "Om at spise selv igen: rehabilitering, værdighed og spiserobotten i praksis.",
        A.STUDENTS,
        3,
        ("sosu-hjaelper", "sosu-assistent"),
        "vest",
        "spiserobot",
        ("sætte spiserobotten op til en borger", "støtte borgerens selvhjulpenhed"),
        ((F.HANDOUT, "Case: Mikkels superbruger-erfaringer"),),
        video="spiserobot-start",
    ),
    MaterialSpec(
        "smart-home-hos-borgeren",
        "Smart home hos borgeren",
        "Komfurvagt, dørlås og lysstyring: tryghed og selvstændighed i eget hjem.",
        A.STUDENTS,
        4,
        ("sosu-hjaelper", "gf2"),
        "oest",
        "smart-home-demokasse",
        ("forklare, hvordan smart home-løsninger virker", "vurdere løsningerne sammen med borgeren"),
        ((F.HANDOUT, "Øvelse med demokassen"), (F.OTHER, "Kortspil: hvem har brug for hvad?")),
    ),
    MaterialSpec(
        "teknologi-og-etik-for-undervisere",
        "Teknologi og etik: et forløb for undervisere",
        "Et efteruddannelsesforløb om at undervise i etik, samtykke og selvbestemmelse med teknologi.",
        A.TEACHERS,
        8,
        ("amu",),
        "vest",
        "kaeledyrsrobot-kat",
        ("planlægge undervisning i etik og teknologi", "facilitere dilemmaøvelser"),
        ((F.PRESENTATION, "Slides til dilemmaøvelser"), (F.HANDOUT, "Dilemmakort"), (F.OTHER, "Litteraturliste")),
    ),
    MaterialSpec(
        "implementering-paa-skolen",
        "Implementering af velfærdsteknologi på skolen",
        "Et forløb for ledere og koordinatorer: fra indkøb og booking til fast praksis i undervisningen.",
        A.LEADERS,
        2,
        ("amu",),
        "vest",
        "tablet-med-plejeapps",
        ("lægge en plan for teknologi i skolens undervisning", "følge op med data om udlån og evalueringer"),
        ((F.PRESENTATION, "Slides: implementering i fire faser"),),
    ),
    MaterialSpec(
        "kommunikation-med-taleknapper",
        "Kommunikation med billeder og taleknapper",
        "Alternativ kommunikation med borgere, der har svært ved at tale.",
        A.EVERYONE,
        3,
        ("pau", "sosu-hjaelper"),
        "vest",
        "billedkommunikationssaet-med-taleknapper",
        ("bruge billeder og taleknapper i en samtale", "tilpasse kommunikationen til borgeren"),
        ((F.HANDOUT, "Billedark til øvelsen"), (F.HANDOUT, "Case: Ali og taleknapperne")),
    ),
]

# Anonymous respondents of the demo evaluations (the real ones are hashes of a session or an account).
RESPONDENTS = [f"{number:02d}" * 32 for number in range(1, 21)]
EVALUATIONS = [
    # (material slug, rating, usable, comment)
    ("empati-paa-egen-krop", 5, "yes", "Eleverne taler stadig om det. Klar til brug, som det er."),
    ("empati-paa-egen-krop", 4, "yes", "God lærervejledning. Vi brugte lidt længere tid end beregnet."),
    ("empati-paa-egen-krop", 5, "yes", ""),
    ("empati-paa-egen-krop", 3, "partly", "Svært at nå med 28 elever og kun seks dragter."),
    ("robotsaelen-i-demensomsorgen", 5, "yes", "Casen om Inger fungerede rigtig godt."),
    ("robotsaelen-i-demensomsorgen", 4, "yes", "Fint etisk refleksionsark."),
    ("robotsaelen-i-demensomsorgen", 4, "partly", "Vi manglede en robot mere."),
    ("forflytning-med-loftlift", 5, "yes", "Tjeklisten bruger vi nu i alle forflytningsøvelser."),
    ("forflytning-med-loftlift", 4, "yes", ""),
    ("sensorer-og-natlig-tryghed", 3, "partly", "Gode slides, men casen var lidt kort."),
    ("sensorer-og-natlig-tryghed", 4, "yes", "Skabte en god diskussion om overvågning."),
    ("skaermbesoeg-der-virker", 5, "yes", "Rollespilskortene er guld."),
    ("skaermbesoeg-der-virker", 4, "yes", ""),
    ("medicin-til-tiden", 3, "partly", "Mangler en øvelse med fejl i ordinationen."),
    ("vr-svaere-samtaler", 5, "yes", "Eleverne var meget engagerede."),
    ("vr-svaere-samtaler", 2, "no", "Brillerne var ikke opladet, så vi nåede det ikke."),
    ("spiserobotten-og-selvhjulpenhed", 4, "yes", ""),
    ("teknologi-og-etik-for-undervisere", 5, "yes", "Dilemmakortene kan bruges i mange fag."),
    ("implementering-paa-skolen", 4, "partly", "Godt overblik; vi tilpasser det til vores skole."),
    ("kommunikation-med-taleknapper", 5, "yes", "Meget konkret og let at gå til."),
]
