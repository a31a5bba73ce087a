"""Companies API: location signals. NGOs, trade unions and the secretariat report; the reporter lists its
own; a company lists what was relayed to it and responds; the secretariat relays and closes. Everything
goes through companies/relay.py."""

from __future__ import annotations

from typing import cast

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from covenants.api.views import drf_error
from covenants.models import RiskTheme
from portal.access import get_visible_or_404, role_permission
from portal.accounts.models import User
from portal.accounts.roles import Role
from portal.core.middleware import accepts_uploads

from .. import relay, signal_selectors
from ..models import LocationSignal, SignalRelay
from ..signal_forms import SignalReportForm
from .signal_serializers import (
    SecretariatSignalSerializer,
    SignalRelaySerializer,
    SignalReportInputSerializer,
    SignalRespondInputSerializer,
    SignalSerializer,
)
from .uploads import form_field_errors, plain_text
from .views import ERROR, FORBIDDEN, NOT_FOUND


@accepts_uploads(max_bytes=relay.MAX_EVIDENCE_BYTES + 1024 * 1024)
class SignalReportApi(APIView):
    """An NGO, a trade union or the secretariat reports a problem at a location (multipart, optional
    evidence file)."""

    permission_classes = [role_permission(*relay.REPORTER_ROLES)]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        operation_id="location_signals_report",
        request={"multipart/form-data": SignalReportInputSerializer},
        responses={201: SignalSerializer, 400: ERROR, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request: Request) -> Response:
        code = request.data.get("theme")
        theme = RiskTheme.objects.filter(is_standard=True, code=code).first() if plain_text(code) else None
        data = {key: request.data.get(key, "") for key in ("location", "occurred_on", "description")}
        form = SignalReportForm({**data, "theme": theme.pk if theme else ""}, request.FILES)
        if not form.is_valid():
            raise ValidationError(form_field_errors(form))
        fields = form.cleaned_data
        try:
            signal = relay.signal_report(
                actor=cast(User, request.user),
                location_id=fields["location"].pk,
                description=fields["description"],
                occurred_on=fields["occurred_on"],
                theme_id=fields["theme"].pk,
                evidence=fields.get("evidence"),
            )
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc
        return Response(SignalSerializer(signal).data, status=status.HTTP_201_CREATED)


class MySignalListApi(GenericAPIView):
    """An NGO or trade union: the signals its organisation reported, with their status."""

    permission_classes = [role_permission(Role.NGO, Role.TRADE_UNION)]
    serializer_class = SignalSerializer

    @extend_schema(
        operation_id="location_signals_mine",
        responses={200: SignalSerializer(many=True), 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request: Request) -> Response:
        qs = signal_selectors.signal_list_for_reporter(request.user).order_by("-created_at", "-pk")
        page = self.paginate_queryset(qs)
        assert page is not None
        return self.get_paginated_response(SignalSerializer(page, many=True).data)


class RelayedToMeListApi(GenericAPIView):
    """A company: the signals relayed to it, with its responses."""

    permission_classes = [role_permission(Role.COMPANY)]
    serializer_class = SignalRelaySerializer

    @extend_schema(
        operation_id="signal_relays_list",
        responses={200: SignalRelaySerializer(many=True), 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def get(self, request: Request) -> Response:
        qs = signal_selectors.signal_relay_list_for(request.user).order_by("-created_at", "-pk")
        page = self.paginate_queryset(qs)
        assert page is not None
        return self.get_paginated_response(SignalRelaySerializer(page, many=True).data)


class SignalRespondApi(APIView):
    """A company records its response and follow-up to a signal relayed to it (another's: 404)."""

    permission_classes = [role_permission(Role.COMPANY)]

    @extend_schema(
        operation_id="signal_relays_respond",
        request=SignalRespondInputSerializer,
        responses={200: SignalRelaySerializer, 400: ERROR, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        own = get_visible_or_404(signal_selectors.signal_relay_list_for(request.user), pk=pk)
        data = SignalRespondInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            answered = relay.signal_respond(
                actor=cast(User, request.user),
                relay_id=own.pk,
                response=data.validated_data["response"],
                follow_up=data.validated_data["follow_up"],
            )
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc
        except SignalRelay.DoesNotExist as exc:
            raise Http404 from exc
        return Response(SignalRelaySerializer(answered).data)


class _SecretariatSignalActionApi(APIView):
    permission_classes = [role_permission(Role.SECRETARIAT)]

    def act(self, request: Request, pk: int) -> Response:
        signal = get_visible_or_404(signal_selectors.signal_inbox_for(request.user), pk=pk)
        try:
            signal = self.service(actor=cast(User, request.user), signal_id=signal.pk)
        except DjangoValidationError as exc:
            raise drf_error(exc) from exc
        return Response(SecretariatSignalSerializer(signal).data)

    @staticmethod
    def service(*, actor: User, signal_id: int) -> LocationSignal:  # pragma: no cover
        raise NotImplementedError


class SignalRelayApi(_SecretariatSignalActionApi):
    """Secretariat: relay a signal to every member company linked to its location (through the outbox)."""

    service = staticmethod(relay.signal_relay)

    @extend_schema(
        operation_id="location_signals_relay",
        request=None,
        responses={200: SecretariatSignalSerializer, 400: ERROR, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.act(request, pk)


class SignalCloseApi(_SecretariatSignalActionApi):
    """Secretariat: close a signal; no more relays or responses after that."""

    service = staticmethod(relay.signal_close)

    @extend_schema(
        operation_id="location_signals_close",
        request=None,
        responses={200: SecretariatSignalSerializer, 400: ERROR, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.act(request, pk)
