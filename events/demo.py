"""Demo content of the calendar: venues, the agenda page and about thirty temps ressources.

Called by `manage.py seed_demo` as `seed(home)`. Dates are relative to the day of the seed
(mostly the coming months, a few in the last weeks so the archive is not empty), so a fresh
demo always looks current. Idempotent: venues are looked up by name, the agenda by its slug
and events by their slug under the agenda; what exists is never changed.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone, translation

from dateutil.easter import easter

from home.demo_content import ORG, _p, _stream, _ul
from home.management.commands.seed_demo import ensure_page
from home.models import Audience, Commune, Theme

from .models import AttendanceMode, EventFormat, EventIndexPage, EventPage, EventSession, Venue
from .recurrence import RepeatRule, repeat_dates
from .templatetags.events_tags import day_fr

MON, TUE, WED, THU, FRI, SAT = range(6)

# (start, end) wall-clock times of the usual slots.
MORNING = (time(9, 30), time(11, 30))
MORNING_LONG = (time(9, 0), time(12, 0))
SATURDAY_MORNING = (time(10, 0), time(12, 0))
LUNCH = (time(12, 30), time(13, 30))
AFTERNOON = (time(14, 0), time(16, 0))
AFTER_SCHOOL = (time(17, 0), time(18, 30))
EVENING = (time(18, 30), time(20, 0))
FULL_DAY = (time(9, 30), time(17, 0))

PHONE = ORG["phone"]
REGISTER_CIAS = f"Inscription auprès de l'accueil du CIAS au {PHONE}"
CIAS_ADDRESS = "Maison des solidarités\n12 rue des Tanneurs\n71990 Saint-Aubin-des-Vallons"
LSF_ON_REQUEST = "Interprète en langue des signes sur demande, une semaine avant."
CANCELLED_NOTE = "Annulée : l'intervenante est malade. Une nouvelle date sera annoncée."

# Who answers questions about an event: (name, e-mail).
CONTACTS = {
    "accueil": ("Accueil du CIAS", "accueil@cias-trois-vallons.example"),
    "parentalite": ("Pôle parentalité du CIAS", "parentalite@cias-trois-vallons.example"),
    "aidants": ("Service autonomie et aidants du CIAS", "aidants@cias-trois-vallons.example"),
    "droits": ("Accès aux droits – CIAS", "acces-aux-droits@cias-trois-vallons.example"),
    "jeunesse": ("Point information jeunesse", "pij@cias-trois-vallons.example"),
    "sante": ("Coordination santé du CIAS", "sante@cias-trois-vallons.example"),
}

# key → venue fields; the commune is given by its slug.
VENUES = {
    "solidarites": {
        "name": "Maison des solidarités",
        "address": "12 rue des Tanneurs",
        "commune": "saint-aubin-des-vallons",
        "step_free_access": True,
        "accessible_toilets": True,
        "hearing_loop": True,
        "parking": True,
        "public_transport": "Car ligne 12, arrêt Place du Marché",
        "accessibility_notes": "Salle de réunion au rez-de-chaussée. Chaises avec accoudoirs disponibles.",
    },
    "familles": {
        "name": "Maison des familles",
        "address": "4 allée des Tilleuls",
        "commune": "saint-aubin-des-vallons",
        "step_free_access": True,
        "accessible_toilets": True,
        "parking": True,
        "public_transport": "Car ligne 12, arrêt Les Tilleuls",
        "accessibility_notes": "Table à langer et coin allaitement. Poussettes acceptées dans la salle.",
    },
    "pij": {
        "name": "Point information jeunesse",
        "address": "2 rue de la Gare",
        "commune": "saint-aubin-des-vallons",
        "step_free_access": True,
        "public_transport": "Gare à 200 m ; car ligne 12, arrêt Gare",
    },
    "mediatheque": {
        "name": "Médiathèque du Moulin",
        "address": "8 quai de l'Yvre",
        "commune": "montferrand-sur-yvre",
        "step_free_access": True,
        "accessible_toilets": True,
        "hearing_loop": True,
        "public_transport": "Car ligne 12, arrêt Pont de l'Yvre",
        "accessibility_notes": "Ascenseur pour la salle de l'étage. Livres en gros caractères et livres audio.",
    },
    "mairie-montferrand": {
        "name": "Mairie de Montferrand – salle des mariages",
        "address": "1 place de la République",
        "commune": "montferrand-sur-yvre",
        "step_free_access": True,
        "parking": True,
        "accessibility_notes": "Entrée accessible par la rampe, côté parking. Pas de toilettes adaptées.",
    },
    "centre-social": {
        "name": "Centre social intercommunal",
        "address": "15 rue Pasteur",
        "commune": "villiers-les-ormes",
        "step_free_access": True,
        "accessible_toilets": True,
        "parking": True,
        "public_transport": "Transport à la demande Vallons'Bus (réservation la veille)",
    },
    "france-services": {
        "name": "Espace France services",
        "address": "3 place du Champ-de-Foire",
        "commune": "brecy-la-riviere",
        "step_free_access": True,
        "accessible_toilets": True,
        "hearing_loop": True,
        "parking": True,
        "public_transport": "Transport à la demande Vallons'Bus (réservation la veille)",
    },
    "salle-aulnaies": {
        "name": "Salle des fêtes des Aulnaies",
        "address": "Rue du Stade",
        "commune": "les-aulnaies",
        "step_free_access": True,
        "accessible_toilets": True,
        "parking": True,
    },
    "foyer-rural": {
        "name": "Foyer rural",
        "address": "6 rue du Lavoir",
        "commune": "sainte-colombe-du-val",
        "parking": True,
        "accessibility_notes": (
            "Deux marches à l'entrée : une rampe amovible est installée sur demande. Toilettes à l'étage."
        ),
    },
    "ehpad": {
        "name": "EHPAD Les Coteaux – salle d'animation",
        "address": "21 avenue des Vignes",
        "commune": "chaumont-les-vignes",
        "step_free_access": True,
        "accessible_toilets": True,
        "hearing_loop": True,
        "parking": True,
        "accessibility_notes": "Entrée par l'accueil de l'EHPAD. Fauteuil roulant prêté sur place si besoin.",
    },
    "maison-sante": {
        "name": "Maison de santé – salle de réunion",
        "address": "3 rue du Docteur-Roux",
        "commune": "marcilly-sur-loise",
        "step_free_access": True,
        "accessible_toilets": True,
        "parking": True,
        "public_transport": "Car ligne 15, arrêt Marcilly Centre",
    },
}


def at(week, weekday, slot, venue=None, **extra):
    """A session `week` weeks from the current one (negative: past), on `weekday`, in `venue` (a key)."""
    return {"week": week, "weekday": weekday, "slot": slot, "venue": venue, **extra}


def contact_block(key, address=CIAS_ADDRESS, hours="Du lundi au vendredi : 9 h – 12 h et 13 h 30 – 17 h"):
    name, email = CONTACTS[key]
    return ("contact", {"name": name, "address": address, "phone": PHONE, "email": email, "hours": hours})


def callout(kind, title, *paragraphs):
    return ("callout", {"kind": kind, "title": title, "text": _p(*paragraphs)})


def faq(title, *items):
    return ("accordion", {"title": title, "items": [{"question": q, "answer": _p(a)} for q, a in items]})


def heading(text):
    # The event page puts the body under its own h2 ("En détail").
    return ("heading", {"text": text, "level": "h3"})


# Each event: page fields, `themes` and `audiences` (slugs), `contact` (a CONTACTS key), `access`
# (which of the access_* booleans are true), and either `sessions` (list of `at(...)`) or `series`
# (a repeat rule, see `events.recurrence`). A `price` makes it paid; a `registration_info`, on registration.
EVENTS = [
    # --- Thematic week ------------------------------------------------------------------------------
    {
        "slug": "semaine-de-la-parentalite",
        "title": "Semaine de la parentalité : être parent, parlons-en",
        "event_format": EventFormat.WEEK,
        "themes": ["parentalite"],
        "audiences": ["parents", "familles"],
        "summary": (
            "Cinq jours de rencontres dans cinq communes pour les parents et les familles. "
            "On échange, on joue, on pose ses questions à des professionnels. Gratuit et ouvert à tous."
        ),
        "organiser": "CIAS, CAF et Maison des familles",
        "contact": "parentalite",
        "access": ["motor", "hearing"],
        "accessibility_notes": (
            f"Le foyer rural de Sainte-Colombe a deux marches : une rampe est installée ce jour-là. {LSF_ON_REQUEST}"
        ),
        "sessions": [
            at(9, MON, EVENING, "familles", note="Soirée d'ouverture : « Être parent aujourd'hui »"),
            at(9, TUE, MORNING, "mediatheque", note="Lectures et comptines pour les 0-3 ans et leurs parents"),
            at(9, WED, (time(14, 0), time(17, 0)), "centre-social", note="Après-midi jeux en famille"),
            at(9, THU, EVENING, "foyer-rural", note="Conférence : poser des limites sans crier"),
            at(9, FRI, (time(17, 0), time(19, 0)), "salle-aulnaies", note="Goûter de clôture et forum"),
        ],
        "body": _stream(
            (
                "paragraph",
                _p(
                    "Être parent, cela s'apprend tous les jours. Pendant une semaine, le CIAS et ses partenaires "
                    "vous proposent un rendez-vous par jour, chaque fois dans une commune différente.",
                    "Venez à une seule rencontre ou à toutes : il n'y a pas besoin de s'inscrire.",
                ),
            ),
            heading("Le programme"),
            (
                "paragraph",
                _ul(
                    "Lundi soir : soirée d'ouverture à la Maison des familles",
                    "Mardi matin : lectures et comptines pour les tout-petits à la médiathèque",
                    "Mercredi après-midi : jeux en famille au centre social",
                    "Jeudi soir : conférence sur les limites et l'autorité au foyer rural",
                    "Vendredi : goûter de clôture et rencontre avec les associations",
                ),
            ),
            callout(
                "tip",
                "Venez avec vos enfants",
                "Un espace jeux, surveillé par des animatrices, accueille les enfants pendant les soirées.",
            ),
        ),
    },
    # --- Peer groups --------------------------------------------------------------------------------
    {
        "slug": "groupe-de-parents",
        "title": "Groupe de parents : souffler et partager",
        "event_format": EventFormat.PARENT_GROUP,
        "themes": ["parentalite"],
        "audiences": ["parents"],
        "summary": (
            "Un groupe de parents qui se retrouve un mardi soir sur deux pour parler du quotidien avec les "
            "enfants. Une psychologue anime les échanges, sans jugement."
        ),
        "organiser": "CIAS et Maison des familles, avec l'association de parents « Parents en chemin »",
        "registration_info": REGISTER_CIAS,
        "contact": "parentalite",
        "access": ["motor", "psychic"],
        "series": {
            "start": (-3, TUE),
            "slot": EVENING,
            "venue": "familles",
            "rule": RepeatRule.BIWEEKLY,
            "count": 6,
            "changes": {3: {"status": EventSession.Status.CANCELLED, "note": CANCELLED_NOTE}},
        },
        "body": _stream(
            (
                "paragraph",
                _p(
                    "Chaque séance part de vos questions : le sommeil, les repas, les disputes, l'école, "
                    "la fatigue. Chacun parle s'il le souhaite. On repart souvent avec des idées et "
                    "le sentiment de ne pas être seul."
                ),
            ),
            callout(
                "info",
                "Un petit groupe",
                "Le groupe accueille 12 parents au plus. Vous pouvez le rejoindre en cours de route s'il reste "
                "de la place. Ce qui se dit dans le groupe reste dans le groupe.",
            ),
            faq(
                "Questions fréquentes",
                ("Faut-il venir à toutes les séances ?", "Non, mais venir régulièrement aide à créer la confiance."),
                (
                    "Mes enfants peuvent-ils être gardés ?",
                    "Oui : deux animatrices accueillent les enfants de 3 à 10 ans dans la salle voisine. "
                    "Dites-le à l'inscription.",
                ),
            ),
        ),
    },
    {
        "slug": "groupe-d-echange-entre-aidants",
        "title": "Groupe d'échange entre aidants",
        "event_format": EventFormat.CAREGIVER_GROUP,
        "themes": ["aidants", "sante-handicap"],
        "audiences": ["aidants", "seniors"],
        "summary": (
            "Vous accompagnez un proche malade, âgé ou en situation de handicap ? Une fois par mois, retrouvez "
            "d'autres aidants pour parler, souffler et trouver des idées."
        ),
        "organiser": "CIAS et plateforme d'accompagnement et de répit des aidants",
        "registration_info": f"Inscription conseillée au {PHONE}, surtout si votre proche doit être accueilli",
        "contact": "aidants",
        "access": ["motor", "hearing"],
        "accessibility_notes": (
            "Votre proche peut être accueilli à l'accueil de jour de l'EHPAD pendant la rencontre, "
            "sur réservation une semaine avant."
        ),
        "series": {
            "start": (-2, THU),
            "slot": AFTERNOON,
            "venue": "ehpad",
            "rule": RepeatRule.MONTHLY_WEEKDAY,
            "count": 6,
        },
        "body": _stream(
            (
                "paragraph",
                _p(
                    "Aider un proche prend du temps et de l'énergie. Dans ce groupe, vous pouvez dire ce que "
                    "vous vivez à des personnes qui vivent la même chose. Une psychologue et une assistante "
                    "sociale du CIAS sont présentes."
                ),
            ),
            callout(
                "tip",
                "Du répit pendant la rencontre",
                "Votre proche ne peut pas rester seul ? L'équipe de l'accueil de jour s'en occupe pendant "
                "les deux heures du groupe. C'est gratuit.",
            ),
            contact_block("aidants"),
        ),
    },
    {
        "slug": "atelier-memoire-et-equilibre",
        "title": "Atelier mémoire et équilibre",
        "event_format": EventFormat.WORKSHOP,
        "themes": ["sante-handicap"],
        "audiences": ["seniors"],
        "summary": (
            "Six séances pour faire travailler sa mémoire et garder un bon équilibre, dans la bonne humeur. "
            "Pour les personnes de 60 ans et plus."
        ),
        "organiser": "CIAS et association de prévention « Bien vieillir en Trois Vallons »",
        "price": "10 € pour les six séances",
        "registration_info": f"{REGISTER_CIAS} (12 places)",
        "age_min": 60,
        "contact": "sante",
        "access": ["motor", "cognitive"],
        "series": {
            "start": (8, MON),
            "slot": (time(14, 30), time(16, 0)),
            "venue": "maison-sante",
            "rule": RepeatRule.WEEKLY,
            "count": 6,
        },
        "body": _stream(
            (
                "paragraph",
                _p(
                    "Jeux de mémoire, exercices d'équilibre en douceur et conseils pour éviter les chutes. "
                    "Une animatrice diplômée adapte chaque exercice à vos possibilités."
                ),
            ),
            callout(
                "info",
                "Un cycle complet",
                "Les six séances se suivent : inscrivez-vous si vous pouvez venir à la plupart d'entre elles.",
            ),
        ),
    },
    # --- Local meetings -----------------------------------------------------------------------------
    {
        "slug": "cafe-des-parents-les-ecrans",
        "title": "Café des parents : les écrans à la maison",
        "event_format": EventFormat.MEETING,
        "themes": ["parentalite"],
        "audiences": ["parents", "familles"],
        "summary": (
            "Télé, tablette, téléphone : comment fixer des règles qui tiennent ? Un moment convivial autour "
            "d'un café pour échanger entre parents, avec une éducatrice."
        ),
        "organiser": "Maison des familles et Médiathèque du Moulin",
        "contact": "parentalite",
        "access": ["motor", "hearing"],
        "sessions": [
            at(2, SAT, SATURDAY_MORNING, "mediatheque"),
            at(10, WED, AFTERNOON, "centre-social"),
        ],
        "body": _stream(
            heading("Ce dont nous parlerons"),
            (
                "paragraph",
                _ul(
                    "À quel âge donner un téléphone ?",
                    "Comment éviter les disputes au moment d'éteindre ?",
                    "Quels outils pour protéger les enfants sur internet ?",
                ),
            ),
            callout(
                "tip",
                "Les enfants sont les bienvenus",
                "Un coin lecture et jeux les attend pendant que les parents discutent.",
            ),
        ),
    },
    {
        "slug": "rencontre-enfant-en-situation-de-handicap",
        "title": "Rencontre : vivre avec un enfant en situation de handicap",
        "event_format": EventFormat.MEETING,
        "themes": ["sante-handicap", "parentalite"],
        "audiences": ["parents", "familles"],
        "summary": (
            "Un temps d'échange entre parents d'enfants en situation de handicap, avec une association de "
            "familles et une assistante sociale. Dossier MDPH, école, répit : on en parle."
        ),
        "organiser": "Association de parents « Les Petits Pas » et CIAS",
        "contact": "parentalite",
        "access": ["motor", "hearing", "cognitive"],
        "accessibility_notes": f"{LSF_ON_REQUEST} Les frères et sœurs sont les bienvenus : un espace jeux est prévu.",
        "sessions": [
            at(6, SAT, SATURDAY_MORNING, "mediatheque"),
            at(18, SAT, SATURDAY_MORNING, "maison-sante"),
        ],
        "body": _stream(
            (
                "paragraph",
                _p(
                    "Des parents qui sont passés par là racontent leur parcours. Une assistante sociale répond "
                    "à vos questions sur les démarches et les aides."
                ),
            ),
            callout(
                "info",
                "Le dossier MDPH",
                "Apportez vos papiers si vous avez un dossier en cours auprès de la Maison départementale des "
                "personnes handicapées (MDPH) : nous pouvons le regarder ensemble.",
            ),
            contact_block("parentalite"),
        ),
    },
    {
        "slug": "cafe-des-aidants-fatigue-et-sommeil",
        "title": "Café des aidants : la fatigue et le sommeil",
        "event_format": EventFormat.MEETING,
        "themes": ["aidants", "sante-handicap"],
        "audiences": ["aidants", "seniors"],
        "summary": (
            "Quand on aide un proche, on dort souvent mal. Une infirmière partage des conseils simples, "
            "et chacun peut raconter ce qui l'aide à tenir."
        ),
        "organiser": "Maison de santé de Marcilly et CIAS",
        "contact": "aidants",
        "access": ["motor"],
        "sessions": [at(11, WED, AFTERNOON, "maison-sante")],
        "body": _stream(
            (
                "paragraph",
                _p(
                    "Un café, des gâteaux et deux heures pour soi. Pas besoin de s'inscrire : venez comme vous "
                    "êtes, même pour une demi-heure."
                ),
            ),
            callout(
                "warning",
                "Vous êtes à bout ?",
                f"N'attendez pas pour en parler. Le service aidants du CIAS vous écoute au {PHONE}.",
            ),
        ),
    },
    {
        "slug": "rencontre-parents-d-ados",
        "title": "Rencontre : parents d'ados, comment garder le lien ?",
        "event_format": EventFormat.MEETING,
        "themes": ["parentalite", "jeunesse"],
        "audiences": ["parents"],
        "summary": (
            "Portes qui claquent, silences, réseaux sociaux : une soirée pour échanger entre parents "
            "d'adolescents, avec une éducatrice de la Maison des adolescents."
        ),
        "organiser": "Maison des adolescents et centre social intercommunal",
        "contact": "parentalite",
        "access": ["motor"],
        "sessions": [
            at(4, THU, EVENING, "centre-social"),
            at(13, THU, EVENING, "mediatheque"),
        ],
        "body": _stream(
            (
                "paragraph",
                _p(
                    "L'adolescence bouscule toute la famille. Cette soirée vous aide à comprendre ce qui se joue "
                    "à cet âge et à garder le dialogue, même quand c'est difficile."
                ),
            ),
            faq(
                "Questions fréquentes",
                ("Mon ado peut-il venir ?", "Cette soirée est réservée aux parents, pour parler librement."),
                (
                    "Et si j'ai besoin d'aide rapidement ?",
                    "La Maison des adolescents reçoit les jeunes et leurs parents sur rendez-vous, gratuitement.",
                ),
            ),
        ),
    },
    {
        "slug": "rencontre-bien-vieillir-a-sainte-colombe",
        "title": "Rencontre locale : bien vieillir à Sainte-Colombe",
        "event_format": EventFormat.MEETING,
        "themes": ["logement", "sante-handicap"],
        "audiences": ["seniors", "aidants"],
        "summary": (
            "Portage de repas, aide à domicile, transport, visites de convivialité : les élus et le CIAS "
            "présentent les services et écoutent vos besoins."
        ),
        "organiser": "Mairie de Sainte-Colombe-du-Val et CIAS",
        "contact": "aidants",
        "access": ["motor"],
        "accessibility_notes": "Une rampe est installée à l'entrée du foyer rural pour l'occasion.",
        "sessions": [at(9, WED, (time(14, 30), time(16, 30)), "foyer-rural")],
        "body": _stream(
            (
                "paragraph",
                _p(
                    "Vous voulez rester chez vous le plus longtemps possible ? Venez découvrir ce qui existe "
                    "près de chez vous et dites-nous ce qui vous manque."
                ),
            ),
            callout(
                "tip",
                "Besoin d'être véhiculé ?",
                f"Appelez le CIAS au {PHONE} deux jours avant : un bénévole peut venir vous chercher.",
            ),
        ),
    },
    # --- Youth and families -------------------------------------------------------------------------
    {
        "slug": "rencontre-jeunes-permis-de-conduire",
        "title": "Rencontre jeunes : passer son permis sans se ruiner",
        "event_format": EventFormat.YOUTH_FAMILY,
        "themes": ["jeunesse", "budget"],
        "audiences": ["jeunes"],
        "summary": (
            "Aides au permis, conduite accompagnée, permis à 1 € par jour : on fait le point ensemble sur les "
            "solutions pour financer son permis de conduire."
        ),
        "organiser": "Point information jeunesse, Mission locale et auto-école associative",
        "age_min": 16,
        "age_max": 25,
        "contact": "jeunesse",
        "access": ["motor"],
        "sessions": [
            at(3, WED, AFTER_SCHOOL, "pij"),
            at(15, WED, AFTER_SCHOOL, "mediatheque"),
        ],
        "body": _stream(
            (
                "paragraph",
                _p(
                    "Le permis coûte cher, mais plusieurs aides existent. Une conseillère de la Mission locale "
                    "et un moniteur d'auto-école répondent à vos questions."
                ),
            ),
            faq(
                "Les aides dont nous parlerons",
                ("Le permis à 1 € par jour", "Un prêt sans intérêts, remboursé petit à petit."),
                ("Les aides des communes et du Département", "Souvent en échange d'heures de bénévolat."),
                (
                    "Le compte personnel de formation",
                    "Si vous avez déjà travaillé, il peut payer une partie du permis.",
                ),
            ),
            callout("tip", "Venez accompagné", "Vos parents peuvent venir avec vous s'ils le souhaitent."),
        ),
    },
    {
        "slug": "rencontre-jeunes-premier-logement",
        "title": "Rencontre jeunes : trouver son premier logement",
        "event_format": EventFormat.YOUTH_FAMILY,
        "themes": ["jeunesse", "logement"],
        "audiences": ["jeunes"],
        "summary": (
            "Studio, colocation, foyer de jeunes travailleurs : comment chercher, quelles aides demander et "
            "comment monter un bon dossier. Pour les 16-25 ans."
        ),
        "organiser": "Point information jeunesse et Mission locale",
        "age_min": 16,
        "age_max": 25,
        "contact": "jeunesse",
        "access": ["motor"],
        "sessions": [at(14, WED, AFTER_SCHOOL, "pij")],
        "body": _stream(
            heading("Les aides à connaître"),
            (
                "paragraph",
                _ul(
                    "Les aides au logement de la CAF",
                    "La garantie Visale, gratuite, quand on n'a pas de garant",
                    "L'avance du dépôt de garantie",
                ),
            ),
            callout(
                "tip",
                "À apporter",
                "Une pièce d'identité et, si vous en avez, vos trois dernières fiches de paie.",
            ),
        ),
    },
    {
        "slug": "soiree-jeux-en-famille",
        "title": "Soirée jeux en famille",
        "event_format": EventFormat.YOUTH_FAMILY,
        "themes": ["parentalite"],
        "audiences": ["familles", "parents"],
        "summary": (
            "Jeux de société, jeux coopératifs et goûter : une soirée pour jouer ensemble, parents et enfants, "
            "et rencontrer d'autres familles."
        ),
        "organiser": "Foyer rural de Sainte-Colombe et ludothèque associative",
        "age_min": 3,
        "contact": "parentalite",
        "access": ["cognitive"],
        "accessibility_notes": "Au foyer rural, deux marches à l'entrée : une rampe est installée sur demande.",
        "sessions": [
            at(2, FRI, (time(18, 0), time(20, 30)), "foyer-rural"),
            at(8, FRI, (time(18, 0), time(20, 30)), "foyer-rural"),
            at(16, FRI, (time(18, 0), time(20, 30)), "salle-aulnaies"),
        ],
        "body": _stream(
            (
                "paragraph",
                _p(
                    "Des animateurs de la ludothèque expliquent les règles et proposent des jeux pour tous les "
                    "âges. Les enfants restent sous la responsabilité de leurs parents."
                ),
            ),
            callout("tip", "Apportez votre jeu préféré", "Et faites-le découvrir aux autres familles !"),
        ),
    },
    {
        "slug": "rencontre-jeunes-et-familles-apres-le-lycee",
        "title": "Rencontre jeunes et familles : que faire après le lycée ?",
        "event_format": EventFormat.YOUTH_FAMILY,
        "themes": ["jeunesse"],
        "audiences": ["jeunes", "familles", "parents"],
        "summary": (
            "Études, apprentissage, service civique, premier emploi : des jeunes et des professionnels "
            "témoignent. Venez seul ou avec vos parents."
        ),
        "organiser": "Point information jeunesse, Mission locale et centre d'information et d'orientation",
        "age_min": 15,
        "age_max": 25,
        "contact": "jeunesse",
        "access": ["motor", "hearing"],
        "sessions": [at(18, WED, (time(14, 0), time(17, 0)), "mediatheque")],
        "body": _stream(
            (
                "paragraph",
                _p(
                    "Des stands, des témoignages et des conseillers pour parler de votre projet. "
                    "Passez quand vous voulez entre 14 h et 17 h."
                ),
            ),
            contact_block(
                "jeunesse",
                address="2 rue de la Gare\n71990 Saint-Aubin-des-Vallons",
                hours="Mardi, mercredi et vendredi : 13 h 30 – 18 h",
            ),
        ),
    },
    # --- Workshops ----------------------------------------------------------------------------------
    {
        "slug": "atelier-budget-factures-d-energie",
        "title": "Atelier budget : réduire ses factures d'énergie",
        "event_format": EventFormat.WORKSHOP,
        "themes": ["budget", "logement"],
        "audiences": ["tout-public", "familles"],
        "summary": (
            "Lire sa facture, repérer ce qui consomme le plus, utiliser le chèque énergie : des astuces simples "
            "pour payer moins, sans avoir froid."
        ),
        "organiser": "CIAS et conseillère énergie de l'espace France Rénov'",
        "registration_info": f"{REGISTER_CIAS} (10 places par atelier)",
        "contact": "accueil",
        "access": ["motor", "hearing"],
        "sessions": [
            at(2, TUE, AFTERNOON, "solidarites", postponed_to=(4, TUE), reason="la conseillère n'est pas disponible"),
            at(8, THU, AFTERNOON, "salle-aulnaies"),
            at(14, MON, AFTERNOON, "mairie-montferrand"),
        ],
        "body": _stream(
            (
                "paragraph",
                _p(
                    "En deux heures, une conseillère vous montre comment baisser vos dépenses d'électricité, "
                    "de gaz ou de fioul, que vous soyez locataire ou propriétaire."
                ),
            ),
            callout("tip", "Apportez une facture", "Nous la lirons ensemble, ligne par ligne."),
            faq(
                "Questions fréquentes",
                (
                    "Je n'arrive plus à payer ma facture. Que faire ?",
                    f"Appelez le CIAS au {PHONE} sans attendre : une aide ponctuelle peut être étudiée.",
                ),
                ("Je suis locataire, cela me concerne ?", "Oui, beaucoup de gestes ne demandent aucun travaux."),
            ),
        ),
    },
    {
        "slug": "atelier-cuisine-petit-budget",
        "title": "Atelier cuisine : bien manger avec un petit budget",
        "event_format": EventFormat.WORKSHOP,
        "themes": ["budget", "sante-handicap"],
        "audiences": ["familles", "tout-public"],
        "summary": (
            "Cuisiner ensemble des recettes simples, de saison et pas chères, puis partager le repas. "
            "Chaque participant repart avec les fiches recettes."
        ),
        "organiser": "Centre social intercommunal et épicerie solidaire des Trois Vallons",
        "price": "2 € par personne",
        "registration_info": f"{REGISTER_CIAS} (8 places)",
        "contact": "accueil",
        "access": ["motor"],
        "sessions": [
            at(2, FRI, (time(9, 30), time(13, 30)), "centre-social"),
            at(7, FRI, (time(9, 30), time(13, 30)), "centre-social"),
            at(12, FRI, (time(9, 30), time(13, 30)), "centre-social"),
        ],
        "body": _stream(
            (
                "paragraph",
                _p(
                    "Au menu : une soupe, un plat et un dessert pour moins de 2 € par personne. "
                    "On cuisine ensemble le matin, puis on mange ensemble à midi."
                ),
            ),
            callout(
                "tip",
                "Allergies et régimes",
                "Dites-le à l'inscription : nous adaptons les recettes.",
            ),
        ),
    },
    {
        "slug": "atelier-numerique-demarches-sante",
        "title": "Atelier numérique : mes démarches santé en ligne",
        "event_format": EventFormat.WORKSHOP,
        "themes": ["acces-aux-droits", "sante-handicap"],
        "audiences": ["seniors", "tout-public"],
        "summary": (
            "Créer son compte ameli, télécharger une attestation, suivre ses remboursements : un atelier pas à "
            "pas, en petit groupe, avec une conseillère France services."
        ),
        "organiser": "Espace France services et Assurance maladie",
        "registration_info": f"{REGISTER_CIAS} (6 places)",
        "contact": "droits",
        "access": ["motor", "hearing"],
        "sessions": [
            at(1, MON, AFTERNOON, "france-services"),
            at(5, MON, AFTERNOON, "france-services"),
            at(9, MON, AFTERNOON, "mediatheque"),
        ],
        "body": _stream(
            (
                "paragraph",
                _p(
                    "Pas besoin de savoir bien utiliser un ordinateur : on avance à votre rythme. "
                    "Des tablettes sont prêtées pendant l'atelier."
                ),
            ),
            callout(
                "info",
                "À apporter",
                "Votre carte Vitale, votre téléphone portable et, si vous en avez une, votre adresse e-mail "
                "avec son mot de passe.",
            ),
        ),
    },
    {
        "slug": "atelier-preparer-sa-retraite",
        "title": "Atelier : préparer son départ à la retraite",
        "event_format": EventFormat.WORKSHOP,
        "themes": ["acces-aux-droits", "budget"],
        "audiences": ["seniors", "tout-public"],
        "summary": (
            "Vérifier sa carrière, savoir à quel âge partir, faire sa demande au bon moment : un atelier pour "
            "préparer sa retraite sereinement."
        ),
        "organiser": "Espace France services et caisse de retraite",
        "registration_info": f"{REGISTER_CIAS} (8 places)",
        "contact": "droits",
        "access": ["motor"],
        "sessions": [
            at(3, FRI, MORNING, "france-services"),
            at(19, FRI, MORNING, "mairie-montferrand"),
        ],
        "body": _stream(
            (
                "paragraph",
                _p(
                    "Une conseillère explique les étapes, de la vérification du relevé de carrière jusqu'à la "
                    "demande en ligne. Vous pourrez ensuite prendre rendez-vous pour votre dossier."
                ),
            ),
            callout(
                "tip",
                "Bon à savoir",
                "La demande se fait environ six mois avant la date de départ souhaitée.",
            ),
        ),
    },
    {
        "slug": "atelier-parents-bebes-massage-et-portage",
        "title": "Atelier parents-bébés : massage et portage",
        "event_format": EventFormat.WORKSHOP,
        "themes": ["parentalite", "sante-handicap"],
        "audiences": ["parents"],
        "summary": (
            "Trois matinées pour apprendre le massage bébé et le portage en écharpe, avec une puéricultrice de "
            "la PMI. Pour les bébés de 1 à 9 mois et leurs parents."
        ),
        "organiser": "PMI du Conseil départemental et Maison des familles",
        "registration_info": f"{REGISTER_CIAS} (6 bébés par atelier)",
        "contact": "parentalite",
        "access": ["motor"],
        "sessions": [
            at(6, MON, (time(9, 30), time(11, 0)), "familles"),
            at(7, MON, (time(9, 30), time(11, 0)), "familles"),
            at(8, MON, (time(9, 30), time(11, 0)), "familles"),
        ],
        "body": _stream(
            (
                "paragraph",
                _p(
                    "Des gestes simples pour apaiser votre bébé et le porter en toute sécurité. "
                    "Les deux parents sont les bienvenus."
                ),
            ),
            callout("info", "À apporter", "Une grande serviette et, si vous en avez une, votre écharpe de portage."),
        ),
    },
    # --- Information meetings -----------------------------------------------------------------------
    {
        "slug": "permanence-acces-aux-droits-caf",
        "title": "Permanence accès aux droits avec la CAF",
        "event_format": EventFormat.INFORMATION,
        "themes": ["acces-aux-droits"],
        "audiences": ["familles", "parents", "tout-public"],
        "summary": (
            "Une conseillère de la CAF vous reçoit sans rendez-vous à l'espace France services de Brécy. "
            "Elle répond à vos questions sur vos allocations et vous aide pour vos démarches en ligne."
        ),
        "organiser": "CAF et espace France services",
        "contact": "droits",
        "access": ["motor", "hearing"],
        "sessions": [at(week, THU, MORNING_LONG, "france-services") for week in (1, 5, 9, 13, 17)],
        "body": _stream(
            heading("Ce qu'il faut apporter"),
            (
                "paragraph",
                _ul(
                    "Votre numéro d'allocataire, si vous en avez un",
                    "Une pièce d'identité",
                    "Vos derniers justificatifs de ressources",
                ),
            ),
            callout(
                "info",
                "Vous pouvez venir accompagné",
                "Un proche, un interprète ou un travailleur social peut venir avec vous.",
            ),
        ),
    },
    {
        "slug": "reunion-information-apa",
        "title": "Réunion d'information : l'APA pour rester chez soi",
        "event_format": EventFormat.INFORMATION,
        "themes": ["acces-aux-droits", "aidants"],
        "audiences": ["seniors", "aidants"],
        "summary": (
            "L'allocation personnalisée d'autonomie (APA) aide à payer l'aide à domicile après 60 ans. "
            "Qui peut l'avoir, comment la demander : posez vos questions, sur place ou en ligne."
        ),
        "organiser": "Conseil départemental et CIAS",
        "attendance_mode": AttendanceMode.HYBRID,
        "online_info": f"Pour suivre la réunion en ligne, appelez le {PHONE} : le lien vous est envoyé la veille.",
        "contact": "aidants",
        "access": ["motor", "hearing"],
        "sessions": [
            at(4, TUE, AFTERNOON, "solidarites"),
            at(13, FRI, MORNING, "ehpad"),
        ],
        "body": _stream(
            heading("Ce que vous saurez en sortant"),
            (
                "paragraph",
                _ul(
                    "Qui peut demander l'APA",
                    "Ce qu'elle peut payer : aide à domicile, portage de repas, téléassistance…",
                    "Comment remplir le dossier et à qui l'envoyer",
                ),
            ),
            contact_block("aidants"),
        ),
    },
    {
        "slug": "en-ligne-declarer-ses-ressources-caf",
        "title": "En ligne : déclarer ses ressources à la CAF sans erreur",
        "event_format": EventFormat.INFORMATION,
        "themes": ["acces-aux-droits", "budget"],
        "audiences": ["tout-public", "familles"],
        "summary": (
            "Une réunion en ligne d'une heure pour apprendre à remplir sa déclaration trimestrielle de "
            "ressources (RSA, prime d'activité) et éviter d'avoir à rembourser."
        ),
        "organiser": "CAF et espace France services",
        "attendance_mode": AttendanceMode.ONLINE,
        "online_info": "Après votre inscription, le lien de connexion vous est envoyé par e-mail la veille.",
        "registration_info": f"Inscription au {PHONE} ou à acces-aux-droits@cias-trois-vallons.example",
        "contact": "droits",
        "access": ["hearing"],
        "accessibility_notes": "Les paroles sont sous-titrées en direct.",
        "sessions": [
            at(3, TUE, LUNCH),
            at(11, THU, (time(18, 30), time(19, 30))),
        ],
        "body": _stream(
            (
                "paragraph",
                _p(
                    "Une conseillère de la CAF partage son écran et remplit une déclaration avec vous, "
                    "case par case. Vous pouvez poser vos questions par écrit ou à l'oral."
                ),
            ),
            callout(
                "tip",
                "Pas d'ordinateur ?",
                "Suivez la réunion depuis l'espace France services de Brécy : un poste vous est prêté.",
            ),
            faq(
                "Questions fréquentes",
                ("Faut-il une caméra ?", "Non. Vous pouvez écouter et écrire vos questions dans la discussion."),
            ),
        ),
    },
    {
        "slug": "professionnels-reperer-l-epuisement-des-aidants",
        "title": "Pour les professionnels : repérer l'épuisement des aidants",
        "event_format": EventFormat.INFORMATION,
        "themes": ["aidants", "sante-handicap"],
        "audiences": ["professionnels"],
        "summary": (
            "Une réunion en ligne pour les professionnels du territoire (aide à domicile, santé, social) : "
            "repérer les signes d'épuisement chez un aidant et savoir vers qui l'orienter."
        ),
        "organiser": "CIAS et Conseil départemental",
        "attendance_mode": AttendanceMode.ONLINE,
        "online_info": "Le lien de connexion est envoyé aux inscrits la veille.",
        "registration_info": "Inscription par e-mail à aidants@cias-trois-vallons.example",
        "contact": "aidants",
        "sessions": [at(7, TUE, (time(13, 30), time(15, 0)))],
        "body": _stream(
            (
                "paragraph",
                _p(
                    "Une psychologue de la plateforme de répit présente les signes d'alerte et les aides "
                    "existantes. Un temps est prévu pour vos questions et vos situations."
                ),
            ),
            callout(
                "info",
                "Un annuaire pour orienter",
                "Chaque participant reçoit la liste des services d'aide aux aidants des Trois Vallons.",
            ),
        ),
    },
    {
        "slug": "reunion-information-droits-des-locataires",
        "title": "Réunion d'information : locataires, connaître ses droits",
        "event_format": EventFormat.INFORMATION,
        "themes": ["logement", "acces-aux-droits"],
        "audiences": ["tout-public", "jeunes"],
        "summary": (
            "Bail, dépôt de garantie, réparations, logement humide ou mal chauffé : une juriste répond à vos "
            "questions de locataire. Gratuit et confidentiel."
        ),
        "organiser": "Agence départementale d'information sur le logement (ADIL) et CIAS",
        "contact": "droits",
        "access": ["motor"],
        "sessions": [at(10, THU, EVENING, "mairie-montferrand")],
        "body": _stream(
            (
                "paragraph",
                _p("Apportez votre bail et vos courriers : la juriste peut les regarder avec vous après la réunion."),
            ),
            faq(
                "Questions fréquentes",
                (
                    "Mon propriétaire ne fait pas les réparations. Que faire ?",
                    "Écrivez-lui d'abord par lettre recommandée. La juriste vous explique les étapes suivantes.",
                ),
                (
                    "Je n'arrive plus à payer mon loyer.",
                    f"N'attendez pas : appelez le CIAS au {PHONE}. Des aides existent.",
                ),
            ),
            contact_block("droits"),
        ),
    },
    {
        "slug": "reunion-information-faire-garder-son-enfant",
        "title": "Réunion d'information : faire garder son jeune enfant",
        "event_format": EventFormat.INFORMATION,
        "themes": ["parentalite", "acces-aux-droits"],
        "audiences": ["parents", "familles"],
        "summary": (
            "Crèche, assistante maternelle, garde à domicile : les solutions près de chez vous, ce qu'elles "
            "coûtent et les aides de la CAF. Pour les futurs et jeunes parents."
        ),
        "organiser": "Relais petite enfance et CAF",
        "contact": "parentalite",
        "access": ["motor"],
        "sessions": [at(16, SAT, SATURDAY_MORNING, "familles")],
        "body": _stream(
            (
                "paragraph",
                _p(
                    "L'animatrice du relais petite enfance présente les modes de garde du territoire. "
                    "Une conseillère de la CAF explique les aides et fait une simulation avec vous."
                ),
            ),
            callout("tip", "Pensez-y tôt", "Les places en crèche se demandent souvent plusieurs mois à l'avance."),
        ),
    },
    # --- Thematic days ------------------------------------------------------------------------------
    {
        "slug": "forum-sante-mentale",
        "title": "Forum santé mentale : en parler sans tabou",
        "event_format": EventFormat.DAY,
        "themes": ["sante-handicap"],
        "audiences": ["tout-public", "jeunes", "professionnels"],
        "summary": (
            "Une journée pour s'informer sur la santé mentale, rencontrer les professionnels du territoire et "
            "savoir vers qui se tourner quand ça ne va pas. Stands, témoignages et ateliers."
        ),
        "organiser": "CIAS, Conseil départemental, centre médico-psychologique et associations d'usagers",
        "contact": "sante",
        "access": ["motor", "hearing", "psychic"],
        "accessibility_notes": f"{LSF_ON_REQUEST} Un espace calme permet de faire une pause à tout moment.",
        "sessions": [at(12, SAT, (time(10, 0), time(17, 0)), "salle-aulnaies")],
        "body": _stream(
            heading("Au programme"),
            (
                "paragraph",
                _ul(
                    "Des stands pour rencontrer les services de soin et d'écoute",
                    "Des témoignages de personnes concernées",
                    "Un atelier « gérer son stress au quotidien »",
                ),
            ),
            callout(
                "warning",
                "Besoin d'aide tout de suite ?",
                "En cas de détresse, appelez le 3114, le numéro national de prévention du suicide. "
                "Il est gratuit et répond jour et nuit.",
            ),
        ),
    },
    {
        "slug": "journee-des-aidants",
        "title": "Journée des aidants : prendre soin de soi aussi",
        "event_format": EventFormat.DAY,
        "themes": ["aidants", "sante-handicap"],
        "audiences": ["aidants"],
        "summary": (
            "Une journée de détente et d'information pour les aidants : ateliers bien-être, conseils pratiques, "
            "repas partagé. Votre proche peut être accueilli sur place."
        ),
        "organiser": "CIAS, Conseil départemental et plateforme de répit des aidants",
        "price": "5 € le repas (le reste de la journée est gratuit)",
        "registration_info": f"Inscription au {PHONE} avant le lundi précédent, pour réserver le repas",
        "contact": "aidants",
        "access": ["motor", "cognitive"],
        "accessibility_notes": "Votre proche peut être accueilli sur place par l'équipe de l'accueil de jour.",
        "sessions": [at(17, TUE, (time(10, 0), time(16, 30)), "centre-social")],
        "body": _stream(
            (
                "paragraph",
                _p(
                    "Le matin, des ateliers pour souffler : relaxation, massage des mains, marche douce. "
                    "L'après-midi, des professionnels répondent à vos questions sur les aides et le répit."
                ),
            ),
            callout(
                "tip",
                "Venez avec votre proche",
                "Une équipe formée s'occupe de lui pendant que vous participez aux ateliers.",
            ),
            contact_block("aidants"),
        ),
    },
    {
        "slug": "journee-acces-aux-droits",
        "title": "Journée accès aux droits : vos démarches au même endroit",
        "event_format": EventFormat.DAY,
        "themes": ["acces-aux-droits", "logement", "budget"],
        "audiences": ["tout-public", "familles", "seniors"],
        "summary": (
            "CAF, Assurance maladie, impôts, logement, énergie : des conseillers de plusieurs organismes vous "
            "reçoivent le même jour, au même endroit, sans rendez-vous."
        ),
        "organiser": "CIAS, CAF, Assurance maladie, France services et Conseil départemental",
        "contact": "droits",
        "access": ["motor", "hearing"],
        "accessibility_notes": (
            "Interprète en langue des signes de 14 h à 17 h. Transport gratuit depuis les communes : "
            "appelez le CIAS deux jours avant."
        ),
        "sessions": [at(15, WED, (time(9, 0), time(17, 0)), "centre-social")],
        "body": _stream(
            (
                "paragraph",
                _p(
                    "Un dossier bloqué, un courrier que vous ne comprenez pas, une aide à laquelle vous avez "
                    "peut-être droit ? Venez avec vos papiers : on cherche la solution ensemble."
                ),
            ),
            callout(
                "info",
                "À apporter",
                "Une pièce d'identité, vos derniers courriers et, si possible, vos identifiants en ligne.",
            ),
        ),
    },
    # --- Past events (the archive) ------------------------------------------------------------------
    {
        "slug": "cafe-des-parents-les-coleres",
        "title": "Café des parents : les colères des tout-petits",
        "event_format": EventFormat.MEETING,
        "themes": ["parentalite"],
        "audiences": ["parents"],
        "summary": (
            "Pourquoi mon enfant se met-il en colère et comment réagir sans s'énerver ? Un café entre parents "
            "d'enfants de 1 à 6 ans, avec une éducatrice de jeunes enfants."
        ),
        "organiser": "Maison des familles et Médiathèque du Moulin",
        "contact": "parentalite",
        "access": ["motor", "hearing"],
        "sessions": [at(-5, SAT, SATURDAY_MORNING, "mediatheque")],
        "body": _stream(
            (
                "paragraph",
                _p(
                    "Les colères font partie du développement de l'enfant. L'éducatrice explique ce qui se passe "
                    "et propose des gestes simples pour traverser ces moments."
                ),
            ),
            callout("tip", "Pour aller plus loin", "La médiathèque prête des livres sur les émotions des enfants."),
        ),
    },
    {
        "slug": "atelier-budget-faire-ses-courses-malin",
        "title": "Atelier budget : faire ses courses malin",
        "event_format": EventFormat.WORKSHOP,
        "themes": ["budget"],
        "audiences": ["tout-public", "familles"],
        "summary": (
            "Comparer les prix, lire les étiquettes, éviter le gaspillage : des astuces pour remplir son "
            "panier sans vider son porte-monnaie."
        ),
        "organiser": "CIAS et épicerie solidaire des Trois Vallons",
        "registration_info": REGISTER_CIAS,
        "contact": "accueil",
        "access": ["motor"],
        "sessions": [
            at(-6, TUE, AFTERNOON, "solidarites"),
            at(-4, TUE, AFTERNOON, "salle-aulnaies"),
        ],
        "body": _stream(
            (
                "paragraph",
                _p(
                    "Une conseillère en économie sociale et familiale partage ses astuces. "
                    "Chaque participant repart avec un carnet de listes de courses."
                ),
            ),
            callout(
                "info",
                "Besoin d'un coup de pouce ?",
                "L'épicerie solidaire est ouverte le mardi et le vendredi, sur orientation du CIAS.",
            ),
        ),
    },
    {
        "slug": "reunion-information-adapter-son-logement",
        "title": "Réunion d'information : adapter son logement pour bien vieillir",
        "event_format": EventFormat.INFORMATION,
        "themes": ["logement", "sante-handicap"],
        "audiences": ["seniors", "aidants"],
        "summary": (
            "Douche à l'italienne, barres d'appui, monte-escalier : quels travaux pour rester chez soi en "
            "sécurité, et quelles aides pour les payer."
        ),
        "organiser": "CIAS et conseillère habitat de l'espace France Rénov'",
        "contact": "aidants",
        "access": ["motor", "hearing"],
        "sessions": [at(-2, THU, AFTERNOON, "ehpad")],
        "body": _stream(
            (
                "paragraph",
                _p(
                    "Une ergothérapeute donne des conseils pour éviter les chutes à la maison. "
                    "Une conseillère habitat présente les aides aux travaux."
                ),
            ),
            contact_block("aidants"),
        ),
    },
    {
        "slug": "journee-prevention-sante",
        "title": "Journée prévention santé : dépistages et conseils",
        "event_format": EventFormat.DAY,
        "themes": ["sante-handicap"],
        "audiences": ["tout-public", "seniors"],
        "summary": (
            "Tension, vue, audition, diabète : des dépistages gratuits et des conseils de professionnels de "
            "santé, sans rendez-vous, toute la journée."
        ),
        "organiser": "Maison de santé de Marcilly, Assurance maladie et CIAS",
        "contact": "sante",
        "access": ["motor"],
        "sessions": [at(-7, WED, (time(9, 30), time(16, 30)), "maison-sante")],
        "body": _stream(
            (
                "paragraph",
                _p(
                    "Les professionnels de la maison de santé proposent des tests rapides et vous conseillent. "
                    "Si besoin, ils vous orientent vers votre médecin."
                ),
            ),
            callout("info", "Gratuit", "Les dépistages sont gratuits, même sans complémentaire santé."),
        ),
    },
]

AGENDA_INTRODUCTION = (
    "Rencontres, ateliers et groupes d'échange près de chez vous : tous les temps ressources du CIAS et de "
    "ses partenaires."
)
# Fields of an event spec that are not page fields.
SPEC_KEYS = {"themes", "audiences", "contact", "access", "sessions", "series"}
# Days that no session falls on (besides Sundays): French public holidays and the end-of-year closure.
FIXED_HOLIDAYS = {(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)}
EASTER_HOLIDAYS = (1, 39, 50)  # Easter Monday, Ascension Day, Whit Monday: days after Easter Sunday.


# Events whose places are booked online, and their settings.
ONLINE_REGISTRATION = {
    "groupe-de-parents": {"capacity": 10, "registration_scope": "cycle", "max_people_per_registration": 2},
    "atelier-budget-factures-d-energie": {"capacity": 10},
    "atelier-cuisine-petit-budget": {"capacity": 8, "max_people_per_registration": 2},
    "atelier-numerique-demarches-sante": {"capacity": 6, "max_people_per_registration": 1},
    "atelier-parents-bebes-massage-et-portage": {"capacity": 6, "max_people_per_registration": 3},
    "groupe-d-echange-entre-aidants": {"capacity": 12, "requires_approval": True, "registration_scope": "cycle"},
}

# A few registrations, so that facilitators' lists and headcounts are not empty. Phone numbers
# only (in the ranges reserved for fiction): the demo sends no email. (first, last, adults, children, channel)
DEMO_PEOPLE = [
    ("Nadia", "Benali", 1, 2, "web"),
    ("Jean", "Moreau", 2, 0, "phone"),
    ("Sophie", "Garnier", 1, 1, "web"),
    ("Karim", "Haddad", 1, 0, "desk"),
    ("Lucie", "Perrin", 2, 1, "web"),
    ("Marc", "Lefèvre", 1, 0, "phone"),
    ("Aïcha", "Diallo", 1, 2, "web"),
    ("Thomas", "Roux", 2, 0, "web"),
    ("Claire", "Fontaine", 1, 0, "desk"),
    ("Yanis", "Mercier", 1, 0, "web"),
]
DEMO_BOOKINGS = {
    "groupe-de-parents": [0, 2, 4, 6],
    "atelier-budget-factures-d-energie": [1, 3, 5, 7],
    "atelier-cuisine-petit-budget": [0, 1, 2, 3, 4, 8, 9],
    "atelier-numerique-demarches-sante": [3, 5, 8, 9, 1, 7, 2],
    "groupe-d-echange-entre-aidants": [1, 5],
}


def seed_registrations(page):
    """Book the demo people on the first bookable session (or the whole cycle) of `page`."""
    from events import services

    page = EventPage.objects.get(pk=page.pk)  # sessions as saved, with their ids
    sessions = services.bookable_sessions(page)
    if page.registration_scope == "session":
        sessions = sessions[:1]
    for number in DEMO_BOOKINGS.get(page.slug, []):
        first, last, adults, children, channel = DEMO_PEOPLE[number]
        attendee = services.Attendee(
            first_name=first,
            last_name=last,
            phone=f"06399800{number:02d}",
            commune_id=Commune.objects.order_by("pk").values_list("pk", flat=True)[number % 8],
            adults=min(adults, page.max_people_per_registration),
            children=min(children, max(page.max_people_per_registration - adults, 0)),
            needs_childcare=children > 0 and number % 2 == 0,
        )
        services.register(page, [session.pk for session in sessions], attendee, channel=channel)


def seed(home):
    """Create the venues, the agenda page and the events that are missing; return their labels."""
    created = []
    with translation.override("fr"):
        venues = {key: ensure_venue(fields, created) for key, fields in VENUES.items()}
        agenda, agenda_created = ensure_page(
            home, EventIndexPage, "agenda", title="Agenda", introduction=AGENDA_INTRODUCTION, show_in_menus=True
        )
        if agenda_created:
            created.append(agenda.title)
        existing = set(agenda.get_children().values_list("slug", flat=True))
        themes = {theme.slug: theme for theme in Theme.objects.all()}
        audiences = {audience.slug: audience for audience in Audience.objects.all()}
        today = timezone.localtime().date()
        monday = today - timedelta(days=today.weekday())
        for spec in EVENTS:
            if spec["slug"] in existing:
                continue
            page = build_event(spec)
            agenda.add_child(instance=page)
            page.sessions.add(*build_sessions(spec, monday, venues))
            page.themes.set([themes[slug] for slug in spec["themes"]])
            page.audiences.set([audiences[slug] for slug in spec["audiences"]])
            page.save_revision().publish()
            if page.online_registration:
                seed_registrations(page)
            created.append(page.title)
    return created


def ensure_venue(fields, created):
    venue = Venue.objects.filter(name=fields["name"]).first()
    if venue is None:
        venue = Venue.objects.create(**{**fields, "commune": Commune.objects.get(slug=fields["commune"])})
        created.append(str(venue))
    return venue


def build_event(spec):
    contact_name, contact_email = CONTACTS[spec["contact"]]
    fields = {key: value for key, value in spec.items() if key not in SPEC_KEYS}
    return EventPage(
        **fields,
        search_description=spec["summary"],
        is_free=not spec.get("price"),
        registration_required=bool(spec.get("registration_info")) or spec["slug"] in ONLINE_REGISTRATION,
        online_registration=spec["slug"] in ONLINE_REGISTRATION,
        **ONLINE_REGISTRATION.get(spec["slug"], {}),
        contact_name=contact_name,
        contact_phone=PHONE,
        contact_email=contact_email,
        **{f"access_{kind}": True for kind in spec.get("access", [])},
    )


def build_sessions(spec, monday, venues):
    """The unsaved sessions of an event, in date order."""
    if "series" in spec:
        rows = series_rows(spec["series"], monday)
    else:
        rows = []
        weeks = [(s["week"], s["weekday"]) for s in spec["sessions"]]
        weeks += [s["postponed_to"] for s in spec["sessions"] if "postponed_to" in s]
        shift = week_shift(weeks, monday)
        for session in spec["sessions"]:
            rows += session_rows(session, monday, shift)
    sessions = []
    for order, (day, (start, end), venue, extra) in enumerate(sorted(rows, key=lambda row: (row[0], row[1]))):
        sessions.append(
            EventSession(
                start=aware(day, start),
                end=aware(day, end),
                venue=venues[venue] if venue else None,
                sort_order=order,
                **extra,
            )
        )
    return sessions


def session_rows(session, monday, shift):
    """(day, slot, venue key, extra fields) of one session; a postponed one also gives its new date."""
    day = week_day(monday, session["week"] + shift, session["weekday"])
    row = (day, session["slot"], session["venue"])
    if "postponed_to" not in session:
        return [(*row, {key: session[key] for key in ("status", "note") if key in session})]
    week, weekday = session["postponed_to"]
    new_day = week_day(monday, week + shift, weekday)
    postponed = {
        "status": EventSession.Status.POSTPONED,
        "note": f"Reportée au {day_fr(new_day)} : {session['reason']}.",
    }
    return [
        (*row, postponed),
        (new_day, session["slot"], session["venue"], {"note": f"Remplace la séance du {day_fr(day)}."}),
    ]


def series_rows(series, monday):
    """The rows of a repeat rule; like a real cycle, it skips closed days and ends later instead."""
    week, weekday = series["start"]
    first = week_day(monday, week + week_shift([(week, weekday)], monday), weekday)
    candidates = repeat_dates(aware(first, series["slot"][0]), series["count"] * 2, series["rule"])
    days = [when.date() for when in candidates if not closed(when.date())][: series["count"]]
    changes = series.get("changes", {})
    return [(day, series["slot"], series["venue"], changes.get(index, {})) for index, day in enumerate(days)]


def week_shift(weeks, monday):
    """How many weeks to move an event so that none of its days is closed (earlier if it is all past)."""
    step = -1 if all(week < 0 for week, _weekday in weeks) else 1
    shift = 0
    while any(closed(week_day(monday, week + shift, weekday)) for week, weekday in weeks):
        shift += step
    return shift


def week_day(monday, week, weekday):
    return monday + timedelta(weeks=week, days=weekday)


def aware(day, wall_clock):
    """The aware datetime of a local wall-clock time, in the current time zone (Europe/Paris)."""
    return timezone.make_aware(datetime.combine(day, wall_clock))


def closed(day):
    """Whether nothing takes place on `day`: a Sunday, a public holiday or the end-of-year closure."""
    return (
        day.weekday() == 6
        or (day.month, day.day) in FIXED_HOLIDAYS
        or (day - easter(day.year)).days in EASTER_HOLIDAYS
        or (day.month == 12 and day.day >= 24)
    )
