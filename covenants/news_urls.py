"""Pages under /<lang>/news/."""

from django.urls import path

from .views import news

app_name = "news"

urlpatterns = [
    path("", news.news_list_view, name="list"),
    path("feed/", news.news_feed_view, name="feed"),
    path("feed/<slug:slug>/", news.news_feed_view, name="covenant-feed"),
    path("manage/", news.news_manage_view, name="manage"),
    path("manage/new/", news.news_edit_view, name="create"),
    path("manage/<slug:slug>/", news.news_edit_view, name="edit"),
    path(
        "manage/<slug:slug>/attachments/<int:pk>/remove/",
        news.news_attachment_remove_view,
        name="attachment-remove",
    ),
    path("<slug:slug>/", news.news_detail_view, name="detail"),
    path("<slug:slug>/image/", news.news_image_view, name="image"),
    path("<slug:slug>/attachments/<int:pk>/", news.news_attachment_view, name="attachment"),
]
