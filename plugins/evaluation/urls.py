from django.urls import path

from plugins.evaluation import views

app_name = "evaluation"
urlpatterns = [
    path("<int:pk>/", views.campaign_page, name="campaign"),
    path("<int:pk>/rate/<int:application_pk>/", views.rate, name="rate"),
    path("challenge/<str:key>/", views.challenge_image, name="challenge_image"),
]
