from django.urls import path

from . import token_views, views

app_name = "accounts"

urlpatterns = [
    path("", views.home_view, name="home"),
    path("home/<slug:role>/", views.role_home_view, name="role-home"),
    path("tokens/", token_views.token_list_view, name="tokens"),
    path("tokens/<int:pk>/revoke/", token_views.token_revoke_view, name="token-revoke"),
    path("waiting/", views.pending_view, name="pending"),
    path("organisations/requests/", views.organisation_requests_view, name="organisation-requests"),
    path("organisations/<int:pk>/review/", views.organisation_review_view, name="organisation-review"),
]
