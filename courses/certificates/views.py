"""Certificate, credential and transcript pages.

Public (no sign-in, under /certificates/): the verification page of a code, a form to look a
code up, a form to check a signed credential, the issuer profile and the public key set.
They show the holder's name, the course and dates, never any other personal data.

Private (under /learn/, signed in): the learner's own certificate page, its PDF and credential,
and their transcript with its CSV and PDF. Another person's certificate is a 404, whoever asks;
the transcript has no id in its URL, so it is always the signed-in person's own.
"""

import textwrap
import uuid

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from courses.certificates.credentials import (
    JWK_MEDIA_TYPE,
    JWKS_MEDIA_TYPE,
    JWT_MEDIA_TYPE,
    MAX_TOKEN_CHARS,
    STATUS_LIST_MEDIA_TYPE,
    STATUS_LIST_TTL_MS,
    credential_build,
    credential_sign,
    credential_verify,
    jwks,
    key_thumbprint,
    public_jwk,
    status_list_numbers,
    status_list_signed,
)
from courses.certificates.credentials import issuer_profile as issuer_profile_build
from courses.certificates.models import Certificate
from courses.certificates.services import (
    certificate_code_normalize,
    certificate_course_title,
    certificate_get_by_code,
    certificate_get_for_owner,
    certificate_pdf,
    certificate_public_url,
    site_url,
)
from courses.learning.models import CoursePage

# --- public --------------------------------------------------------------------------------------


class CodeLookupForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=80,
        help_text=_(
            "The code printed on the certificate: 30 letters and digits, usually in groups of five."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_code(self) -> str:
        canonical = certificate_code_normalize(self.cleaned_data["code"])
        if canonical is None:
            raise forms.ValidationError(
                _("That is not a verification code. Check it against the certificate.")
            )
        return canonical


class CredentialVerifyForm(forms.Form):
    token = forms.CharField(
        label=_("Signed credential"),
        max_length=MAX_TOKEN_CHARS,
        help_text=_(
            "Paste the whole signed credential: a long text in three parts separated by dots."
        ),
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false", "autocomplete": "off"}),
    )


def _public(response: HttpResponse) -> HttpResponse:
    # Verification pages name a person: they are for people who have the code, not for search.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_safe
def certificate_lookup(request: HttpRequest) -> HttpResponse:
    """A form to type a code from a printed certificate; sends a valid code to its page."""
    form = CodeLookupForm(request.GET or None)
    if form.is_valid():
        return redirect("certificates:detail", code=form.cleaned_data["code"])
    return _public(render(request, "courses/certificates/lookup.html", {"form": form}))


@require_safe
def certificate_public(request: HttpRequest, code: str) -> HttpResponse:
    """Whether the certificate with `code` is valid, for whom (name only) and for what.

    An unknown or altered code gets a 404 page that says only that there is no such
    certificate. The code is normalised first (case, dashes, spaces: see courses.certificates).
    """
    certificate = certificate_get_by_code(code)
    if certificate is None:
        return _public(render(request, "courses/certificates/not_found.html", status=404))
    return _public(
        render(
            request,
            "courses/certificates/public.html",
            {
                "certificate": certificate,
                # In the visitor's language, not the holder's: they are the one reading.
                "course_title": certificate_course_title(certificate),
                "public_url": certificate_public_url(certificate),
                "issuer_name": settings.CERTIFICATE_ISSUER_NAME,
            },
        )
    )


@require_http_methods(["GET", "POST"])
def credential_verify_form(request: HttpRequest) -> HttpResponse:
    """A form where anyone pastes a signed credential (VC-JWT) and learns whether it is valid,
    revoked, or not valid, with the reasons."""
    form = CredentialVerifyForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = credential_verify(form.cleaned_data["token"])
    return _public(
        render(
            request,
            "courses/certificates/verify.html",
            {
                "form": form,
                "result": result,
                "course_title": certificate_course_title(result.certificate)
                if result and result.certificate
                else None,
                "jwks_url": site_url() + reverse("certificates:jwks"),
            },
        )
    )


def _json(
    data: dict, *, filename: str | None = None, content_type: str = "application/json"
) -> JsonResponse:
    response = JsonResponse(
        data, json_dumps_params={"indent": 2, "ensure_ascii": False}, content_type=content_type
    )
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def issuer_profile(request: HttpRequest) -> JsonResponse:
    """The issuer's Open Badges profile (JSON), the id every credential names as its issuer."""
    response = _json(issuer_profile_build())
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_safe
def jwks_view(request: HttpRequest) -> JsonResponse:
    """The public key that verifies our credentials, as a JWK set."""
    response = _json(jwks(), content_type=JWKS_MEDIA_TYPE)
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_safe
def jwk_view(request: HttpRequest, thumbprint: str) -> JsonResponse:
    """The public key a credential's ``kid`` names, as one JWK; 404 for any other thumbprint."""
    if thumbprint != key_thumbprint():
        raise Http404
    response = _json(public_jwk(), content_type=JWK_MEDIA_TYPE)
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_safe
def status_list_view(request: HttpRequest, number: int) -> HttpResponse:
    """Revocation status list `number` (W3C Bitstring Status List), signed as a VC-JWT: what
    every verifier reads to learn that a certificate was revoked."""
    if number not in status_list_numbers():
        raise Http404
    response = HttpResponse(
        status_list_signed(number, as_of=timezone.now()), content_type=STATUS_LIST_MEDIA_TYPE
    )
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = f"public, max-age={STATUS_LIST_TTL_MS // 1000}"
    return response


@require_safe
def badge_image(request: HttpRequest, achievement: uuid.UUID) -> HttpResponse:
    """The badge image of a course (the achievement of its credentials), as SVG."""
    versions = list(CoursePage.objects.filter(translation_key=achievement).select_related("locale"))
    if not versions:
        raise Http404
    # The title in the site's default language, as the credential's achievement names it.
    course = next(
        (page for page in versions if page.locale.language_code == settings.LANGUAGE_CODE),
        versions[0],
    )
    response = render(
        request,
        "courses/certificates/badge.svg",
        {"title_lines": _badge_lines(course.title), "title": course.title},
        content_type="image/svg+xml",
    )
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=86400"
    # An SVG opened on its own must never run anything.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


def _badge_lines(title: str, *, width: int = 18, lines: int = 4) -> list[str]:
    wrapped = textwrap.wrap(title, width=width) or [""]
    if len(wrapped) > lines:
        wrapped = [*wrapped[: lines - 1], textwrap.shorten(" ".join(wrapped[lines - 1 :]), width)]
    return wrapped


# --- the learner's own ---------------------------------------------------------------------------


def _own_certificate(request: HttpRequest, code: str) -> Certificate:
    certificate = certificate_get_for_owner(user=request.user, code=code)
    if certificate is None:
        raise Http404
    return certificate


@login_required
@never_cache
@require_safe
def certificate_detail(request: HttpRequest, code: str) -> HttpResponse:
    """The learner's certificate: its details, verification link, and downloads."""
    certificate = _own_certificate(request, code)
    return render(
        request,
        "courses/certificates/detail.html",
        {
            "certificate": certificate,
            "course_title": certificate_course_title(certificate),
            "public_url": certificate_public_url(certificate),
            "issuer_name": settings.CERTIFICATE_ISSUER_NAME,
        },
    )


@login_required
@never_cache
@require_safe
def certificate_pdf_download(request: HttpRequest, code: str) -> HttpResponse:
    """The learner's certificate as a PDF download."""
    certificate = _own_certificate(request, code)
    response = HttpResponse(certificate_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.pdf"'
    return response


@login_required
@never_cache
@require_safe
def certificate_credential(request: HttpRequest, code: str) -> JsonResponse:
    """The learner's certificate as an Open Badges 3.0 credential (JSON, unsigned)."""
    certificate = _own_certificate(request, code)
    return _json(credential_build(certificate), filename=f"certificate-{certificate.code}.json")


@login_required
@never_cache
@require_safe
def certificate_credential_jwt(request: HttpRequest, code: str) -> HttpResponse:
    """The learner's credential signed as a VC-JWT, for a wallet or `/certificates/verify/`."""
    certificate = _own_certificate(request, code)
    response = HttpResponse(
        credential_sign(credential_build(certificate)), content_type=JWT_MEDIA_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.jwt"'
    return response
