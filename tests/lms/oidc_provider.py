"""A real OpenID Connect provider on 127.0.0.1 for sign-in tests.

It speaks the parts of OpenID Connect Core and Discovery that allauth uses, over real HTTP:
discovery (`/.well-known/openid-configuration`), the authorization endpoint (it signs in the
person the test names and redirects back with a code), the token endpoint (client secret by
HTTP Basic, PKCE S256 checked, an RS256 ID token signed with a fresh key), userinfo (bearer
token) and the JWKS. `fail_with` makes every endpoint (or those in `fail_paths`) answer that
HTTP status, as an identity provider that is having an outage would. The server runs in a
daemon thread and stops when the fixture ends.
"""

import base64
import hashlib
import json
import secrets
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

CLIENT_ID = "equity-lms"
CLIENT_SECRET = "loopback-secret"
KEY_ID = "test-key-1"


class OIDCProvider:
    """The provider's state: who signs in next, codes and tokens issued, and faults."""

    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.next_claims: dict = {}
        self.codes: dict[str, dict] = {}
        self.tokens: dict[str, dict] = {}
        self.fail_with: int | None = None
        self.fail_paths: set[str] | None = None  # None: every endpoint fails
        self.requests: list[str] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def settings(self) -> dict:
        """SOCIALACCOUNT_PROVIDERS as lms.settings.base builds it from OIDC_* variables."""
        return {
            "openid_connect": {
                "OAUTH_PKCE_ENABLED": True,
                "EMAIL_AUTHENTICATION": True,
                "APPS": [
                    {
                        "provider_id": "city",
                        "name": "City single sign-on",
                        "client_id": CLIENT_ID,
                        "secret": CLIENT_SECRET,
                        "settings": {
                            "server_url": self.url,
                            "token_auth_method": "client_secret_basic",
                        },
                    }
                ],
            }
        }

    def discovery(self) -> dict:
        return {
            "issuer": self.url,
            "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token",
            "userinfo_endpoint": f"{self.url}/userinfo",
            "jwks_uri": f"{self.url}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic"],
            "code_challenge_methods_supported": ["S256"],
        }

    def jwks(self) -> dict:
        jwk = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**jwk, "kid": KEY_ID, "use": "sig", "alg": "RS256"}]}

    def id_token(self, claims: dict, nonce: str | None) -> str:
        now = int(time.time())
        payload = {
            "iss": self.url,
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            **claims,
        }
        if nonce:
            payload["nonce"] = nonce
        return jwt.encode(payload, self.key, algorithm="RS256", headers={"kid": KEY_ID})


def _handler(provider: OIDCProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format, *args):
            return

        def _send(self, status: int, body: dict | None = None, headers: dict | None = None):
            data = json.dumps(body).encode() if body is not None else b""
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            if body is not None:
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _fault(self) -> bool:
            path = urlsplit(self.path).path
            provider.requests.append(path)
            if provider.fail_with and (provider.fail_paths is None or path in provider.fail_paths):
                self._send(provider.fail_with, {"error": "temporarily_unavailable"})
                return True
            return False

        def do_GET(self):
            if self._fault():
                return
            parts = urlsplit(self.path)
            query = {name: values[0] for name, values in parse_qs(parts.query).items()}
            if parts.path == "/.well-known/openid-configuration":
                self._send(200, provider.discovery())
            elif parts.path == "/jwks":
                self._send(200, provider.jwks())
            elif parts.path == "/authorize":
                self._authorize(query)
            elif parts.path == "/userinfo":
                token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                claims = provider.tokens.get(token)
                if claims is None:
                    self._send(401, {"error": "invalid_token"})
                else:
                    self._send(200, claims)
            else:
                self._send(404, {"error": "not_found"})

        def _authorize(self, query: dict) -> None:
            if query.get("client_id") != CLIENT_ID or query.get("response_type") != "code":
                self._send(400, {"error": "invalid_request"})
                return
            code = secrets.token_urlsafe(16)
            provider.codes[code] = {
                "claims": dict(provider.next_claims),
                "redirect_uri": query["redirect_uri"],
                "nonce": query.get("nonce"),
                "code_challenge": query.get("code_challenge"),
            }
            back = urlencode({"code": code, "state": query.get("state", "")})
            self._send(302, headers={"Location": f"{query['redirect_uri']}?{back}"})

        def do_POST(self):
            if self._fault():
                return
            if urlsplit(self.path).path != "/token":
                self._send(404, {"error": "not_found"})
                return
            length = int(self.headers.get("Content-Length", "0"))
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            expected = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
            if self.headers.get("Authorization") != f"Basic {expected}":
                self._send(401, {"error": "invalid_client"})
                return
            grant = provider.codes.pop(form.get("code", ""), None)
            if (
                grant is None
                or form.get("grant_type") != "authorization_code"
                or form.get("redirect_uri") != grant["redirect_uri"]
            ):
                self._send(400, {"error": "invalid_grant"})
                return
            if grant["code_challenge"]:
                digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
                challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
                if challenge != grant["code_challenge"]:
                    self._send(400, {"error": "invalid_grant"})
                    return
            access_token = secrets.token_urlsafe(24)
            provider.tokens[access_token] = grant["claims"]
            self._send(
                200,
                {
                    "access_token": access_token,
                    "token_type": "Bearer",
                    "expires_in": 300,
                    "id_token": provider.id_token(grant["claims"], grant["nonce"]),
                },
            )

    return Handler


@pytest.fixture
def oidc_provider(settings) -> Iterator[OIDCProvider]:
    provider = OIDCProvider()
    settings.SOCIALACCOUNT_PROVIDERS = provider.settings()
    yield provider
    provider.close()


def sign_in_through_provider(client, provider: OIDCProvider, **claims):
    """Press "City single sign-on", sign in at the provider as `claims`, follow it back.

    Returns the response of our callback (or of the first step when it does not redirect to
    the provider).
    """
    provider.next_claims = claims
    start = client.post("/accounts/oidc/city/login/")
    if start.status_code != 302 or not start["Location"].startswith(provider.url):
        return start
    answer = requests.get(start["Location"], allow_redirects=False, timeout=5)
    assert answer.status_code == 302, answer.text
    back = urlsplit(answer.headers["Location"])
    return client.get(f"{back.path}?{back.query}")
