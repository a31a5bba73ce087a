from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list_view, name="list"),
    path("<int:pk>/open/", views.notification_open_view, name="open"),
    path("read-all/", views.notification_read_all_view, name="read-all"),
    path("outbox/", views.outbox_list_view, name="outbox"),
    path("outbox/<int:pk>/retry/", views.outbox_retry_view, name="outbox-retry"),
]
