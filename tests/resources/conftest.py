import pytest

from .factories import PartnerIndexPageFactory, ResourceIndexPageFactory, ResourcePageFactory


@pytest.fixture
def resource_index(home_page):
    return ResourceIndexPageFactory(parent=home_page)


@pytest.fixture
def partner_index(home_page):
    return PartnerIndexPageFactory(parent=home_page)


@pytest.fixture
def make_resource(resource_index):
    """Create a published resource under /ressources/ with its many-to-many relations."""

    def make(title="Fiche pratique", themes=(), audiences=(), formats=(), **fields):
        resource = ResourcePageFactory(parent=resource_index, title=title, **fields)
        if themes or audiences or formats:
            resource.themes.set(themes)
            resource.audiences.set(audiences)
            resource.formats.set(formats)
            resource.save()
        return resource

    return make
