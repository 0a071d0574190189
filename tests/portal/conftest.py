from tests.events.conftest import agenda, frozen_now, make_event, workshop  # noqa: F401 - shared fixtures
