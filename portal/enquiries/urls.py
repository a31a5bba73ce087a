"""Pages under /<lang>/: the contact form, and the secretariat's inbox under enquiries/."""

from django.urls import path

from . import views

app_name = "enquiries"

urlpatterns = [
    path("contact/", views.contact_view, name="contact"),
    path("enquiries/", views.enquiry_list_view, name="list"),
    path("enquiries/<int:pk>/", views.enquiry_detail_view, name="detail"),
    path("enquiries/<int:pk>/assign/", views.enquiry_assign_view, name="assign"),
    path("enquiries/<int:pk>/answer/", views.enquiry_answer_view, name="answer"),
    path("enquiries/<int:pk>/close/", views.enquiry_close_view, name="close"),
]
