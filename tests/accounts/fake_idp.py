"""A small OpenID Connect provider for tests, on 127.0.0.1 with a free port, in a thread.

It serves discovery, an authorize endpoint that approves at once (a redirect back with a code),
a token endpoint that checks the client's secret, the redirect address and the PKCE verifier
and answers with an RS256-signed ID token, and the JWKS with its public key. Tests choose who
signs in (`idp.claims`) and can spoil the next ID token (`idp.spoil`) to check that the product
refuses it.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import secrets
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urlsplit

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

CLIENT_ID = "maturity-toolkit-test"
CLIENT_SECRET = "a-client-secret-for-tests"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _int_bytes(number: int) -> bytes:
    return number.to_bytes((number.bit_length() + 7) // 8, "big")


def sign_rs256(key: rsa.RSAPrivateKey, header: dict, payload: dict) -> str:
    signing_input = f"{b64url(json.dumps(header).encode())}.{b64url(json.dumps(payload).encode())}"
    signature = key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
    return f"{signing_input}.{b64url(signature)}"


@functools.cache
def _keys() -> tuple[rsa.RSAPrivateKey, rsa.RSAPrivateKey]:
    """The provider's signing key and another one, made once per test run (2048-bit keys are slow to make)."""
    return tuple(rsa.generate_private_key(public_exponent=65537, key_size=2048) for _ in range(2))


@dataclass
class Grant:
    client_id: str
    redirect_uri: str
    nonce: str
    code_challenge: str
    code_challenge_method: str
    claims: dict


@dataclass
class FakeIdentityProvider:
    client_id: str = CLIENT_ID
    client_secret: str = CLIENT_SECRET
    # Who signs in next: the ID token's claims besides iss, aud, exp, iat and nonce.
    claims: dict = field(
        default_factory=lambda: {
            "sub": "user-1",
            "email": "someone@example.gov.uk",
            "email_verified": True,
            "name": "Someone",
        }
    )
    # How to spoil the next ID token: "key", "aud", "iss", "exp", "nonce", "alg-none", "no-id-token".
    spoil: str = ""
    authorize_requests: list[dict] = field(default_factory=list)
    token_requests: list[dict] = field(default_factory=list)
    token_refusals: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.key, self.other_key = _keys()
        self.kid = "test-key-1"
        self._grants: dict[str, Grant] = {}
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.issuer = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    # --- running ----------------------------------------------------------------------------------

    def start(self) -> FakeIdentityProvider:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def follow(self, authorize_url: str) -> str:
        """What a browser does at the authorize endpoint: returns where the provider sends it back."""
        import requests

        response = requests.get(authorize_url, allow_redirects=False, timeout=10)
        assert response.status_code == 302, response.text
        return response.headers["Location"]

    # --- the endpoints ----------------------------------------------------------------------------

    def metadata(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "scopes_supported": ["openid", "email", "profile"],
        }

    def jwks(self) -> dict:
        numbers = self.key.public_key().public_numbers()
        return {
            "keys": [
                {
                    "kty": "RSA",
                    "use": "sig",
                    "alg": "RS256",
                    "kid": self.kid,
                    "n": b64url(_int_bytes(numbers.n)),
                    "e": b64url(_int_bytes(numbers.e)),
                }
            ]
        }

    def authorize(self, params: dict) -> tuple[int, dict]:
        self.authorize_requests.append(params)
        if params.get("client_id") != self.client_id or params.get("response_type") != "code":
            return 400, {"error": "invalid_request"}
        if "openid" not in params.get("scope", "").split():
            return 400, {"error": "invalid_scope"}
        code = secrets.token_urlsafe(16)
        self._grants[code] = Grant(
            client_id=params["client_id"],
            redirect_uri=params.get("redirect_uri", ""),
            nonce=params.get("nonce", ""),
            code_challenge=params.get("code_challenge", ""),
            code_challenge_method=params.get("code_challenge_method", ""),
            claims=dict(self.claims),
        )
        back = {"code": code, "state": params.get("state", "")}
        return 302, {"Location": f"{params.get('redirect_uri')}?{urlencode(back)}"}

    def token(self, form: dict, authorization: str) -> tuple[int, dict]:
        self.token_requests.append(form)
        client_id, client_secret = form.get("client_id", ""), form.get("client_secret", "")
        if authorization.startswith("Basic "):
            client_id, _, client_secret = base64.b64decode(authorization[6:]).decode().partition(":")
        grant = self._grants.pop(form.get("code", ""), None)  # a code works once
        problem = (
            "client"
            if (client_id, client_secret) != (self.client_id, self.client_secret)
            else "code"
            if grant is None or form.get("grant_type") != "authorization_code"
            else "redirect_uri"
            if form.get("redirect_uri") != grant.redirect_uri
            else "pkce"
            if grant.code_challenge_method != "S256"
            or b64url(hashlib.sha256(form.get("code_verifier", "").encode()).digest()) != grant.code_challenge
            else ""
        )
        if problem:
            self.token_refusals.append(problem)
            return 400, {"error": "invalid_grant", "error_description": problem}
        access_token = secrets.token_urlsafe(24)
        answer = {"access_token": access_token, "token_type": "Bearer", "expires_in": 300}
        if self.spoil != "no-id-token":
            answer["id_token"] = self.id_token(grant)
        return 200, answer

    def id_token(self, grant: Grant) -> str:
        now = int(time.time())
        payload = {
            "iss": self.issuer,
            "aud": self.client_id,
            "iat": now,
            "exp": now + 300,
            "nonce": grant.nonce,
            **grant.claims,
        }
        header = {"alg": "RS256", "kid": self.kid, "typ": "JWT"}
        key = self.key
        if self.spoil == "key":
            key = self.other_key
        elif self.spoil == "aud":
            payload["aud"] = "another-client"
        elif self.spoil == "iss":
            payload["iss"] = "https://impostor.example.com"
        elif self.spoil == "exp":
            payload["iat"], payload["exp"] = now - 3600, now - 1800
        elif self.spoil == "nonce":
            payload["nonce"] = "not-the-nonce-that-was-sent"
        elif self.spoil == "alg-none":
            unsigned = (
                f"{b64url(json.dumps({'alg': 'none', 'typ': 'JWT'}).encode())}.{b64url(json.dumps(payload).encode())}"
            )
            return unsigned + "."
        return sign_rs256(key, header, payload)

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep test output quiet
                pass

            def _send(self, status: int, body: dict) -> None:
                if status == 302:
                    self.send_response(302)
                    self.send_header("Location", body["Location"])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                params = dict(parse_qsl(parts.query))
                if parts.path == "/.well-known/openid-configuration":
                    self._send(200, provider.metadata())
                elif parts.path == "/jwks":
                    self._send(200, provider.jwks())
                elif parts.path == "/authorize":
                    self._send(*provider.authorize(params))
                else:
                    self._send(404, {"error": "not_found"})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                form = dict(parse_qsl(self.rfile.read(length).decode()))
                if urlsplit(self.path).path == "/token":
                    self._send(*provider.token(form, self.headers.get("Authorization", "")))
                else:
                    self._send(404, {"error": "not_found"})

        return Handler


@contextmanager
def running_provider(settings, *, site_url: str):
    """A started provider, and the product's settings pointing at it, for one test."""
    from maturity.accounts import sso

    provider = FakeIdentityProvider().start()
    settings.OIDC_ISSUER = provider.issuer
    settings.OIDC_DISCOVERY_URL = provider.discovery_url
    settings.OIDC_CLIENT_ID = provider.client_id
    settings.OIDC_CLIENT_SECRET = provider.client_secret
    settings.OIDC_SCOPES = "openid email profile"
    settings.OIDC_BUTTON_TEXT = "Sign in with your council account"
    settings.SITE_URL = site_url
    sso._client.cache_clear()
    try:
        yield provider
    finally:
        provider.stop()
        sso._client.cache_clear()
