"""What the aids guide tells the aggregators (indicators): anonymous events, never an answer.

- `aid_viewed(sender, aid_id)`: a resident opened an aid page (robots, HEAD requests, previews
  and staff are not sent).
- `question_path_completed(sender)`: someone reached the results of "Quelles aides pour moi ?".
  Nothing of what they answered travels with it.
"""

from django.dispatch import Signal

from portal.staff import is_staff_user
from resources.services import is_bot

aid_viewed = Signal()
question_path_completed = Signal()


def countable(request):
    """A resident's plain GET: not HEAD, not a robot, not a staff member checking their work."""
    if request.method != "GET" or is_bot(request):
        return False
    return not is_staff_user(getattr(request, "user", None))


def send_aid_viewed(aid_id, request):
    if countable(request):
        aid_viewed.send(sender="aids", aid_id=aid_id)


def send_question_path_completed(request):
    if countable(request):
        question_path_completed.send(sender="aids")
