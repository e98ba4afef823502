"""REST API of due diligence (token or session auth).

* ``evidence-imports``: list / retrieve / upload (multipart: case, person, source, file, retrieved_on)
* ``evidence-records``: list / retrieve (filter ``?case=``, ``?import=``)
* ``findings``: list / retrieve (filter ``?case=``, ``?person=``, ``?status=``); PATCH ``status`` + ``reason``
* ``diligence-runs``: POST ``{"case": id, "person": id}`` runs due diligence, answers the new findings

Reads come from :mod:`.policy`; writes go through :mod:`.services`. Objects outside the user's scope
answer 404, writes they may not make 403.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from rsec.app.cases import models as cm
from rsec.app.cases import policy as cp
from rsec.app.cases.api import _drf_error

from . import models as m
from . import policy, services

SOURCE_FIELD_CHOICES = [services.AUTO_SOURCE, *sorted(services.SOURCES)]


def _int_param(request, name: str) -> int | None:
    value = request.query_params.get(name, "")
    return int(value) if value.isdigit() else None


class EvidenceImportSerializer(serializers.ModelSerializer):
    file = serializers.FileField(write_only=True)
    source = serializers.ChoiceField(choices=SOURCE_FIELD_CHOICES)
    case = serializers.PrimaryKeyRelatedField(queryset=cm.Case.objects.none())
    person = serializers.PrimaryKeyRelatedField(
        queryset=cm.Person.objects.none(), required=False, allow_null=True
    )
    retrieved_on = serializers.DateField(required=False)

    class Meta:
        model = m.EvidenceImport
        fields = [
            "id",
            "case",
            "person",
            "source",
            "file",
            "original_name",
            "sha256",
            "record_count",
            "retrieved_on",
            "imported_at",
            "imported_by",
        ]
        read_only_fields = ["original_name", "sha256", "record_count", "imported_at", "imported_by"]

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            fields["case"].queryset = cp.visible_cases(request.user)
            fields["person"].queryset = cp.visible_people(request.user)
        return fields


class EvidenceRecordSerializer(serializers.ModelSerializer):
    case = serializers.IntegerField(source="evidence_import.case_id", read_only=True)

    class Meta:
        model = m.EvidenceRecord
        fields = [
            "id",
            "evidence_import",
            "case",
            "source",
            "kind",
            "record_id",
            "label",
            "reliability",
            "retrieved",
            "url",
            "location",
            "payload",
        ]
        read_only_fields = fields


def _review_status(value: str) -> str:
    if value not in m.Finding.Status.values:
        raise serializers.ValidationError(f"one of {', '.join(m.Finding.Status.values)}")
    return value


class FindingSerializer(serializers.ModelSerializer):
    # plain strings, not enums: "status" names other choice sets elsewhere in the API schema
    status = serializers.CharField(read_only=True, help_text="open | accepted | rejected")
    records = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    not_declared = serializers.BooleanField(read_only=True)

    class Meta:
        model = m.Finding
        fields = [
            "id",
            "case",
            "person",
            "indicator",
            "library_version",
            "severity",
            "kind",
            "title_ja",
            "title_en",
            "summary_ja",
            "summary_en",
            "declaration",
            "declaration_ref",
            "declaration_label",
            "not_declared",
            "evidence",
            "records",
            "status",
            "reason",
            "reviewed_by",
            "reviewed_at",
            "created_at",
        ]
        read_only_fields = [f for f in fields if f != "status"]


class FindingReviewSerializer(serializers.Serializer):
    status = serializers.CharField(validators=[_review_status], help_text="open | accepted | rejected")
    reason = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")


class DiligenceRunSerializer(serializers.Serializer):
    case = serializers.IntegerField()
    person = serializers.IntegerField()
    only = serializers.ListField(child=serializers.CharField(max_length=100), required=False)


class EvidenceImportViewSet(
    mixins.CreateModelMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = EvidenceImportSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def get_queryset(self):
        qs = policy.visible_imports(self.request.user).order_by("pk")
        case = _int_param(self.request, "case")
        return qs.filter(case_id=case) if case else qs

    def perform_create(self, serializer):
        data = serializer.validated_data
        try:
            serializer.instance = services.import_evidence(
                self.request.user,
                data["case"],
                data.get("person"),
                data["source"],
                data["file"],
                retrieved_on=data.get("retrieved_on"),
            )
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc


class EvidenceRecordViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = EvidenceRecordSerializer

    def get_queryset(self):
        qs = policy.visible_records(self.request.user).select_related("evidence_import").order_by("pk")
        case = _int_param(self.request, "case")
        imp = _int_param(self.request, "import")
        if case:
            qs = qs.filter(evidence_import__case_id=case)
        if imp:
            qs = qs.filter(evidence_import_id=imp)
        return qs


class FindingViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet
):
    serializer_class = FindingSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        qs = policy.visible_findings(self.request.user).prefetch_related("records").order_by("pk")
        for name in ("case", "person"):
            value = _int_param(self.request, name)
            if value:
                qs = qs.filter(**{f"{name}_id": value})
        st = self.request.query_params.get("status")
        return qs.filter(status=st) if st else qs

    @extend_schema(request=FindingReviewSerializer, responses=FindingSerializer)
    def partial_update(self, request, *args, **kwargs):
        finding = self.get_object()
        body = FindingReviewSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            finding = services.review_finding(
                request.user, finding, body.validated_data["status"], body.validated_data["reason"]
            )
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc
        return Response(FindingSerializer(finding, context={"request": request}).data)


class DiligenceRunRecordSerializer(serializers.Serializer):
    """A past run, as the audit trail recorded it (no names: ids, counts, indicators)."""

    id = serializers.IntegerField(source="seq")
    at = serializers.DateTimeField()
    actor_username = serializers.CharField()
    case = serializers.IntegerField(source="case_id")
    person = serializers.CharField(source="object_id")
    result = serializers.JSONField(source="after")


class DiligenceRunViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """GET: past runs the user may see (from the audit trail); POST: run due diligence for a person."""

    serializer_class = DiligenceRunRecordSerializer

    def get_queryset(self):
        return policy.visible_runs(self.request.user).order_by("seq")

    @extend_schema(request=DiligenceRunSerializer, responses=FindingSerializer(many=True))
    def create(self, request):
        body = DiligenceRunSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        user = request.user
        case = cp.visible_cases(user).filter(pk=body.validated_data["case"]).first()
        person = cp.visible_people(user).filter(pk=body.validated_data["person"]).first()
        if case is None or person is None or not case.member_set.filter(person=person).exists():
            raise NotFound()
        try:
            found = services.run_diligence(user, case, person, only=body.validated_data.get("only"))
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc
        return Response(
            FindingSerializer(found, many=True, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


ROUTES = [
    ("evidence-imports", EvidenceImportViewSet, "evidence-import"),
    ("evidence-records", EvidenceRecordViewSet, "evidence-record"),
    ("findings", FindingViewSet, "finding"),
    ("diligence-runs", DiligenceRunViewSet, "diligence-run"),
]
