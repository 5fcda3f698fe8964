from django.urls import path

from plugins.alliance import views

app_name = "alliance"
urlpatterns = [path("<int:pk>/", views.detail, name="detail")]
