"""Partner contributors: their own organisation's events, through Communication's moderation."""

from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from wagtail.test.utils.form_data import querydict_from_html

import pytest

from events.models import EventPage
from partners.models import Organisation
from tests.admin_forms import page_edit_data
from tests.auth import assert_admin_refusal, login_with_second_factor
from tests.factories import EventIndexPageFactory, EventPageFactory, EventSessionFactory
from tests.resources.factories import PartnerIndexPageFactory, PartnerPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda(home_page):
    return EventIndexPageFactory(parent=home_page)


@pytest.fixture
def partners(home_page):
    directory = PartnerIndexPageFactory(parent=home_page)
    centre = PartnerPageFactory(parent=directory, title="Centre social Les Tilleuls", slug="tilleuls")
    library = PartnerPageFactory(parent=directory, title="Bibliothèque intercommunale", slug="bibliotheque")
    return centre, library


def make_user(django_user_model, email, role, organisation=None):
    user = django_user_model.objects.create_user(email.split("@")[0], email, "x", first_name="Claire")
    user.groups.add(Group.objects.get(name=role))
    if organisation is not None:
        organisation.members.add(user)
    return user


@pytest.fixture
def alice(client, django_user_model, partners):
    user = make_user(django_user_model, "alice@tilleuls.example", "Partenaire", partners[0].organisation)
    login_with_second_factor(client, user)
    return user


@pytest.fixture
def library_event(agenda, partners):
    event = EventPageFactory(parent=agenda, title="Heure du conte", live=False)
    event.organisers.set([partners[1].organisation])
    event.save()
    event.save_revision()
    return event


def add_form_data(client, agenda, **fields):
    url = reverse("wagtailadmin_pages:add", args=["events", "eventpage", agenda.pk])
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data = dict(data.lists())
    data.update({"body-count": ["0"], "title": ["Atelier numérique"], "slug": ["atelier-numerique"]})
    data["summary"] = ["Apprendre à faire ses démarches en ligne, pas à pas."]
    data.update({key: value if isinstance(value, list) else [value] for key, value in fields.items()})
    return url, data


def test_a_partner_creates_an_event_for_their_organisation_and_cannot_publish(client, alice, agenda, partners):
    centre, library = partners
    url, data = add_form_data(client, agenda)
    form_html = client.get(url).content.decode()
    assert "Centre social Les Tilleuls" in form_html and "Bibliothèque intercommunale" not in form_html
    assert "action-publish" not in form_html and "action-submit" in form_html

    data.update({"organisers": [str(centre.organisation.pk)], "action-submit": ["1"]})
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = EventPage.objects.get(slug="atelier-numerique")
    assert not event.live
    state = event.workflow_states.get()
    assert state.status == "in_progress" and state.requested_by == alice
    assert state.current_task_state.task.name == "Validation par la Communication"

    # Publishing directly is refused: the page stays a draft.
    data.update({"action-publish": ["1"]})
    data.pop("action-submit")
    client.post(
        reverse("wagtailadmin_pages:edit", args=[event.pk]), page_edit_data(client, event) | {"action-publish": ["1"]}
    )
    event.refresh_from_db()
    assert not event.live


def test_a_partner_cannot_name_another_partner_as_organiser(client, alice, agenda, partners):
    _centre, library = partners
    url, data = add_form_data(client, agenda, organisers=[str(library.organisation.pk)])
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Vous ne pouvez nommer que votre propre organisation comme organisateur." in response.content.decode()
    assert not EventPage.objects.filter(slug="atelier-numerique").exists()

    url, data = add_form_data(client, agenda)
    data.pop("organisers", None)
    response = client.post(url, data)
    assert "Choisissez votre organisation parmi les organisateurs." in response.content.decode()
    assert not EventPage.objects.filter(slug="atelier-numerique").exists()


def test_another_partners_event_is_out_of_reach(client, alice, agenda, library_event):
    assert client.get(reverse("wagtailadmin_pages:edit", args=[library_event.pk])).status_code == 403
    assert client.post(reverse("wagtailadmin_pages:edit", args=[library_event.pk]), {}).status_code == 403
    assert client.get(reverse("wagtailadmin_pages:delete", args=[library_event.pk])).status_code == 403
    assert client.get(reverse("wagtailadmin_pages:view_draft", args=[library_event.pk])).status_code == 403
    assert client.get(reverse("wagtailadmin_pages:history", args=[library_event.pk])).status_code == 403
    refusal = client.get(reverse("wagtailadmin_pages:edit", args=[library_event.pk])).content.decode()
    assert "celui d&#x27;un autre organisateur" in refusal and "Heure du conte" not in refusal
    listing = client.get(reverse("wagtailadmin_explore", args=[agenda.pk])).content.decode()
    assert "Heure du conte" not in listing
    # Nor the agenda page itself.
    assert_admin_refusal(client.get(reverse("wagtailadmin_pages:edit", args=[agenda.pk])))


def test_communication_approves_and_the_event_is_everywhere(
    client, alice, agenda, partners, django_user_model, django_capture_on_commit_callbacks
):
    centre = partners[0]
    url, data = add_form_data(client, agenda, organisers=[str(centre.organisation.pk)])
    data["action-submit"] = ["1"]
    data.update(
        {
            "sessions-TOTAL_FORMS": ["1"],
            "sessions-0-start": ["2099-03-10 14:00"],
            "sessions-0-end": ["2099-03-10 16:00"],
            "sessions-0-status": ["scheduled"],
        }
    )
    assert client.post(url, data).status_code == 302
    event = EventPage.objects.get(slug="atelier-numerique")
    communication = make_user(django_user_model, "com@cias.example", "Communication")
    task_state = event.workflow_states.get().current_task_state
    with django_capture_on_commit_callbacks(execute=True):
        task_state.approve(user=communication)
    event.refresh_from_db()
    assert event.live
    if not event.sessions.exists():
        EventSessionFactory(event=event)
    client.logout()
    assert "Atelier numérique" in client.get("/agenda/").content.decode()
    assert "Atelier numérique" in client.get("/agenda/ical/").content.decode()
    assert client.get("/agenda/json/").json()["items"][0]["name"] == "Atelier numérique"
    assert "Atelier numérique" in client.get(centre.url).content.decode()
    [message] = [m for m in mail.outbox if m.subject.startswith("Votre temps ressources")]
    assert message.to == ["alice@tilleuls.example"]
    assert message.subject == "Votre temps ressources « Atelier numérique » est en ligne"


def test_a_rejection_comment_reaches_the_partner(
    client, alice, agenda, partners, django_user_model, django_capture_on_commit_callbacks
):
    url, data = add_form_data(client, agenda, organisers=[str(partners[0].organisation.pk)])
    data["action-submit"] = ["1"]
    assert client.post(url, data).status_code == 302
    event = EventPage.objects.get(slug="atelier-numerique")
    communication = make_user(django_user_model, "com@cias.example", "Communication")
    task_state = event.workflow_states.get().current_task_state
    with django_capture_on_commit_callbacks(execute=True):
        task_state.reject(user=communication, comment="Précisez l'adresse de la salle, s'il vous plaît.")
    event.refresh_from_db()
    assert not event.live
    [message] = [m for m in mail.outbox if "des modifications sont demandées" in m.subject]
    assert message.to == ["alice@tilleuls.example"]
    assert "Précisez l'adresse de la salle, s'il vous plaît." in message.body
    assert f"/admin/pages/{event.pk}/edit/" in message.body
    # The partner still edits their event (to send it again).
    assert client.get(reverse("wagtailadmin_pages:edit", args=[event.pk])).status_code == 200
    assert Organisation.objects.count() == 2


def test_a_co_organiser_named_by_the_cias_stays_when_the_partner_edits(client, alice, agenda, partners):
    centre, library = partners
    event = EventPageFactory(parent=agenda, title="Fête de quartier", live=False)
    event.organisers.set([centre.organisation, library.organisation])
    event.save()
    event.save_revision()
    data = page_edit_data(client, event)
    data["summary"] = ["Jeux, musique et goûter pour tout le quartier."]
    response = client.post(reverse("wagtailadmin_pages:edit", args=[event.pk]), data)
    assert response.status_code == 302
    latest = event.get_latest_revision_as_object()
    assert {o.pk for o in latest.organisers.all()} == {centre.organisation.pk, library.organisation.pk}

    # Without their own organisation the event would no longer be theirs: refused.
    data["organisers"] = [str(library.organisation.pk)]
    response = client.post(reverse("wagtailadmin_pages:edit", args=[event.pk]), data)
    assert response.status_code == 200
    assert "Choisissez votre organisation parmi les organisateurs." in response.content.decode()


def test_a_database_without_workflows_gets_the_moderation_back():
    """Tests that flush tables (and an operator's mistake) remove Wagtail's default workflow:
    the roles' sync gives the portal's back, so a partner still has someone to submit to."""
    from wagtail.models import GroupApprovalTask, Page, Workflow

    from accounts.roles import COMMUNICATION, MODERATION, apply_roles, name_the_moderation

    Workflow.objects.all().delete()
    apply_roles()
    name_the_moderation()

    workflow = Page.get_first_root_node().get_workflow()
    task = GroupApprovalTask.objects.get(name=MODERATION)
    assert workflow is not None and workflow.name == MODERATION and workflow.active
    assert list(workflow.tasks.specific()) == [task]
    assert list(task.groups.all()) == [Group.objects.get(name=COMMUNICATION)]
