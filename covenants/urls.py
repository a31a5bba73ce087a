"""Pages under /<lang>/covenants/. Fixed paths come before "<slug>/"; models.RESERVED_SLUGS keeps them apart."""

from django.urls import path

from . import views

app_name = "covenants"

urlpatterns = [
    path("", views.covenant_list_view, name="list"),
    path("manage/", views.covenant_manage_view, name="manage"),
    path("manage/new/", views.covenant_create_view, name="create"),
    path("applications/", views.application_list_view, name="applications"),
    path("memberships/", views.membership_list_view, name="memberships"),
    path("memberships/apply/", views.membership_apply_view, name="apply"),
    path("memberships/<int:pk>/", views.membership_detail_view, name="membership-detail"),
    path("memberships/<int:pk>/decide/", views.membership_decide_view, name="membership-decide"),
    path("memberships/<int:pk>/suspend/", views.membership_suspend_view, name="membership-suspend"),
    path("memberships/<int:pk>/reinstate/", views.membership_reinstate_view, name="membership-reinstate"),
    path("memberships/<int:pk>/end/", views.membership_end_view, name="membership-end"),
    path("cycles/", views.cycle_list_view, name="cycles"),
    path("cycles/new/", views.cycle_create_view, name="cycle-create"),
    path("cycles/<int:pk>/", views.cycle_detail_view, name="cycle-detail"),
    path("cycles/<int:pk>/open/", views.cycle_open_view, name="cycle-open"),
    path("cycles/<int:pk>/close/", views.cycle_close_view, name="cycle-close"),
    path("<slug:slug>/", views.covenant_detail_view, name="detail"),
    path("<slug:slug>/edit/", views.covenant_edit_view, name="edit"),
    path("<slug:slug>/status/", views.covenant_status_view, name="status"),
    path("<slug:slug>/themes/new/", views.theme_create_view, name="theme-create"),
    path("<slug:slug>/parties/", views.party_manage_view, name="parties"),
    path("<slug:slug>/parties/<int:pk>/end/", views.party_end_view, name="party-end"),
    path("<slug:slug>/governance/", views.governance_manage_view, name="governance"),
    path(
        "<slug:slug>/governance/members/<int:pk>/end/",
        views.steering_member_end_view,
        name="steering-member-end",
    ),
    path("<slug:slug>/governance/meetings/new/", views.meeting_create_view, name="meeting-create"),
    path("<slug:slug>/governance/meetings/<int:pk>/edit/", views.meeting_edit_view, name="meeting-edit"),
    path(
        "<slug:slug>/governance/meetings/<int:pk>/minutes/",
        views.meeting_minutes_view,
        name="meeting-minutes",
    ),
]
