"""A fake Stripe API on 127.0.0.1, for the real stripe-python SDK to talk to in tests.

It answers the endpoints the project uses with Stripe-shaped JSON and Stripe's error bodies
(``{"error": {"type": "invalid_request_error", "message": ..., "code": ...}}``, 400/404/401),
keeps its objects in memory, honours idempotency keys, and can play Stripe's part: a payer
completes a session, a session times out, someone refunds in the Stripe dashboard. Webhooks are
signed exactly as Stripe signs them (``Stripe-Signature: t=<ts>,v1=<hex hmac-sha256 of "ts.payload">``).

    POST /v1/checkout/sessions                 GET /v1/checkout/sessions/{id}
    POST /v1/checkout/sessions/{id}/expire     GET /v1/payment_intents/{id}
    POST /v1/refunds   GET /v1/refunds/{id}    GET /v1/refunds?payment_intent=
    GET /v1/charges/{id}
"""

import hashlib
import hmac
import json
import re
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

SECRET_KEY = "sk_test_fake_videnscenter"
WEBHOOK_SECRET = "whsec_test_current"


def sign(payload: bytes, secret: str, timestamp: int | None = None) -> str:
    """The ``Stripe-Signature`` header value stripe-python verifies."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def parse_form(pairs: list[tuple[str, str]]) -> dict:
    """Stripe's bracket encoding (``line_items[0][price_data][unit_amount]=100``) to nested dicts and lists."""
    root: dict = {}
    for key, value in pairs:
        parts = re.findall(r"[^\[\]]+|\[\]", key)
        node = root
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            if part == "[]":
                part = str(len(node))
            if last:
                node[part] = value
            else:
                node = node.setdefault(part, {})
    return _lists(root)


def _lists(node):
    if isinstance(node, dict):
        node = {k: _lists(v) for k, v in node.items()}
        if node and all(k.isdigit() for k in node):
            return [node[k] for k in sorted(node, key=int)]
    return node


def _new_id(prefix: str) -> str:
    return f"{prefix}_test_{secrets.token_hex(8)}"


class StripeHTTPError(Exception):
    def __init__(
        self, status: int, message: str, code: str = "", param: str = "", type_: str = "invalid_request_error"
    ):
        super().__init__(message)
        self.status = status
        self.body = {"error": {"type": type_, "message": message, "code": code or None, "param": param or None}}


def _missing(kind: str, object_id: str) -> StripeHTTPError:
    return StripeHTTPError(404, f"No such {kind}: '{object_id}'", code="resource_missing", param="id")


class FakeStripe:
    """The in-memory state and the Stripe-side actions tests use."""

    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.sessions: dict[str, dict] = {}
            self.intents: dict[str, dict] = {}
            self.charges: dict[str, dict] = {}
            self.refunds: dict[str, dict] = {}
            self.idempotent: dict[str, tuple[int, dict]] = {}
            self.requests: list[tuple[str, str, dict]] = []
            self.webhook_secret = WEBHOOK_SECRET
            self.fail_with: StripeHTTPError | None = None
            self.down = False  # every request answers 500, as when Stripe has an outage
        self.url = getattr(self, "url", "")

    # --- the HTTP side ---------------------------------------------------------------------

    def handle(self, method: str, path: str, params: dict, headers) -> tuple[int, dict]:
        with self.lock:
            self.requests.append((method, path, params))
            if not (headers.get("Authorization") or "").startswith("Bearer sk_"):
                raise StripeHTTPError(401, "Invalid API Key provided", type_="invalid_request_error")
            if self.down:
                raise StripeHTTPError(500, "An unknown error occurred", type_="api_error")
            if self.fail_with is not None:
                error, self.fail_with = self.fail_with, None
                raise error
            key = headers.get("Idempotency-Key")
            if method == "POST" and key and key in self.idempotent:
                return self.idempotent[key]
            answer = self._route(method, path, params)
            if method == "POST" and key:
                self.idempotent[key] = answer
            return answer

    def _route(self, method: str, path: str, params: dict) -> tuple[int, dict]:
        routes = [
            ("POST", r"/v1/checkout/sessions", self._create_session),
            ("GET", r"/v1/checkout/sessions/([^/]+)", self._get_session),
            ("POST", r"/v1/checkout/sessions/([^/]+)/expire", self._expire_session_api),
            ("GET", r"/v1/payment_intents/([^/]+)", self._get_intent),
            ("GET", r"/v1/charges/([^/]+)", self._get_charge),
            ("POST", r"/v1/refunds", self._create_refund),
            ("GET", r"/v1/refunds", self._list_refunds),
            ("GET", r"/v1/refunds/([^/]+)", self._get_refund),
        ]
        for verb, pattern, func in routes:
            match = re.fullmatch(pattern, path)
            if match and verb == method:
                return 200, func(params, *match.groups())
        raise StripeHTTPError(404, f"Unrecognized request URL ({method}: {path}).")

    def _create_session(self, params: dict) -> dict:
        lines = params.get("line_items") or []
        if params.get("mode") != "payment" or not lines:
            raise StripeHTTPError(
                400, "Missing required param: line_items.", code="parameter_missing", param="line_items"
            )
        total = 0
        for line in lines:
            data = line.get("price_data") or {}
            if data.get("currency") != "dkk" or not str(data.get("unit_amount", "")).isdigit():
                raise StripeHTTPError(400, "Invalid integer: unit_amount", code="parameter_invalid_integer")
            total += int(data["unit_amount"]) * int(line.get("quantity", 1))
        now = int(time.time())
        expires_at = int(params.get("expires_at") or now + 24 * 3600)
        if not now + 30 * 60 - 5 <= expires_at <= now + 24 * 3600 + 5:
            raise StripeHTTPError(
                400,
                "The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.",
                code="parameter_invalid_integer",
                param="expires_at",
            )
        session_id = _new_id("cs")
        session = {
            "id": session_id,
            "object": "checkout.session",
            "mode": "payment",
            "amount_subtotal": total,
            "amount_total": total,
            "currency": params.get("currency", "dkk"),
            "locale": params.get("locale"),
            "client_reference_id": params.get("client_reference_id"),
            "customer_email": params.get("customer_email"),
            "success_url": params.get("success_url"),
            "cancel_url": params.get("cancel_url"),
            "expires_at": expires_at,
            "created": now,
            "livemode": False,
            "metadata": params.get("metadata") or {},
            "payment_intent": None,
            "payment_status": "unpaid",
            "status": "open",
            "url": f"https://checkout.stripe.test/c/pay/{session_id}",
            "_line_items": lines,
            "_intent_metadata": (params.get("payment_intent_data") or {}).get("metadata") or {},
        }
        self.sessions[session_id] = session
        return self._public(session)

    @staticmethod
    def _public(obj: dict) -> dict:
        return {k: v for k, v in obj.items() if not k.startswith("_")}

    def _session(self, session_id: str) -> dict:
        if session_id not in self.sessions:
            raise _missing("checkout.session", session_id)
        return self.sessions[session_id]

    def _get_session(self, params: dict, session_id: str) -> dict:
        return self._public(self._session(session_id))

    def _expire_session_api(self, params: dict, session_id: str) -> dict:
        session = self._session(session_id)
        if session["status"] != "open":
            raise StripeHTTPError(
                400,
                'Only Checkout Sessions with a status in ["open"] can be expired. '
                f'This Checkout Session has a status of "{session["status"]}".',
            )
        session.update(status="expired", url=None)
        return self._public(session)

    def _get_intent(self, params: dict, intent_id: str) -> dict:
        if intent_id not in self.intents:
            raise _missing("payment_intent", intent_id)
        return self.intents[intent_id]

    def _get_charge(self, params: dict, charge_id: str) -> dict:
        if charge_id not in self.charges:
            raise _missing("charge", charge_id)
        return self.charges[charge_id]

    def _get_refund(self, params: dict, refund_id: str) -> dict:
        if refund_id not in self.refunds:
            raise _missing("refund", refund_id)
        return self.refunds[refund_id]

    def _list_refunds(self, params: dict) -> dict:
        intent = params.get("payment_intent")
        data = [r for r in self.refunds.values() if intent is None or r["payment_intent"] == intent]
        data.sort(key=lambda r: r["created"], reverse=True)
        return {"object": "list", "data": data, "has_more": False, "url": "/v1/refunds"}

    def _create_refund(self, params: dict) -> dict:
        intent_id = params.get("payment_intent", "")
        if intent_id not in self.intents:
            raise _missing("payment_intent", intent_id)
        intent = self.intents[intent_id]
        if intent["status"] != "succeeded":
            raise StripeHTTPError(
                400,
                "This PaymentIntent does not have a successful charge to refund.",
                code="payment_intent_unexpected_state",
            )
        charge = self.charges[intent["latest_charge"]]
        remaining = charge["amount"] - charge["amount_refunded"]
        amount = int(params.get("amount", remaining))
        if amount <= 0 or amount > remaining:
            code = "charge_already_refunded" if remaining == 0 else "amount_too_large"
            raise StripeHTTPError(
                400,
                f"Refund amount ({amount / 100:.2f} kr.) is greater than "
                f"unrefunded amount on charge ({remaining / 100:.2f} kr.)",
                code=code,
                param="amount",
            )
        return self._add_refund(intent, amount, params.get("metadata") or {})

    def _add_refund(self, intent: dict, amount: int, metadata: dict) -> dict:
        charge = self.charges[intent["latest_charge"]]
        refund = {
            "id": _new_id("re"),
            "object": "refund",
            "amount": amount,
            "currency": "dkk",
            "charge": charge["id"],
            "payment_intent": intent["id"],
            "status": "succeeded",
            "metadata": metadata,
            "created": int(time.time()) + len(self.refunds),
        }
        self.refunds[refund["id"]] = refund
        charge["amount_refunded"] += amount
        charge["refunded"] = charge["amount_refunded"] == charge["amount"]
        return refund

    # --- Stripe's side of the story, for tests ---------------------------------------------

    def complete(self, session_id: str) -> dict:
        """The payer paid on the hosted page: the session is complete and paid, with an intent and a charge."""
        with self.lock:
            session = self._session(session_id)
            intent_id, charge_id = _new_id("pi"), _new_id("ch")
            amount = session["amount_total"]
            self.charges[charge_id] = {
                "id": charge_id,
                "object": "charge",
                "amount": amount,
                "amount_refunded": 0,
                "refunded": False,
                "currency": "dkk",
                "paid": True,
                "status": "succeeded",
                "payment_intent": intent_id,
            }
            self.intents[intent_id] = {
                "id": intent_id,
                "object": "payment_intent",
                "amount": amount,
                "amount_received": amount,
                "currency": "dkk",
                "status": "succeeded",
                "latest_charge": charge_id,
                "metadata": session["_intent_metadata"],
            }
            session.update(status="complete", payment_status="paid", payment_intent=intent_id, url=None)
            return self._public(session)

    def expire(self, session_id: str) -> dict:
        """The session timed out at Stripe."""
        with self.lock:
            return self._expire_session_api({}, session_id)

    def refund_in_dashboard(self, intent_id: str, amount: int | None = None) -> dict:
        """Someone refunded in Stripe's dashboard (øre; all that is left when None)."""
        with self.lock:
            intent = self.intents[intent_id]
            charge = self.charges[intent["latest_charge"]]
            return self._add_refund(intent, amount or charge["amount"] - charge["amount_refunded"], {})

    def session(self, session_id: str) -> dict:
        return self._public(self.sessions[session_id])

    def only_session(self) -> dict:
        (session,) = self.sessions.values()
        return self._public(session)

    def calls(self, method: str, path_prefix: str) -> list[dict]:
        return [params for m, p, params in self.requests if m == method and p.startswith(path_prefix)]

    def fail_next(self, status: int = 500, message: str = "An unknown error occurred", code: str = "") -> None:
        """The next request gets this error (500: Stripe is having trouble)."""
        self.fail_with = StripeHTTPError(
            status, message, code=code, type_="api_error" if status >= 500 else "invalid_request_error"
        )

    def event(self, type_: str, obj: dict, *, secret: str | None = None, event_id: str | None = None, timestamp=None):
        """A webhook delivery: (payload bytes, ``Stripe-Signature`` header), signed like Stripe does."""
        body = {
            "id": event_id or _new_id("evt"),
            "object": "event",
            "api_version": "2026-01-28.clover",
            "created": int(time.time()),
            "type": type_,
            "livemode": False,
            "pending_webhooks": 1,
            "request": {"id": None, "idempotency_key": None},
            "data": {"object": obj},
        }
        payload = json.dumps(body).encode()
        return payload, sign(payload, secret or self.webhook_secret, timestamp)


class _Handler(BaseHTTPRequestHandler):
    fake: FakeStripe

    def _answer(self, method: str) -> None:
        url = urlsplit(self.path)
        pairs = parse_qsl(url.query, keep_blank_values=True)
        if method == "POST":
            length = int(self.headers.get("Content-Length") or 0)
            pairs += parse_qsl(self.rfile.read(length).decode(), keep_blank_values=True)
        try:
            status, body = self.fake.handle(method, url.path, parse_form(pairs), self.headers)
        except StripeHTTPError as exc:
            status, body = exc.status, exc.body
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Request-Id", "req_" + secrets.token_hex(6))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self._answer("GET")

    def do_POST(self):
        self._answer("POST")

    def log_message(self, format, *args):
        pass


def start() -> tuple[FakeStripe, ThreadingHTTPServer]:
    """A fake on a free port of 127.0.0.1, served by a daemon thread; ``fake.url`` is its base URL."""
    fake = FakeStripe()
    handler = type("Handler", (_Handler,), {"fake": fake})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="fake-stripe", daemon=True).start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    return fake, server
