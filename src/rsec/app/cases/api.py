"""REST API for the case registry (token or session auth; OpenAPI schema at /api/schema/).

Viewsets are thin: reads come from :mod:`policy` selectors, writes go through :mod:`services`.
Objects outside a user's scope answer 404, writes they may not make answer 403.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import FileResponse
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from rsec.app.accounts.models import Organization
from rsec.app.audit.models import AuditEntry

from . import models as m
from . import policy, services


def _drf_error(exc: DjangoValidationError) -> ValidationError:
    return ValidationError(
        exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
    )


class ScopedSerializer(serializers.ModelSerializer):
    """Restricts every related-object choice to what the requesting user may see."""

    SCOPES = {
        m.Case: policy.visible_cases,
        m.Person: policy.visible_people,
        m.Program: policy.visible_programs,
        m.Document: lambda u: policy.visible_parts(u, m.Document),
    }

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        user = getattr(request, "user", None)
        for field in fields.values():
            qs = getattr(field, "queryset", None)
            if user is not None and qs is not None and qs.model in self.SCOPES:
                field.queryset = self.SCOPES[qs.model](user)
        return fields


def serializer_for(model, fields="__all__", read_only=()):
    extra = {"owner": {"required": False}} if any(f.name == "owner" for f in model._meta.fields) else {}
    meta = type(
        "Meta",
        (),
        {"model": model, "fields": fields, "read_only_fields": tuple(read_only), "extra_kwargs": extra},
    )
    return type(f"{model.__name__}Serializer", (ScopedSerializer,), {"Meta": meta})


class OrganizationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = ["id", "kind", "name_ja", "name_en", "country", "ror_id"]


CaseSerializer = serializer_for(
    m.Case, read_only=("reference", "institution", "created_by", "created_at", "status")
)
ProgramSerializer = serializer_for(m.Program, read_only=("fa",))
PartnerSerializer = serializer_for(m.Partner, read_only=())
PersonSerializer = serializer_for(m.Person, read_only=("organization", "user"))
MemberSerializer = serializer_for(m.Member)
DeclarationSerializer = serializer_for(m.Declaration, read_only=("updated_at",))
SupporterSerializer = serializer_for(m.Supporter)
ManagedItemSerializer = serializer_for(m.ManagedItem)
ContractSerializer = serializer_for(m.Contract)
PeacetimeSerializer = serializer_for(m.PeacetimeRecord, read_only=("organization",))
SubmissionSerializer = serializer_for(m.Submission)


class DocumentSerializer(ScopedSerializer):
    file = serializers.FileField(write_only=True)

    class Meta:
        model = m.Document
        fields = [
            "id",
            "case",
            "owner",
            "file",
            "original_name",
            "content_type",
            "size",
            "sha256",
            "description",
            "uploaded_at",
            "uploaded_by",
        ]
        read_only_fields = ["original_name", "content_type", "size", "sha256", "uploaded_at", "uploaded_by"]
        extra_kwargs = {"owner": {"required": False}}


class AuditEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEntry
        fields = [
            "seq",
            "at",
            "actor_username",
            "organization_id",
            "case_id",
            "action",
            "object_type",
            "object_id",
            "reason",
            "before",
            "after",
            "prev_hash",
            "hash",
        ]


class SubmitRequestSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class ScopedViewSet(viewsets.ModelViewSet):
    model = None
    scope = None  # callable(user) -> QuerySet

    def get_queryset(self):
        return type(self).scope(self.request.user).order_by("pk")

    def _run(self, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc

    def perform_create(self, serializer):
        serializer.instance = self._run(
            services.create, self.request.user, self.model, serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = self._run(
            services.update, self.request.user, serializer.instance, serializer.validated_data
        )

    def perform_destroy(self, instance):
        self._run(services.delete, self.request.user, instance)


def scoped_viewset(model, serializer, scope, name):
    return type(
        name, (ScopedViewSet,), {"model": model, "serializer_class": serializer, "scope": staticmethod(scope)}
    )


class CaseViewSet(ScopedViewSet):
    model = m.Case
    serializer_class = CaseSerializer
    scope = staticmethod(policy.visible_cases)

    @extend_schema(request=SubmitRequestSerializer, responses=SubmissionSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        case = self.get_object()
        body = SubmitRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        sub = self._run(services.submit_case, request.user, case, note=body.validated_data.get("note", ""))
        return Response(
            SubmissionSerializer(sub, context={"request": request}).data, status=status.HTTP_201_CREATED
        )


ProgramViewSet = scoped_viewset(m.Program, ProgramSerializer, policy.visible_programs, "ProgramViewSet")
PartnerViewSet = scoped_viewset(
    m.Partner, PartnerSerializer, lambda u: policy.visible_parts(u, m.Partner), "PartnerViewSet"
)
PersonViewSet = scoped_viewset(m.Person, PersonSerializer, policy.visible_people, "PersonViewSet")
MemberViewSet = scoped_viewset(
    m.Member, MemberSerializer, lambda u: policy.visible_parts(u, m.Member), "MemberViewSet"
)
DeclarationViewSet = scoped_viewset(
    m.Declaration, DeclarationSerializer, policy.visible_declarations, "DeclarationViewSet"
)
SupporterViewSet = scoped_viewset(
    m.Supporter, SupporterSerializer, lambda u: policy.visible_parts(u, m.Supporter), "SupporterViewSet"
)
ManagedItemViewSet = scoped_viewset(
    m.ManagedItem,
    ManagedItemSerializer,
    lambda u: policy.visible_parts(u, m.ManagedItem),
    "ManagedItemViewSet",
)
ContractViewSet = scoped_viewset(
    m.Contract, ContractSerializer, lambda u: policy.visible_parts(u, m.Contract), "ContractViewSet"
)
PeacetimeViewSet = scoped_viewset(
    m.PeacetimeRecord, PeacetimeSerializer, policy.visible_peacetime, "PeacetimeViewSet"
)


class DocumentViewSet(ScopedViewSet):
    model = m.Document
    serializer_class = DocumentSerializer
    scope = staticmethod(lambda u: policy.visible_parts(u, m.Document))
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    http_method_names = ["get", "post", "delete", "head", "options"]

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = self._run(
            services.upload_document,
            self.request.user,
            data["case"],
            data["file"],
            description=data.get("description", ""),
            owner=data.get("owner"),
        )

    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        doc = policy.visible_documents_for_download(request.user).filter(pk=pk).first()
        if doc is None:
            return Response(status=status.HTTP_404_NOT_FOUND)
        return FileResponse(doc.file.open("rb"), as_attachment=True, filename=doc.original_name)


class OrganizationViewSet(viewsets.ReadOnlyModelViewSet):
    """Directory of tenants (names only), needed to name a partner institution."""

    serializer_class = OrganizationSerializer
    queryset = Organization.objects.order_by("pk")


class AlternativeRouteDecisionSerializer(serializers.Serializer):
    contract = serializers.IntegerField()
    decision = serializers.ChoiceField(choices=["accepted", "rejected"])
    reason = serializers.CharField(max_length=5000)


class SubmissionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = SubmissionSerializer

    def get_queryset(self):
        return policy.visible_submissions(self.request.user).order_by("pk")

    @extend_schema(request=AlternativeRouteDecisionSerializer, responses=ContractSerializer)
    @action(detail=True, methods=["post"], url_path="decide-alternative-route")
    def decide_alternative_route(self, request, pk=None):
        """FA decision on an NDA / trade-secret alternative route (P-3(5))."""
        submission = self.get_object()
        body = AlternativeRouteDecisionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            contract = services.decide_alternative_route(
                request.user,
                submission,
                body.validated_data["contract"],
                body.validated_data["decision"],
                reason=body.validated_data["reason"],
            )
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc
        return Response(ContractSerializer(contract, context={"request": request}).data)


class AuditViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = AuditEntrySerializer
    lookup_field = "seq"

    def get_queryset(self):
        qs = policy.visible_audit(self.request.user).order_by("seq")
        case_id = self.request.query_params.get("case")
        if case_id and case_id.isdigit():
            qs = qs.filter(case_id=int(case_id))
        return qs


ROUTES = [
    ("organizations", OrganizationViewSet, "organization"),
    ("programs", ProgramViewSet, "program"),
    ("cases", CaseViewSet, "case"),
    ("partners", PartnerViewSet, "partner"),
    ("people", PersonViewSet, "person"),
    ("members", MemberViewSet, "member"),
    ("declarations", DeclarationViewSet, "declaration"),
    ("supporters", SupporterViewSet, "supporter"),
    ("managed-items", ManagedItemViewSet, "manageditem"),
    ("contracts", ContractViewSet, "contract"),
    ("documents", DocumentViewSet, "document"),
    ("peacetime", PeacetimeViewSet, "peacetime"),
    ("submissions", SubmissionViewSet, "submission"),
    ("audit", AuditViewSet, "audit"),
]
