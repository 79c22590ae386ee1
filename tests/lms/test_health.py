import pytest


@pytest.mark.django_db
def test_health_is_ok_when_database_and_broker_answer(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_health_is_503_when_the_broker_is_unreachable(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["broker"] == "down"


@pytest.mark.django_db
def test_health_is_503_when_the_database_is_unreachable(client, monkeypatch):
    from django.db import connection
    from django.db.utils import OperationalError

    def refuse(*args, **kwargs):
        raise OperationalError("database is down")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["database"] == "down"
