"""Who may be on the register (CASF R121-2), checked from the date of birth and the ground given.

- 65 years old or more;
- more than 60 and recognised unfit for work ("plus de 60 ans": 60 years old or more here);
- a disabled adult (18 or more) with a benefit, a card or an invalidity pension.

Pure functions: the day is always passed in, so the rules can be tested on any date.
"""

from django.utils.translation import gettext_lazy as _

from .choices import Ground
from .models import age_on

MIN_AGE = {Ground.AGE_65: 65, Ground.UNFIT_60: 60, Ground.DISABILITY: 18}

NOT_ELIGIBLE = "not_eligible"

MESSAGES = {
    Ground.NONE: _(
        "Sans l'une de ces trois situations, l'inscription au registre n'est pas possible. "
        "Lisez ci-dessus qui peut s'inscrire."
    ),
    Ground.AGE_65: _(
        "À %(age)s ans, on ne peut pas être inscrit au titre de l'âge : il faut avoir 65 ans ou plus. "
        "Choisissez une autre situation si elle correspond, sinon lisez ci-dessus qui peut s'inscrire."
    ),
    Ground.UNFIT_60: _(
        "À %(age)s ans, on ne peut pas être inscrit au titre de l'inaptitude au travail : il faut avoir "
        "plus de 60 ans. Choisissez une autre situation si elle correspond."
    ),
    Ground.DISABILITY: _("Le registre est réservé aux adultes : à %(age)s ans, l'inscription n'est pas possible."),
}


def refusal(ground, birth_date, today):
    """The French reason why this person cannot be registered, or None when they can."""
    if ground == Ground.NONE:
        return MESSAGES[Ground.NONE]
    age = age_on(birth_date, today)
    if age < MIN_AGE[ground]:
        return MESSAGES[ground] % {"age": age}
    return None
