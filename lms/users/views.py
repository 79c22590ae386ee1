"""Sign-in pages of our own; the rest are allauth's."""

from http import HTTPStatus

from django.shortcuts import render


def email_addresses_from_roster(request):
    """allauth's "manage email addresses" page, closed: each account's email is the one the
    roster (HR) or the system owner gave it, recorded as verified. Letting people add or swap
    addresses would undo that (an unverified address could become the account's email)."""
    return render(request, "account/email_from_roster.html", status=HTTPStatus.NOT_FOUND)
