"""A fake Adobe Commerce REST server on 127.0.0.1 for the client's tests and benchmark.

Real HTTP (http.server.ThreadingHTTPServer, HTTP/1.1 keep-alive, a free port) reproducing the
shapes of docs' Commerce facts: bare store arrays with the admin row, {items, total_count}
lists that require searchCriteria, custom_attributes leaving out empty attributes, the 2.4
(empty items) and pre-2.4 (last page again) behaviours past the last page, the input-limit
400 on large pages, 401 bodies with %placeholders, bearer tokens (optionally switched off as
in 2.4.4+) and OAuth 1.0a HMAC-SHA256 signatures, checked. Failures can be queued per path.

For catalog syncs: products carry updated_at (a fake clock that each change advances) and
website ids; searchCriteria filters gt/gteq/lt/lteq/eq/in/notnull on entity_id, updated_at
and attributes; sorting by updated_at; page_latency (seconds per product page, like a real
store's); changes scheduled to happen at the n-th product request (during a sync); and
"repeat"/"skip" failures answering the previous page again or the page after the one asked.

    with FakeCommerce(products=make_products(500)) as fake:
        env = fake.env()  # ASC_COMMERCE_URL and a bearer token
        ...

Run as a script to serve in a separate process: it prints the URL on its first line.
"""

from __future__ import annotations

import argparse
import base64
import bisect
import hashlib
import hmac
import json
import operator
import random
import re
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from oauthlib.oauth1.rfc5849 import signature as oauth_signature
from oauthlib.oauth1.rfc5849 import utils as oauth_utils

TOKEN = "fake-integration-token-4b1d"
OAUTH = {
    "consumer_key": "fake-consumer-key-0001",
    "consumer_secret": "fake-consumer-secret-0002",
    "access_token": "fake-access-token-0003",
    "access_token_secret": "fake-access-token-secret-0004",
}
ALL_PERMISSIONS = frozenset({"Magento_Backend::store", "Magento_Catalog::attributes_attributes",
                             "Magento_Catalog::products"})

WEBSITES = [
    {"id": 0, "code": "admin", "name": "Admin", "default_group_id": 0},
    {"id": 1, "code": "base", "name": "Main Website", "default_group_id": 1},
    {"id": 2, "code": "us_store", "name": "US Store", "default_group_id": 2},
]
STORE_VIEWS = [
    {"id": 0, "code": "admin", "name": "Admin", "website_id": 0, "store_group_id": 0,
     "is_active": 1},
    {"id": 1, "code": "default", "name": "Default Store View", "website_id": 1,
     "store_group_id": 1, "is_active": 1},
    {"id": 2, "code": "us_en", "name": "US English", "website_id": 2, "store_group_id": 2,
     "is_active": 0},
]


def _attribute(attribute_id: int, code: str, label: str, frontend: str, backend: str,
               user_defined: bool = True) -> dict[str, Any]:
    return {"attribute_id": attribute_id, "attribute_code": code, "frontend_input": frontend,
            "backend_type": backend, "default_frontend_label": label, "is_required": False,
            "is_user_defined": user_defined, "is_unique": "0", "scope": "global", "options": []}


ATTRIBUTES = [
    _attribute(73, "name", "Product Name", "text", "varchar", False),
    _attribute(74, "sku", "SKU", "text", "static", False),
    _attribute(75, "description", "Description", "textarea", "text", False),
    _attribute(77, "price", "Price", "price", "decimal", False),
    _attribute(93, "color", "Color", "select", "int"),
    _attribute(150, "upc", "UPC", "text", "varchar"),
    _attribute(151, "ean", "EAN", "text", "varchar"),
    _attribute(152, "amazon_asin", "Amazon ASIN", "text", "varchar"),
    _attribute(153, "amazon_condition", "Amazon Condition", "select", "int"),
]


def gs1(body: str) -> str:
    """body plus its GS1 check digit."""
    total = sum((3 if i % 2 == 0 else 1) * int(d) for i, d in enumerate(reversed(body)))
    return body + str((10 - total) % 10)


START_TIME = 1_767_225_600  # 2026-01-01 00:00:00 UTC: the fake store's clock starts here


def timestamp(seconds: int) -> str:
    """Magento's updated_at format (UTC, whole seconds)."""
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(seconds))


def make_products(count: int, *, seed: int = 7, first_id: int = 1) -> list[dict[str, Any]]:
    """Products in Magento's shape. Every 5th product has no UPC and every 7th no EAN (left
    out of custom_attributes, as Magento does); every 11th UPC has a wrong check digit.
    Product i was last updated i seconds after the others before it, all before START_TIME."""
    rng = random.Random(seed)
    products = []
    for i in range(count):
        entity_id = first_id + i
        custom = [{"attribute_code": "description", "value": f"<p>Product {entity_id}</p>"},
                  {"attribute_code": "color", "value": str(rng.randint(49, 60))}]
        if i % 5:
            upc = gs1(f"{rng.randrange(10**11):011d}")
            if i % 11 == 0:
                upc = upc[:-1] + str((int(upc[-1]) + 1) % 10)
            custom.append({"attribute_code": "upc", "value": upc})
        if i % 7:
            custom.append({"attribute_code": "ean", "value": gs1(f"{rng.randrange(10**12):012d}")})
        products.append({"id": entity_id, "sku": f"SKU-{entity_id:06d}",
                         "name": f"Product {entity_id}", "attribute_set_id": 4, "price": 9.5,
                         "status": 1, "visibility": 4, "type_id": "simple",
                         "created_at": timestamp(START_TIME - count + i),
                         "updated_at": timestamp(START_TIME - count + i),
                         "extension_attributes": {"website_ids": [1] if i % 3 else [1, 2]},
                         "custom_attributes": custom})
    return products


@dataclass
class Seen:
    """One request as the fake received it."""

    path: str
    query: dict[str, str]
    auth: str  # "bearer", "oauth1" or "none"
    connection: int


@dataclass
class FakeCommerce:
    products: list[dict[str, Any]] = field(default_factory=lambda: make_products(50))
    # "new": items [] past the end; "old": the last page again; "alternating": currentPage
    # ignored, the first two pages in turn, no total_count; "endless": new items on every
    # page, no total_count.
    paging: str = "new"
    websites: list[dict[str, Any]] = field(default_factory=lambda: [dict(w) for w in WEBSITES])
    max_page_size: int | None = 300  # input limits on: larger pages answer 400
    auth: str = "bearer"  # which credentials the store accepts: "bearer", "oauth1" or "any"
    bearer_enabled: bool = True  # False: as 2.4.4+ by default, bearer use of tokens is off
    permissions: frozenset[str] = ALL_PERMISSIONS
    honour_sort: bool = True  # False: ignore sortOrders (rows come by sku descending)
    delay: float = 0.0  # seconds before every answer
    page_latency: float = 0.0  # seconds more before each products page (a real store's work)
    requests: list[Seen] = field(default_factory=list)
    connections: int = 0
    clock: int = START_TIME  # the store's time: each change advances it by a second

    def __post_init__(self) -> None:
        self._failures: deque[tuple[str, object, dict[str, str]]] = deque()
        self._scheduled: dict[int, list[Callable[[FakeCommerce], None]]] = {}
        self._product_requests = 0
        self._last_query: dict[str, str] = {}
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._sort_cache: tuple[object, list[dict[str, Any]]] = (None, [])

    # --- lifecycle -----------------------------------------------------------------------

    def start(self) -> FakeCommerce:
        handler = type("Handler", (_Handler,), {"fake": self})
        self._server = _Server(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                         daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeCommerce:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        assert self._server, "start() the fake first"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def env(self, kind: str = "bearer", **extra: str) -> dict[str, str]:
        env = {"ASC_COMMERCE_URL": self.url}
        if kind == "bearer":
            env["ASC_COMMERCE_TOKEN"] = TOKEN
        else:
            env.update({f"ASC_COMMERCE_{k.upper()}": v for k, v in OAUTH.items()})
        env.update(extra)
        return env

    # --- scripting failures --------------------------------------------------------------

    def fail(self, path: str, *answers: object, retry_after: str | None = None) -> None:
        """The next requests whose path contains `path` get these answers in turn: an HTTP
        status (JSON body for 4xx, HTML for 5xx like a proxy), (status, body): a str sent as
        HTML, anything else as JSON, "drop" (close the connection without answering),
        "repeat" (the previous page's rows again, as a misbehaving cache or proxy would) or
        "skip" (the rows of the page after the one asked for)."""
        headers = {"Retry-After": retry_after} if retry_after is not None else {}
        with self._lock:
            self._failures.extend((path, answer, headers) for answer in answers)

    def at_product_request(self, number: int, change: Callable[[FakeCommerce], None]) -> None:
        """Run change(fake) just before answering the number-th products request (counted
        from 1 over the fake's life): a catalog that changes while a client reads it."""
        with self._lock:
            self._scheduled.setdefault(number, []).append(change)

    # --- changing the catalog (as merchants do between and during syncs) ------------------

    def tick(self) -> str:
        self.clock += 1
        return timestamp(self.clock)

    def product(self, entity_id: int) -> dict[str, Any]:
        return next(p for p in self.products if p["id"] == entity_id)

    def change_products(self, ids: Iterable[int], **attributes: str | None) -> None:
        """Set custom attribute values (None removes the attribute, as Magento leaves empty
        ones out) on these products and stamp them with a new updated_at."""
        now = self.tick()
        wanted = set(ids)
        for product in self.products:
            if product["id"] in wanted:
                custom = [c for c in product["custom_attributes"]
                          if c["attribute_code"] not in attributes]
                custom += [{"attribute_code": k, "value": v} for k, v in attributes.items()
                           if v is not None]
                product["custom_attributes"] = custom
                product["updated_at"] = now

    def delete_products(self, ids: Iterable[int]) -> None:
        gone = set(ids)
        self.products[:] = [p for p in self.products if p["id"] not in gone]

    def add_products(self, count: int) -> list[dict[str, Any]]:
        first = max((p["id"] for p in self.products), default=0) + 1
        now = self.tick()
        added = make_products(count, first_id=first, seed=first)
        for product in added:
            product["created_at"] = product["updated_at"] = now
        self.products.extend(added)
        return added

    def _next_failure(self, path: str) -> tuple[object, dict[str, str]] | None:
        with self._lock:
            for index, (where, answer, headers) in enumerate(self._failures):
                if where in path:
                    del self._failures[index]
                    return answer, headers
        return None

    def _sorted(self, rows: list[dict[str, Any]], id_field: str | None, *, cache: bool
                ) -> list[dict[str, Any]]:
        """rows by id (id_field given) or, as if unsorted, by name descending. The ordering
        of a stored list is cached so that paging a large catalog stays cheap."""
        cache_key = (id(rows), len(rows), id_field)
        if cache and self._sort_cache[0] == cache_key:
            return self._sort_cache[1]
        if id_field:
            key = "id" if id_field == "entity_id" else id_field
            ordered = sorted(rows, key=lambda row: row[key])
        else:
            ordered = sorted(rows, key=lambda row: str(row.get("sku", row.get("attribute_code"))),
                             reverse=True)
        if cache:
            self._sort_cache = (cache_key, ordered)
        return ordered

    def product_requests(self) -> list[Seen]:
        return [r for r in self.requests if r.path.endswith("/V1/products")]


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # A client that timed out and left is expected in these tests: stay quiet about it.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    fake: FakeCommerce
    protocol_version = "HTTP/1.1"  # keep-alive, so connection reuse can be observed

    def setup(self) -> None:
        super().setup()
        with self.fake._lock:
            self.fake.connections += 1
            self.connection_number = self.fake.connections

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        fake = self.fake
        parts = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        auth = self._authenticate(parts.query)
        is_products = parts.path.endswith("/V1/products")
        with fake._lock:
            fake.requests.append(Seen(parts.path, query, auth or "none", self.connection_number))
            changes = []
            if is_products:
                fake._product_requests += 1
                changes = fake._scheduled.pop(fake._product_requests, [])
        for change in changes:
            change(fake)
        if fake.delay:
            time.sleep(fake.delay)
        if is_products and fake.page_latency:
            time.sleep(fake.page_latency)
        failure = fake._next_failure(parts.path)
        if failure in (("repeat", {}), ("skip", {})):
            query = _moved(query, fake._last_query, failure[0])
        elif failure is not None:
            return self._fail(*failure)
        if is_products:
            fake._last_query = query
        match = re.fullmatch(r"/rest(?:/[\w-]+)?/V1/(.+)", parts.path)
        route = _ROUTES.get(match.group(1)) if match else None
        if route is None:
            return self._json(404, {"message": "Request does not match any route.",
                                    "parameters": []})
        resource, answer = route
        if auth is None or resource not in fake.permissions:
            return self._json(401, {"message": "The consumer isn't authorized to access "
                                               "%resources.",
                                    "parameters": {"resources": resource}})
        status, body = answer(fake, query)
        if status == 200 and "fields" in query:
            body = _project(body, _parse_fields(query["fields"]))
        self._json(status, body)

    # --- authentication ------------------------------------------------------------------

    def _authenticate(self, raw_query: str) -> str | None:
        header = self.headers.get("Authorization", "")
        accepts = self.fake.auth
        if header.startswith("Bearer "):
            ok = accepts in ("bearer", "any") and self.fake.bearer_enabled \
                and hmac.compare_digest(header[7:], TOKEN)
            return "bearer" if ok else None
        if header.startswith("OAuth "):
            ok = accepts in ("oauth1", "any") and self._oauth_signature_ok(header, raw_query)
            return "oauth1" if ok else None
        return None

    def _oauth_signature_ok(self, header: str, raw_query: str) -> bool:
        params = {k: oauth_utils.unescape(v)
                  for k, v in oauth_utils.parse_authorization_header(header)}
        if params.get("oauth_signature_method") != "HMAC-SHA256" \
                or params.get("oauth_consumer_key") != OAUTH["consumer_key"] \
                or params.get("oauth_token") != OAUTH["access_token"]:
            return False
        collected = oauth_signature.collect_parameters(
            uri_query=raw_query, headers={"Authorization": header}, exclude_oauth_signature=True)
        uri = oauth_signature.base_string_uri(f"http://{self.headers['Host']}{self.path}")
        base = oauth_signature.signature_base_string(
            "GET", uri, oauth_signature.normalize_parameters(collected))
        key = "&".join(oauth_utils.escape(OAUTH[k])
                       for k in ("consumer_secret", "access_token_secret"))
        expected = base64.b64encode(
            hmac.new(key.encode(), base.encode(), hashlib.sha256).digest()).decode()
        return hmac.compare_digest(expected, params.get("oauth_signature", ""))

    # --- answering -----------------------------------------------------------------------

    def _fail(self, answer: object, headers: dict[str, str]) -> None:
        """An HTTP status or "drop" (see FakeCommerce.fail)."""
        if answer == "drop":
            self.close_connection = True
            return
        if isinstance(answer, tuple):
            status, body = answer
            if isinstance(body, str):
                return self._send(status, body.encode(), "text/html", headers)
            return self._json(status, body, headers)
        status = int(answer)  # type: ignore[call-overload]
        if status >= 500:
            body = f"<html><body><h1>{status} Service Unavailable</h1></body></html>".encode()
            return self._send(status, body, "text/html", headers)
        self._json(status, {"message": "Too many requests, slow down."}, headers)

    def _json(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        self._send(status, json.dumps(body).encode(), "application/json; charset=utf-8",
                   headers or {})

    def _send(self, status: int, payload: bytes, content_type: str,
              headers: dict[str, str]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)


# --- endpoints ---------------------------------------------------------------------------

def _websites(fake: FakeCommerce, query: dict[str, str]) -> tuple[int, Any]:
    return 200, fake.websites


def _store_views(fake: FakeCommerce, query: dict[str, str]) -> tuple[int, Any]:
    return 200, STORE_VIEWS


def _attributes(fake: FakeCommerce, query: dict[str, str]) -> tuple[int, Any]:
    return _search(fake, query, ATTRIBUTES, "attribute_id")


def _products(fake: FakeCommerce, query: dict[str, str]) -> tuple[int, Any]:
    return _search(fake, query, fake.products, "entity_id")


def _search(fake: FakeCommerce, query: dict[str, str], rows: list[dict[str, Any]],
            id_field: str) -> tuple[int, Any]:
    if not any(key.startswith("searchCriteria") for key in query):
        return 400, {"message": '"%fieldName" is required. Enter and try again.',
                     "parameters": {"fieldName": "searchCriteria"}}
    size = int(query.get("searchCriteria[pageSize]") or 20)
    page = max(1, int(query.get("searchCriteria[currentPage]") or 1))
    if fake.max_page_size and size > fake.max_page_size:
        return 400, {"message": "Maximum SearchCriteria pageSize is %max",
                     "parameters": {"max": fake.max_page_size}}
    sort_field = query.get("searchCriteria[sortOrders][0][field]")
    descending = query.get("searchCriteria[sortOrders][0][direction]") == "DESC"
    by_id = sort_field == id_field and fake.honour_sort
    filters = _filters(query)
    with fake._lock:
        rows = fake._sorted(rows, id_field if by_id else None, cache=True)
        if filters:
            rows = _filtered(rows, filters, sorted_by_id=by_id and id_field == "entity_id")
        if sort_field == "updated_at" and fake.honour_sort:
            rows = sorted(rows, key=lambda row: (row.get("updated_at", ""), row["id"]),
                          reverse=descending)
        elif descending:
            rows = rows[::-1]
        last_page = max(1, -(-len(rows) // size))
        if fake.paging == "alternating":
            fake._served = getattr(fake, "_served", 0) + 1
            turn = (fake._served - 1) % 2
            return 200, {"items": rows[turn * size:(turn + 1) * size]}
        if fake.paging == "endless":
            first = (page - 1) * size + 1
            return 200, {"items": [{**rows[0], "id": first + i, "sku": f"ENDLESS-{first + i:09d}"}
                                   for i in range(size)]}
        if page > last_page and fake.paging == "old":
            page = last_page  # before 2.4: past the end, the last page again
        items = rows[(page - 1) * size:page * size]
        total = len(rows)
    return 200, {"items": items, "search_criteria": {"current_page": page, "page_size": size},
                 "total_count": total}


def _moved(query: dict[str, str], previous: dict[str, str], how: str) -> dict[str, str]:
    """The previous products query again ("repeat"), or the page after the one asked for
    ("skip")."""
    if how == "repeat":
        return dict(previous or query)
    moved = dict(query)
    moved["searchCriteria[currentPage]"] = str(int(query.get("searchCriteria[currentPage]")
                                                   or 1) + 1)
    return moved


def _filters(query: dict[str, str]) -> list[tuple[str, str, str]]:
    """(field, condition_type, value) of every filter group (AND-ed)."""
    found = []
    for group in range(10):
        prefix = f"searchCriteria[filterGroups][{group}][filters][0]"
        code = query.get(f"{prefix}[field]")
        if code is not None:
            found.append((code, query.get(f"{prefix}[condition_type]") or "eq",
                          query.get(f"{prefix}[value]") or ""))
    return found


def _field_value(row: dict[str, Any], code: str) -> Any:
    if code == "entity_id":
        return row["id"]
    if code in row:
        return row[code]
    return next((c["value"] for c in row.get("custom_attributes", [])
                 if c["attribute_code"] == code), None)


def _filtered(rows: list[dict[str, Any]], filters: list[tuple[str, str, str]], *,
              sorted_by_id: bool) -> list[dict[str, Any]]:
    for code, condition, value in filters:
        if sorted_by_id and code == "entity_id" and condition in ("gt", "gteq"):
            # Keyset paging over a large catalog: find the start by bisection.
            bound = int(value)
            start = bisect.bisect_right(rows, bound, key=lambda row: row["id"]) \
                if condition == "gt" else bisect.bisect_left(rows, bound,
                                                               key=lambda row: row["id"])
            rows = rows[start:]
            continue
        test = _condition(condition, value, numeric=code == "entity_id")
        rows = [row for row in rows if test(_field_value(row, code))]
    return rows


def _condition(condition: str, value: str, *, numeric: bool) -> Callable[[Any], bool]:
    def cast(v: Any) -> Any:
        return int(v) if numeric else str(v)

    if condition == "notnull":
        return lambda v: v not in (None, "")
    if condition == "in":
        wanted = {cast(v) for v in value.split(",") if v}
        return lambda v: v is not None and cast(v) in wanted
    bound = cast(value)
    compare = {"eq": operator.eq, "gt": operator.gt, "gteq": operator.ge, "lt": operator.lt,
               "lteq": operator.le}[condition]
    return lambda v: v is not None and compare(cast(v), bound)


_ROUTES = {
    "store/websites": ("Magento_Backend::store", _websites),
    "store/storeViews": ("Magento_Backend::store", _store_views),
    "products/attributes": ("Magento_Catalog::attributes_attributes", _attributes),
    "products": ("Magento_Catalog::products", _products),
}


# --- fields= projection ------------------------------------------------------------------

def _parse_fields(text: str) -> dict[str, Any]:
    """'items[sku,custom_attributes],total_count' -> {'items': {'sku': {}, ...}, ...}."""
    tree: dict[str, Any] = {}
    stack = [tree]
    name = ""
    for char in text + ",":
        if char == "[":
            stack[-1][name] = {}
            stack.append(stack[-1][name])
            name = ""
        elif char in ",]":
            if name:
                stack[-1][name] = {}
            name = ""
            if char == "]":
                stack.pop()
        else:
            name += char.strip()
    return tree


def _project(body: Any, tree: dict[str, Any]) -> Any:
    if not tree:
        return body
    if isinstance(body, list):
        return [_project(item, tree) for item in body]
    if isinstance(body, dict):  # walk the (few) requested keys, not all of an item's
        return {k: _project(body[k], sub) for k, sub in tree.items() if k in body}
    return body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=1000)
    parser.add_argument("--paging", choices=("new", "old"), default="new")
    parser.add_argument("--max-page-size", type=int, default=300, help="0: no limit")
    parser.add_argument("--page-latency", type=float, default=0.0)
    args = parser.parse_args()
    fake = FakeCommerce(products=make_products(args.products), paging=args.paging,
                        max_page_size=args.max_page_size or None,
                        page_latency=args.page_latency).start()
    print(fake.url, flush=True)
    try:
        # Serve until the parent closes our stdin. Each line it sends is a JSON change:
        # {"change": [ids], "attributes": {code: value}} or {"delete": [ids]}; answered "ok".
        for line in sys.stdin:
            command = json.loads(line)
            if "change" in command:
                fake.change_products(command["change"], **command.get("attributes", {}))
            if "delete" in command:
                fake.delete_products(command["delete"])
            print("ok", flush=True)
    finally:
        fake.stop()


if __name__ == "__main__":
    main()
