from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from portal.accounts.models import Organisation, User


@extend_schema_field({"oneOf": [{"type": "string", "format": "uri"}, {"type": "string", "maxLength": 0}]})
class OptionalURLField(serializers.URLField):
    """A web address that may be left empty: the schema says "a URI or the empty string", as sent."""


class OrganisationSerializer(serializers.ModelSerializer[Organisation]):
    website = OptionalURLField(read_only=True)

    class Meta:
        model = Organisation
        fields = ["id", "name", "kind", "kvk_number", "country", "website", "status"]
        read_only_fields = fields


class MeSerializer(serializers.ModelSerializer[User]):
    organisation = OrganisationSerializer(read_only=True)
    role = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "email", "first_name", "last_name", "preferred_language", "role", "organisation"]
        read_only_fields = fields

    def get_role(self, obj: User) -> str | None:
        role = obj.role
        return role.value if role is not None else None
