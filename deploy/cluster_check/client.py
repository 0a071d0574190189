"""A small HTTP client for the cluster check: cookies, a chosen loopback source address, forms."""

import re
import time
import urllib.parse
import uuid
from html.parser import HTMLParser
from http.client import HTTPConnection

RESIDENT_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
COOKIE = re.compile(r"^\s*([^=;\s]+)=([^;]*)")


class Response:
    def __init__(self, status, headers, body, elapsed):
        self.status, self.headers, self.body, self.elapsed = status, headers, body, elapsed

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    def header(self, name, default=None):
        return self.headers.get(name.lower(), default)


class Client:
    """One visitor: its own cookies, its own source address (127.0.0.x), one server (host:port)."""

    def __init__(self, port, *, source="127.0.0.1", host="127.0.0.1", timeout=60):
        self.port, self.source, self.host, self.timeout = port, source, host, timeout
        self.cookies = {}

    def request(self, method, path, *, body=None, headers=None, port=None):
        connection = HTTPConnection(self.host, port or self.port, timeout=self.timeout, source_address=(self.source, 0))
        sent = {"User-Agent": RESIDENT_AGENT, "Host": f"{self.host}:{port or self.port}", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        started = time.monotonic()
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            payload = response.read()
            received = {}
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    self._keep_cookie(value)
                received[name.lower()] = value
            return Response(response.status, received, payload, time.monotonic() - started)
        finally:
            connection.close()

    def _keep_cookie(self, header):
        match = COOKIE.match(header)
        if match:
            name, value = match.groups()
            if "max-age=0" in header.lower() or value in ('""', ""):
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data, *, referer=None, **kwargs):
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if referer:
            headers["Referer"] = referer
        return self.request("POST", path, body=urllib.parse.urlencode(data, doseq=True), headers=headers, **kwargs)

    def post_multipart(self, path, fields, files, **kwargs):
        """`files`: {field: (filename, bytes, content type)}."""
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in fields.items():
            for item in value if isinstance(value, list) else [value]:
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{item}\r\n'.encode()
                )
        for name, (filename, content, content_type) in files.items():
            head = (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: {content_type}\r\n\r\n"
            )
            parts.append(head.encode() + content + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        return self.request("POST", path, body=body, headers=headers, **kwargs)

    def fill(self, path, changes=None, *, form_id, **kwargs):
        """GET `path`, then POST its form `form_id` with every value it holds, `changes` applied."""
        page = self.get(path, **kwargs)
        forms = [form for form in FormParser.forms(page.text) if form[2] == form_id]
        if page.status != 200 or not forms:
            return page
        action, values, _id = forms[0]
        values.update(changes or {})
        target = urllib.parse.urljoin(path, action or path)
        return self.post(target, values, **kwargs)


class FormParser(HTMLParser):
    """The forms of a page: [(action, {name: value or [values]}, id)], as a browser would send them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self.current, self.textarea, self.select = [], None, None, None

    @classmethod
    def forms(cls, html):
        parser = cls()
        parser.feed(html)
        return parser.found

    def _add(self, name, value):
        values = self.current[1]
        if name in values:
            existing = values[name]
            values[name] = [*existing, value] if isinstance(existing, list) else [existing, value]
        else:
            values[name] = value

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.current = (attrs.get("action") or "", {}, attrs.get("id"))
            self.found.append(self.current)
        elif self.current is None or "name" not in attrs or "disabled" in attrs:
            return
        elif tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self._add(attrs["name"], attrs.get("value", "on" if kind in ("checkbox", "radio") else ""))
        elif tag == "textarea":
            self.textarea = [attrs["name"], ""]
        elif tag == "select":
            self.select = [attrs["name"], None, "multiple" in attrs]
        elif tag == "option" and self.select is not None and "selected" in attrs:
            self._add(self.select[0], attrs.get("value", ""))
            self.select[1] = True

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea is not None:
            self._add(*self.textarea)
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form":
            self.current = None


CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def csrf_token(html):
    match = CSRF_INPUT.search(html)
    return match.group(1) if match else ""
