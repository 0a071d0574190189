"""What the indicators learn from the feature apps: signals and the registration form's extension.

Connected in IndicatorsConfig.ready(); the feature apps import nothing from here.
"""

from events.extensions import BookingQuestions, add_booking_questions
from events.signals import booking_answered, needs_erasing, paper_copies_printed

from .forms import diversity_fields
from .paper import record_printed_copies
from .services import record_diversity, tally_needs

DIVERSITY_QUESTIONS = BookingQuestions(
    name="diversity", fields=diversity_fields, template="indicators/components/diversity_questions.html"
)


def on_booking_answered(sender, session, answers, **kwargs):
    record_diversity(session, answers)


def on_needs_erasing(sender, registrations, **kwargs):
    tally_needs(registrations)


def connect():
    add_booking_questions(DIVERSITY_QUESTIONS)
    booking_answered.connect(on_booking_answered, dispatch_uid="indicators_booking_answered")
    needs_erasing.connect(on_needs_erasing, dispatch_uid="indicators_needs_erasing")
    paper_copies_printed.connect(record_printed_copies, dispatch_uid="indicators_printed_copies")
