"""Open Badges 3.0 conformance: 1EdTech's JSON Schema, the JSON-LD contexts, the badge image and
the revocation status list, checked the way an outside wallet or verifier would check them.

The schema and the contexts are 1EdTech's and W3C's own files, copied into the steering
repository's shared/conformance/ob3/ (see SOURCE.md there); nothing is fetched from the network.
"""

import base64
import gzip
import json
import random
from pathlib import Path
from xml.etree import ElementTree

import jwt
import pytest
from jsonschema import Draft201909Validator
from referencing import Registry

from courses.certificates.credentials import (
    OB_CONTEXT,
    REVOKED,
    VALID,
    VC_CONTEXT,
    credential_build,
    credential_sign,
    credential_verify,
    status_list_bit,
    status_list_encode,
)
from courses.certificates.models import Certificate
from courses.certificates.services import (
    STATUS_LIST_SIZE,
    certificate_get_for_owner,
    certificate_issue,
    certificate_revoke,
)
from courses.learning.services import course_completion_record
from tests.factories import UserFactory

SITE = "https://lms.example.lacity.test"


def _conformance_dir() -> Path:
    # shared/ sits beside the checkout: /work/shared for a session, ../shared in CI.
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "shared" / "conformance" / "ob3"
        if candidate.is_dir():
            return candidate
        candidate = parent.parent / "shared" / "conformance" / "ob3"
        if candidate.is_dir():
            return candidate
    pytest.fail("the OB 3.0 conformance files (shared/conformance/ob3/) are missing")


OB3 = _conformance_dir()


@pytest.fixture(autouse=True)
def _site(settings, tmp_path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    settings.SITE_URL = SITE + "/"
    settings.CERTIFICATE_SIGNING_KEY = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


@pytest.fixture
def certificate(learner, course):
    completion = course_completion_record(user=learner, course=course)
    return certificate_get_for_owner(user=learner, code=completion.certificate.code)


def _payload(token: str) -> dict:
    body = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


def _bit(encoded: str, index: int) -> bool:
    """The Bitstring Status List algorithm, written from the W3C text, not from our code."""
    assert encoded.startswith("u")  # Multibase base64url, no padding
    raw = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    assert len(raw) * 8 >= 131_072  # the minimum list size, for herd privacy
    return bool((raw[index // 8] >> (7 - index % 8)) & 1)


# --- 1EdTech's JSON Schema -----------------------------------------------------------------------


@pytest.mark.django_db
def test_decoded_jwt_credential_validates_against_1edtech_schema(certificate):
    schema = json.loads((OB3 / "ob_v3p0_achievementcredential_schema.json").read_text())
    # An empty registry: a $ref to anything outside the schema fails instead of being fetched.
    validator = Draft201909Validator(schema, registry=Registry())
    credential = _payload(credential_sign(credential_build(certificate)))
    errors = sorted(validator.iter_errors(credential), key=lambda error: list(error.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


@pytest.mark.django_db
def test_schema_catches_a_broken_credential(certificate):
    """The check above is not vacuous: the schema does refuse what is wrong."""
    schema = json.loads((OB3 / "ob_v3p0_achievementcredential_schema.json").read_text())
    validator = Draft201909Validator(schema, registry=Registry())
    credential = credential_build(certificate)
    credential["credentialSubject"]["achievement"]["image"]["type"] = "Picture"
    del credential["validFrom"]
    assert len(list(validator.iter_errors(credential))) >= 2


# --- the JSON-LD contexts ------------------------------------------------------------------------


def _expand(document: dict) -> list:
    from pyld import jsonld

    files = {
        VC_CONTEXT: OB3 / "credentials-v2.jsonld",
        OB_CONTEXT: OB3 / "context-3.0.3.json",
    }

    def loader(url, options=None):
        if url not in files:
            raise AssertionError(f"a context we do not have: {url}")
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": json.loads(files[url].read_text()),
        }

    return jsonld.expand(document, {"documentLoader": loader})


def _iris(node, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            found.add(key)
            if key == "@type":
                found.update(value if isinstance(value, list) else [value])
            _iris(value, found)
    elif isinstance(node, list):
        for item in node:
            _iris(item, found)
    return found


def _undefined_terms(document: dict) -> set[str]:
    """Terms the contexts do not define: the VC 2.0 context maps those to its
    ``issuer-dependent#`` vocabulary, and JSON-LD drops unmapped ones silently."""
    iris = _iris(_expand(document), set())
    undefined = {iri for iri in iris if "issuer-dependent#" in iri}
    # A term dropped from the expansion would not show at all: compare the keys too.
    keys = _iris(document, set()) - {"@context"}
    expanded_names = {iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1].lower() for iri in iris}
    dropped = {
        key
        for key in keys
        if not key.startswith("@")
        and key not in {"id", "type"}
        and key.lower() not in expanded_names
    }
    return undefined | dropped


@pytest.mark.django_db
def test_every_term_of_the_credential_is_defined_by_its_contexts(certificate):
    credential = credential_build(certificate)
    assert credential["@context"] == [VC_CONTEXT, OB_CONTEXT]
    assert _undefined_terms(credential) == set()


def test_the_term_check_finds_an_undefined_term():
    document = {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "badgeColour": "gold",
    }
    assert any("badgeColour" in term for term in _undefined_terms(document))


@pytest.mark.django_db
def test_every_term_of_the_status_list_is_defined_by_its_context(client, certificate):
    payload = _payload(client.get("/certificates/status/0/").content.decode())
    credential = {k: v for k, v in payload.items() if k not in {"iss", "jti", "nbf", "sub"}}
    assert _undefined_terms(credential) == set()


# --- the badge image -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_achievement_has_a_badge_image_we_serve(client, certificate, course):
    image = credential_build(certificate)["credentialSubject"]["achievement"]["image"]
    assert image["type"] == "Image"
    assert image["id"] == f"{SITE}/certificates/badges/{course.translation_key}.svg"
    assert course.title in image["caption"]
    response = client.get(image["id"].removeprefix(SITE))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "default-src 'none'" in response["Content-Security-Policy"]
    svg = ElementTree.fromstring(response.content)  # noqa: S314 (our own response)
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    title = svg.find("{http://www.w3.org/2000/svg}title")
    assert course.title in title.text
    assert (
        client.get("/certificates/badges/00000000-0000-4000-8000-000000000000.svg").status_code
        == 404
    )


@pytest.mark.django_db
def test_badge_image_escapes_the_course_title(client, course):
    course.title = 'Equity <script>alert("x")</script> & Access for Everyone in the City'
    course.save()
    response = client.get(f"/certificates/badges/{course.translation_key}.svg")
    ElementTree.fromstring(response.content)  # noqa: S314 (our own response)
    assert b"<script>" not in response.content


# --- the revocation status list ------------------------------------------------------------------


@pytest.mark.django_db
def test_credential_names_its_entry_in_our_bitstring_status_list(certificate):
    status = credential_build(certificate)["credentialStatus"]
    index = certificate.status_list_index
    assert index is not None
    assert status == {
        "id": f"{SITE}/certificates/status/0/#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(index),
        "statusListCredential": f"{SITE}/certificates/status/0/",
    }


@pytest.mark.django_db
def test_revoking_sets_the_bit_every_verifier_reads(client, certificate, admin_user):
    status = credential_build(certificate)["credentialStatus"]
    url = status["statusListCredential"].removeprefix(SITE)
    index = int(status["statusListIndex"])

    def bit() -> bool:
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/vc+jwt"
        assert response["Access-Control-Allow-Origin"] == "*"
        token = response.content.decode()
        kid = jwt.get_unverified_header(token)["kid"]
        jwk = client.get(kid.removeprefix(SITE)).json()
        claims = jwt.decode(token, jwt.PyJWK(jwk).key, algorithms=["RS256"])
        assert claims["iss"] == f"{SITE}/certificates/issuer/"
        assert claims["jti"] == status["statusListCredential"]
        assert "BitstringStatusListCredential" in claims["type"]
        subject = claims["credentialSubject"]
        assert subject["type"] == "BitstringStatusList"
        assert subject["statusPurpose"] == "revocation"
        return _bit(subject["encodedList"], index)

    assert bit() is False
    certificate_revoke(certificate=certificate, by=admin_user, reason="Issued in error.")
    assert bit() is True


@pytest.mark.django_db
def test_status_list_index_is_given_once_and_never_shared(learner, course):
    completion = course_completion_record(user=learner, course=course)
    first = Certificate.objects.get(completion=completion)
    assert certificate_issue(completion=completion).status_list_index == first.status_list_index
    others = []
    for _ in range(5):
        person = UserFactory(department=learner.department)
        others.append(course_completion_record(user=person, course=course).certificate)
    indexes = [first.status_list_index, *(c.status_list_index for c in others)]
    assert len(set(indexes)) == len(indexes)
    assert all(0 <= index < STATUS_LIST_SIZE for index in indexes)


@pytest.mark.django_db
def test_an_unpublished_status_list_is_not_found(client, certificate):
    assert client.get("/certificates/status/0/").status_code == 200
    assert client.get("/certificates/status/7/").status_code == 404


def test_status_list_encoding_round_trips():
    chosen = random.Random(11).sample(range(STATUS_LIST_SIZE), 50)
    encoded = status_list_encode(chosen)
    for index in [*chosen, 0, 1, STATUS_LIST_SIZE - 1]:
        assert status_list_bit(encoded, index) is (index in chosen)
        assert _bit(encoded, index) is (index in chosen)


# --- the check page reads the status list --------------------------------------------------------


@pytest.mark.django_db
def test_verify_reads_the_status_list_entry(certificate, admin_user):
    token = credential_sign(credential_build(certificate))
    assert credential_verify(token).status == VALID
    certificate_revoke(certificate=certificate, by=admin_user, reason="Issued in error.")
    assert credential_verify(token).status == REVOKED


@pytest.mark.django_db
def test_verify_refuses_a_status_entry_that_is_not_the_certificates(certificate):
    credential = credential_build(certificate)
    position = int(credential["credentialStatus"]["statusListIndex"])
    other = (position + 1) % STATUS_LIST_SIZE
    credential["credentialStatus"]["statusListIndex"] = str(other)
    credential["credentialStatus"]["id"] = credential["credentialStatus"]["id"].replace(
        f"#{position}", f"#{other}"
    )
    result = credential_verify(credential_sign(credential))
    assert not result.is_valid
