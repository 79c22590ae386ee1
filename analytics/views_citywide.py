from django.http import HttpRequest, HttpResponse


def citywide_dashboard(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError("being built")
