"""URLs. Every object URL carries the profile's id, checked by ``owned``."""

from django.urls import path

from wayhome.web import views

app_name = "wayhome"

urlpatterns = [
    path("", views.home, name="home"),
    path("signin/", views.signin, name="login"),
    path("signin/token/", views.signin_token, name="signin-token"),
    path("signout/", views.signout, name="signout"),
    path("password/", views.password, name="password"),
    path("setup/<slug:step>/", views.setup, name="setup"),
    path("import/", views.profile_import, name="import"),
    path("settings/", views.settings_page, name="settings"),
    path("p/<int:pk>/", views.dashboard, name="dashboard"),
    path("p/<int:pk>/seen/", views.seen, name="seen"),
    path("p/<int:pk>/tasks/<str:task_id>/", views.task_mark, name="task"),
    path("p/<int:pk>/whatif/", views.whatif, name="whatif"),
    path("p/<int:pk>/scenarios/", views.scenarios, name="scenarios"),
    path("p/<int:pk>/log/", views.log_list, name="log"),
    path("p/<int:pk>/log/<int:cid>/", views.log_item, name="log-item"),
    path("p/<int:pk>/visa/", views.visa_page, name="visa"),
    path("p/<int:pk>/money/", views.money_inputs, name="money"),
    path("p/<int:pk>/documents/", views.documents_page, name="documents"),
    path("p/<int:pk>/documents/<int:did>/", views.document_item, name="document"),
    path("p/<int:pk>/cases/", views.cases_page, name="cases"),
    path("p/<int:pk>/cases/map/", views.cases_map, name="cases-map"),
    path("p/<int:pk>/publications/", views.pubs_page, name="pubs"),
    path("p/<int:pk>/activities/", views.activities_page, name="activities"),
    path("p/<int:pk>/contacts/", views.contacts_page, name="contacts"),
    path("p/<int:pk>/contacts.vcf", views.contacts_vcf, name="contacts-vcf"),
    path("p/<int:pk>/files/", views.files_page, name="files"),
    path("p/<int:pk>/files/<int:fid>/", views.file_item, name="file"),
    path("p/<int:pk>/search/", views.search_page, name="search"),
    path("p/<int:pk>/consistency/", views.consistency_page, name="consistency"),
    path("p/<int:pk>/packets/", views.packets_page, name="packets"),
    path("p/<int:pk>/profile.yaml", views.profile_export, name="export"),
    path("p/<int:pk>/calendar.ics", views.calendar, name="calendar"),
    path("p/<int:pk>/plan.pdf", views.plan_pdf, name="pdf"),
    path("p/<int:pk>/cv.pdf", views.cv_pdf, name="cv"),
    path("p/<int:pk>/cv.docx", views.cv_docx, name="cv-docx"),
]
