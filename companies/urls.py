"""Pages under /<lang>/locations/."""

from django.urls import path

from . import views

app_name = "companies"

urlpatterns = [
    path("", views.location_list_view, name="locations"),
    # --- exports and the supply chain ---
    path("download/<str:fmt>/", views.location_export_view, name="locations-export"),
    path("mine/download/<str:fmt>/", views.my_locations_export_view, name="my-locations-export"),
    path("mine/chain/", views.supply_chain_view, name="supply-chain"),
    path("matches/", views.match_queue_view, name="matches"),
    path("matches/<int:pk>/decide/", views.match_decide_view, name="match-decide"),
    path("uploads/", views.upload_list_view, name="uploads"),
    path("uploads/new/", views.upload_create_view, name="upload-create"),
    path("uploads/<int:pk>/", views.upload_detail_view, name="upload-detail"),
    path("uploads/<int:pk>/decide/", views.upload_decide_view, name="upload-decide"),
    path("uploads/<int:pk>/result.csv", views.upload_result_view, name="upload-result"),
    path("uploads/template/<str:language>.<str:kind>", views.upload_template_view, name="upload-template"),
    # --- signals and relay ---
    path("signals/report/", views.signal_report_view, name="signal-report"),
    path("signals/mine/", views.my_signals_view, name="my-signals"),
    path("signals/inbox/", views.signal_inbox_view, name="signal-inbox"),
    path("signals/<int:pk>/relay/", views.signal_relay_view, name="signal-relay"),
    path("signals/<int:pk>/close/", views.signal_close_view, name="signal-close"),
    path("signals/<int:pk>/evidence/", views.signal_evidence_view, name="signal-evidence"),
    path("signals/relayed/", views.company_signals_view, name="company-signals"),
    path("signals/relayed/<int:pk>/respond/", views.signal_respond_view, name="signal-respond"),
]
