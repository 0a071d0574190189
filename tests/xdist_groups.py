"""Test modules that pytest-xdist runs whole in one worker, because their tests share costly data.

A module-scoped fixture is built once per worker that runs tests of the module: split over two
workers, the audit's visit of the sample pages (tests/browser/test_rgaa_audit.py: `sample`) or the
page-cache portal (tests/performance/conftest.py: `portal_module`) was built twice. xdist's own
`--dist loadgroup` does this from `xdist_group` marks, but it renames the tests' node ids, which
pytest 9 no longer lets it do; here the controller's scheduler groups them by module instead.
Loaded by `-p tests.xdist_groups` (pyproject.toml); every other test is distributed as `load` does.
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

    class ModulesInOneWorker(LoadGroupScheduling):
        def _split_scope(self, nodeid):
            module = nodeid.split("::", 1)[0]
            return module if module in ONE_WORKER else nodeid

    return ModulesInOneWorker(config, log)
