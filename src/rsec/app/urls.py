from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import DefaultRouter

from rsec.app.cases.api import ROUTES
from rsec.app.diligence.api import ROUTES as DILIGENCE_ROUTES
from rsec.app.screening.api import ROUTES as SCREENING_ROUTES

router = DefaultRouter()
for prefix, viewset, basename in [*ROUTES, *SCREENING_ROUTES, *DILIGENCE_ROUTES]:
    router.register(prefix, viewset, basename=basename)

urlpatterns = [
    path("api/", include((router.urls, "api"))),
    path("api/token/", obtain_auth_token, name="api-token"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("screening/", include("rsec.app.screening.urls")),
    path("diligence/", include("rsec.app.diligence.urls")),
    path("", include("rsec.app.web.urls")),
]
