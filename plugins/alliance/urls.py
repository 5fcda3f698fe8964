from django.urls import path

from plugins.alliance import views

app_name = "alliance"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
]
