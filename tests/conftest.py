"""Shared fixtures: a user per stakeholder role, and logged-in clients."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from portal.accounts.models import User
from portal.accounts.roles import Role

from .factories import user_with_role


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    # Login throttling lives in the cache; each test starts with a clean slate.
    cache.clear()


@pytest.fixture
def make_user():
    return user_with_role


@pytest.fixture
def secretariat_user(db) -> User:
    return user_with_role(Role.SECRETARIAT)


@pytest.fixture
def committee_user(db) -> User:
    return user_with_role(Role.COMMITTEE)


@pytest.fixture
def company_user(db) -> User:
    return user_with_role(Role.COMPANY)


@pytest.fixture
def other_company_user(db) -> User:
    return user_with_role(Role.COMPANY)


@pytest.fixture
def ngo_user(db) -> User:
    return user_with_role(Role.NGO)


@pytest.fixture
def union_user(db) -> User:
    return user_with_role(Role.TRADE_UNION)


@pytest.fixture
def government_user(db) -> User:
    return user_with_role(Role.GOVERNMENT)


@pytest.fixture
def client_for():
    """client_for(user) -> a Django test client logged in as that user (or anonymous for None)."""

    def make(user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make
