"""Open Badges 3.0 credentials for certificates, signed as VC-JWTs with the City's RSA key.

A credential is an ``OpenBadgeCredential`` (W3C Verifiable Credentials 2.0 data model) whose id
is the certificate's public verification URL. It names the learner by a pseudonymous
``credentialSubject.id`` (a ``urn:uuid:`` derived from the secret key, the same for all of one
person's certificates) and a salted SHA-256 hash of their email, so a wallet can prove who holds
it without the credential revealing them. The achievement carries a badge image we serve
(``/certificates/badges/<achievement>.svg``) and the credential a ``credentialStatus``: a W3C
Bitstring Status List entry (``BitstringStatusListEntry``, purpose ``revocation``) whose list we
serve, signed, at ``/certificates/status/<list>/``. Revoking a certificate sets its bit, so any
verifier that checks the status sees the revocation, not only our own page.

`credential_sign` follows the OB 3.0 "JSON Web Token Proof Format": a compact JWS (RS256) whose
payload is the credential itself plus the claims ``iss`` (issuer.id), ``jti`` (id), ``nbf``
(validFrom), ``sub`` (credentialSubject.id) and ``exp`` (validUntil, when there is one). The JOSE
header has only ``alg``, ``kid`` and ``typ: JWT``; the ``kid`` is a URL that dereferences to the
public JWK (``/certificates/jwks/<thumbprint>``), and it is the ``kid`` of exactly one key in
``/certificates/jwks.json``. `credential_verify` checks the signature, those claims, the
certificate, and its bit in the status list.

The signing key comes from ``CERTIFICATE_SIGNING_KEY`` (PEM). Without it, a development key is
made once in ``CERTIFICATE_KEY_FILE`` (RSA 2048, mode 0600). Changing the key makes credentials
signed with the old one fail verification: the JWKS publishes one key.
"""

import base64
import gzip
import hashlib
import json
import logging
import os
import uuid
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

from courses.certificates.models import Certificate
from courses.certificates.services import (
    STATUS_LIST_SIZE,
    certificate_code_normalize,
    certificate_public_url,
    date_display,
    site_url,
)
from courses.learning.models import CoursePage

logger = logging.getLogger(__name__)

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB_SCHEMA = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
ALGORITHM = "RS256"
# OB 3.0 "JSON Web Token Proof Format": `typ`, when present, MUST be "JWT"; and the "Web
# Resource" of a VC-JWT SHOULD be served as text/plain (Document Formats).
JWT_TYP = "JWT"
JWT_MEDIA_TYPE = "text/plain"
JWKS_MEDIA_TYPE = "application/jwk-set+json"
JWK_MEDIA_TYPE = "application/jwk+json"
# The status list credential is a plain VC 2.0 secured by VC-JOSE-COSE, which names these.
STATUS_LIST_TYP = "vc+jwt"
STATUS_LIST_MEDIA_TYPE = "application/vc+jwt"
STATUS_ENTRY_TYPE = "BitstringStatusListEntry"
STATUS_PURPOSE = "revocation"
STATUS_LIST_TTL_MS = 300_000  # verifiers may cache a list for five minutes
# The JWT claims that are not part of the credential in the payload.
JWT_CLAIMS = frozenset({"iss", "jti", "nbf", "exp", "sub", "iat", "aud", "vc"})
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
    """The ``kid`` of the signing key: the URL that serves its public JWK, which ends in the
    key's RFC 7638 thumbprint. It is also the key's ``kid`` in the JWKS, the only one there."""
    return site_url() + reverse("certificates:jwk", args=[key_thumbprint()])


def _legacy_key_id() -> str:
    # Credentials downloaded before the kid became a URL of its own named the key this way.
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
    # The salts are fixed strings (this module's first name): changing one would change every
    # identity and subject already handed out.
    return salted_hmac(
        "courses.credentials.identity", certificate.code, algorithm="sha256"
    ).hexdigest()[:32]


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def subject_id(user_pk: int) -> str:
    """The learner's ``credentialSubject.id``: a ``urn:uuid:`` made from the secret key and their
    record number, the same on each of their credentials and meaningless to anyone else."""
    digest = salted_hmac("courses.credentials.subject", str(user_pk), algorithm="sha256").digest()
    return uuid.UUID(bytes=digest[:16], version=4).urn


def badge_image_url(course: CoursePage) -> str:
    """The achievement's badge image (SVG, served by us), the same for every language version."""
    return site_url() + reverse("certificates:badge", args=[course.translation_key])


def status_list_url(number: int) -> str:
    """The URL of status list `number`: the signed ``BitstringStatusListCredential``."""
    return site_url() + reverse("certificates:status_list", args=[number])


def status_entry(index: int) -> dict[str, str]:
    """The ``credentialStatus`` of the certificate with status list index `index`."""
    number, position = divmod(index, STATUS_LIST_SIZE)
    url = status_list_url(number)
    return {
        "id": f"{url}#{position}",
        "type": STATUS_ENTRY_TYPE,
        "statusPurpose": STATUS_PURPOSE,
        "statusListIndex": str(position),
        "statusListCredential": url,
    }


def credential_build(certificate: Certificate) -> dict[str, Any]:
    """The certificate as an unsigned Open Badges 3.0 ``OpenBadgeCredential``.

    Reads the certificate's completion, learner and course (select them with the certificate:
    `certificate_get_for_owner` does). The learner appears only as a pseudonymous id and a hashed
    email identifier; the achievement's id is the course's translation key, so every language
    version of a course is the same achievement, with the same badge image.
    """
    completion = certificate.completion
    course = completion.course
    salt = _salt(certificate)
    credential: dict[str, Any] = {
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
            "id": subject_id(completion.user_id),
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
                "image": {
                    "id": badge_image_url(course),
                    "type": "Image",
                    "caption": _("Badge: %(course)s") % {"course": certificate.course_title},
                },
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
    if certificate.status_list_index is not None:
        credential["credentialStatus"] = status_entry(certificate.status_list_index)
    return credential


def _issuer_of(credential: dict[str, Any]) -> Any:
    issuer = credential.get("issuer")
    return issuer.get("id") if isinstance(issuer, dict) else issuer


def _numeric_date(value: str) -> int:
    return int(datetime.fromisoformat(value).timestamp())


def jwt_claims(credential: dict[str, Any]) -> dict[str, Any]:
    """The JWT payload of `credential` (OB 3.0 "JSON Web Token Proof Format"): the credential
    itself with ``iss``, ``jti``, ``nbf``, ``sub`` and, when it has a ``validUntil``, ``exp``."""
    claims: dict[str, Any] = {
        **credential,
        "iss": _issuer_of(credential),
        "jti": credential["id"],
        "nbf": _numeric_date(credential["validFrom"]),
    }
    subject = credential["credentialSubject"].get("id")
    if subject:
        claims["sub"] = subject
    if credential.get("validUntil"):
        claims["exp"] = _numeric_date(credential["validUntil"])
    return claims


def credential_sign(credential: dict[str, Any], *, typ: str = JWT_TYP) -> str:
    """`credential` as a VC-JWT: a compact JWS signed with RS256 by `signing_key`, its header
    only ``alg``, ``kid`` and ``typ``."""
    return jwt.encode(
        jwt_claims(credential),
        signing_key(),
        algorithm=ALGORITHM,
        headers={"kid": key_id(), "typ": typ},
    )


# --- the revocation status lists -----------------------------------------------------------------


def status_list_encode(indexes: Any) -> str:
    """The ``encodedList`` of a status list with the bits at `indexes` set: the GZIP-compressed
    bitstring of STATUS_LIST_SIZE bits (index 0 is the most significant bit of the first byte),
    base64url without padding, with the Multibase prefix ``u``."""
    bits = bytearray(STATUS_LIST_SIZE // 8)
    for index in indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).rstrip(b"=").decode()


def status_list_bit(encoded: str, index: int) -> bool:
    """Whether bit `index` is set in an ``encodedList``, read the way any verifier reads it.
    Raises ValueError for a list that is not one."""
    if not encoded.startswith("u"):
        raise ValueError("not a base64url multibase string")
    body = encoded[1:]
    bits = gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    if not 0 <= index < len(bits) * 8:
        raise ValueError("index outside the list")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def status_list_numbers() -> range:
    """The status lists published: every list that holds an index, and at least the first."""
    highest = (
        Certificate.objects.filter(status_list_index__isnull=False)
        .order_by("-status_list_index")
        .values_list("status_list_index", flat=True)
        .first()
    )
    return range((highest or 0) // STATUS_LIST_SIZE + 1)


def status_list_credential(number: int, *, as_of: datetime) -> dict[str, Any]:
    """Status list `number` as an unsigned ``BitstringStatusListCredential`` with the bits of
    the revoked certificates set. Two queries' worth of work at most: one, of the indexes."""
    start = number * STATUS_LIST_SIZE
    revoked = (
        Certificate.objects.filter(
            revoked_at__isnull=False,
            status_list_index__gte=start,
            status_list_index__lt=start + STATUS_LIST_SIZE,
        )
        .values_list("status_list_index", flat=True)
        .iterator(chunk_size=5000)
    )
    url = status_list_url(number)
    return {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id(),
        "validFrom": _iso(as_of),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": STATUS_PURPOSE,
            "encodedList": status_list_encode(index - start for index in revoked),
            "ttl": STATUS_LIST_TTL_MS,
        },
    }


def status_list_signed(number: int, *, as_of: datetime) -> str:
    """Status list `number`, signed as a VC-JWT (VC-JOSE-COSE: ``typ`` ``vc+jwt``)."""
    return credential_sign(status_list_credential(number, as_of=as_of), typ=STATUS_LIST_TYP)


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


def credential_verify(token: str, *, as_of: datetime | None = None) -> VerifyResult:
    """Checks a VC-JWT as pasted by anyone, the way OB 3.0 tells verifiers to: signature, then
    the claims against the credential (``iss``, ``jti``, ``nbf``, ``sub``, ``exp``), the
    certificate, and its bit in our revocation status list.

    White space inside the token (line breaks from copying) is ignored. Credentials made before
    the payload was the credential itself (inside a ``vc`` claim) are still understood. Never
    raises for bad input: every failure is an INVALID result with a reason.
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
    if header.get("kid") not in (None, key_id(), _legacy_key_id()):
        return _invalid(_("The credential was signed with a key that is not ours."))
    try:
        claims = jwt.decode(
            token,
            signing_key().public_key(),
            algorithms=[ALGORITHM],
            issuer=issuer_id(),
            leeway=60,
            options={"require": ["iss", "jti", "nbf"], "verify_sub": False},
        )
    except jwt.InvalidSignatureError:
        return _invalid(
            _("The signature does not match: the credential was changed, or we did not sign it.")
        )
    except jwt.InvalidIssuerError:
        return _invalid(_("The credential was issued by someone else."))
    except jwt.ImmatureSignatureError:
        return _invalid(_("The credential is not valid yet."))
    except jwt.ExpiredSignatureError:
        return _invalid(_("The credential has expired."))
    except jwt.InvalidTokenError:
        return _invalid(_("This is not a complete signed credential."))
    return _claims_check(claims, as_of=as_of or datetime.now(tz=UTC))


def _credential_of(claims: dict[str, Any]) -> dict[str, Any] | None:
    """The credential in a JWT payload: the payload itself (OB 3.0, VC 2.0), or the ``vc`` claim
    of a credential we made before that."""
    if "@context" in claims:
        return {key: value for key, value in claims.items() if key not in JWT_CLAIMS}
    vc = claims.get("vc")
    return vc if isinstance(vc, dict) else None


def _claims_consistent(claims: dict[str, Any], credential: dict[str, Any]) -> bool:
    """The OB 3.0 rules: every JWT claim equals the credential property it stands for."""
    if claims.get("iss") != _issuer_of(credential) or claims.get("jti") != credential.get("id"):
        return False
    try:
        if claims.get("nbf") != _numeric_date(credential["validFrom"]):
            return False
        if ("validUntil" in credential or "exp" in claims) and claims.get("exp") != _numeric_date(
            credential["validUntil"]
        ):
            return False
    except (KeyError, TypeError, ValueError):
        return False
    subject = _get(credential, "credentialSubject", "id")
    if "vc" in claims and "@context" not in claims:
        return claims.get("sub") == subject  # both absent in our old credentials
    return subject is not None and claims.get("sub") == subject


def _claims_check(claims: dict[str, Any], *, as_of: datetime) -> VerifyResult:
    """The signature is ours: does the credential match a certificate we issued, and does its
    status list say it is revoked?"""
    credential = _credential_of(claims)
    if credential is None or not _claims_consistent(claims, credential):
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
        credential.get("id") != expected["id"]
        or _get(credential, "issuer", "id") != issuer_id()
        or credential.get("validFrom") != expected["validFrom"]
        or _get(credential, "credentialSubject", "achievement", "id")
        != expected["credentialSubject"]["achievement"]["id"]
        or (
            "credentialStatus" in credential
            and credential["credentialStatus"] != expected.get("credentialStatus")
        )
    ):
        return _invalid(_("The credential does not match our record of the certificate."))
    status = credential.get("credentialStatus")
    revoked = _status_bit(status, as_of=as_of) if status is not None else certificate.revoked_at
    if revoked:
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
            _("Our published revocation list shows the certificate has not been revoked.")
            if status is not None
            else _("The certificate has not been revoked."),
        ),
        certificate=certificate,
    )


def _status_bit(status: dict[str, Any], *, as_of: datetime) -> bool:
    """The certificate's bit in the status list its credential names, read from the list we
    publish at that URL (decoded as any verifier decodes it)."""
    url = status["statusListCredential"]
    number = next((n for n in status_list_numbers() if status_list_url(n) == url), None)
    if number is None:
        # The entry matched our record, so the list is ours: it is simply not published yet.
        return False
    encoded = status_list_credential(number, as_of=as_of)["credentialSubject"]["encodedList"]
    return status_list_bit(encoded, int(status["statusListIndex"]))


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data
