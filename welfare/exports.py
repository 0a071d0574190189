"""What the register holds about one person (their data export), and the rows handed to the préfet."""

from django.utils import timezone

from portal.exports import Text
from portal.phones import format_phone

from .choices import Outcome


def _iso(value):
    return value.isoformat() if value else None


def entry_data(entry):
    """Everything the register stores about this person, as plain JSON-serialisable data.

    The entry, its journal (who did what, when) and every call of every campaign that is still
    kept: nothing else holds anything about them.
    """
    lines = entry.call_lines.select_related("campaign").prefetch_related("calls")
    return {
        "reference": entry.reference,
        "statut": entry.get_status_display(),
        "demandee_le": _iso(entry.created_at),
        "demandee_par": entry.get_requester_kind_display(),
        "recue": entry.get_channel_display(),
        "demandeur": {"nom": entry.requester_name, "telephone": entry.requester_phone}
        if entry.requester_name
        else None,
        "inscrite_le": _iso(entry.agreed_at),
        "derniere_confirmation": _iso(entry.last_confirmed_at),
        "prenom": entry.first_name,
        "nom": entry.last_name,
        "date_de_naissance": entry.birth_date.isoformat(),
        "motif": entry.get_ground_display(),
        "prestation_ou_carte": entry.get_benefit_display() if entry.benefit else None,
        "adresse": entry.address,
        "complement_d_adresse": entry.address_extra,
        "commune": entry.commune.name,
        "telephone": entry.phone,
        "autre_telephone": entry.phone_other,
        "service_a_domicile": {"nom": entry.home_care_service, "telephone": entry.home_care_phone},
        "personne_a_prevenir": {"nom": entry.emergency_contact, "telephone": entry.emergency_phone},
        "pour_la_joindre": [str(label) for label in entry.reach_labels()],
        "autre_precision": entry.reach_notes,
        "reconfirmation": {
            "etape": entry.reconfirm_step,
            "dernier_message": _iso(entry.reconfirm_sent_at),
            "courrier_a_poster": entry.letter_due,
            "a_appeler": entry.needs_call,
        },
        "historique": [
            {"quand": _iso(event.at), "quoi": event.get_action_display(), "detail": event.detail}
            for event in entry.events.all()
        ],
        "appels_de_veille": [
            {
                "veille": line.campaign.title,
                "appels": [
                    {"quand": _iso(call.called_at), "resultat": str(Outcome(call.outcome).label), "note": call.note}
                    for call in line.calls.all()
                ],
            }
            for line in lines
        ],
    }


PREFECT_COLUMNS = [
    "Référence",
    "Nom",
    "Prénom",
    "Date de naissance",
    "Qualité (motif)",
    "Adresse",
    "Complément",
    "Code postal",
    "Commune",
    "Téléphone",
    "Autre téléphone",
    "Service à domicile",
    "Téléphone du service",
    "Personne à prévenir",
    "Téléphone de la personne à prévenir",
    "Pour la joindre",
]


def prefect_rows(entries):
    """One row per entry, numbers as text (leading zeros), in call order."""
    rows = []
    for entry in entries:
        rows.append(
            [
                entry.reference,
                entry.last_name,
                entry.first_name,
                entry.birth_date,
                str(entry.ground_label()),
                entry.address,
                entry.address_extra,
                Text(entry.commune.postcode),
                entry.commune.name,
                Text(format_phone(entry.phone)),
                Text(format_phone(entry.phone_other)),
                entry.home_care_service,
                Text(format_phone(entry.home_care_phone)),
                entry.emergency_contact,
                Text(format_phone(entry.emergency_phone)),
                "; ".join([*map(str, entry.reach_labels()), entry.reach_notes]).strip("; "),
            ]
        )
    return rows


def export_stamp():
    return timezone.localtime().strftime("%Y-%m-%d-%H%M")
