"""URLs. Every object URL carries the profile's id, checked by wayhome.web.ownership."""

from django.urls import path

from wayhome.web.views import (
    account,
    contacts,
    correspondence,
    cv,
    dashboard,
    documents,
    profile,
    setup,
    vault,
)

app_name = "wayhome"

urlpatterns = [
    path("", setup.home, name="home"),
    path("signin/", account.signin, name="login"),
    path("signin/token/", account.signin_token, name="signin-token"),
    path("signout/", account.signout, name="signout"),
    path("password/", account.password, name="password"),
    path("setup/<slug:step>/", setup.setup, name="setup"),
    path("import/", setup.profile_import, name="import"),
    path("settings/", account.settings_page, name="settings"),
    path("p/<int:pk>/", dashboard.dashboard, name="dashboard"),
    path("p/<int:pk>/seen/", dashboard.seen, name="seen"),
    path("p/<int:pk>/tasks/<str:task_id>/", dashboard.task_mark, name="task"),
    path("p/<int:pk>/whatif/", dashboard.whatif, name="whatif"),
    path("p/<int:pk>/scenarios/", profile.scenarios, name="scenarios"),
    path("p/<int:pk>/log/", correspondence.log_list, name="log"),
    path("p/<int:pk>/log/<int:cid>/", correspondence.log_item, name="log-item"),
    path("p/<int:pk>/visa/", profile.visa_page, name="visa"),
    path("p/<int:pk>/money/", profile.money_inputs, name="money"),
    path("p/<int:pk>/documents/", documents.documents_page, name="documents"),
    path("p/<int:pk>/documents/<int:did>/", documents.document_item, name="document"),
    path("p/<int:pk>/cases/", cv.cases_page, name="cases"),
    path("p/<int:pk>/cases/map/", cv.cases_map, name="cases-map"),
    path("p/<int:pk>/publications/", cv.pubs_page, name="pubs"),
    path("p/<int:pk>/activities/", cv.activities_page, name="activities"),
    path("p/<int:pk>/contacts/", contacts.contacts_page, name="contacts"),
    path("p/<int:pk>/contacts.vcf", contacts.contacts_vcf, name="contacts-vcf"),
    path("p/<int:pk>/files/", vault.files_page, name="files"),
    path("p/<int:pk>/files/<int:fid>/", vault.file_item, name="file"),
    path("p/<int:pk>/search/", vault.search_page, name="search"),
    path("p/<int:pk>/consistency/", documents.consistency_page, name="consistency"),
    path("p/<int:pk>/packets/", vault.packets_page, name="packets"),
    path("p/<int:pk>/profile.yaml", dashboard.profile_export, name="export"),
    path("p/<int:pk>/calendar.ics", dashboard.calendar, name="calendar"),
    path("p/<int:pk>/plan.pdf", dashboard.plan_pdf, name="pdf"),
    path("p/<int:pk>/cv.pdf", cv.cv_pdf, name="cv"),
    path("p/<int:pk>/cv.docx", cv.cv_docx, name="cv-docx"),
]
