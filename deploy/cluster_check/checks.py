"""The cluster check's proofs about files, sessions and pages. Each returns (passed, figures)."""

import json
import re
import time
import urllib.error
import urllib.request
from pathlib import Path

from .client import Client, FormParser, csrf_token
from .cluster import BUCKET, NODES
from .data import PASSWORD, RESIDENT_EMAIL, STAFF_EMAIL, TOTP_SECRET

# A small valid PNG made with Pillow at check time (see `png_bytes`).
DOCUMENT = b"%PDF-1.4\n%cluster check\n" + b"0" * (1024 * 1024)


def png_bytes(size=(320, 200)):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 60, 40)).save(buffer, "PNG")
    return buffer.getvalue()


def files_under(folder):
    return sorted(str(path) for path in Path(folder).rglob("*") if path.is_file())


def anonymous(url):
    """Status of an anonymous GET straight to the S3 server."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback S3 server
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def sign_in(client, email, password=PASSWORD):
    """allauth's login form, as a browser sends it: (the client, the answer to the post)."""
    login = client.get("/compte/login/")
    client.last = client.post(
        "/compte/login/", {"csrfmiddlewaretoken": csrf_token(login.text), "login": email, "password": password}
    )
    return client


def staff_login(cluster, node="node1"):
    """A staff member signed in through `node`: password, then the TOTP code (allauth's pages)."""
    from tests.auth import current_code

    client = sign_in(Client(cluster.ports[node]), STAFF_EMAIL)
    second = client.get("/compte/2fa/authenticate/")
    code = {"csrfmiddlewaretoken": csrf_token(second.text), "code": current_code(TOTP_SECRET)}
    client.post("/compte/2fa/authenticate/", code)
    if client.get("/admin/").status != 200:
        raise AssertionError("the staff member could not sign in to the admin")
    return client


def upload(client, kind, filename, content, content_type):
    """Upload through Wagtail's admin (images or documents): the new object's id."""
    form = client.get(f"/admin/{kind}/add/")
    _action, fields, _id = next(found for found in FormParser.forms(form.text) if "title" in found[1])
    fields.update(title=Path(filename).stem.replace("-", " ").capitalize())
    response = client.post_multipart(f"/admin/{kind}/add/", fields, {"file": (filename, content, content_type)})
    if response.status != 302:
        raise AssertionError(f"upload of {filename} answered {response.status}")


def check_balancer(cluster):
    before = cluster.haproxy_stats()
    client = Client(cluster.ports["front"])
    statuses = [client.get("/").status for _request in range(20)]
    after = cluster.haproxy_stats()
    served = {node: after[node]["requests"] - before[node]["requests"] for node in NODES}
    health = {node: json.loads(Client(cluster.ports[node]).get("/healthz").body)["status"] for node in NODES}
    ok = statuses.count(200) == 20 and all(count >= 5 for count in served.values()) and set(health.values()) == {"ok"}
    figures = ", ".join(f"{node} {served[node]}" for node in NODES)
    return ok, f"20 pages through HAProxy: {statuses.count(200)} × 200 ({figures}); /healthz {health}"


def check_media_copy(cluster):
    (first_code, first), (second_code, second) = cluster.copied
    public = Client(cluster.ports["front"]).get("/media/original_images/affiche-2025.png")
    ok = first_code == second_code == 0 and first.startswith("1 fichier(s) copié(s)") and second.startswith("0 fichier")
    ok = ok and public.status == 200 and public.body.startswith(b"\x89PNG")
    return ok, f"first run « {first} », second « {second} »; the copied image through HAProxy: {public.status}"


def check_image(cluster, staff):
    from wagtail.images.models import Image, Rendition

    upload(staff, "images", "affiche-atelier.png", png_bytes(), "image/png")
    image = Image.objects.latest("pk")
    other = Client(cluster.ports["node2"])
    other.cookies = dict(staff.cookies)
    listing = [staff.get("/admin/images/").text, other.get("/admin/images/").text]
    urls = [set(re.findall(r'src="(/media/images/affiche[^"]+)"', html)) for html in listing]
    served = [Client(cluster.ports["front"]).get(url) for url in sorted(urls[1])]
    renditions = Rendition.objects.filter(image=image).count()
    on_disk = [files_under(cluster.tmp / node / "media") for node in NODES]
    ok = bool(urls[1]) and urls[0] == urls[1] and served and all(r.status == 200 for r in served)
    ok = ok and all(r.header("content-type", "").startswith("image/") for r in served) and not any(on_disk)
    ok = ok and renditions == len(urls[1])
    return ok, (
        f"uploaded through node1, its thumbnail listed by node2 ({len(urls[1])} URL, same as node1's) and served "
        f"through HAProxy from the bucket: {[r.status for r in served]}; {renditions} rendition(s) made once for both; "
        f"files on the nodes' disks: {sum(map(len, on_disk))}; original in bucket {BUCKET}/{image.file.name}"
    )


def check_document(cluster, staff):
    from wagtail.documents.models import Document

    from resources.models import DiffusionCount, ResourceDocument

    upload(staff, "documents", "guide-aidants.pdf", DOCUMENT, "application/pdf")
    document = Document.objects.latest("pk")
    ResourceDocument.objects.create(page_id=cluster.data["resource"], document=document)
    download = Client(cluster.ports["node2"]).get(document.url)
    counted = sum(DiffusionCount.objects.filter(resource_id=cluster.data["resource"]).values_list("count", flat=True))
    direct = Client(cluster.ports["front"]).get(f"/media/{document.file.name}").status
    bucket = anonymous(f"{cluster.s3.endpoint}/{BUCKET}/{document.file.name}")
    on_disk = sum(len(files_under(cluster.tmp / node / "media")) for node in NODES)
    ok = download.status == 200 and download.body == DOCUMENT and counted == 1 and direct == 404
    ok = ok and bucket == 403 and on_disk == 0
    cluster.data["document"] = (document.pk, document.url)
    return ok, (
        f"uploaded through node1, downloaded through node2: {download.status}, {len(download.body)} bytes identical, "
        f"counted {counted}; /media/documents/… through HAProxy {direct}, anonymous from the bucket {bucket}; "
        f"files on the nodes' disks: {on_disk}"
    )


def check_session(cluster):
    resident = sign_in(Client(cluster.ports["node1"]), RESIDENT_EMAIL)
    resident.port = cluster.ports["node2"]
    space = resident.get("/mon-espace/")
    signed_in = space.status == 200 and RESIDENT_EMAIL in space.text
    return signed_in, (
        f"signed in through node1 ({resident.last.status}), /mon-espace/ through node2: {space.status}, "
        f"their own page: {signed_in}"
    )


def check_page_edit(cluster, staff):
    url, page_id = cluster.data["edited_url"], cluster.data["edited_page"]
    reader = Client(cluster.ports["node2"])
    reader.get(url)
    cached = reader.get(url).header("x-page-cache")
    title = f"Plan canicule, mis à jour {time.strftime('%H:%M:%S')}"
    # The page's body is an empty StreamField, which the editor's JavaScript posts as a count of 0.
    changes = {"title": title, "action-publish": "action-publish", "body-count": "0"}
    edited = staff.fill(f"/admin/pages/{page_id}/edit/", changes, form_id="page-edit-form")
    fresh = reader.get(url)
    ok = cached == "hit" and edited.status == 302 and title in fresh.text
    return ok, (
        f"node2's copy was a cache {cached}; published through node1's admin: {edited.status}; "
        f"node2 then shows the new title: {title in fresh.text} (cache {fresh.header('x-page-cache')})"
    )
