"""The nine community issue areas of ORE's strategic plan, and the Spanish content locale."""

from django.db import migrations

ISSUE_AREAS = [
    ("health-well-being", "Health & Well-being", "Salud y bienestar"),
    ("housing-built-environments", "Housing & Built Environments", "Vivienda y entornos construidos"),
    (
        "education-access-attainment",
        "Education, Access & Attainment",
        "Educación, acceso y logros",
    ),
    ("economic-opportunity", "Economic Opportunity", "Oportunidad económica"),
    ("community-wealth", "Community Wealth", "Riqueza comunitaria"),
    ("legal-system-policing", "Legal System & Policing", "Sistema legal y policía"),
    ("justice-civic-engagement", "Justice & Civic Engagement", "Justicia y participación cívica"),
    ("procurement", "Procurement", "Contratación pública"),
    ("zoning", "Zoning", "Zonificación"),
]


def create(apps, schema_editor):
    IssueArea = apps.get_model("content", "IssueArea")
    for order, (slug, name, name_es) in enumerate(ISSUE_AREAS, start=1):
        IssueArea.objects.update_or_create(
            slug=slug, defaults={"name": name, "name_es": name_es, "sort_order": order}
        )
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.get_or_create(language_code="es")


def remove(apps, schema_editor):
    apps.get_model("content", "IssueArea").objects.filter(
        slug__in=[slug for slug, _n, _e in ISSUE_AREAS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("content", "0003_glossary_resources_ta")]

    operations = [migrations.RunPython(create, remove)]
