"""Demo content of the resources: formats, the partners directory and about twenty-five resources.

Called by `manage.py seed_demo` as `seed(home)`, after `events.demo` (so resources can point to
events by slug). Idempotent: formats are looked up by slug, index pages and pages by their slug,
documents by their title; what exists is never changed, so a second run adds no revision.
Partners are invented: phone numbers in the range reserved for fiction, `.example` addresses.
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.text import slugify

from wagtail.documents.models import Document

from events.models import EventPage
from home.demo_content import _p, _stream, _ul
from home.management.commands.seed_demo import ensure_page
from home.models import Audience, Commune, Theme

from .models import (
    PartnerIndexPage,
    PartnerKind,
    PartnerPage,
    ResourceDocument,
    ResourceFormat,
    ResourceIndexPage,
    ResourcePage,
)

# (name, slug): the formats of the action sheet ("formats simples, papier et/ou numériques").
FORMAT_ROWS = [
    ("Fiche pratique", "fiche-pratique"),
    ("Guide", "guide"),
    ("Vidéo", "video"),
    ("Audio", "audio"),
    ("Affiche", "affiche"),
    ("Grands caractères", "grands-caracteres"),
    ("Vidéo en langue des signes", "video-lsf"),
    ("Traduction", "traduction"),
    ("Facile à lire et à comprendre (FALC)", "falc"),
]

RESOURCES_INTRODUCTION = (
    "Des fiches simples, des guides, des vidéos et des documents à imprimer pour vos questions de tous les "
    "jours : être parent, faire valoir ses droits, aider un proche, gérer son budget, se loger."
)
PARTNERS_INTRODUCTION = (
    "Les services et associations du territoire qui peuvent vous aider : à qui s'adresser, où, et quand."
)

WEEKDAYS = "Du lundi au vendredi : 9 h – 12 h et 13 h 30 – 17 h"

# Each partner: page fields, `themes` and `audiences` (slugs), `commune` (a slug or None).
PARTNERS = [
    {
        "slug": "caf-accueil-saint-aubin",
        "title": "CAF – accueil de Saint-Aubin-des-Vallons",
        "kind": PartnerKind.CAF,
        "description": (
            "La caisse d'allocations familiales verse les prestations familiales, les aides au logement, le RSA "
            "et la prime d'activité. À l'accueil, un conseiller vous aide à faire vos démarches."
        ),
        "themes": ["acces-aux-droits", "parentalite", "logement"],
        "audiences": ["familles", "parents", "tout-public"],
        "address": "5 avenue de la Gare",
        "commune": "saint-aubin-des-vallons",
        "phone": "03 53 01 61 00",
        "email": "accueil@caf-trois-vallons.example",
        "website": "https://caf-trois-vallons.example",
        "opening_hours": "Lundi, mardi et jeudi : 8 h 30 – 12 h\nSur rendez-vous l'après-midi",
    },
    {
        "slug": "maison-departementale-des-solidarites",
        "title": "Maison départementale des solidarités",
        "kind": PartnerKind.DEPARTMENT,
        "description": (
            "Les services du Conseil départemental : assistantes sociales, protection maternelle et infantile "
            "(PMI), aide personnalisée d'autonomie (APA) et aide sociale à l'enfance."
        ),
        "themes": ["acces-aux-droits", "parentalite", "aidants"],
        "audiences": ["familles", "parents", "seniors", "aidants"],
        "address": "18 rue du Collège",
        "commune": "montferrand-sur-yvre",
        "phone": "03 53 01 62 00",
        "email": "mds-montferrand@departement.example",
        "website": "https://solidarites.departement.example",
        "opening_hours": WEEKDAYS,
    },
    {
        "slug": "france-services-brecy",
        "title": "Espace France services de Brécy-la-Rivière",
        "kind": PartnerKind.FRANCE_SERVICES,
        "description": (
            "Deux conseillères vous aident pour vos démarches en ligne : impôts, CAF, assurance maladie, "
            "retraite, carte grise, France Travail. Un ordinateur est en libre accès."
        ),
        "themes": ["acces-aux-droits", "budget"],
        "audiences": ["tout-public", "seniors", "jeunes"],
        "address": "3 place du Champ-de-Foire",
        "commune": "brecy-la-riviere",
        "phone": "03 53 01 63 00",
        "email": "france-services@brecy.example",
        "website": "https://france-services-brecy.example",
        "opening_hours": "Du lundi au vendredi : 9 h – 12 h 30\nMardi et jeudi : 14 h – 17 h 30",
    },
    {
        "slug": "cias-des-trois-vallons",
        "title": "CIAS des Trois Vallons – Maison des solidarités",
        "kind": PartnerKind.CCAS,
        "description": (
            "Le centre intercommunal d'action sociale vous écoute, vous informe et vous oriente. Il instruit les "
            "demandes d'aide sociale et propose des aides d'urgence."
        ),
        "themes": ["acces-aux-droits", "budget", "aidants", "logement"],
        "audiences": ["tout-public"],
        "address": "12 rue des Tanneurs",
        "commune": "saint-aubin-des-vallons",
        "phone": "03 53 01 42 10",
        "email": "accueil@cias-trois-vallons.example",
        "website": "https://cias-trois-vallons.example",
        "opening_hours": f"{WEEKDAYS}\nFermé le jeudi après-midi",
    },
    {
        "slug": "parents-en-chemin",
        "title": "Association Parents en chemin",
        "kind": PartnerKind.ASSOCIATION,
        "description": (
            "Des parents bénévoles et une psychologue animent des groupes de parole et répondent au téléphone "
            "aux parents qui se posent des questions."
        ),
        "themes": ["parentalite"],
        "audiences": ["parents", "familles"],
        "address": "15 rue Pasteur",
        "commune": "villiers-les-ormes",
        "phone": "03 53 01 64 00",
        "email": "contact@parents-en-chemin.example",
        "website": "https://parents-en-chemin.example",
        "opening_hours": "Permanence téléphonique le mercredi de 14 h à 18 h",
    },
    {
        "slug": "point-information-jeunesse",
        "title": "Point information jeunesse",
        "kind": PartnerKind.EDUCATION,
        "description": (
            "Pour les 15-25 ans : orientation, jobs d'été, logement, santé, permis de conduire. "
            "Sans rendez-vous, gratuit et anonyme si vous le souhaitez."
        ),
        "themes": ["jeunesse", "logement"],
        "audiences": ["jeunes"],
        "address": "2 rue de la Gare",
        "commune": "saint-aubin-des-vallons",
        "phone": "03 53 01 65 00",
        "email": "pij@cias-trois-vallons.example",
        "website": "https://pij-trois-vallons.example",
        "opening_hours": "Mardi au vendredi : 13 h 30 – 18 h\nMercredi : 10 h – 18 h",
    },
    {
        "slug": "mission-locale-des-vallons",
        "title": "Mission locale des Vallons",
        "kind": PartnerKind.EMPLOYMENT,
        "description": (
            "Un conseiller accompagne les 16-25 ans sortis de l'école : trouver une formation, un emploi, "
            "un apprentissage. Il peut ouvrir le contrat d'engagement jeune."
        ),
        "themes": ["jeunesse"],
        "audiences": ["jeunes"],
        "address": "7 rue des Écoles",
        "commune": "brecy-la-riviere",
        "phone": "03 53 01 66 00",
        "email": "contact@mission-locale-vallons.example",
        "website": "https://mission-locale-vallons.example",
        "opening_hours": WEEKDAYS,
    },
    {
        "slug": "maison-de-sante-de-marcilly",
        "title": "Maison de santé de Marcilly",
        "kind": PartnerKind.HEALTH,
        "description": (
            "Médecins, infirmières, kinésithérapeute et diététicienne travaillent ensemble. Ils organisent aussi "
            "des dépistages gratuits et des ateliers de prévention."
        ),
        "themes": ["sante-handicap"],
        "audiences": ["tout-public", "seniors"],
        "address": "3 rue du Docteur-Roux",
        "commune": "marcilly-sur-loise",
        "phone": "03 53 01 67 00",
        "email": "secretariat@msp-marcilly.example",
        "website": "https://msp-marcilly.example",
        "opening_hours": "Du lundi au vendredi : 8 h – 19 h\nSamedi : 8 h – 12 h",
    },
    {
        "slug": "centre-medico-psychologique",
        "title": "Centre médico-psychologique de Montferrand",
        "kind": PartnerKind.HEALTH,
        "description": (
            "Des psychologues, infirmiers et psychiatres reçoivent les adultes qui traversent une période "
            "difficile. Les consultations sont gratuites."
        ),
        "themes": ["sante-handicap"],
        "audiences": ["tout-public"],
        "address": "9 rue de l'Hôpital",
        "commune": "montferrand-sur-yvre",
        "phone": "03 53 01 68 00",
        "email": "cmp-montferrand@hopital-vallons.example",
        "website": "https://hopital-vallons.example",
        "opening_hours": WEEKDAYS,
    },
    {
        "slug": "permanence-information-logement",
        "title": "Permanence d'information sur le logement",
        "kind": PartnerKind.HOUSING,
        "description": (
            "Un juriste répond à vos questions sur la location, le bail, les charges, les impayés de loyer "
            "ou l'achat d'un logement. Gratuit et neutre."
        ),
        "themes": ["logement", "acces-aux-droits"],
        "audiences": ["tout-public", "jeunes"],
        "address": "Maison des solidarités, 12 rue des Tanneurs",
        "commune": "saint-aubin-des-vallons",
        "phone": "03 53 01 69 00",
        "email": "logement@info-logement-71.example",
        "website": "https://info-logement-71.example",
        "opening_hours": "Le 2e et le 4e mardi du mois : 9 h – 12 h, sur rendez-vous",
    },
    {
        "slug": "vallons-habitat",
        "title": "Vallons Habitat",
        "kind": PartnerKind.HOUSING,
        "description": (
            "Le bailleur social du territoire loue des appartements et des maisons à loyer modéré. Ses conseillers "
            "aident aussi les locataires en difficulté pour payer leur loyer."
        ),
        "themes": ["logement"],
        "audiences": ["familles", "jeunes", "seniors"],
        "address": "22 avenue de la République",
        "commune": "montferrand-sur-yvre",
        "phone": "03 53 01 70 00",
        "email": "contact@vallons-habitat.example",
        "website": "https://vallons-habitat.example",
        "opening_hours": "Du lundi au vendredi : 8 h 30 – 12 h",
    },
    {
        "slug": "point-justice-brecy",
        "title": "Point-justice de Brécy-la-Rivière",
        "kind": PartnerKind.JUSTICE,
        "description": (
            "Un avocat, un conciliateur de justice ou un juriste vous reçoit gratuitement pour un conseil : "
            "séparation, dettes, litige avec un voisin ou un employeur."
        ),
        "themes": ["acces-aux-droits"],
        "audiences": ["tout-public"],
        "address": "Espace France services, 3 place du Champ-de-Foire",
        "commune": "brecy-la-riviere",
        "phone": "03 53 01 71 00",
        "email": "point-justice@brecy.example",
        "website": "https://acces-au-droit-71.example",
        "opening_hours": "Le 1er et le 3e jeudi du mois : 14 h – 17 h, sur rendez-vous",
    },
    {
        "slug": "relais-des-aidants",
        "title": "Le Relais des aidants",
        "kind": PartnerKind.ASSOCIATION,
        "description": (
            "La plateforme d'accompagnement et de répit écoute les aidants, propose des groupes d'échange et "
            "organise des solutions de répit : accueil de jour, garde à domicile."
        ),
        "themes": ["aidants", "sante-handicap"],
        "audiences": ["aidants", "seniors"],
        "address": "21 avenue des Vignes",
        "commune": "chaumont-les-vignes",
        "phone": "03 53 01 72 00",
        "email": "relais@relais-aidants.example",
        "website": "https://relais-aidants.example",
        "opening_hours": "Du lundi au vendredi : 9 h – 17 h\nVisites à domicile sur rendez-vous",
    },
    {
        "slug": "epicerie-solidaire-le-panier-des-vallons",
        "title": "Épicerie solidaire Le Panier des Vallons",
        "kind": PartnerKind.ASSOCIATION,
        "description": (
            "Des produits du quotidien à 10 à 30 % de leur prix, pour quelques mois, sur orientation d'un "
            "travailleur social. Un atelier cuisine a lieu chaque mois."
        ),
        "themes": ["budget"],
        "audiences": ["familles", "tout-public"],
        "address": "Rue du Stade",
        "commune": "les-aulnaies",
        "phone": "03 53 01 73 00",
        "email": "panier@panier-des-vallons.example",
        "website": "https://panier-des-vallons.example",
        "opening_hours": "Mardi et vendredi : 14 h – 18 h",
    },
    {
        "slug": "college-jean-rostand-service-social",
        "title": "Collège Jean-Rostand – service social scolaire",
        "kind": PartnerKind.EDUCATION,
        "description": (
            "L'assistante sociale du collège écoute les élèves et leurs parents : difficultés à la maison, "
            "harcèlement, aides pour la cantine ou les sorties."
        ),
        "themes": ["parentalite", "jeunesse"],
        "audiences": ["parents", "jeunes"],
        "address": "1 allée des Marronniers",
        "commune": "villiers-les-ormes",
        "phone": "03 53 01 74 00",
        "email": "social.college-rostand@education.example",
        "website": "",
        "opening_hours": "Lundi, mardi et jeudi pendant les périodes scolaires",
    },
    {
        "slug": "entraide-des-aulnaies",
        "title": "Entraide des Aulnaies",
        "kind": PartnerKind.ASSOCIATION,
        "description": (
            "Des bénévoles tiennent un vestiaire à petits prix, accompagnent aux rendez-vous ceux qui n'ont pas "
            "de voiture et rendent visite aux personnes isolées."
        ),
        "themes": ["budget", "aidants"],
        "audiences": ["seniors", "tout-public"],
        "address": "4 place de l'Église",
        "commune": "les-aulnaies",
        "phone": "03 53 01 75 00",
        "email": "entraide@aulnaies.example",
        "website": "",
        "opening_hours": "Vestiaire : samedi 9 h – 12 h",
    },
    {
        "slug": "centre-information-droits-des-femmes-et-des-familles",
        "title": "Centre d'information sur les droits des femmes et des familles",
        "kind": PartnerKind.JUSTICE,
        "description": (
            "Des juristes informent sur le droit de la famille, accompagnent les victimes de violences et aident "
            "à retrouver un emploi. Entretiens gratuits et confidentiels."
        ),
        "themes": ["acces-aux-droits", "parentalite"],
        "audiences": ["familles", "parents"],
        "address": "6 rue du Lavoir",
        "commune": "sainte-colombe-du-val",
        "phone": "03 53 01 76 00",
        "email": "contact@droits-femmes-familles.example",
        "website": "https://droits-femmes-familles.example",
        "opening_hours": "Mercredi : 9 h – 12 h et 14 h – 17 h",
    },
]


def heading(text):
    return ("heading", {"text": text, "level": "h2"})


def para(*paragraphs):
    return ("paragraph", _p(*paragraphs))


def bullets(*items):
    return ("paragraph", _ul(*items))


def callout(kind, title, *paragraphs):
    return ("callout", {"kind": kind, "title": title, "text": _p(*paragraphs)})


def steps(title, *items):
    return (
        "steps",
        {"title": title, "steps": [{"title": step, "text": _p(text) if text else ""} for step, text in items]},
    )


def faq(title, *items):
    return ("accordion", {"title": title, "items": [{"question": q, "answer": _p(a)} for q, a in items]})


def video(title, url, duration, *transcript):
    return (
        "video",
        {
            "title": title,
            "video_file": None,
            "captions": None,
            "video_url": url,
            "duration": duration,
            "transcript": _p(*transcript),
        },
    )


def contact(name, phone, email, hours=WEEKDAYS, address=""):
    return ("contact", {"name": name, "address": address, "phone": phone, "email": email, "hours": hours})


CIAS_CONTACT = contact(
    "Accueil du CIAS – Maison des solidarités",
    "03 53 01 42 10",
    "accueil@cias-trois-vallons.example",
    address="12 rue des Tanneurs\n71990 Saint-Aubin-des-Vallons",
)

# Each resource: page fields, `themes`, `audiences`, `formats` (slugs), `partners` and `events` (slugs),
# `documents` ([(title, [lines of the generated PDF])]), `easy_read` (slug of its FALC twin, listed
# before it), `reviewed` (days ago). Plain, everyday French.
RESOURCES = [
    # --- Parentalité ------------------------------------------------------------------------------
    {
        "slug": "les-ecrans-a-la-maison",
        "title": "Les écrans à la maison : trouver le bon équilibre",
        "summary": (
            "Télévision, tablette, téléphone : quelques repères simples pour que les écrans restent un plaisir "
            "et ne prennent pas toute la place dans la famille."
        ),
        "themes": ["parentalite"],
        "audiences": ["parents", "familles"],
        "formats": ["fiche-pratique"],
        "partners": ["parents-en-chemin"],
        "events": ["cafe-des-parents-les-ecrans"],
        "featured": True,
        "reviewed": 20,
        "body": [
            para(
                "Les écrans font partie de la vie de tous les jours. Ils ne sont ni bons ni mauvais : tout dépend "
                "de l'âge de l'enfant, du temps passé et de ce qu'il regarde."
            ),
            heading("Des repères selon l'âge"),
            bullets(
                "Avant 3 ans : pas d'écran, sauf pour parler en vidéo avec la famille.",
                "De 3 à 6 ans : un peu, avec un adulte, jamais pendant les repas ni avant de dormir.",
                "De 6 à 9 ans : fixez ensemble des horaires et des règles.",
                "Après 9 ans : parlez d'internet et des réseaux sociaux avant de donner un téléphone.",
            ),
            callout(
                "info",
                "",
                "Pas d'écran dans la chambre la nuit : le sommeil en a besoin, à tout âge.",
            ),
            faq(
                "Questions fréquentes",
                (
                    "Mon enfant se met en colère quand j'éteins : que faire ?",
                    "Prévenez-le 5 minutes avant, puis "
                    "proposez une autre activité. Restez calme et ferme : la règle est la même chaque jour.",
                ),
                (
                    "Et nous, les parents ?",
                    "Les enfants font comme nous. Posez votre téléphone pendant les repas et les moments en famille.",
                ),
            ),
        ],
    },
    {
        "slug": "faire-garder-son-enfant",
        "title": "Faire garder son enfant : les solutions près de chez vous",
        "summary": (
            "Crèche, assistante maternelle, garde à domicile : les modes de garde du territoire, leur prix et "
            "les aides de la CAF pour les payer."
        ),
        "themes": ["parentalite", "budget"],
        "audiences": ["parents", "familles"],
        "formats": ["guide"],
        "partners": ["caf-accueil-saint-aubin", "maison-departementale-des-solidarites"],
        "events": ["reunion-information-faire-garder-son-enfant"],
        "reviewed": 45,
        "documents": [
            (
                "Guide des modes de garde des Trois Vallons",
                [
                    "Guide des modes de garde des Trois Vallons",
                    "",
                    "1. La creche intercommunale de Saint-Aubin : 40 places, de 10 semaines a 3 ans.",
                    "2. Les assistantes maternelles agreees : la liste est au relais petite enfance.",
                    "3. La garde a domicile : aide possible de la CAF (complement mode de garde).",
                    "",
                    "Relais petite enfance : 03 53 01 42 10",
                ],
            )
        ],
        "body": [
            para(
                "Il existe plusieurs façons de faire garder un enfant de moins de 6 ans. Le bon choix dépend de "
                "vos horaires, de votre budget et de ce qui existe près de chez vous."
            ),
            steps(
                "Comment trouver une place",
                ("Contactez le relais petite enfance", "Il connaît toutes les places libres du territoire."),
                ("Faites une simulation sur le site de la CAF", "Vous saurez combien il vous restera à payer."),
                ("Inscrivez-vous tôt", "Pour la crèche, dès le 6e mois de grossesse."),
            ),
            callout("tip", "", "Les aides de la CAF baissent beaucoup le prix d'une assistante maternelle."),
        ],
    },
    {
        "slug": "quand-les-coleres-debordent",
        "title": "Quand les colères débordent",
        "summary": (
            "Une vidéo de 4 minutes où une psychologue explique pourquoi les jeunes enfants font des colères et "
            "comment les accompagner sans crier."
        ),
        "themes": ["parentalite"],
        "audiences": ["parents"],
        "formats": ["video"],
        "partners": ["parents-en-chemin"],
        "events": ["cafe-des-parents-les-coleres"],
        "reviewed": 60,
        "body": [
            video(
                "Les colères du jeune enfant",
                "https://videos.cias-trois-vallons.example/coleres",
                "4 min",
                "Bonjour, je suis psychologue à la Maison des familles.",
                "Entre 2 et 5 ans, les colères sont normales : l'enfant ressent des émotions très fortes et ne sait "
                "pas encore les dire avec des mots.",
                "Pendant la colère, restez près de lui et parlez doucement. Après, quand il est calme, mettez des "
                "mots sur ce qu'il a ressenti : « tu étais très en colère parce que… ».",
                "Si vous sentez que vous allez craquer, mettez l'enfant en sécurité et sortez de la pièce une minute.",
            ),
            callout(
                "warning",
                "Vous êtes à bout ?",
                "Appelez le 0 800 00 34 56 (Allô Parents Bébé, gratuit) ou parlez-en à votre médecin.",
            ),
        ],
    },
    {
        "slug": "etre-parent-d-ado",
        "title": "Être parent d'ado : garder le lien",
        "summary": (
            "Un épisode audio de 12 minutes : des parents racontent comment ils gardent le dialogue avec leur "
            "adolescent, et une éducatrice donne ses conseils."
        ),
        "themes": ["parentalite", "jeunesse"],
        "audiences": ["parents"],
        "formats": ["audio"],
        "partners": ["parents-en-chemin", "college-jean-rostand-service-social"],
        "events": ["rencontre-parents-d-ados"],
        "reviewed": 90,
        "body": [
            para(
                "Écoutez l'épisode sur la page des podcasts du CIAS : "
                '<a href="https://podcasts.cias-trois-vallons.example/parents-d-ados">Parents d\'ados, '
                "épisode 1</a> (12 minutes)."
            ),
            heading("Ce qu'il faut retenir"),
            bullets(
                "L'adolescent a besoin de s'éloigner un peu : ce n'est pas un rejet.",
                "Les trajets en voiture et les repas sont de bons moments pour parler.",
                "Gardez quelques règles claires, discutées ensemble.",
            ),
            heading("Transcription"),
            para(
                "Sophie, maman de Léa, 15 ans : « Avant, je posais des questions et elle ne répondait pas. "
                "Maintenant, je lui parle de ma journée, et souvent elle me parle de la sienne. »",
                "L'éducatrice : « Restez disponible, même quand on vous repousse. Un adolescent revient toujours "
                "vers l'adulte qui ne l'a pas lâché. »",
            ),
        ],
    },
    {
        "slug": "harcelement-a-l-ecole",
        "title": "Harcèlement à l'école : réagir ensemble",
        "summary": (
            "Une affiche à imprimer et à afficher : les signes qui doivent alerter et les numéros à appeler si un "
            "enfant est harcelé à l'école ou sur internet."
        ),
        "themes": ["parentalite", "jeunesse"],
        "audiences": ["parents", "jeunes", "professionnels"],
        "formats": ["affiche"],
        "partners": ["college-jean-rostand-service-social"],
        "reviewed": 30,
        "documents": [
            (
                "Affiche « Harcèlement : parlons-en »",
                [
                    "Harcelement : parlons-en",
                    "",
                    "Ton enfant ne veut plus aller a l'ecole ? Il dort mal, il a mal au ventre ?",
                    "Parle avec lui, sans le juger.",
                    "",
                    "Appelle le 3018 : gratuit, anonyme, 7 jours sur 7.",
                ],
            )
        ],
        "body": [
            bullets(
                "Il ne veut plus aller à l'école, il a souvent mal au ventre ou à la tête.",
                "Ses notes baissent, il s'isole, il perd ses affaires.",
                "Il a peur quand son téléphone sonne.",
            ),
            callout(
                "info", "", "Le 3018 est gratuit, anonyme et ouvert 7 jours sur 7, pour les enfants et les parents."
            ),
        ],
    },
    # --- Accès aux droits --------------------------------------------------------------------------
    {
        "slug": "prevenir-la-caf-facile-a-lire",
        "title": "Prévenir la CAF quand ma vie change (facile à lire)",
        "summary": "Ma vie change. Je dois le dire à la CAF. Comme ça, je reçois le bon argent.",
        "themes": ["acces-aux-droits"],
        "audiences": ["tout-public"],
        "formats": ["falc"],
        "partners": ["caf-accueil-saint-aubin", "france-services-brecy"],
        "reviewed": 15,
        "documents": [
            (
                "Prévenir la CAF – version facile à lire",
                [
                    "Prevenir la CAF quand ma vie change",
                    "",
                    "Je change d'adresse : je le dis a la CAF.",
                    "J'ai un nouveau travail : je le dis a la CAF.",
                    "J'ai un bebe : je le dis a la CAF.",
                    "",
                    "Je peux demander de l'aide a France services.",
                ],
            )
        ],
        "body": [
            para("La CAF me donne de l'argent.", "Par exemple pour mon loyer ou pour mes enfants."),
            heading("Quand dois-je prévenir la CAF ?"),
            bullets(
                "Je change d'adresse.",
                "Je trouve un travail ou je perds mon travail.",
                "J'ai un bébé.",
                "Je vis en couple ou je me sépare.",
            ),
            heading("Comment faire ?"),
            para("Je vais sur le site de la CAF.", "Ou je vais à France services. Une personne m'aide."),
            callout("info", "", "Si je ne préviens pas, je devrai peut-être rendre de l'argent."),
        ],
    },
    {
        "slug": "vos-droits-caf-quand-votre-situation-change",
        "title": "Vos droits CAF : ce qui change quand votre situation change",
        "summary": (
            "Déménagement, naissance, nouvel emploi, séparation : quand et comment le déclarer à la CAF pour "
            "toucher le bon montant et éviter de devoir rembourser."
        ),
        "themes": ["acces-aux-droits"],
        "audiences": ["familles", "tout-public"],
        "formats": ["fiche-pratique"],
        "easy_read": "prevenir-la-caf-facile-a-lire",
        "partners": ["caf-accueil-saint-aubin", "france-services-brecy"],
        "events": ["permanence-acces-aux-droits-caf", "en-ligne-declarer-ses-ressources-caf"],
        "featured": True,
        "reviewed": 15,
        "documents": [
            (
                "Fiche « Changement de situation : que déclarer ? »",
                [
                    "Changement de situation : que declarer a la CAF ?",
                    "",
                    "- Demenagement : nouvelle adresse et nouveau loyer.",
                    "- Naissance ou adoption : dans le mois.",
                    "- Reprise ou perte d'emploi : dans le mois.",
                    "- Vie en couple ou separation : des que possible.",
                    "",
                    "Declaration trimestrielle pour le RSA et la prime d'activite.",
                ],
            )
        ],
        "body": [
            para(
                "Les aides de la CAF sont calculées selon votre situation : vos revenus, votre famille, votre "
                "logement. Quand elle change, vos droits changent aussi."
            ),
            steps(
                "Déclarer un changement",
                ("Connectez-vous à votre espace sur le site de la CAF", "Rubrique « Déclarer un changement »."),
                ("Choisissez le changement et suivez les étapes", "Gardez vos justificatifs à portée de main."),
                ("Vérifiez le nouveau montant", "Il apparaît en général le mois suivant."),
            ),
            callout(
                "warning",
                "",
                "Un changement déclaré en retard peut créer un « indu » : une somme à rembourser. "
                "En cas de difficulté, un échéancier peut être demandé.",
            ),
            CIAS_CONTACT,
        ],
    },
    {
        "slug": "demarches-en-ligne-qui-peut-m-aider",
        "title": "Faire ses démarches en ligne : qui peut m'aider ?",
        "summary": (
            "Une affiche qui présente les lieux où l'on peut être aidé gratuitement pour ses démarches sur "
            "internet, commune par commune."
        ),
        "themes": ["acces-aux-droits"],
        "audiences": ["tout-public", "seniors"],
        "formats": ["affiche", "grands-caracteres"],
        "partners": ["france-services-brecy", "cias-des-trois-vallons"],
        "events": ["atelier-numerique-demarches-sante"],
        "reviewed": 40,
        "documents": [
            (
                "Affiche « Besoin d'aide pour vos démarches en ligne ? »",
                [
                    "Besoin d'aide pour vos demarches en ligne ?",
                    "",
                    "Brecy-la-Riviere : France services, du lundi au vendredi.",
                    "Saint-Aubin-des-Vallons : Maison des solidarites.",
                    "Montferrand-sur-Yvre : mediatheque, le samedi matin.",
                    "",
                    "Gratuit. Apportez vos identifiants et vos papiers.",
                ],
            )
        ],
        "body": [
            bullets(
                "Brécy-la-Rivière : Espace France services, du lundi au vendredi.",
                "Saint-Aubin-des-Vallons : Maison des solidarités, sur rendez-vous.",
                "Montferrand-sur-Yvre : médiathèque du Moulin, le samedi matin.",
            ),
            callout("tip", "", "Apportez vos identifiants, votre téléphone et vos papiers : c'est plus rapide."),
        ],
    },
    {
        "slug": "point-justice-un-conseil-gratuit",
        "title": "Le Point-justice : un conseil juridique gratuit",
        "summary": (
            "Un avocat ou un juriste vous reçoit gratuitement près de chez vous. Fiche traduite en anglais, "
            "en arabe et en turc."
        ),
        "themes": ["acces-aux-droits"],
        "audiences": ["tout-public", "familles"],
        "formats": ["fiche-pratique", "traduction"],
        "partners": ["point-justice-brecy", "centre-information-droits-des-femmes-et-des-familles"],
        "events": ["journee-acces-aux-droits"],
        "reviewed": 75,
        "documents": [
            (
                "Point-justice – fiche en anglais",
                [
                    "Point-justice: free legal advice",
                    "",
                    "A lawyer can meet you for free in Brecy-la-Riviere.",
                    "First and third Thursday of the month, 2 pm - 5 pm.",
                    "Phone: 03 53 01 71 00",
                ],
            )
        ],
        "body": [
            para(
                "Séparation, dettes, litige avec un propriétaire, un voisin ou un employeur : un professionnel du "
                "droit vous écoute et vous explique vos droits et les démarches possibles."
            ),
            faq(
                "Questions fréquentes",
                ("C'est vraiment gratuit ?", "Oui, le conseil est gratuit et confidentiel."),
                ("Faut-il apporter des papiers ?", "Oui : tous les courriers et documents liés à votre question."),
            ),
        ],
    },
    # --- Santé et handicap -------------------------------------------------------------------------
    {
        "slug": "aide-pour-payer-ses-soins-facile-a-lire",
        "title": "Avoir une aide pour payer ses soins (facile à lire)",
        "summary": "Je n'ai pas beaucoup d'argent. Je peux avoir une aide pour payer le médecin et les médicaments.",
        "themes": ["sante-handicap", "acces-aux-droits"],
        "audiences": ["tout-public"],
        "formats": ["falc"],
        "partners": ["france-services-brecy"],
        "reviewed": 25,
        "body": [
            para("Cette aide s'appelle la complémentaire santé solidaire."),
            para("Avec cette aide, je ne paie pas le médecin.", "Je ne paie pas les médicaments."),
            heading("Comment avoir cette aide ?"),
            bullets(
                "Je remplis un dossier.",
                "Je donne le dossier à l'assurance maladie.",
                "Une personne de France services peut m'aider.",
            ),
        ],
    },
    {
        "slug": "la-complementaire-sante-solidaire",
        "title": "La complémentaire santé solidaire",
        "summary": (
            "Une aide pour payer ses dépenses de santé quand on a de faibles revenus : qui y a droit, combien "
            "elle coûte et comment la demander."
        ),
        "themes": ["sante-handicap", "acces-aux-droits"],
        "audiences": ["tout-public", "familles", "seniors"],
        "formats": ["fiche-pratique", "grands-caracteres"],
        "easy_read": "aide-pour-payer-ses-soins-facile-a-lire",
        "partners": ["france-services-brecy", "maison-de-sante-de-marcilly"],
        "reviewed": 25,
        "documents": [
            (
                "Complémentaire santé solidaire – grands caractères",
                [
                    "La complementaire sante solidaire",
                    "",
                    "Gratuite ou moins de 1 euro par jour,",
                    "selon vos revenus.",
                    "",
                    "Demande en ligne ou a l'accueil",
                    "de l'assurance maladie.",
                ],
            )
        ],
        "body": [
            para(
                "La complémentaire santé solidaire prend en charge la part des soins que l'assurance maladie ne "
                "rembourse pas : consultations, médicaments, lunettes, prothèses dentaires, hôpital."
            ),
            bullets(
                "Gratuite si vos revenus sont très faibles.",
                "Moins de 1 € par jour et par personne au-dessus.",
                "Accordée pour un an, à renouveler.",
            ),
            steps(
                "La demander",
                ("Faites une simulation sur le site de l'assurance maladie", ""),
                (
                    "Remplissez la demande en ligne ou sur papier",
                    "Les conseillères de France services peuvent vous aider.",
                ),
            ),
        ],
    },
    {
        "slug": "sante-mentale-a-qui-parler",
        "title": "Santé mentale : à qui parler quand ça ne va pas ?",
        "summary": (
            "Fatigue qui ne passe pas, idées noires, angoisse : les professionnels et les lignes d'écoute à "
            "contacter, sur le territoire et par téléphone."
        ),
        "themes": ["sante-handicap"],
        "audiences": ["tout-public", "jeunes"],
        "formats": ["guide"],
        "partners": ["centre-medico-psychologique", "maison-de-sante-de-marcilly"],
        "events": ["forum-sante-mentale"],
        "featured": True,
        "reviewed": 10,
        "body": [
            callout(
                "warning",
                "En cas d'urgence",
                "Si vous pensez au suicide, appelez le 3114 (gratuit, 24 h sur 24), ou le 15.",
            ),
            para(
                "Tout le monde peut traverser une période difficile. En parler tôt aide à aller mieux. "
                "Votre médecin traitant est souvent la première personne à voir."
            ),
            bullets(
                "Le centre médico-psychologique de Montferrand : consultations gratuites.",
                "Mon soutien psy : des séances chez un psychologue remboursées, sur conseil du médecin.",
                "Pour les jeunes : la Maison des adolescents, sans rendez-vous.",
            ),
        ],
    },
    {
        "slug": "demander-la-reconnaissance-du-handicap",
        "title": "Demander la reconnaissance du handicap",
        "summary": (
            "Le dossier MDPH expliqué pas à pas, avec une vidéo en langue des signes française (LSF) sous-titrée."
        ),
        "themes": ["sante-handicap", "acces-aux-droits"],
        "audiences": ["tout-public", "familles", "aidants"],
        "formats": ["video-lsf", "fiche-pratique"],
        "partners": ["maison-departementale-des-solidarites"],
        "events": ["rencontre-enfant-en-situation-de-handicap"],
        "reviewed": 50,
        "body": [
            video(
                "Le dossier MDPH en langue des signes",
                "https://videos.cias-trois-vallons.example/mdph-lsf",
                "6 min",
                "Une interprète explique en LSF comment remplir le dossier de la maison départementale des "
                "personnes handicapées (MDPH).",
                "Le formulaire de demande, le certificat médical de moins d'un an, une pièce d'identité et un "
                "justificatif de domicile sont obligatoires.",
                "La réponse arrive en quatre mois environ. Vous pouvez demander de l'aide au CIAS pour remplir le "
                "dossier.",
            ),
            steps(
                "Les étapes",
                ("Demandez le certificat médical à votre médecin", "Il doit avoir moins d'un an."),
                ("Remplissez le formulaire de demande", "Décrivez votre vie de tous les jours : c'est important."),
                ("Envoyez le dossier complet à la MDPH", "Gardez une copie de tout."),
            ),
        ],
    },
    # --- Aidants -----------------------------------------------------------------------------------
    {
        "slug": "je-m-occupe-d-un-proche-facile-a-lire",
        "title": "Je m'occupe d'un proche : je peux être aidé (facile à lire)",
        "summary": "J'aide une personne de ma famille tous les jours. Je suis un aidant. Moi aussi, je peux être aidé.",
        "themes": ["aidants"],
        "audiences": ["aidants"],
        "formats": ["falc"],
        "partners": ["relais-des-aidants"],
        "reviewed": 35,
        "body": [
            para("Je suis fatigué.", "C'est normal.", "Je peux en parler."),
            heading("Qui peut m'aider ?"),
            bullets(
                "Le Relais des aidants. Je peux téléphoner.",
                "Le CIAS. Je peux venir à l'accueil.",
                "Mon médecin.",
            ),
            para("Je peux me reposer.", "Une autre personne s'occupe de mon proche pendant ce temps."),
        ],
    },
    {
        "slug": "aidant-prendre-soin-de-soi",
        "title": "Aidant : prendre soin de soi aussi",
        "summary": (
            "Vous aidez un proche malade, âgé ou handicapé ? Ce guide vous aide à repérer la fatigue, à vous faire "
            "aider et à prendre du temps pour vous."
        ),
        "themes": ["aidants", "sante-handicap"],
        "audiences": ["aidants"],
        "formats": ["guide"],
        "easy_read": "je-m-occupe-d-un-proche-facile-a-lire",
        "partners": ["relais-des-aidants", "cias-des-trois-vallons"],
        "events": ["groupe-d-echange-entre-aidants", "journee-des-aidants", "cafe-des-aidants-fatigue-et-sommeil"],
        "featured": True,
        "reviewed": 35,
        "documents": [
            (
                "Guide de l'aidant des Trois Vallons",
                [
                    "Guide de l'aidant des Trois Vallons",
                    "",
                    "1. Reperer la fatigue : sommeil, irritabilite, isolement.",
                    "2. En parler : Relais des aidants, 03 53 01 72 00.",
                    "3. Souffler : accueil de jour, garde a domicile, sejour de repit.",
                    "4. Connaitre ses droits : conge de proche aidant, APA, PCH.",
                ],
            )
        ],
        "body": [
            para(
                "En France, plus de 9 millions de personnes aident un proche. Beaucoup ne se reconnaissent pas "
                "comme « aidants » et attendent d'être épuisées pour demander de l'aide."
            ),
            heading("Les signes qui doivent alerter"),
            bullets(
                "Vous dormez mal et vous êtes fatigué en permanence.",
                "Vous n'avez plus de temps pour vous, vous voyez moins vos amis.",
                "Vous vous sentez irritable ou triste.",
            ),
            callout("tip", "", "Demander de l'aide, ce n'est pas abandonner son proche : c'est tenir dans la durée."),
            faq(
                "Questions fréquentes",
                (
                    "Ai-je droit à un congé ?",
                    "Oui, le congé de proche aidant permet d'arrêter de travailler pour "
                    "une durée limitée, avec une allocation de la CAF.",
                ),
                (
                    "Qui garde mon proche si je m'absente ?",
                    "L'accueil de jour ou une garde à domicile : le Relais "
                    "des aidants vous aide à trouver une solution.",
                ),
            ),
        ],
    },
    {
        "slug": "l-allocation-personnalisee-d-autonomie",
        "title": "L'allocation personnalisée d'autonomie (APA)",
        "summary": (
            "Une aide du Département pour les personnes de 60 ans et plus qui ont besoin d'aide au quotidien : "
            "pour payer une aide à domicile ou une place en établissement."
        ),
        "themes": ["aidants", "sante-handicap"],
        "audiences": ["seniors", "aidants"],
        "formats": ["fiche-pratique", "grands-caracteres"],
        "partners": ["maison-departementale-des-solidarites", "cias-des-trois-vallons"],
        "events": ["reunion-information-apa"],
        "reviewed": 55,
        "body": [
            para(
                "L'APA aide à payer les services dont une personne âgée a besoin pour rester chez elle : aide à "
                "domicile, portage de repas, téléassistance, accueil de jour."
            ),
            steps(
                "Faire la demande",
                ("Retirez le dossier", "Au CIAS ou à la Maison départementale des solidarités."),
                ("Renvoyez-le complet", "Avec l'avis d'imposition et un justificatif de domicile."),
                ("Recevez la visite d'un évaluateur", "Il évalue les besoins avec la personne et sa famille."),
            ),
            CIAS_CONTACT,
        ],
    },
    {
        "slug": "le-droit-au-repit",
        "title": "Le droit au répit des aidants",
        "summary": (
            "Un épisode audio de 8 minutes : accueil de jour, hébergement temporaire, relais à domicile, "
            "les solutions pour souffler quelques heures ou quelques jours."
        ),
        "themes": ["aidants"],
        "audiences": ["aidants"],
        "formats": ["audio"],
        "partners": ["relais-des-aidants"],
        "reviewed": 100,
        "body": [
            para(
                "Écoutez l'épisode : "
                '<a href="https://podcasts.cias-trois-vallons.example/repit">Le droit au répit</a> (8 minutes).'
            ),
            heading("Transcription"),
            para(
                "Michel, 72 ans, aide sa femme atteinte de la maladie d'Alzheimer : « L'accueil de jour deux fois "
                "par semaine, ça m'a sauvé. Je fais mes courses, je vois mes amis, et je suis plus patient. »",
                "La coordinatrice du Relais des aidants : « Le répit peut être financé en partie par l'APA. "
                "Appelez-nous, on regarde ensemble. »",
            ),
        ],
    },
    # --- Budget ------------------------------------------------------------------------------------
    {
        "slug": "faire-son-budget-du-mois",
        "title": "Faire son budget du mois",
        "summary": (
            "Une méthode simple en quatre étapes et un tableau à imprimer pour savoir où va l'argent et "
            "éviter les fins de mois difficiles."
        ),
        "themes": ["budget"],
        "audiences": ["tout-public", "familles", "jeunes"],
        "formats": ["fiche-pratique"],
        "partners": ["cias-des-trois-vallons", "epicerie-solidaire-le-panier-des-vallons"],
        "events": ["atelier-budget-faire-ses-courses-malin"],
        "reviewed": 20,
        "documents": [
            (
                "Tableau de budget mensuel à imprimer",
                [
                    "Mon budget du mois",
                    "",
                    "Ce qui rentre : salaire, aides, pensions ........ euros",
                    "Ce qui sort chaque mois : loyer, energie, assurance ........ euros",
                    "Courses et transport ........ euros",
                    "Reste pour les imprevus ........ euros",
                ],
            )
        ],
        "body": [
            steps(
                "Quatre étapes",
                ("Notez tout ce qui rentre", "Salaire, aides de la CAF, pension, chômage."),
                ("Notez les dépenses fixes", "Loyer, énergie, assurances, abonnements, crédits."),
                ("Calculez ce qui reste", "C'est ce que vous pouvez dépenser pour les courses et le reste."),
                ("Mettez un peu de côté", "Même 10 € par mois : cela aide en cas de coup dur."),
            ),
            callout("tip", "", "Le point conseil budget du CIAS vous aide gratuitement, sur rendez-vous."),
        ],
    },
    {
        "slug": "reduire-ses-factures-d-energie",
        "title": "Réduire ses factures d'énergie",
        "summary": (
            "Des gestes simples pour consommer moins, le chèque énergie et les aides si vous ne pouvez plus "
            "payer vos factures. Affiche et vidéo."
        ),
        "themes": ["budget", "logement"],
        "audiences": ["tout-public", "familles"],
        "formats": ["affiche", "video"],
        "partners": ["cias-des-trois-vallons", "vallons-habitat"],
        "events": ["atelier-budget-factures-d-energie"],
        "reviewed": 65,
        "documents": [
            (
                "Affiche « 10 gestes pour baisser ses factures »",
                [
                    "10 gestes pour baisser ses factures",
                    "",
                    "19 degres dans le salon, 17 dans les chambres.",
                    "Couvercle sur la casserole.",
                    "Eteindre les appareils en veille.",
                    "Douche plutot que bain.",
                ],
            )
        ],
        "body": [
            video(
                "Trois gestes pour baisser sa facture",
                "https://videos.cias-trois-vallons.example/energie",
                "3 min",
                "Une conseillère énergie montre trois gestes simples dans une cuisine.",
                "Un : mettre un couvercle sur la casserole, l'eau bout deux fois plus vite.",
                "Deux : baisser le chauffage d'un degré, c'est 7 % d'économie.",
                "Trois : éteindre les appareils en veille avec une multiprise à interrupteur.",
            ),
            callout(
                "info",
                "Vous ne pouvez plus payer ?",
                "Contactez votre fournisseur pour un échéancier, et le CIAS pour une aide ponctuelle.",
            ),
        ],
    },
    {
        "slug": "l-epicerie-solidaire",
        "title": "L'épicerie solidaire : comment ça marche ?",
        "summary": (
            "Faire ses courses à petit prix pendant quelques mois, le temps de retrouver un équilibre. "
            "Fiche traduite en anglais."
        ),
        "themes": ["budget"],
        "audiences": ["familles", "tout-public"],
        "formats": ["fiche-pratique", "traduction"],
        "partners": ["epicerie-solidaire-le-panier-des-vallons", "cias-des-trois-vallons"],
        "events": ["atelier-cuisine-petit-budget"],
        "reviewed": 80,
        "body": [
            para(
                "L'épicerie solidaire vend des produits alimentaires, d'hygiène et d'entretien à 10 à 30 % de "
                "leur prix habituel."
            ),
            steps(
                "Y avoir accès",
                ("Parlez-en à un travailleur social", "Au CIAS ou à la Maison départementale des solidarités."),
                ("Votre dossier passe en commission", "La réponse arrive en une semaine."),
                ("Faites vos courses pendant 3 à 6 mois", "Avec un petit projet : payer une dette, un permis…"),
            ),
            para("In English: the solidarity grocery sells food at low prices. Ask a social worker at the CIAS."),
        ],
    },
    # --- Logement ----------------------------------------------------------------------------------
    {
        "slug": "louer-un-logement-les-aides",
        "title": "Louer un logement : les aides à connaître",
        "summary": (
            "Dépôt de garantie, caution, aide au logement, premier loyer : les aides qui existent pour entrer "
            "dans un logement, surtout quand on est jeune."
        ),
        "themes": ["logement", "jeunesse"],
        "audiences": ["jeunes", "familles"],
        "formats": ["guide"],
        "partners": ["permanence-information-logement", "vallons-habitat", "point-information-jeunesse"],
        "events": ["rencontre-jeunes-premier-logement", "reunion-information-droits-des-locataires"],
        "reviewed": 30,
        "body": [
            bullets(
                "L'aide au logement de la CAF : à demander dès la signature du bail.",
                "La garantie Visale : une caution gratuite pour les moins de 30 ans.",
                "L'avance Loca-Pass : un prêt sans intérêt pour le dépôt de garantie.",
                "Le fonds de solidarité logement : une aide du Département pour entrer dans les lieux.",
            ),
            faq(
                "Questions fréquentes",
                ("Le propriétaire peut-il demander un garant ?", "Oui, mais la garantie Visale peut le remplacer."),
                ("Combien de temps pour avoir l'aide au logement ?", "Environ deux mois après la demande."),
            ),
        ],
    },
    {
        "slug": "adapter-son-logement-quand-on-vieillit",
        "title": "Adapter son logement quand on vieillit",
        "summary": (
            "Douche à l'italienne, barres d'appui, monte-escalier : les travaux qui évitent les chutes et les "
            "aides pour les financer. Fiche en grands caractères."
        ),
        "themes": ["logement", "aidants"],
        "audiences": ["seniors", "aidants"],
        "formats": ["fiche-pratique", "grands-caracteres"],
        "partners": ["permanence-information-logement", "relais-des-aidants"],
        "events": ["reunion-information-adapter-son-logement"],
        "reviewed": 70,
        "body": [
            para(
                "Une chute à la maison peut faire perdre son autonomie. Quelques travaux simples permettent de "
                "rester chez soi plus longtemps, en sécurité."
            ),
            bullets(
                "Remplacer la baignoire par une douche de plain-pied.",
                "Poser des barres d'appui dans les toilettes et la salle de bain.",
                "Éclairer les couloirs et les escaliers, avec des détecteurs de mouvement.",
            ),
            callout("tip", "", "Une ergothérapeute peut venir chez vous gratuitement pour conseiller les travaux."),
        ],
    },
    # --- Jeunesse ----------------------------------------------------------------------------------
    {
        "slug": "passer-le-permis-avec-l-aide-du-cias",
        "title": "Passer le permis de conduire avec l'aide du CIAS",
        "summary": (
            "Pour les 18-25 ans : une partie du permis financée en échange d'heures de bénévolat. "
            "Vidéo en langue des signes et fiche pratique."
        ),
        "themes": ["jeunesse"],
        "audiences": ["jeunes"],
        "formats": ["fiche-pratique", "video-lsf"],
        "partners": ["point-information-jeunesse", "mission-locale-des-vallons"],
        "events": ["rencontre-jeunes-permis-de-conduire"],
        "reviewed": 45,
        "body": [
            video(
                "L'aide au permis expliquée en langue des signes",
                "https://videos.cias-trois-vallons.example/permis-lsf",
                "3 min",
                "Une interprète présente l'aide au permis du CIAS en langue des signes française.",
                "Le CIAS paie jusqu'à 600 euros du permis. En échange, le jeune donne 40 heures de bénévolat dans "
                "une association du territoire.",
                "Le dossier se retire au Point information jeunesse.",
            ),
            steps(
                "Les étapes",
                ("Retirez le dossier au Point information jeunesse", ""),
                ("Passez un entretien avec la commission", "Elle se réunit tous les deux mois."),
                ("Faites vos heures de bénévolat", "Dans une association de votre choix."),
            ),
        ],
    },
    {
        "slug": "16-25-ans-trouver-une-formation-ou-un-emploi",
        "title": "16-25 ans : trouver une formation ou un emploi",
        "summary": (
            "Vous avez quitté l'école, avec ou sans diplôme ? La mission locale et le Point information jeunesse "
            "vous aident à construire votre projet."
        ),
        "themes": ["jeunesse"],
        "audiences": ["jeunes"],
        "formats": ["guide"],
        "partners": ["mission-locale-des-vallons", "point-information-jeunesse"],
        "events": ["rencontre-jeunes-et-familles-apres-le-lycee"],
        "reviewed": 60,
        "body": [
            para(
                "Un conseiller de la mission locale fait le point avec vous : ce que vous aimez, ce que vous savez "
                "faire, les métiers qui recrutent près de chez vous."
            ),
            bullets(
                "Le contrat d'engagement jeune : un accompagnement intensif et jusqu'à 500 € par mois.",
                "L'apprentissage : une formation payée, en alternance avec une entreprise.",
                "Le service civique : 6 à 12 mois dans une association ou une collectivité.",
            ),
        ],
    },
]

# Fields of a resource spec that are not page fields.
SPEC_KEYS = {"themes", "audiences", "formats", "partners", "events", "documents", "easy_read", "reviewed", "body"}
PARTNER_SPEC_KEYS = {"themes", "audiences", "commune"}


def _pdf_text(text):
    """A string for a PDF text object: Windows-1252 bytes with (, ) and \\ escaped."""
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return escaped.encode("cp1252", errors="replace")


def simple_pdf(lines):
    """A minimal, valid one-page A4 PDF showing `lines` in Helvetica (no dependency needed)."""
    content = b"BT /F1 13 Tf 18 TL 72 770 Td "
    for number, line in enumerate(lines):
        size = b"/F1 18 Tf " if number == 0 else b"/F1 13 Tf "
        content += size + b"(" + _pdf_text(line) + b") Tj T* "
    content += b"ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    pdf = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += f"xref\n0 {len(objects) + 1}\n".encode() + b"0000000000 65535 f \n"
    pdf += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    pdf += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return pdf


def ensure_document(title, lines, created):
    document = Document.objects.filter(title=title).first()
    if document is None:
        name = f"{slugify(title)[:60]}.pdf"
        document = Document(title=title)
        document.file.save(name, ContentFile(simple_pdf(lines)), save=False)
        document.save()
        created.append(title)
    return document


def seed(home):
    """Create the formats, both index pages, the partners and the resources that are missing."""
    created = []
    with translation.override("fr"):
        formats = {}
        for order, (name, slug) in enumerate(FORMAT_ROWS):
            resource_format, was_created = ResourceFormat.objects.get_or_create(
                slug=slug, defaults={"name": name, "sort_order": order}
            )
            formats[slug] = resource_format
            if was_created:
                created.append(name)
        themes = {theme.slug: theme for theme in Theme.objects.all()}
        audiences = {audience.slug: audience for audience in Audience.objects.all()}
        # The listing first, then the directory: the menu shows them in tree order.
        index = ensure_index(home, ResourceIndexPage, "ressources", "Ressources", RESOURCES_INTRODUCTION, created)
        directory = ensure_index(
            home, PartnerIndexPage, "annuaire", "Annuaire des partenaires", PARTNERS_INTRODUCTION, created
        )
        partners = seed_partners(directory, themes, audiences, created)
        seed_resources(index, themes, audiences, formats, partners, created)
    return created


def ensure_index(home, model, slug, title, introduction, created):
    page, was_created = ensure_page(home, model, slug, title=title, introduction=introduction, show_in_menus=True)
    if was_created:
        created.append(page.title)
    return page


def seed_partners(directory, themes, audiences, created):
    communes = {commune.slug: commune for commune in Commune.objects.all()}
    existing = {page.slug: page for page in PartnerPage.objects.child_of(directory)}
    for spec in PARTNERS:
        if spec["slug"] in existing:
            continue
        fields = {key: value for key, value in spec.items() if key not in PARTNER_SPEC_KEYS}
        page = PartnerPage(
            **fields, commune=communes.get(spec["commune"]), search_description=spec["description"][:250]
        )
        directory.add_child(instance=page)
        page.themes.set([themes[slug] for slug in spec["themes"]])
        page.audiences.set([audiences[slug] for slug in spec["audiences"]])
        page.save_revision().publish()
        existing[page.slug] = page
        created.append(page.title)
    return existing


def seed_resources(index, themes, audiences, formats, partners, created):
    existing = {page.slug: page for page in ResourcePage.objects.child_of(index)}
    today = timezone.localdate()
    for spec in RESOURCES:
        if spec["slug"] in existing:
            continue
        fields = {key: value for key, value in spec.items() if key not in SPEC_KEYS}
        page = ResourcePage(
            **fields,
            body=_stream(*spec["body"]),
            search_description=spec["summary"][:250],
            last_reviewed=today - timedelta(days=spec.get("reviewed", 30)),
            easy_read_version=existing.get(spec.get("easy_read")),
        )
        page.documents = [
            ResourceDocument(document=ensure_document(title, lines, created), sort_order=order)
            for order, (title, lines) in enumerate(spec.get("documents", []))
        ]
        index.add_child(instance=page)
        page.themes.set([themes[slug] for slug in spec["themes"]])
        page.audiences.set([audiences[slug] for slug in spec["audiences"]])
        page.formats.set([formats[slug] for slug in spec["formats"]])
        page.related_partners.set([partners[slug] for slug in spec.get("partners", [])])
        page.related_events.set(EventPage.objects.filter(slug__in=spec.get("events", [])))
        page.save_revision().publish()
        existing[page.slug] = page
        created.append(page.title)
