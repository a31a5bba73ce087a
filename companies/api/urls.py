"""Companies API, included in /api/v1/ under the "api" namespace (names like "api:locations-list")."""

from django.urls import path

from . import links, signals, uploads, views

urlpatterns = [
    path("locations/", views.PublicLocationListApi.as_view(), name="locations-list"),
    path("locations/<str:public_id>/", views.PublicLocationDetailApi.as_view(), name="locations-detail"),
    path("location-matches/", views.LocationMatchListApi.as_view(), name="location-matches-list"),
    path(
        "location-matches/<int:pk>/decide/",
        views.LocationMatchDecideApi.as_view(),
        name="location-matches-decide",
    ),
    path("supply-links/", links.SupplyLinkListApi.as_view(), name="supply-links-list"),
    path("supply-links/create/", links.SupplyLinkCreateApi.as_view(), name="supply-links-create"),
    path("supply-links/<int:pk>/", links.SupplyLinkDetailApi.as_view(), name="supply-links-detail"),
    path("location-uploads/", uploads.UploadCreateApi.as_view(), name="location-uploads-create"),
    path("location-uploads/<int:pk>/", uploads.UploadDetailApi.as_view(), name="location-uploads-detail"),
    path("location-uploads/<int:pk>/rows/", uploads.UploadRowsApi.as_view(), name="location-uploads-rows"),
    path(
        "location-uploads/<int:pk>/confirm/",
        uploads.UploadConfirmApi.as_view(),
        name="location-uploads-confirm",
    ),
    path(
        "location-uploads/<int:pk>/cancel/", uploads.UploadCancelApi.as_view(), name="location-uploads-cancel"
    ),
    path("location-signals/", signals.SignalReportApi.as_view(), name="location-signals-report"),
    path("location-signals/mine/", signals.MySignalListApi.as_view(), name="location-signals-mine"),
    path("location-signals/<int:pk>/relay/", signals.SignalRelayApi.as_view(), name="location-signals-relay"),
    path("location-signals/<int:pk>/close/", signals.SignalCloseApi.as_view(), name="location-signals-close"),
    path("signal-relays/", signals.RelayedToMeListApi.as_view(), name="signal-relays-list"),
    path("signal-relays/<int:pk>/respond/", signals.SignalRespondApi.as_view(), name="signal-relays-respond"),
]
