"""Media in an S3-compatible bucket shared by every app server (settings: S3_BUCKET, media.py).

One bucket, two kinds of object, told apart by the folder Wagtail writes them to:
- images (`original_images/`, and `images/` for renditions) are public: their address is
  MEDIA_URL + name, on the portal's own origin (the content security policy allows no other),
  and the reverse proxy or load balancer serves those two folders straight from the bucket
  (deploy/haproxy, deploy/nginx). Renditions are named after their source and filter, so they
  are stored with a one-year `immutable` cache lifetime;
- everything else, documents above all, is private: the bucket's policy grants no anonymous
  read, and the only address the portal gives out is Wagtail's document view, which applies
  collection privacy and counts the download before it streams the file (or, with
  WAGTAILDOCS_SERVE_METHOD="redirect", hands out a signed link valid for S3_LINK_SECONDS).
"""

import json
from urllib.parse import urljoin

from django.conf import settings
from django.utils.encoding import filepath_to_uri

from storages.backends.s3 import S3Storage
from storages.utils import clean_name

PUBLIC_FOLDERS = ("images/", "original_images/")
# Renditions never change under their name; an original may be replaced by an editor.
CACHE_CONTROL = {
    "images/": "public, max-age=31536000, immutable",
    "original_images/": "public, max-age=86400",
}
PRIVATE_CACHE_CONTROL = "private, no-store"


def public_folder(name):
    """The public folder `name` is in (images), or None for documents and anything else (private)."""
    key = clean_name(name).lstrip("/")
    return next((folder for folder in PUBLIC_FOLDERS if key.startswith(folder)), None)


def public_read_policy(bucket):
    """The bucket policy that lets anyone read the image folders, and nothing else."""
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "PublicImages",
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": ["s3:GetObject"],
                    "Resource": [f"arn:aws:s3:::{bucket}/{folder}*" for folder in PUBLIC_FOLDERS],
                }
            ],
        }
    )


class MediaStorage(S3Storage):
    """Wagtail's images and documents in one bucket: images public, documents private (see above)."""

    def url(self, name, parameters=None, expire=None, http_method=None):
        if public_folder(name) and not parameters:
            return urljoin(settings.MEDIA_URL, filepath_to_uri(clean_name(name).lstrip("/")))
        return super().url(name, parameters=parameters, expire=expire, http_method=http_method)

    def get_object_parameters(self, name):
        parameters = super().get_object_parameters(name)
        folder = public_folder(name)
        parameters.setdefault("CacheControl", CACHE_CONTROL[folder] if folder else PRIVATE_CACHE_CONTROL)
        return parameters

    def ensure_bucket(self):
        """Create the bucket if missing and apply the image-only public policy (idempotent)."""
        client = self.connection.meta.client
        existing = {bucket["Name"] for bucket in client.list_buckets().get("Buckets", [])}
        if self.bucket_name not in existing:
            client.create_bucket(Bucket=self.bucket_name)
        client.put_bucket_policy(Bucket=self.bucket_name, Policy=public_read_policy(self.bucket_name))
