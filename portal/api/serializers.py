from __future__ import annotations

from rest_framework import serializers

from portal.accounts.models import Organisation, User


class OrganisationSerializer(serializers.ModelSerializer[Organisation]):
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
