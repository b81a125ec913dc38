"""Turn one HTML page into ad fields: main text without boilerplate, title, URL, date, language, images."""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin

import charset_normalizer
import lxml.html
import trafilatura
from lxml import etree

from redflags.errors import InputError

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_BOILERPLATE = "//nav | //header | //footer | //aside | //script | //style | //noscript | //form"
_DATE_XPATHS = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
    "//*[@itemprop='datePublished']/@datetime",
    "//time[@datetime]/@datetime",
)
MAX_IMAGES = 50


def decode_html(data: bytes) -> str:
    """Decode with the page's declared charset, then UTF-8, then a detector; fail rather than guess blindly."""
    declared = _CHARSET.search(data[:4096])
    for codec in ([declared.group(1).decode("ascii")] if declared else []) + ["utf-8"]:
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise InputError("undecodable bytes: page is in no encoding that can be recognised")
    return str(best)


def page_fields(data: bytes, url: str | None = None) -> dict[str, Any]:
    """Ad fields from an HTML document; raises InputError when the page has no readable main text."""
    html = decode_html(data)
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError) as e:
        raise InputError(f"unparseable HTML: {e}") from e
    page_url = url or _first(tree, "//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content")
    fields: dict[str, Any] = {
        "url": page_url,
        "title": _first(tree, "//meta[@property='og:title']/@content", "//h1//text()", "//title/text()"),
        "posted_at": _first(tree, *_DATE_XPATHS),
        "language": _language(tree),
        "images": _images(tree, page_url),
    }
    for node in tree.xpath(_BOILERPLATE):
        node.drop_tree()
    text = trafilatura.extract(tree, include_comments=False, include_tables=True, favor_precision=False)
    if not text or not text.strip():
        body = tree.find("body")
        text = " ".join(body.text_content().split()) if body is not None else ""
    if not text.strip():
        raise InputError("no main text found in page")
    fields["text"] = text
    return {k: v for k, v in fields.items() if v not in (None, "", [])}


def _first(tree, *xpaths: str) -> str | None:
    for xp in xpaths:
        for value in tree.xpath(xp):
            value = " ".join(str(value).split())
            if value:
                return value
    return None


def _language(tree) -> str | None:
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not lang:
        return None
    return lang.strip().split("-")[0].lower() or None


def _images(tree, base: str | None) -> list[str]:
    refs = [*tree.xpath("//meta[@property='og:image']/@content"), *tree.xpath("//img/@src")]
    seen: dict[str, None] = {}
    for ref in refs:
        ref = ref.strip()
        if ref and not ref.startswith("data:"):
            seen.setdefault(urljoin(base, ref) if base else ref, None)
        if len(seen) >= MAX_IMAGES:
            break
    return list(seen)
