"""Real servers on loopback for the reminder tests: an SMTP server (aiosmtpd), with STARTTLS,
implicit TLS and login when asked, and an HTTP server playing a Slack/Teams incoming webhook."""

from __future__ import annotations

import datetime as dt
import json
import socket
import ssl
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

SMTP_USER, SMTP_PASSWORD = "reminders", "smtp-pass-Zq9!x7"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def self_signed_cert(folder) -> tuple[str, str]:
    """A certificate for 127.0.0.1 (and its key), as PEM files in folder."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    import ipaddress

    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return str(cert_path), str(key_path)


@dataclass
class Mail:
    sender: str
    recipients: list[str]
    subject: str
    body: str
    raw: str


class MailBox:
    """aiosmtpd handler keeping every message it accepts."""

    def __init__(self):
        self.mails: list[Mail] = []
        self.logins: list[str] = []

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.original_content or envelope.content,
                                     policy=policy.default)
        body = message.get_body(("plain",)).get_content()
        self.mails.append(Mail(envelope.mail_from, list(envelope.rcpt_tos),
                               str(message["Subject"]), body,
                               (envelope.original_content or envelope.content).decode()))
        return "250 Message accepted for delivery"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == SMTP_USER \
            and auth_data.password.decode() == SMTP_PASSWORD
        if ok:
            self.logins.append(SMTP_USER)
        return AuthResult(success=ok, handled=False)


class SmtpServer:
    """aiosmtpd on a free loopback port. security: none, starttls or ssl."""

    def __init__(self, security: str = "none", folder=None, login: bool = False):
        self.box = MailBox()
        self.port = free_port()
        self.security = security
        kwargs: dict = {}
        if security in ("starttls", "ssl"):
            self.cert, key = self_signed_cert(folder)
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(self.cert, key)
            if security == "ssl":
                kwargs["ssl_context"] = context
            else:
                kwargs["tls_context"] = context
                kwargs["require_starttls"] = True
        if login:
            kwargs["authenticator"] = self.box.authenticate
            kwargs["auth_required"] = True
            # aiosmtpd does not see implicit TLS as TLS; the connection is encrypted anyway.
            kwargs["auth_require_tls"] = security != "ssl"
        self.controller = Controller(self.box, hostname="127.0.0.1", port=self.port,
                                     ready_timeout=10, **kwargs)

    @property
    def mails(self) -> list[Mail]:
        return self.box.mails

    def env(self) -> dict[str, str]:
        env = {"ASC_SMTP_HOST": "127.0.0.1", "ASC_SMTP_PORT": str(self.port),
               "ASC_SMTP_SECURITY": self.security, "ASC_SMTP_FROM": "asc@example.com",
               "ASC_SMTP_TIMEOUT": "5"}
        if self.security != "none":
            env["ASC_SMTP_CA_FILE"] = self.cert
        return env

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()


@dataclass
class WebhookServer:
    """An incoming webhook: records JSON posts; answers `status` (a list is used in turn);
    `hold` blocks the n-th post (1-based) until release() so a test can stop the sender."""

    status: list[int] = field(default_factory=lambda: [200])
    hold: int | None = None
    posts: list[dict] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.held = threading.Event()
        self.released = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"null")
                outer.posts.append(body)
                outer.paths.append(self.path)
                if outer.hold is not None and len(outer.posts) == outer.hold:
                    outer.held.set()
                    outer.released.wait(60)
                code = outer.status.pop(0) if len(outer.status) > 1 else outer.status[0]
                self.send_response(code)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                self.wfile.write(b"ok" if code == 200 else b"error")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}/services/T000/B000/XyZsecret"

    def release(self) -> None:
        self.released.set()

    def __enter__(self) -> WebhookServer:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.released.set()
        self.server.shutdown()
        self.server.server_close()
