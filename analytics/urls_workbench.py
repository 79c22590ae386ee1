from django.urls import path

import lms.converters  # registers <id:...>
import lms.users.converters  # noqa: F401  (registers <department:...>)

from . import views

urlpatterns = [
    path("", views.liaison_index, name="liaison_index"),
    path("<department:code>/", views.liaison_department, name="liaison_department"),
    path("<department:code>/people/<id:user_id>/", views.liaison_person, name="liaison_person"),
    # Only csv and xlsx exist; the view answers 404 for any other format.
    path("<department:code>/export.<str:fmt>", views.liaison_export, name="liaison_export"),
]
