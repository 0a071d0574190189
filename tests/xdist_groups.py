"""Test modules that pytest-xdist runs whole in one worker, because their tests share costly data.

A module-scoped fixture is built once per worker that runs tests of the module: split over two
workers, the audit's visit of the sample pages (tests/browser/test_rgaa_audit.py: `sample`) or the
page-cache portal (tests/performance/conftest.py: `portal_module`) was built twice. xdist's own
`--dist loadgroup` does this from `xdist_group` marks, but it renames the tests' node ids, which
pytest 9 no longer lets it do; here the controller's scheduler groups them by module instead.
Loaded by `-p tests.xdist_groups` (pyproject.toml); every other test is distributed one by one,
in the collection's order.
"""

import pytest

ONE_WORKER = {
    "tests/browser/test_rgaa_audit.py",
    "tests/performance/test_page_cache.py",
}


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadGroupScheduling

    # The collection's order, not the largest groups first: pytest-django runs the database tests
    # before the others, and the tests reading the shared demo server (tests/browser/conftest.py:
    # demo_server) must come after every test that needs an empty database.
    config.option.loadscopereorder = False

    class ModulesInOneWorker(LoadGroupScheduling):
        def _split_scope(self, nodeid):
            module = nodeid.split("::", 1)[0]
            return module if module in ONE_WORKER else nodeid

    return ModulesInOneWorker(config, log)


def pytest_collection_finish(session):
    """Each listed module's tests follow one another once pytest-django has ordered them.

    Its group is sent where its first test stands: tests of another kind (database, transactional,
    none) inside it would run out of pytest-django's order.
    """
    for module in ONE_WORKER:
        places = [index for index, item in enumerate(session.items) if item.nodeid.startswith(f"{module}::")]
        if places and places[-1] - places[0] + 1 != len(places):
            raise pytest.UsageError(f"{module}: its tests are not all of one kind, it cannot run in one worker")
