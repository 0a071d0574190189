"""Where uploaded images and documents live: local files, or an S3-compatible bucket.

Local files (MEDIA_ROOT) by default: `make run`, and one server. With S3_BUCKET set every app
server reads and writes the same bucket (portal/storage.py): an image uploaded on one node is
served by all, renditions are made once, and a server can be replaced without losing a file.
Images are public (the reverse proxy serves /media/images/ and /media/original_images/ from the
bucket, cached a year); documents stay private and are only ever downloaded through Wagtail's
document view, which counts each download and applies collection privacy (base.py).
"""

import os
from pathlib import Path

from .env import env_bool

BASE_DIR = Path(__file__).resolve().parent.parent.parent

MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Images served by Django itself, for a loopback server without a proxy (make bench) only; the
# reverse proxy serves /media/ in production (documents never: they are counted).
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)


def s3_storage(bucket, *, endpoint_url="", access_key="", secret_key="", region="", link_seconds=60):
    """The STORAGES["default"] entry for media in an S3-compatible bucket (see portal/storage.py).

    `link_seconds` is the lifetime of the signed links to private files (documents), used only
    when documents are served by redirect (WAGTAILDOCS_SERVE_METHOD="redirect").
    """
    return {
        "BACKEND": "portal.storage.MediaStorage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url or None,
            "access_key": access_key or None,
            "secret_key": secret_key or None,
            "region_name": region or None,
            # Path-style addresses (endpoint/bucket/key) work with every S3 server (SeaweedFS,
            # MinIO, Garage, Ceph); virtual hosts need a DNS entry per bucket.
            "addressing_style": os.environ.get("S3_ADDRESSING_STYLE", "path"),
            "signature_version": "s3v4",
            "querystring_expire": link_seconds,
            # Wagtail names every file itself; an existing name gets a suffix, never overwritten.
            "file_overwrite": False,
            # No ACL on objects: the bucket's policy decides (public images, private documents).
            "default_acl": None,
            # Files read back (document downloads, PDF logos) spill to a temporary file past 5 MB.
            "max_memory_size": 5 * 1024 * 1024,
        },
    }


S3_BUCKET = os.environ.get("S3_BUCKET", "")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if S3_BUCKET:
    STORAGES["default"] = s3_storage(
        S3_BUCKET,
        endpoint_url=os.environ.get("S3_ENDPOINT_URL", ""),
        access_key=os.environ.get("S3_ACCESS_KEY_ID", ""),
        secret_key=os.environ.get("S3_SECRET_ACCESS_KEY", ""),
        region=os.environ.get("S3_REGION", ""),
        link_seconds=int(os.environ.get("S3_LINK_SECONDS", "60")),
    )
