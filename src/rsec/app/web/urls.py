from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(template_name="web/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("cases/", views.case_list, name="case-list"),
    path("cases/new/", views.case_create, name="case-create"),
    path("cases/<int:pk>/", views.case_detail, name="case-detail"),
    path("cases/<int:pk>/add/<str:kind>/", views.part_add, name="part-add"),
    path("cases/<int:pk>/members/", views.member_add, name="member-add"),
    path("cases/<int:pk>/documents/", views.document_upload, name="document-upload"),
    path("cases/<int:pk>/submit/", views.case_submit, name="case-submit"),
    path("documents/<int:pk>/", views.document_download, name="document-download"),
    path("people/<int:pk>/", views.person_detail, name="person-detail"),
    path("people/<int:pk>/declarations.xlsx", views.declarations_export, name="declarations-export"),
    path("people/<int:pk>/declarations/import/", views.declarations_import, name="declarations-import"),
    path("programs/", views.program_list, name="program-list"),
    path("submissions/", views.submission_list, name="submission-list"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission-detail"),
    path("peacetime/", views.peacetime, name="peacetime"),
    path("audit/", views.audit_list, name="audit-list"),
]
