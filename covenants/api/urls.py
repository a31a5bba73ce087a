"""Covenants API, included in /api/v1/ under the "api" namespace (names like "api:covenants-list")."""

from django.urls import path

from . import news, publications, views

urlpatterns = [
    path("covenants/", views.CovenantListApi.as_view(), name="covenants-list"),
    path("covenants/<str:slug>/", views.CovenantDetailApi.as_view(), name="covenants-detail"),
    path("covenants/<str:slug>/members/", views.CovenantMemberListApi.as_view(), name="covenants-members"),
    path("publications/<slug:slug>/", publications.PublicationListApi.as_view(), name="publications"),
    path("news/", news.NewsListApi.as_view(), name="news-list"),
    path("news/<slug:slug>/", news.NewsDetailApi.as_view(), name="news-detail"),
    path("memberships/", views.MembershipApplicationListApi.as_view(), name="memberships-list"),
    path("memberships/apply/", views.MembershipApplicationCreateApi.as_view(), name="memberships-apply"),
    path("memberships/<int:pk>/", views.MembershipDetailApi.as_view(), name="memberships-detail"),
    path("memberships/<int:pk>/decide/", views.MembershipDecideApi.as_view(), name="memberships-decide"),
]
