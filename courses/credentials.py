"""Open Badges 3.0 credentials for certificates, signed as VC-JWTs with the City's RSA key.

A credential is an ``OpenBadgeCredential`` (W3C Verifiable Credentials 2.0 data model) whose id
is the certificate's public verification URL. It names the learner only by a salted SHA-256
hash of their email, so a wallet can prove who holds it without the credential revealing them.

`credential_sign` wraps it in a compact JWS (RS256). The JOSE header's ``kid`` points at the
public key in ``/certificates/jwks.json``; the claims are ``iss`` (the issuer profile),
``jti`` (the credential id), ``nbf`` (when it became valid), ``sub`` (only when the subject has
an id) and ``vc`` (the credential). `credential_verify` checks the signature, the issuer, that
the certificate exists and matches, and that it has not been revoked.

The signing key comes from ``CERTIFICATE_SIGNING_KEY`` (PEM). Without it, a development key is
made once in ``CERTIFICATE_KEY_FILE`` (RSA 2048, mode 0600). Changing the key makes credentials
signed with the old one fail verification: the JWKS publishes one key.
"""

import base64
import hashlib
import json
import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from .certificates import (
    certificate_code_normalize,
    certificate_public_url,
    date_display,
    site_url,
)
from .models import Certificate

logger = logging.getLogger(__name__)

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB_SCHEMA = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
ALGORITHM = "RS256"
KEY_BITS = 2048
MAX_TOKEN_CHARS = 64_000  # a real credential is a few kilobytes

VALID = "valid"
REVOKED = "revoked"
INVALID = "invalid"


# --- keys ----------------------------------------------------------------------------------------


def signing_key() -> rsa.RSAPrivateKey:
    """The RSA private key that signs credentials.

    From ``CERTIFICATE_SIGNING_KEY`` (PEM; ``\\n`` escapes are accepted, for environment files)
    when set; otherwise read from ``CERTIFICATE_KEY_FILE``, which is created once (RSA 2048, mode
    0600, parent directories made) when missing. Raises ImproperlyConfigured for a key that is
    not an RSA private key of at least 2048 bits.
    """
    pem = settings.CERTIFICATE_SIGNING_KEY
    if pem:
        return _key_from_pem(pem.replace("\\n", "\n").strip().encode())
    path = Path(settings.CERTIFICATE_KEY_FILE)
    if not path.exists():
        _key_file_create(path)
    stat = path.stat()
    return _key_from_file(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _key_from_file(path: str, _mtime_ns: int, _size: int) -> rsa.RSAPrivateKey:
    # The modification time and size are part of the cache key, so a replaced file is re-read.
    return _key_from_pem(Path(path).read_bytes())


@lru_cache(maxsize=8)
def _key_from_pem(pem: bytes) -> rsa.RSAPrivateKey:
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(
            "The certificate signing key is not a PEM private key."
        ) from error
    if not isinstance(key, rsa.RSAPrivateKey) or key.key_size < KEY_BITS:
        raise ImproperlyConfigured(
            f"The certificate signing key must be an RSA key of at least {KEY_BITS} bits."
        )
    return key


def _key_file_create(path: Path) -> None:
    """Writes a new development key to `path`, unless another process got there first."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(descriptor, "wb") as handle:
        os.fchmod(handle.fileno(), 0o600)  # whatever the umask
        handle.write(pem)
    logger.warning("created a development certificate signing key in %s", path)


def public_jwk() -> dict[str, str]:
    """The public half of the signing key as a JWK, with its ``kid``, ``use`` and ``alg``."""
    jwk = jwt.algorithms.RSAAlgorithm.to_jwk(signing_key().public_key(), as_dict=True)
    return {
        "kty": "RSA",
        "n": jwk["n"],
        "e": jwk["e"],
        "kid": key_id(),
        "use": "sig",
        "alg": ALGORITHM,
    }


def key_thumbprint() -> str:
    """The RFC 7638 SHA-256 thumbprint of the public key, base64url without padding."""
    jwk = jwt.algorithms.RSAAlgorithm.to_jwk(signing_key().public_key(), as_dict=True)
    members = json.dumps(
        {"e": jwk["e"], "kty": "RSA", "n": jwk["n"]}, separators=(",", ":"), sort_keys=True
    )
    digest = hashlib.sha256(members.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def key_id() -> str:
    """The ``kid`` of the signing key: the JWKS URL with the key's thumbprint as fragment."""
    return f"{site_url()}{reverse('certificates:jwks')}#{key_thumbprint()}"


def jwks() -> dict[str, list[dict[str, str]]]:
    """The public JWK set served at ``/certificates/jwks.json``."""
    return {"keys": [public_jwk()]}


# --- the credential ------------------------------------------------------------------------------


def issuer_id() -> str:
    """The issuer's id: the URL of its profile, ``<SITE_URL>/certificates/issuer/``."""
    return site_url() + reverse("certificates:issuer")


def issuer_profile() -> dict[str, Any]:
    """The issuer's Open Badges ``Profile``, served at its id."""
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": issuer_id(),
        "type": ["Profile"],
        "name": settings.CERTIFICATE_ISSUER_NAME,
        "url": site_url() + "/",
    }


def identity_hash(email: str, salt: str) -> str:
    """``sha256$`` and the hex SHA-256 of the lower-cased email followed by `salt`, the Open
    Badges form of a hashed identity."""
    digest = hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()
    return f"sha256${digest}"


def _salt(certificate: Certificate) -> str:
    # Stable per certificate, so building the credential twice gives the same document, and
    # unpredictable without the secret key, so the hash cannot be precomputed for an email.
    return salted_hmac(
        "courses.credentials.identity", certificate.code, algorithm="sha256"
    ).hexdigest()[:32]


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def credential_build(certificate: Certificate) -> dict[str, Any]:
    """The certificate as an unsigned Open Badges 3.0 ``OpenBadgeCredential``.

    Reads the certificate's completion, learner and course (select them with the certificate:
    `certificate_get_for_owner` does). The learner appears only as a hashed email identifier;
    the achievement's id is the course's translation key, so every language version of a course
    is the same achievement.
    """
    completion = certificate.completion
    course = completion.course
    salt = _salt(certificate)
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": certificate_public_url(certificate),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": issuer_id(),
            "type": ["Profile"],
            "name": settings.CERTIFICATE_ISSUER_NAME,
        },
        "validFrom": _iso(certificate.issued_at),
        "name": _("%(course)s — completed") % {"course": certificate.course_title},
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "hashed": True,
                    "identityHash": identity_hash(completion.user.email, salt),
                    "identityType": "emailAddress",
                    "salt": salt,
                }
            ],
            "achievement": {
                "id": f"urn:uuid:{course.translation_key}",
                "type": ["Achievement"],
                "achievementType": "Course",
                "name": certificate.course_title,
                "description": course.summary or certificate.course_title,
                "criteria": {
                    "narrative": _(
                        "Completed every lesson of the course and passed each of its scored "
                        "knowledge checks."
                    )
                },
            },
        },
        "credentialSchema": [{"id": OB_SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}],
    }


def credential_sign(credential: dict[str, Any]) -> str:
    """`credential` as a VC-JWT: a compact JWS signed with RS256 by `signing_key`."""
    claims: dict[str, Any] = {
        "iss": credential["issuer"]["id"],
        "jti": credential["id"],
        "nbf": int(datetime.fromisoformat(credential["validFrom"]).timestamp()),
        "vc": credential,
    }
    subject_id = credential["credentialSubject"].get("id")
    if subject_id:
        claims["sub"] = subject_id
    return jwt.encode(
        claims, signing_key(), algorithm=ALGORITHM, headers={"kid": key_id(), "typ": "JWT"}
    )


# --- verification --------------------------------------------------------------------------------


@dataclass(frozen=True)
class VerifyResult:
    """What checking a credential found.

    `status` is VALID, REVOKED or INVALID; `reasons` explain it in words for people;
    `certificate` is set when the credential is genuine (valid or revoked), never otherwise.
    """

    status: str
    reasons: tuple[str, ...]
    certificate: Certificate | None = None

    @property
    def is_valid(self) -> bool:
        return self.status == VALID


def _invalid(reason: str) -> VerifyResult:
    return VerifyResult(status=INVALID, reasons=(reason,))


def credential_verify(token: str) -> VerifyResult:
    """Checks a VC-JWT as pasted by anyone: signature, issuer, certificate and revocation.

    White space inside the token (line breaks from copying) is ignored. Never raises for bad
    input: every failure is an INVALID result with a reason.
    """
    token = "".join((token or "").split())
    if not token:
        return _invalid(_("Paste a signed credential to check it."))
    if len(token) > MAX_TOKEN_CHARS:
        return _invalid(_("This is too long to be one of our credentials."))
    if token.startswith("{"):
        return _invalid(
            _(
                "This is the credential's data without its signature. Paste the signed "
                "credential (the .jwt download) instead."
            )
        )
    try:
        header = jwt.get_unverified_header(token)
    except jwt.InvalidTokenError:
        return _invalid(_("This is not a signed credential, or part of it is missing."))
    if header.get("alg") != ALGORITHM:
        return _invalid(_("The credential is not signed the way our credentials are."))
    if header.get("kid") not in (None, key_id()):
        return _invalid(_("The credential was signed with a key that is not ours."))
    try:
        claims = jwt.decode(
            token,
            signing_key().public_key(),
            algorithms=[ALGORITHM],
            issuer=issuer_id(),
            leeway=60,
            options={"require": ["iss", "jti", "nbf", "vc"]},
        )
    except jwt.InvalidSignatureError:
        return _invalid(
            _("The signature does not match: the credential was changed, or we did not sign it.")
        )
    except jwt.InvalidIssuerError:
        return _invalid(_("The credential was issued by someone else."))
    except jwt.ImmatureSignatureError:
        return _invalid(_("The credential is not valid yet."))
    except jwt.InvalidTokenError:
        return _invalid(_("This is not a complete signed credential."))
    return _claims_check(claims)


def _claims_check(claims: dict[str, Any]) -> VerifyResult:
    """The signature is ours: does the credential match a certificate we issued?"""
    vc = claims.get("vc")
    if not isinstance(vc, dict) or vc.get("id") != claims["jti"]:
        return _invalid(_("The credential's contents are inconsistent."))
    code = certificate_code_normalize(str(claims["jti"]).rstrip("/").rsplit("/", 1)[-1])
    certificate = (
        Certificate.objects.select_related("completion__user", "completion__course")
        .filter(code=code)
        .first()
        if code
        else None
    )
    if certificate is None:
        return _invalid(_("There is no certificate for this credential."))
    expected = credential_build(certificate)
    if (
        vc.get("id") != expected["id"]
        or _get(vc, "issuer", "id") != issuer_id()
        or vc.get("validFrom") != expected["validFrom"]
        or _get(vc, "credentialSubject", "achievement", "id")
        != expected["credentialSubject"]["achievement"]["id"]
    ):
        return _invalid(_("The credential does not match our record of the certificate."))
    if certificate.revoked_at is not None:
        return VerifyResult(
            status=REVOKED,
            reasons=(
                _("The certificate was revoked on %(date)s. Reason: %(reason)s")
                % {
                    "date": date_display(certificate.revoked_at),
                    "reason": certificate.revoked_reason,
                },
            ),
            certificate=certificate,
        )
    return VerifyResult(
        status=VALID,
        reasons=(
            _("The signature is ours and the credential has not been changed."),
            _("The certificate has not been revoked."),
        ),
        certificate=certificate,
    )


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data
