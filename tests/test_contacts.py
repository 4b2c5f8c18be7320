"""Contacts on a client and remembered "Who is this for?" answers: a recipient shown only by name (Outlook)
matches a client through a contact's whole name, case and accents aside; API, CLI, import/export, analyze."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from tactful.api import create_app
from tactful.cli import main
from tactful.api.state import services

ALWAYS = {"timezone": "Europe/Madrid", "weekly": {d: [["00:00", "24:00"]] for d in
                                                  ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}}


@pytest.fixture
def app_on_each_database(database_url):
    """The app on SQLite and on PostgreSQL (each test runs on both)."""
    app = create_app()
    yield app
    services(app).db.dispose()


@pytest.fixture
def client(app_on_each_database):
    return app_on_each_database.test_client()


@pytest.fixture
def auth(app_on_each_database):
    return {"Authorization": f"Bearer {services(app_on_each_database).token}"}


@pytest.fixture
def api(client, auth):
    def call(method, path, body=None):
        response = client.open(path, method=method, json=body, headers=auth)
        return response.status_code, response.get_json()
    return call


def add(api, **fields):
    status, body = api("POST", "/v1/clients", fields)
    assert status == 201, body
    return body


def analyze(api, **request):
    status, body = api("POST", "/v1/analyze", {"text": "Hello, the report is attached.", **request})
    assert status == 200, body
    return body


def test_contacts_are_stored_and_shown_in_order_with_addresses_normalised(api):
    made = add(api, name="Northwind", contacts=[{"name": "  Mark   Evans ", "email": "Mark@Northwind.example"},
                                                {"name": "Júlia Souza"}, {"name": "Mark Evans",
                                                                          "email": "mark@northwind.example"}])
    assert made["contacts"] == [{"name": "Mark Evans", "email": "mark@northwind.example"},
                                {"name": "Júlia Souza", "email": None}]
    status, patched = api("PATCH", f"/v1/clients/{made['id']}", {"contacts": [{"name": "Bo Li"}]})
    assert status == 200 and patched["contacts"] == [{"name": "Bo Li", "email": None}]
    status, kept = api("PATCH", f"/v1/clients/{made['id']}", {"notes": "Prefers mornings"})
    assert kept["contacts"] == [{"name": "Bo Li", "email": None}], "a patch without contacts keeps them"


@pytest.mark.parametrize("contact, field", [
    ({"name": ""}, "contacts.0.name"),
    ({"name": "Ana\u0000Ruiz"}, "contacts.0.name"),
    ({"name": "Ana\nRuiz"}, "contacts.0.name"),
    ({"name": "Ana", "email": "not-an-address"}, "contacts.0.email"),
    ({"name": "Ana", "phone": "1"}, "contacts.0.phone"),
    ({"name": "x" * 201}, "contacts.0.name"),
    ("Ana Ruiz", "contacts.0"),
])
def test_bad_contacts_are_refused_naming_the_field(api, contact, field):
    status, body = api("POST", "/v1/clients", {"name": "Acme", "contacts": [contact]})
    assert status == 422 and body["error"]["field"] == field, body


def test_a_contact_address_of_another_client_is_a_conflict(api):
    add(api, name="Acme", emails=["ana@acme.example"])
    status, body = api("POST", "/v1/clients", {"name": "Other", "contacts": [{"name": "Ana",
                                                                             "email": "ana@acme.example"}]})
    assert status == 409 and body["error"]["field"] == "contacts.0.email"


def test_a_name_shown_alone_matches_by_whole_name_case_and_accents_aside(api):
    made = add(api, name="Costa Ltda", language="es", formality="formal", contact_hours=ALWAYS,
               contacts=[{"name": "José Núñez"}])
    for shown in ["José Núñez", "jose nunez", "JOSÉ  NÚÑEZ", "\u200eJose Nunez"]:
        result = analyze(api, recipient_names=[shown])
        assert [c["client_id"] for c in result["etiquette"]] == [made["id"]], shown
        assert result["timing"]["client_id"] == made["id"]
    for other in ["José", "Núñez", "José Núñez Jr", "Jose Nunez-Garcia"]:
        assert "etiquette" not in analyze(api, recipient_names=[other]), other


def test_the_clients_formality_and_language_follow_a_name_match(api):
    add(api, name="Kowalski", language="pl", formality="formal", contacts=[{"name": "Jan Kowalski"}])
    text = "Cześć, jak już pisałem, raport jest gotowy."
    casual = analyze(api, text=text)
    matched = analyze(api, text=text, recipient_names=["Jan Kowalski"])
    assert matched["lang"] == "pl"
    assert matched["etiquette"][0]["formality"] == "formal"
    assert len(matched["findings"]) >= len(casual["findings"])


def test_two_clients_with_the_same_contact_name_match_neither(api):
    add(api, name="Acme", contacts=[{"name": "Ana Ruiz"}])
    add(api, name="Beta", contacts=[{"name": "Ana Ruiz"}])
    assert "etiquette" not in analyze(api, recipient_names=["Ana Ruiz"])


def test_a_contact_address_matches_like_the_clients_own(api):
    made = add(api, name="Northwind", contacts=[{"name": "Mark Evans", "email": "mark@northwind.example"}])
    result = analyze(api, recipients=["Mark@Northwind.example"])
    assert [c["client_id"] for c in result["etiquette"]] == [made["id"]]


def test_etiquette_takes_names_as_repeated_parameters(client, auth, api):
    made = add(api, name="Northwind", contacts=[{"name": "Evans, Mark"}])
    response = client.get("/v1/etiquette?name=Evans,%20Mark", headers=auth)
    assert response.status_code == 200
    assert [c["client_id"] for c in response.get_json()["etiquette"]] == [made["id"]]
    missing = client.get("/v1/etiquette", headers=auth)
    assert missing.status_code == 422 and missing.get_json()["error"]["field"] == "to"


@pytest.mark.parametrize("names, status, field", [
    (["x" * 321], 422, "recipient_names.0"), ("Ana", 422, "recipient_names"), ([1], 422, "recipient_names.0"),
    (["a"] * 501, 413, "recipient_names")])
def test_bad_recipient_names_are_refused_naming_the_field(api, names, status, field):
    got, body = api("POST", "/v1/analyze", {"text": "Hi", "recipient_names": names})
    assert got == status and body["error"]["field"] == field, body


def test_remembered_choices_match_an_address_or_a_name_and_can_be_replaced_and_forgotten(api):
    acme = add(api, name="Acme")
    beta = add(api, name="Beta")
    status, first = api("POST", "/v1/recipient-choices", {"recipient": "Ana Ruiz", "client_id": acme["id"]})
    assert status == 201 and first["kind"] == "name" and first["recipient"] == "Ana Ruiz"
    assert analyze(api, recipient_names=["ana ruiz"])["etiquette"][0]["client_id"] == acme["id"]
    status, again = api("POST", "/v1/recipient-choices", {"recipient": "ANA RUIZ", "client_id": beta["id"]})
    assert status == 200 and again["id"] == first["id"] and again["client_id"] == beta["id"]
    assert analyze(api, recipient_names=["Ana Ruiz"])["etiquette"][0]["client_id"] == beta["id"]
    status, by_address = api("POST", "/v1/recipient-choices", {"recipient": "Ana@Gmail.com", "client_id": acme["id"]})
    assert status == 201 and by_address["kind"] == "address"
    assert analyze(api, recipients=["ana@gmail.com"])["etiquette"][0]["client_id"] == acme["id"]
    status, listing = api("GET", "/v1/recipient-choices")
    assert [c["id"] for c in listing["recipient_choices"]] == [by_address["id"], first["id"]]
    assert api("DELETE", f"/v1/recipient-choices/{first['id']}")[0] == 204
    assert "etiquette" not in analyze(api, recipient_names=["Ana Ruiz"])
    status, gone = api("DELETE", f"/v1/recipient-choices/{first['id']}")
    assert status == 404 and gone["error"]["code"] == "not_found"


@pytest.mark.parametrize("odd", ["\u0000", "Ana\u0000Ruiz", "\ud800", "\ud83d Ana", " ", "\u200e", "x" * 320])
def test_a_name_no_one_could_have_written_matches_nothing_and_breaks_nothing(api, client, auth, odd):
    add(api, name="Acme", contacts=[{"name": "Ana Ruiz"}])
    status, result = api("POST", "/v1/analyze", {"text": "Hello.", "recipient_names": [odd, "Bo"]})
    if "\ud800" in odd or "\ud83d" in odd or "\x00" in odd:  # not text at all: refused, naming the field
        assert status == 422 and result["error"]["field"] == "recipient_names.0"
        return
    assert status == 200 and "etiquette" not in result
    response = client.get("/v1/etiquette", query_string={"name": odd}, headers=auth)
    if not odd.strip():  # no name at all: the same clear error as no recipient
        assert response.status_code == 422 and response.get_json()["error"]["field"] == "to"
    else:
        assert response.status_code == 200 and response.get_json() == {"etiquette": []}


def test_two_answers_for_the_same_name_at_once_keep_one_row(app_on_each_database, api):
    """Two writers at once (two tabs remembering the same name): one row, the last answer, no error."""
    import threading

    acme, beta = add(api, name="Acme"), add(api, name="Beta")
    token = services(app_on_each_database).token
    statuses = []

    def remember(client_id):
        local = app_on_each_database.test_client()
        response = local.post("/v1/recipient-choices", json={"recipient": "Ana Ruiz", "client_id": client_id},
                              headers={"Authorization": f"Bearer {token}"})
        statuses.append(response.status_code)

    threads = [threading.Thread(target=remember, args=(c,)) for c in [acme["id"], beta["id"]] * 4]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(set(statuses)) in ([200, 201], [201]) and statuses.count(201) >= 1, statuses
    rows = api("GET", "/v1/recipient-choices")[1]["recipient_choices"]
    assert len(rows) == 1 and rows[0]["client_id"] in (acme["id"], beta["id"])


def test_an_exact_address_wins_over_a_remembered_choice(api):
    acme = add(api, name="Acme", emails=["ana@acme.example"])
    beta = add(api, name="Beta")
    api("POST", "/v1/recipient-choices", {"recipient": "ana@acme.example", "client_id": beta["id"]})
    assert analyze(api, recipients=["ana@acme.example"])["etiquette"][0]["client_id"] == acme["id"]


def test_a_remembered_choice_goes_with_its_client(api):
    acme = add(api, name="Acme")
    api("POST", "/v1/recipient-choices", {"recipient": "Ana Ruiz", "client_id": acme["id"]})
    assert api("DELETE", f"/v1/clients/{acme['id']}")[0] == 204
    assert api("GET", "/v1/recipient-choices")[1] == {"recipient_choices": []}


@pytest.mark.parametrize("body, status, field", [
    ({"recipient": "Ana", "client_id": "nobody"}, 404, "id"),
    ({"recipient": "", "client_id": "x"}, 422, "recipient"),
    ({"recipient": "Ana\u0000", "client_id": "x"}, 422, "recipient"),
    ({"recipient": "\ud800", "client_id": "x"}, 422, "recipient"),
    ({"recipient": "Ana"}, 422, "client_id"),
    ({"recipient": "Ana", "client_id": "x", "extra": 1}, 422, "extra"),
])
def test_bad_choices_are_refused_naming_the_field(api, body, status, field):
    got, answer = api("POST", "/v1/recipient-choices", body)
    assert got == status and answer["error"]["field"] == field, answer


def test_the_openapi_document_describes_contacts_names_and_choices(client):
    doc = client.get("/v1/openapi.json").get_json()
    assert "contacts" in doc["components"]["schemas"]["ClientIn"]["properties"]
    assert "recipient_names" in doc["components"]["schemas"]["AnalyzeRequest"]["properties"]
    assert "RecipientChoiceIn" in doc["components"]["schemas"]
    assert {"get", "post"} <= set(doc["paths"]["/v1/recipient-choices"])
    assert "delete" in doc["paths"]["/v1/recipient-choices/{choice_id}"]


# ------------------------------------------------------------------------------------ CLI, import, export

@pytest.fixture
def run(home):
    runner = CliRunner()
    return lambda *args, input=None: runner.invoke(main, [str(a) for a in args], input=input)


def test_cli_adds_contacts_and_shows_them(run):
    added = run("clients", "add", "--name", "Northwind", "--contact", "Mark Evans <mark@northwind.example>",
                "--contact", "Júlia Souza", "--json")
    assert added.exit_code == 0, added.output
    assert json.loads(added.output)["contacts"] == [{"name": "Mark Evans", "email": "mark@northwind.example"},
                                                    {"name": "Júlia Souza", "email": None}]
    shown = run("clients", "show", "northwind")
    assert "contacts: Mark Evans <mark@northwind.example>; Júlia Souza" in shown.output
    bad = run("clients", "add", "--name", "X", "--contact", "<>")
    assert bad.exit_code != 0 and "--contact" in bad.output and "Traceback" not in bad.output


def test_contacts_survive_csv_and_json_round_trips(run, tmp_path):
    run("clients", "add", "--name", "Northwind", "--contact", "Mark Evans <mark@northwind.example>",
        "--contact", "Júlia Souza")
    run("clients", "add", "--name", "Odd", "--contact", "Evans; Mark")
    for fmt in ("csv", "json"):
        exported = run("clients", "export", "--format", fmt).output
        before = [json.loads(line) for line in run("clients", "list", "--json").output.splitlines()]
        path = tmp_path / f"clients.{fmt}"
        path.write_text(exported, encoding="utf-8")
        assert run("clients", "import", path).exit_code == 0
        after = [json.loads(line) for line in run("clients", "list", "--json").output.splitlines()]
        assert [c["contacts"] for c in after] == [c["contacts"] for c in before], fmt
    csv_text = run("clients", "export", "--format", "csv").output
    assert "Mark Evans <mark@northwind.example>; Júlia Souza" in csv_text


def test_csv_contacts_written_by_hand_import_and_a_bad_one_names_its_line(run, tmp_path):
    good = tmp_path / "good.csv"
    good.write_text("name,contacts\nAcme,Ana Ruiz <ana@acme.example>; Bo Li\n", encoding="utf-8")
    assert run("clients", "import", good).exit_code == 0
    shown = json.loads(run("clients", "show", "acme", "--json").output)
    assert shown["contacts"] == [{"name": "Ana Ruiz", "email": "ana@acme.example"}, {"name": "Bo Li", "email": None}]
    bad = tmp_path / "bad.csv"
    bad.write_text("name,contacts\nBeta,Bo Li\nGamma,Cy <not-an-address>\n", encoding="utf-8")
    result = run("clients", "import", bad)
    assert result.exit_code != 0 and "line 3" in result.output and "contacts.0.email" in result.output
    assert "beta" not in run("clients", "list").output, "nothing is half-imported"
