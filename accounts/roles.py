"""Staff roles: who may do what in the Wagtail admin.

One declaration, applied by the data migration `accounts/0001_roles` and again after every
`migrate` (so the permissions of models added later join their roles). Applying is additive:
it grants what is declared and never removes what an administrator granted by hand.

- Communication: pages, events, resources, partners, documents, images, vocabulary, site
  settings, the site-wide alert, paper copies — no personal data of registrations or appointment requests.
- Animation: registrations and attendance of events (and paper copies handed out).
- Accueil social: appointment requests.
- Administration: everything, including users and groups.
- Pilotage: the indicators, read only.
- Partenaire: a partner organisation's own account (partners.Organisation.members) adds and
  edits the events of its organisations under the agenda, and submits them to Communication
  (no publish permission); events.partner_access keeps it away from every other page.
- Veille sociale: the register of vulnerable people (entries, campaigns, transmission to the
  préfet). Members of Accueil social join it when they join Accueil social (and when the role
  is first created); an administrator may take it away from someone afterwards.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

from partners.access import PARTNER_ROLE

ACCESS_ADMIN = "wagtailadmin.access_admin"
CRUD = ("add", "change", "delete", "view")
PAGE_ACTIONS = ("add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page")
DOCUMENT_ACTIONS = ("add_document", "change_document", "delete_document", "choose_document")
IMAGE_ACTIONS = ("add_image", "change_image", "delete_image", "choose_image")

COMMUNICATION = "Communication"
ANIMATION = "Animation"
SOCIAL = "Accueil social"
ADMINISTRATION = "Administration"
STEERING = "Pilotage"
WELFARE = "Veille sociale"
PARTNER = PARTNER_ROLE
# Page permissions a role gets on every agenda page (events.EventIndexPage), not the whole tree.
AGENDA_PAGE_ACTIONS = ("add_page", "change_page")


def model_perms(app_label, model, actions=CRUD):
    return [f"{app_label}.{action}_{model}" for action in actions]


ROLES = {
    COMMUNICATION: {
        "permissions": [
            ACCESS_ADMIN,
            *model_perms("home", "theme"),
            *model_perms("home", "audience"),
            *model_perms("home", "commune"),
            "home.change_sitesettings",
            *model_perms("events", "venue"),
            *model_perms("resources", "resourceformat"),
            *model_perms("aids", "aidstatus"),
            *model_perms("aids", "tariffgrid"),
            "aids.change_quotientsettings",
            *model_perms("news", "sitealert"),
            *model_perms("wagtailredirects", "redirect"),
            *model_perms("indicators", "papercopy", ("add", "change", "view")),
            *model_perms("partners", "organisation"),
            "events.change_agendaembedsettings",
        ],
        "pages": PAGE_ACTIONS,
        "collections": DOCUMENT_ACTIONS + IMAGE_ACTIONS,
    },
    ANIMATION: {
        "permissions": [
            ACCESS_ADMIN,
            *model_perms("events", "registration", ("add", "change", "view")),
            *model_perms("indicators", "papercopy", ("add", "change", "view")),
        ],
    },
    SOCIAL: {
        "permissions": [
            ACCESS_ADMIN,
            *model_perms("appointments", "appointmentrequest", ("view", "change")),
            *model_perms("appointments", "appointmentsubject", ("view", "add", "change")),
        ],
    },
    ADMINISTRATION: {"all_permissions": True, "pages": PAGE_ACTIONS, "collections": DOCUMENT_ACTIONS + IMAGE_ACTIONS},
    STEERING: {"permissions": [ACCESS_ADMIN, "indicators.view_indicators"]},
    PARTNER: {"permissions": [ACCESS_ADMIN], "agenda_pages": AGENDA_PAGE_ACTIONS},
    WELFARE: {
        "permissions": [
            ACCESS_ADMIN,
            *model_perms("welfare", "registerentry"),
            "welfare.transmit_registerentry",
            *model_perms("welfare", "campaign", ("add", "change", "view")),
        ],
        # Given with Accueil social by default (see `join_default_roles`).
        "joins_with": SOCIAL,
    },
}


def ensure_permissions():
    """Create the permission rows of every installed app now (Django does it after migrate)."""
    for app_config in global_apps.get_app_configs():
        if app_config.models_module is not None:
            create_permissions(app_config, verbosity=0)


def apply_roles():
    """Create the role groups and grant them what ROLES declares. Returns the groups."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    ensure_permissions()
    # Only primary keys: this also runs inside a migration, where later columns may not exist yet.
    root_page = Page.objects.filter(depth=1).values_list("pk", flat=True).first()
    root_collection = Collection.objects.filter(depth=1).values_list("pk", flat=True).first()
    groups = {}
    for name, role in ROLES.items():
        group, created = Group.objects.get_or_create(name=name)
        groups[name] = group
        if created and role.get("joins_with"):
            # A new role given by default: today's members of its companion role get it too.
            members = get_user_model().objects.filter(groups__name=role["joins_with"]).values_list("pk", flat=True)
            group.user_set.add(*members)
        if role.get("all_permissions"):
            wanted = Permission.objects.all()
        else:
            query = Q(pk__in=[])
            for dotted in role.get("permissions", []):
                app_label, codename = dotted.split(".")
                query |= Q(content_type__app_label=app_label, codename=codename)
            wanted = Permission.objects.filter(query)
        group.permissions.add(*wanted)
        if root_page and role.get("pages"):
            for permission in Permission.objects.filter(
                content_type__app_label="wagtailcore", codename__in=role["pages"]
            ):
                GroupPagePermission.objects.get_or_create(group=group, page_id=root_page, permission=permission)
        if role.get("agenda_pages"):
            grant_agenda_pages(group, role["agenda_pages"])
        if root_collection and role.get("collections"):
            codenames = role["collections"]
            for permission in Permission.objects.filter(
                content_type__app_label__in=["wagtaildocs", "wagtailimages"], codename__in=codenames
            ):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection_id=root_collection, permission=permission
                )
    return groups


def grant_agenda_pages(group, codenames, page_ids=None):
    """Give `group` these page permissions on the agenda pages (all of them, or `page_ids`)."""
    from django.contrib.auth.models import Permission

    from wagtail.models import GroupPagePermission, Page

    if page_ids is None:
        agendas = Page.objects.filter(content_type__app_label="events", content_type__model="eventindexpage")
        page_ids = list(agendas.values_list("pk", flat=True))
    for permission in Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames):
        for page_id in page_ids:
            GroupPagePermission.objects.get_or_create(group=group, page_id=page_id, permission=permission)


def grant_new_agenda(sender, instance, created, raw=False, **kwargs):
    """post_save receiver of EventIndexPage: the roles that act under agendas reach a new one too."""
    from django.contrib.auth.models import Group

    if not created or raw:
        return
    for name, role in ROLES.items():
        if role.get("agenda_pages"):
            group, _created = Group.objects.get_or_create(name=name)
            grant_agenda_pages(group, role["agenda_pages"], [instance.pk])


MODERATION = "Validation par la Communication"


def name_the_moderation():
    """Wagtail's default workflow ("Moderators approval", for a group that no longer exists)
    becomes the portal's: the Communication role approves what is submitted to it."""
    from django.contrib.auth.models import Group

    from wagtail.models import GroupApprovalTask, Workflow

    Workflow.objects.filter(name="Moderators approval").update(name=MODERATION)
    task = GroupApprovalTask.objects.filter(name="Moderators approval").first()
    if task is not None:
        task.name = MODERATION
        task.save(update_fields=["name"])
        task.groups.set(Group.objects.filter(name=COMMUNICATION))
    _ensure_moderation()


def _ensure_moderation():
    """A database whose tree lost its workflow (rows deleted: tests that flush tables, an
    operator's mistake) gets the portal's back on the whole tree: partners, who may not publish,
    always have someone to submit to."""
    from django.contrib.auth.models import Group

    from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

    root = Page.get_first_root_node()
    if root is None or WorkflowPage.objects.filter(page=root, workflow__active=True).exists():
        return
    workflow = Workflow.objects.filter(name=MODERATION).first() or Workflow.objects.create(name=MODERATION)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    task = GroupApprovalTask.objects.filter(name=MODERATION).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=MODERATION)
    task.groups.set(Group.objects.filter(name=COMMUNICATION))
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


def default_roles_of(group_names):
    """The roles someone joining `group_names` also gets by default (Accueil social → Veille sociale)."""
    return [name for name, role in ROLES.items() if role.get("joins_with") in group_names]


def join_default_roles(sender, instance, action, reverse, pk_set, **kwargs):
    """m2m_changed receiver of User.groups: joining Accueil social also gives Veille sociale.

    Only at the moment someone joins: an administrator can remove Veille sociale afterwards
    and it stays removed.
    """
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    if action != "post_add" or not pk_set:
        return
    if reverse:  # group.user_set.add(users)
        groups, users = [instance], get_user_model().objects.filter(pk__in=pk_set)
    else:  # user.groups.add(groups)
        groups, users = Group.objects.filter(pk__in=pk_set), [instance]
    extra = Group.objects.filter(name__in=default_roles_of({group.name for group in groups}))
    for group in extra:
        group.user_set.add(*users)


def sync_after_migrate(sender, **kwargs):
    """post_migrate receiver: keep the roles complete when models are added.

    Django sends post_migrate once per app that has models (this one has none): act on the
    last of them, when every app's permissions and Wagtail's default workflow exist.
    """
    with_models = [config for config in global_apps.get_app_configs() if config.models_module is not None]
    if sender is with_models[-1] and kwargs.get("using", "default") == "default":
        apply_roles()
        name_the_moderation()
