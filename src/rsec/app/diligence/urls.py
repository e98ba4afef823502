from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="diligence-home"),
    path("records/<int:pk>/", views.record_detail, name="diligence-record"),
    path(
        "cases/<int:case_pk>/people/<int:person_pk>/evidence/",
        views.evidence_upload,
        name="diligence-upload",
    ),
    path("cases/<int:case_pk>/people/<int:person_pk>/run/", views.run, name="diligence-run"),
    path("findings/<int:pk>/review/", views.review, name="diligence-review"),
]
