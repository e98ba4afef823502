from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="screening-home"),
    path("upload/", views.upload, name="screening-upload"),
    path("cases/<int:case_pk>/run/", views.run, name="screening-run"),
    path("hits/<int:pk>/review/", views.review, name="screening-review"),
]
