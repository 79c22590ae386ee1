"""Open Badges 3.0 credentials: what they say, how they are signed, and how anyone checks them."""

import base64
import hashlib
import json
import stat
from datetime import UTC, datetime

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.exceptions import ImproperlyConfigured

from courses.certificates.credentials import (
    INVALID,
    OB_CONTEXT,
    REVOKED,
    VALID,
    VC_CONTEXT,
    credential_build,
    credential_sign,
    credential_verify,
    identity_hash,
    jwt_claims,
    key_id,
    signing_key,
    subject_id,
)
from courses.certificates.services import certificate_get_for_owner, certificate_revoke
from courses.learning.services import course_completion_record

SITE = "https://lms.example.lacity.test"


def _pem(key: rsa.RSAPrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


@pytest.fixture(scope="session")
def signing_pem() -> bytes:
    return _pem(rsa.generate_private_key(public_exponent=65537, key_size=2048))


@pytest.fixture(scope="session")
def other_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def key_file(settings, tmp_path):
    path = tmp_path / "keys" / "certificate-signing.pem"
    settings.CERTIFICATE_SIGNING_KEY = ""
    settings.CERTIFICATE_KEY_FILE = path
    return path


@pytest.fixture(autouse=True)
def _site(settings, key_file, signing_pem):
    """A site URL, and a signing key in this test's own directory, never the real one."""
    settings.SITE_URL = SITE + "/"
    key_file.parent.mkdir()
    key_file.write_bytes(signing_pem)


@pytest.fixture
def certificate(learner, course):
    learner.first_name, learner.last_name = "María", "Núñez"
    learner.save()
    completion = course_completion_record(user=learner, course=course)
    return certificate_get_for_owner(user=learner, code=completion.certificate.code)


def _tamper(token: str, change) -> str:
    """The token with its payload changed by `change` and the original signature kept."""
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    change(claims)
    encoded = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{header}.{encoded}.{signature}"


def _claims(credential: dict) -> dict:
    """The claims `credential_sign` would make, for signing with some other key."""
    return jwt_claims(credential)


# --- keys ------------------------------------------------------------------------------------


def test_a_missing_key_file_is_created_once_private_to_its_owner(settings, tmp_path):
    path = tmp_path / "new" / "dir" / "signing.pem"
    settings.CERTIFICATE_KEY_FILE = path
    key = signing_key()
    assert path.is_file()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert key.key_size == 2048
    written = path.read_bytes()
    again = signing_key()
    assert path.read_bytes() == written
    assert again.public_key().public_numbers() == key.public_key().public_numbers()


def test_the_signing_key_setting_wins_over_the_file(settings, other_key):
    settings.CERTIFICATE_SIGNING_KEY = _pem(other_key).decode().replace("\n", "\\n")
    assert signing_key().public_key().public_numbers() == other_key.public_key().public_numbers()


def test_a_weak_or_broken_key_setting_is_refused(settings):
    settings.CERTIFICATE_SIGNING_KEY = "not a key"
    with pytest.raises(ImproperlyConfigured):
        signing_key()
    weak = rsa.generate_private_key(public_exponent=65537, key_size=1024)  # noqa: S505 (on purpose)
    settings.CERTIFICATE_SIGNING_KEY = _pem(weak).decode()
    with pytest.raises(ImproperlyConfigured):
        signing_key()


# --- the credential --------------------------------------------------------------------------


@pytest.mark.django_db
def test_credential_is_an_open_badge_with_issuer_subject_and_achievement(certificate, course):
    credential = credential_build(certificate)
    assert credential["@context"] == [VC_CONTEXT, OB_CONTEXT]
    assert credential["id"] == f"{SITE}/certificates/{certificate.code}/"
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["issuer"] == {
        "id": f"{SITE}/certificates/issuer/",
        "type": ["Profile"],
        "name": "City of Los Angeles, Office of Racial Equity",
    }
    assert credential["validFrom"].endswith("Z")
    assert course.title in credential["name"]
    subject = credential["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    achievement = subject["achievement"]
    assert achievement["id"] == f"urn:uuid:{course.translation_key}"
    assert achievement["type"] == ["Achievement"]
    assert achievement["name"] == course.title
    assert achievement["description"] == course.summary
    assert achievement["criteria"]["narrative"]


@pytest.mark.django_db
def test_credential_names_the_learner_only_by_a_salted_email_hash(certificate, learner):
    credential = credential_build(certificate)
    (identity,) = credential["credentialSubject"]["identifier"]
    assert identity["type"] == "IdentityObject"
    assert identity["hashed"] is True
    assert identity["identityType"] == "emailAddress"
    salt = identity["salt"]
    expected = hashlib.sha256((learner.email.lower() + salt).encode()).hexdigest()
    assert identity["identityHash"] == f"sha256${expected}"
    assert identity_hash(learner.email.upper(), salt) == identity["identityHash"]
    text = json.dumps(credential, ensure_ascii=False)
    assert learner.email not in text
    assert learner.employee_id not in text
    assert "María" not in text
    assert credential_build(certificate) == credential  # the same document each time


@pytest.mark.django_db
def test_jwt_payload_is_the_credential_itself_with_iss_jti_nbf_and_sub(certificate):
    credential = credential_build(certificate)
    token = credential_sign(credential)
    claims = jwt.decode(
        token, signing_key().public_key(), algorithms=["RS256"], options={"verify_sub": False}
    )
    assert "vc" not in claims
    assert claims["iss"] == credential["issuer"]["id"] == f"{SITE}/certificates/issuer/"
    assert claims["jti"] == credential["id"]
    assert claims["nbf"] == int(certificate.issued_at.timestamp())
    assert claims["sub"] == credential["credentialSubject"]["id"]
    assert claims["sub"].startswith("urn:uuid:")
    assert "exp" not in claims  # certificates do not expire
    assert {k: v for k, v in claims.items() if k not in {"iss", "jti", "nbf", "sub"}} == credential


@pytest.mark.django_db
def test_jose_header_has_only_alg_kid_and_typ_jwt(certificate):
    header = jwt.get_unverified_header(credential_sign(credential_build(certificate)))
    assert header == {"alg": "RS256", "kid": key_id(), "typ": "JWT"}
    assert header["kid"].startswith(f"{SITE}/certificates/jwks/")


@pytest.mark.django_db
def test_a_credential_with_valid_until_gets_exp_and_fails_once_expired(certificate):
    credential = credential_build(certificate)
    credential["validUntil"] = "2031-06-30T07:00:00Z"
    claims = jwt_claims(credential)
    assert claims["exp"] == int(datetime(2031, 6, 30, 7, tzinfo=UTC).timestamp())
    credential["validUntil"] = "2020-01-01T00:00:00Z"
    result = credential_verify(credential_sign(credential))
    assert result.status == INVALID
    assert "expired" in " ".join(result.reasons)


@pytest.mark.django_db
def test_subject_id_is_one_pseudonym_per_learner(certificate, learner, course):
    subject = credential_build(certificate)["credentialSubject"]["id"]
    assert subject == subject_id(learner.pk)
    assert subject != subject_id(learner.pk + 1)


# --- verifying -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_sign_then_verify_is_valid(certificate):
    result = credential_verify(credential_sign(credential_build(certificate)))
    assert result.status == VALID
    assert result.is_valid
    assert result.certificate == certificate


@pytest.mark.django_db
def test_line_breaks_from_copying_do_not_matter(certificate):
    token = credential_sign(credential_build(certificate))
    wrapped = "\n".join(token[i : i + 60] for i in range(0, len(token), 60))
    assert credential_verify(f"  {wrapped}\n").is_valid


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change",
    [
        lambda c: c.__setitem__("name", "Advanced Equity Leadership — completed"),
        lambda c: c["credentialSubject"]["achievement"].__setitem__("name", "Other"),
        lambda c: c.__setitem__("nbf", c["nbf"] - 86400),
        lambda c: c.__setitem__("jti", c["jti"].replace("/certificates/", "/other/")),
        lambda c: c.__setitem__("sub", "urn:uuid:00000000-0000-4000-8000-000000000000"),
        lambda c: c.pop("sub"),
        lambda c: c["credentialStatus"].__setitem__("statusListIndex", "0"),
    ],
)
def test_a_tampered_payload_is_not_valid(certificate, change):
    token = _tamper(credential_sign(credential_build(certificate)), change)
    result = credential_verify(token)
    assert result.status == INVALID
    assert result.certificate is None
    assert result.reasons


@pytest.mark.django_db
def test_a_credential_signed_by_another_key_is_not_valid(certificate, other_key):
    credential = credential_build(certificate)
    claims = _claims(credential)
    for headers in ({"kid": key_id()}, {}, {"kid": "https://evil.example/jwks.json#1"}):
        token = jwt.encode(claims, other_key, algorithm="RS256", headers=headers)
        result = credential_verify(token)
        assert result.status == INVALID, headers
        assert result.certificate is None


@pytest.mark.django_db
def test_an_unsigned_or_symmetric_token_is_not_valid(certificate):
    credential = credential_build(certificate)
    claims = _claims(credential)
    public_pem = (
        signing_key()
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    header = base64.urlsafe_b64encode(b'{"alg":"none","typ":"JWT"}').rstrip(b"=").decode()
    body = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    forged_none = f"{header}.{body}."
    forged_hmac = jwt.encode(claims, hashlib.sha256(public_pem).digest(), algorithm="HS256")
    for token in (forged_none, forged_hmac):
        assert credential_verify(token).status == INVALID


@pytest.mark.django_db
@pytest.mark.parametrize(
    "token",
    ["", "   ", "abc", "a.b.c", '{"vc": {}}', "x" * 70_000, "eyJhbGciOiJSUzI1NiJ9.e30.AAAA"],
)
def test_garbage_is_not_valid_and_never_raises(db, token):
    result = credential_verify(token)
    assert result.status == INVALID
    assert result.reasons


@pytest.mark.django_db
def test_a_revoked_certificate_is_reported_revoked_with_its_reason(certificate, admin_user):
    token = credential_sign(credential_build(certificate))
    certificate_revoke(certificate=certificate, by=admin_user, reason="Issued in error.")
    result = credential_verify(token)
    assert result.status == REVOKED
    assert not result.is_valid
    assert "Issued in error." in " ".join(result.reasons)


@pytest.mark.django_db
def test_jwks_serves_the_public_key_that_verifies(client, certificate):
    token = credential_sign(credential_build(certificate))
    response = client.get("/certificates/jwks.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    (jwk,) = response.json()["keys"]
    assert jwk["kid"] == jwt.get_unverified_header(token)["kid"]
    assert jwk["use"] == "sig"
    assert jwk["alg"] == "RS256"
    assert "d" not in jwk  # the public half only
    assert "p" not in jwk
    public_key = jwt.PyJWK(jwk).key
    claims = jwt.decode(token, public_key, algorithms=["RS256"], options={"verify_sub": False})
    assert claims["jti"] == f"{SITE}/certificates/{certificate.code}/"


@pytest.mark.django_db
def test_kid_ends_in_the_rfc7638_thumbprint(client):
    (jwk,) = client.get("/certificates/jwks.json").json()["keys"]
    canonical = json.dumps(
        {"e": jwk["e"], "kty": "RSA", "n": jwk["n"]}, separators=(",", ":"), sort_keys=True
    )
    digest = base64.urlsafe_b64encode(hashlib.sha256(canonical.encode()).digest()).rstrip(b"=")
    assert jwk["kid"] == f"{SITE}/certificates/jwks/{digest.decode()}"


@pytest.mark.django_db
def test_kid_dereferences_to_the_one_jwk_that_verifies(client, certificate):
    token = credential_sign(credential_build(certificate))
    kid = jwt.get_unverified_header(token)["kid"]
    jwks = client.get("/certificates/jwks.json")
    assert jwks["Content-Type"] == "application/jwk-set+json"
    assert [key for key in jwks.json()["keys"] if key["kid"] == kid] == jwks.json()["keys"]
    response = client.get(kid.removeprefix(SITE))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/jwk+json"
    assert response["Access-Control-Allow-Origin"] == "*"
    jwk = response.json()
    assert jwk == jwks.json()["keys"][0]
    assert "d" not in jwk
    claims = jwt.decode(
        token, jwt.PyJWK(jwk).key, algorithms=["RS256"], options={"verify_sub": False}
    )
    assert claims["jti"] == f"{SITE}/certificates/{certificate.code}/"
    assert client.get("/certificates/jwks/not-our-thumbprint").status_code == 404


@pytest.mark.django_db
def test_issuer_profile_is_public_json(client):
    response = client.get("/certificates/issuer/")
    assert response.status_code == 200
    profile = response.json()
    assert profile["id"] == f"{SITE}/certificates/issuer/"
    assert profile["type"] == ["Profile"]
    assert profile["name"] == "City of Los Angeles, Office of Racial Equity"


# --- downloads and the public check form -----------------------------------------------------


@pytest.mark.django_db
def test_holder_downloads_the_credential_as_json_and_as_a_signed_jwt(client, certificate, learner):
    client.force_login(learner)
    response = client.get(f"/learn/certificates/{certificate.code}/credential.json")
    assert response["Content-Type"] == "application/json"
    assert f"certificate-{certificate.code}.json" in response["Content-Disposition"]
    assert response.json() == credential_build(certificate)
    response = client.get(f"/learn/certificates/{certificate.code}/credential.jwt")
    assert f"certificate-{certificate.code}.jwt" in response["Content-Disposition"]
    assert response["Content-Type"] == "text/plain"  # OB 3.0 Document Formats, Web Resource
    assert credential_verify(response.content.decode()).is_valid


@pytest.mark.django_db
def test_check_form_is_public_and_says_valid(client, certificate):
    assert client.get("/certificates/verify/").status_code == 200
    token = credential_sign(credential_build(certificate))
    response = client.post("/certificates/verify/", {"token": token})
    assert response.status_code == 200
    content = response.content.decode()
    assert "This credential is valid." in content
    assert "María Núñez" in content
    assert certificate.code in content


@pytest.mark.django_db
def test_check_form_says_not_valid_for_a_forgery_and_shows_no_one(client, certificate, other_key):
    credential = credential_build(certificate)
    claims = _claims(credential)
    forged = jwt.encode(claims, other_key, algorithm="RS256", headers={"kid": key_id()})
    content = client.post("/certificates/verify/", {"token": forged}).content.decode()
    assert "This credential is not valid." in content
    assert "María" not in content


@pytest.mark.django_db
def test_check_form_says_revoked(client, certificate, admin_user):
    token = credential_sign(credential_build(certificate))
    certificate_revoke(certificate=certificate, by=admin_user, reason="Issued in error.")
    content = client.post("/certificates/verify/", {"token": token}).content.decode()
    assert "This credential was revoked." in content
    assert "Issued in error." in content


@pytest.mark.django_db
def test_check_form_without_a_token_asks_for_one(client):
    response = client.post("/certificates/verify/", {"token": ""})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()


@pytest.mark.django_db
def test_a_credential_downloaded_before_ob3_jwt_format_still_verifies(certificate, admin_user):
    """Tokens issued earlier wrapped the credential in `vc`, had no `sub`, no status entry, and
    named the key by a fragment of the JWKS URL: wallets hold them, so they keep working."""
    credential = credential_build(certificate)
    del credential["credentialSubject"]["id"]
    del credential["credentialStatus"]
    claims = {
        "iss": credential["issuer"]["id"],
        "jti": credential["id"],
        "nbf": int(certificate.issued_at.timestamp()),
        "vc": credential,
    }
    thumbprint = key_id().rsplit("/", 1)[1]
    legacy_kid = f"{SITE}/certificates/jwks.json#{thumbprint}"
    token = jwt.encode(claims, signing_key(), algorithm="RS256", headers={"kid": legacy_kid})
    assert credential_verify(token).status == VALID
    certificate_revoke(certificate=certificate, by=admin_user, reason="Issued in error.")
    assert credential_verify(token).status == REVOKED
