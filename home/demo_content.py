"""Texts of the demo site: a fictional "communauté de communes" and its CIAS.

The organisation, its address and its phone numbers are invented (the phone numbers are in
the ranges that ARCEP reserves for fiction; the e-mail domain is a reserved `.example`).
"""

import json

ORG = {
    "name": "CIAS des Trois Vallons",
    "short_name": "CIAS des Trois Vallons",
    "tagline": "Centre intercommunal d'action sociale – Communauté de communes des Trois Vallons",
    "logo_title": "Logo du CIAS des Trois Vallons",
    "address": "Maison des solidarités\n12 rue des Tanneurs\n71990 Saint-Aubin-des-Vallons",
    "phone": "03 53 01 42 10",
    "email": "accueil@cias-trois-vallons.example",
    "opening_hours": "Du lundi au vendredi : 9 h – 12 h et 13 h 30 – 17 h\nFermé le jeudi après-midi",
    "dpo": (
        "Délégué à la protection des données de la Communauté de communes des Trois Vallons\n"
        "12 rue des Tanneurs, 71990 Saint-Aubin-des-Vallons\n"
        "dpo@cc-trois-vallons.example"
    ),
}

# (name, slug, postcode): the eight communes of the fictional territory.
COMMUNE_ROWS = [
    ("Saint-Aubin-des-Vallons", "saint-aubin-des-vallons", "71990"),
    ("Montferrand-sur-Yvre", "montferrand-sur-yvre", "71991"),
    ("Villiers-les-Ormes", "villiers-les-ormes", "71992"),
    ("Brécy-la-Rivière", "brecy-la-riviere", "71993"),
    ("Les Aulnaies", "les-aulnaies", "71994"),
    ("Sainte-Colombe-du-Val", "sainte-colombe-du-val", "71995"),
    ("Chaumont-les-Vignes", "chaumont-les-vignes", "71996"),
    ("Marcilly-sur-Loise", "marcilly-sur-loise", "71997"),
]
COMMUNES = [name for name, _slug, _postcode in COMMUNE_ROWS]

# (name, slug, description): the themes of the action sheet, and a few everyday ones.
THEME_ROWS = [
    ("Parentalité et relations familiales", "parentalite", "Être parent, les relations dans la famille."),
    ("Accès aux droits et démarches", "acces-aux-droits", "Connaître ses droits, faire ses démarches."),
    ("Santé physique, mentale et handicap", "sante-handicap", "Prendre soin de soi, vivre avec un handicap."),
    ("Aidants", "aidants", "Accompagner un proche malade, âgé ou handicapé."),
    ("Budget et vie quotidienne", "budget", "Gérer son budget, l'énergie, l'alimentation."),
    ("Logement", "logement", "Trouver, garder ou adapter son logement."),
    ("Jeunesse", "jeunesse", "Formation, emploi, permis, logement des jeunes."),
]

AUDIENCE_ROWS = [
    ("Parents", "parents"),
    ("Aidants", "aidants"),
    ("Jeunes (16-25 ans)", "jeunes"),
    ("Familles", "familles"),
    ("Personnes âgées", "seniors"),
    ("Professionnels", "professionnels"),
    ("Tout public", "tout-public"),
]

HOME = {
    "title": "Accueil",
    "seo_title": "Accueil",
    "hero_title": "Le CIAS des Trois Vallons à vos côtés",
    "hero_text": (
        "Informations pratiques, rencontres près de chez vous et aide pour vos démarches : "
        "le centre intercommunal d'action sociale accompagne les habitants des 8 communes."
    ),
}


def _stream(*blocks):
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def _p(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def _ul(*items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


CONTACT_BLOCK = (
    "contact",
    {
        "name": "Accueil du CIAS – Maison des solidarités",
        "address": "12 rue des Tanneurs\n71990 Saint-Aubin-des-Vallons",
        "phone": ORG["phone"],
        "email": ORG["email"],
        "hours": ORG["opening_hours"],
    },
)

STANDARD_PAGES = [
    {
        "slug": "le-cias",
        "title": "Le CIAS",
        "menu": True,
        "introduction": (
            "Le CIAS aide les habitants des Trois Vallons à faire valoir leurs droits, "
            "à traverser une période difficile et à trouver du soutien près de chez eux."
        ),
        "body": _stream(
            ("heading", {"text": "Qui sommes-nous ?", "level": "h2"}),
            (
                "paragraph",
                _p(
                    "Le centre intercommunal d'action sociale (CIAS) est un service public. "
                    "Il agit pour les 8 communes de la Communauté de communes des Trois Vallons.",
                    "Notre équipe vous écoute, vous informe et vous oriente. "
                    "Nous travaillons avec la CAF, le Conseil départemental, France services "
                    "et les associations du territoire.",
                ),
            ),
            (
                "callout",
                {
                    "kind": "info",
                    "title": "Vos démarches restent confidentielles",
                    "text": _p(
                        "Ce que vous nous confiez reste entre vous et le professionnel qui vous reçoit. "
                        "Chaque demande est traitée avec respect, sans jugement."
                    ),
                },
            ),
            ("heading", {"text": "Les communes du territoire", "level": "h2"}),
            ("paragraph", _ul(*COMMUNES)),
            (
                "accordion",
                {
                    "title": "Questions fréquentes",
                    "items": [
                        {
                            "question": "Qui peut s'adresser au CIAS ?",
                            "answer": _p(
                                "Toute personne qui habite l'une des 8 communes, quel que soit son âge ou sa situation."
                            ),
                        },
                        {
                            "question": "Faut-il prendre rendez-vous ?",
                            "answer": _p(
                                "L'accueil est ouvert sans rendez-vous aux horaires d'ouverture. "
                                "Pour un entretien avec un travailleur social, il vaut mieux prendre "
                                "rendez-vous."
                            ),
                        },
                        {
                            "question": "Est-ce payant ?",
                            "answer": _p("Non. L'accueil, l'information et l'accompagnement sont gratuits."),
                        },
                    ],
                },
            ),
            CONTACT_BLOCK,
        ),
        "children": [
            {
                "slug": "nos-missions",
                "title": "Nos missions",
                "introduction": (
                    "Aide sociale, aides d'urgence, accompagnement : ce que le CIAS peut faire pour vous."
                ),
                "body": _stream(
                    ("heading", {"text": "Vous aider à obtenir vos droits", "level": "h2"}),
                    (
                        "paragraph",
                        _p(
                            "Nous vous aidons à remplir les dossiers d'aide sociale : aide à domicile, "
                            "hébergement des personnes âgées ou handicapées, couverture santé."
                        ),
                    ),
                    ("heading", {"text": "Vous soutenir en cas de coup dur", "level": "h2"}),
                    (
                        "paragraph",
                        _p(
                            "En cas de difficulté urgente (facture d'énergie, alimentation, perte de revenus), "
                            "une aide ponctuelle peut être étudiée. Elle dépend de vos ressources et de votre "
                            "situation familiale (quotient familial)."
                        ),
                    ),
                    ("heading", {"text": "Aller vers les habitants", "level": "h2"}),
                    (
                        "paragraph",
                        _p(
                            "Nous tenons des permanences dans les mairies et nous pouvons venir chez vous "
                            "si vous ne pouvez pas vous déplacer."
                        ),
                    ),
                ),
            },
            {
                "slug": "aides-et-accompagnement",
                "title": "Aides et accompagnement",
                "introduction": (
                    "Microcrédit, épicerie solidaire, aide au permis de conduire, jardins familiaux : "
                    "les coups de pouce proposés sur le territoire."
                ),
                "body": _stream(
                    ("heading", {"text": "Le microcrédit personnel", "level": "h2"}),
                    (
                        "paragraph",
                        _p(
                            "Un petit prêt, avec un accompagnement, pour un projet utile : réparer sa voiture, "
                            "passer une formation, s'équiper pour un logement."
                        ),
                    ),
                    ("heading", {"text": "L'épicerie solidaire", "level": "h2"}),
                    (
                        "paragraph",
                        _p(
                            "Des produits du quotidien à petit prix, pour quelques mois, "
                            "le temps de retrouver un équilibre."
                        ),
                    ),
                    ("heading", {"text": "L'aide au permis de conduire", "level": "h2"}),
                    (
                        "paragraph",
                        _p(
                            "Pour les jeunes de 18 à 25 ans : une partie du permis est financée "
                            "en échange d'heures de bénévolat dans une association."
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "tip",
                            "title": "",
                            "text": _p(
                                "Vous ne savez pas à quoi vous avez droit ? Venez en parler à l'accueil : "
                                "nous faisons le point ensemble."
                            ),
                        },
                    ),
                ),
            },
        ],
    },
    {
        "slug": "accessibilite",
        "title": "Accessibilité",
        "introduction": "Notre engagement pour que ce site soit utilisable par toutes et tous.",
        "body": _stream(
            (
                "paragraph",
                _p(
                    "Le CIAS des Trois Vallons s'engage à rendre son site internet accessible, "
                    "conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.",
                ),
            ),
            ("heading", {"text": "État de conformité", "level": "h2"}),
            (
                "paragraph",
                _p(
                    "Ce site est partiellement conforme avec le référentiel général d'amélioration "
                    "de l'accessibilité (RGAA), version 4.1. L'audit complet n'a pas encore été réalisé."
                ),
            ),
            ("heading", {"text": "Signaler un problème", "level": "h2"}),
            (
                "paragraph",
                _p(
                    "Si vous ne pouvez pas accéder à un contenu ou à un service, écrivez-nous ou "
                    "appelez-nous : nous vous donnerons l'information sous une autre forme.",
                ),
            ),
            CONTACT_BLOCK,
            ("heading", {"text": "Voies de recours", "level": "h2"}),
            (
                "paragraph",
                _p(
                    "Si vous n'avez pas obtenu de réponse satisfaisante, vous pouvez saisir "
                    "le Défenseur des droits (www.defenseurdesdroits.fr ou 09 69 39 00 00)."
                ),
            ),
        ),
    },
    {
        "slug": "donnees-personnelles",
        "title": "Données personnelles",
        "introduction": "Quelles informations nous recueillons, pourquoi, combien de temps, et vos droits.",
        "body": _stream(
            ("heading", {"text": "Qui est responsable ?", "level": "h2"}),
            (
                "paragraph",
                _p(
                    "Le CIAS des Trois Vallons, représenté par son président, est responsable des "
                    "données recueillies sur ce site."
                ),
            ),
            ("heading", {"text": "Ce que nous recueillons", "level": "h2"}),
            (
                "paragraph",
                _p(
                    "Nous ne demandons que ce qui est utile pour vous répondre : vos nom, prénom et "
                    "un moyen de vous joindre. Ce site n'utilise aucun cookie publicitaire ni outil de "
                    "mesure d'audience extérieur."
                ),
            ),
            ("heading", {"text": "Vos droits", "level": "h2"}),
            (
                "paragraph",
                _p(
                    "Vous pouvez consulter, corriger ou faire effacer vos données, et vous opposer à leur "
                    "utilisation. Écrivez au délégué à la protection des données : "
                    "dpo@cc-trois-vallons.example.",
                    "Si vous estimez que vos droits ne sont pas respectés, vous pouvez adresser une "
                    "réclamation à la CNIL (www.cnil.fr).",
                ),
            ),
        ),
    },
    {
        "slug": "mentions-legales",
        "title": "Mentions légales",
        "introduction": "Qui édite ce site et qui l'héberge.",
        "body": _stream(
            ("heading", {"text": "Éditeur", "level": "h2"}),
            (
                "paragraph",
                _p(
                    "CIAS des Trois Vallons, 12 rue des Tanneurs, 71990 Saint-Aubin-des-Vallons. "
                    "Directeur de la publication : le président du CIAS."
                ),
            ),
            ("heading", {"text": "Hébergement", "level": "h2"}),
            ("paragraph", _p("Site hébergé par la Communauté de communes des Trois Vallons.")),
            ("heading", {"text": "Réutilisation des contenus", "level": "h2"}),
            (
                "paragraph",
                _p("Les textes de ce site peuvent être repris en citant la source, sauf mention contraire."),
            ),
        ),
    },
    {
        "slug": "contact",
        "title": "Contact",
        "menu": True,
        "introduction": "Venez nous voir, appelez-nous ou écrivez-nous : nous vous répondons.",
        "body": _stream(
            CONTACT_BLOCK,
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "En cas d'urgence",
                    "text": _p(
                        "Appelez le 15 (SAMU), le 17 (police), le 18 (pompiers) ou le 112. "
                        "Pour un hébergement d'urgence : le 115. Enfance en danger : le 119. "
                        "Violences faites aux femmes : le 3919."
                    ),
                },
            ),
            ("heading", {"text": "Permanences dans les communes", "level": "h2"}),
            (
                "paragraph",
                _ul(
                    "Montferrand-sur-Yvre : mairie, le mardi de 9 h à 12 h",
                    "Brécy-la-Rivière : France services, le mercredi de 14 h à 17 h",
                    "Chaumont-les-Vignes : mairie, le vendredi de 9 h à 11 h 30",
                ),
            ),
        ),
    },
]


def home_body(pages):
    """The home page's blocks, linking to pages created by the seed."""

    def link(title, slug, description):
        return {"title": title, "page": pages[slug].pk, "url": "", "description": description}

    links = [
        link("Nous contacter", "contact", "Adresse, horaires et permanences"),
        link("Aides et accompagnement", "aides-et-accompagnement", "Les coups de pouce du territoire"),
    ]
    if "agenda" in pages:
        links.append(
            link("S'inscrire à un atelier", "agenda", "Groupes de parents, aidants, ateliers près de chez vous")
        )
    if "ressources" in pages:
        links.append(link("Trouver une information", "ressources", "Fiches pratiques, guides, versions faciles à lire"))
    return _stream(
        (
            "intro",
            _p(
                "Vous êtes parent, aidant, jeune ou simplement habitant des Trois Vallons ? "
                "Trouvez ici des réponses simples à vos questions et les bons contacts près de chez vous."
            ),
        ),
        ("links", {"title": "Accès rapides", "links": links}),
        (
            "featured",
            {
                "title": "À découvrir",
                "pages": [
                    pages["le-cias"].pk,
                    pages["aides-et-accompagnement"].pk,
                    pages["accessibilite"].pk,
                ],
            },
        ),
    )
