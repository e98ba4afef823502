"""REST API of the screening app: list snapshots, hits and screening runs (token or session auth).

Reads come from :mod:`policy`; writes go through :mod:`services`. Out-of-scope objects answer 404,
refused writes 403.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from rsec.app.audit.models import AuditEntry
from rsec.app.cases import policy as case_policy
from rsec.app.cases.api import _drf_error
from rsec.engine.lists.readers import FORMATS

from . import models as sm
from . import policy, services


class ListSnapshotSerializer(serializers.ModelSerializer):
    file = serializers.FileField(write_only=True)
    format = serializers.ChoiceField(choices=sorted(FORMATS), required=False, allow_blank=True)

    class Meta:
        model = sm.ListSnapshot
        fields = [
            "id",
            "list_code",
            "format",
            "source_name",
            "published",
            "sha256",
            "entity_count",
            "loaded_at",
            "loaded_by",
            "file",
        ]
        read_only_fields = ["list_code", "source_name", "sha256", "entity_count", "loaded_at", "loaded_by"]
        extra_kwargs = {"published": {"required": False}}


STATUS_HELP = "needs_review (要確認) | confirmed (該当) | dismissed (非該当)"


class HitSerializer(serializers.ModelSerializer):
    # Plain strings (documented values) rather than a second "status" enum beside the case's.
    status = serializers.CharField(read_only=True, help_text=STATUS_HELP)
    subject_label = serializers.CharField(source="subject.label", read_only=True)
    subject_kind = serializers.CharField(source="subject.kind", read_only=True)

    class Meta:
        model = sm.Hit
        fields = [
            "id",
            "case",
            "subject",
            "subject_label",
            "subject_kind",
            "list_code",
            "entity_id",
            "entity_caption",
            "snapshot",
            "score",
            "query_name",
            "matched_name",
            "explanation",
            "status",
            "list_state",
            "note",
            "reason",
            "reviewer",
            "reviewed_at",
            "raised_at",
        ]
        read_only_fields = fields


class HitReviewSerializer(serializers.Serializer):
    status = serializers.CharField(max_length=20, help_text=STATUS_HELP)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class ScreeningRunSerializer(serializers.Serializer):
    case = serializers.IntegerField()
    new = serializers.ListField(child=serializers.IntegerField(), read_only=True)
    reraised = serializers.ListField(child=serializers.IntegerField(), read_only=True)
    relisted = serializers.ListField(child=serializers.IntegerField(), read_only=True)
    removed = serializers.ListField(child=serializers.IntegerField(), read_only=True)
    no_match = serializers.ListField(child=serializers.IntegerField(), read_only=True)
    subjects = serializers.IntegerField(read_only=True)


class ListSnapshotViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Watch-list snapshots (public list data); upload a file to load a new one."""

    serializer_class = ListSnapshotSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def get_queryset(self):
        qs = policy.visible_snapshots(self.request.user).order_by("-pk")
        code = self.request.query_params.get("list")
        return qs.filter(list_code=code) if code else qs

    def perform_create(self, serializer):
        data = serializer.validated_data
        try:
            serializer.instance = services.load_snapshot(
                self.request.user, data["file"], data.get("format") or None, data.get("published")
            )
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc


class HitViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet
):
    """Hits the user may see; filter with ``?case=ID&status=needs_review``. PATCH ``status`` and
    ``reason`` to record a review."""

    serializer_class = HitSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        qs = policy.visible_hits(self.request.user).select_related("subject").order_by("pk")
        params = self.request.query_params
        if params.get("case", "").isdigit():
            qs = qs.filter(case_id=int(params["case"]))
        if params.get("status"):
            qs = qs.filter(status=params["status"])
        return qs

    @extend_schema(request=HitReviewSerializer, responses=HitSerializer)
    def partial_update(self, request, *args, **kwargs):
        hit = self.get_object()
        body = HitReviewSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            hit = services.review_hit(
                request.user, hit, body.validated_data["status"], body.validated_data.get("reason", "")
            )
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc
        return Response(HitSerializer(hit, context={"request": request}).data)


class ScreeningRunRecordSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEntry
        fields = ["seq", "at", "actor_username", "case_id", "action", "after"]


class ScreeningRunViewSet(viewsets.GenericViewSet):
    """``POST {"case": id}`` screens the case against the latest snapshot of every list; ``GET`` lists
    the screening and re-screening runs recorded in the audit trail the user may read."""

    serializer_class = ScreeningRunSerializer

    def get_queryset(self):
        qs = case_policy.visible_audit(self.request.user).filter(action__in=("screen", "rescreen"))
        if self.request.query_params.get("case", "").isdigit():
            qs = qs.filter(case_id=int(self.request.query_params["case"]))
        return qs.order_by("-seq")

    @extend_schema(responses=ScreeningRunRecordSerializer(many=True))
    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(ScreeningRunRecordSerializer(page, many=True).data)

    @extend_schema(request=ScreeningRunSerializer, responses=ScreeningRunSerializer)
    def create(self, request):
        body = ScreeningRunSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        case = case_policy.visible_cases(request.user).filter(pk=body.validated_data["case"]).first()
        if case is None:
            raise ValidationError({"case": ["not found"]})
        try:
            outcome = services.screen_case(request.user, case)
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc
        return Response({"case": case.pk, **outcome.as_dict()}, status=status.HTTP_201_CREATED)


ROUTES = [
    ("list-snapshots", ListSnapshotViewSet, "list-snapshot"),
    ("hits", HitViewSet, "hit"),
    ("screening-runs", ScreeningRunViewSet, "screening-run"),
]
