"""Fetching a feed URL within a wall-clock deadline (headers and body), with conditional
GET, redirects only to http(s) on the same host and port, and gzip replies unzipped
within the size limit."""

from __future__ import annotations

import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from dataclasses import dataclass

MAX_BYTES = 20_000_000
DEFAULT_TIMEOUT = 20.0
URL_SCHEMES = ("http://", "https://")


@dataclass(slots=True)
class Fetched:
    status: str  # ok | not_modified | failed
    data: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    message: str = ""


class _SameOriginRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to http(s) on the same host and port: a feed must not send
    the watcher to ftp://, file://, another port or another machine."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        old, new = urllib.parse.urlsplit(req.full_url), urllib.parse.urlsplit(newurl)
        if new.scheme not in ("http", "https") or (new.hostname, new.port) != (old.hostname, old.port):
            raise urllib.error.HTTPError(newurl, code, f"redirect refused to {one_line(newurl)}", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_SameOriginRedirects)


def _body(data: bytes, encoding: str | None, max_bytes: int) -> bytes:
    """The body as sent, or gunzipped when a server gzips it against Accept-Encoding:
    identity (bounded, so a gzip bomb is refused)."""
    if (encoding or "").strip().lower() not in ("gzip", "x-gzip"):
        return data
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = inflater.decompress(data, max_bytes + 1)
    if len(out) > max_bytes:
        raise ValueError(f"too large once unzipped: more than {max_bytes} bytes")
    return out


def fetch(url: str, *, etag: str | None, last_modified: str | None, timeout: float,
          max_bytes: int = MAX_BYTES) -> Fetched:
    """GET `url`, conditional on the stored validators; never raises for the feed's faults.
    `timeout` bounds each socket operation and, checked between reads, the whole body."""
    from newsledger import __version__

    headers = {
        "User-Agent": f"newsledger/{__version__} (watch)",
        "Accept": "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1",
        "Accept-Encoding": "identity",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)
    deadline = time.monotonic() + timeout
    try:
        with _OPENER.open(request, timeout=timeout) as response:  # noqa: S310 - http(s) only, checked
            chunks, size = [], 0
            while True:
                if time.monotonic() > deadline:
                    return Fetched("failed", message=f"timed out after {timeout:g} s")
                chunk = response.read1(65_536)  # returns after each receive: the deadline is checked per byte trickle
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    return Fetched("failed", message=f"too large: more than {max_bytes} bytes")
                chunks.append(chunk)
            body = _body(b"".join(chunks), response.headers.get("Content-Encoding"), max_bytes)
            return Fetched("ok", body, response.headers.get("ETag"), response.headers.get("Last-Modified"))
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return Fetched("not_modified", etag=etag, last_modified=last_modified)
        return Fetched("failed", message=f"HTTP {error.code} {one_line(error.reason)}".rstrip())  # a redirect loop's reason spans lines
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, TimeoutError):
            return Fetched("failed", message=f"timed out after {timeout:g} s")
        return Fetched("failed", message=f"cannot fetch: {one_line(reason)}")
    except TimeoutError:
        return Fetched("failed", message=f"timed out after {timeout:g} s")
    except (ValueError, zlib.error) as error:
        return Fetched("failed", message=one_line(error))
    except Exception as error:  # noqa: BLE001 - http.client, ssl, odd servers: the feed's fault
        return Fetched("failed", message=f"cannot fetch ({type(error).__name__}: {one_line(error)})")


def one_line(value: object) -> str:
    return " ".join(str(value).split())[:200]
