"""`tactful clients`: add, list, show, edit, remove, import and export clients."""

from __future__ import annotations

import json

import click

from ..clients import bulk, transfer
from ..clients import repository as repo
from ..clients.model import ClientFields, ClientIn
from ..config import Settings
from ..errors import TactfulError
from ..schemas import parse
from ..storage import open_database
from .jsonarg import json_value
from .textfile import read_text


def _db():
    settings = Settings.from_env()
    return open_database(settings.database_url, settings.home)


def _cadence(value: str | None):
    """'week fri 16:00', 'month last 09:00', 'day 17:30' → a cadence object."""
    if value is None:
        return None
    parts = value.split()
    if parts and parts[0] == "day":
        return {"every": "day", **({"at": parts[1]} if len(parts) > 1 else {})}
    if len(parts) < 2:
        raise TactfulError("invalid_field", "--cadence: write e.g. 'week fri 16:00', 'month 1 09:00', 'day 17:00'",
                           field="report_cadence")
    on = int(parts[1]) if parts[1].isdigit() else parts[1]
    return {"every": parts[0], "on": on, **({"at": parts[2]} if len(parts) > 2 else {})}


def _contact(value: str) -> dict:
    """'Ana Ruiz <ana@acme.es>' or 'Ana Ruiz' → a contact."""
    from email.utils import parseaddr

    if "<" in value:
        name, address = parseaddr(value)
        if not name or not address:
            raise TactfulError("invalid_field", f"--contact: write 'Name <address>' or just 'Name' (got {value!r})",
                               field="contacts")
        return {"name": name, "email": address}
    return {"name": value, "email": None}


def _fields(name, emails, domains, language, formality, hours, channels, cadence, notes, contacts) -> dict:
    bad = [c for c in channels if "=" not in c]
    if bad:
        raise TactfulError("invalid_field", f"--channel: write purpose=channel, e.g. quick=whatsapp (got {bad[0]!r})",
                           field="channels")
    data = {"name": name, "emails": list(emails) or None, "domains": list(domains) or None, "language": language,
            "formality": formality, "contact_hours": json_value(hours, "--hours"),
            "channels": dict(c.split("=", 1) for c in channels) if channels else None,
            "report_cadence": _cadence(cadence), "notes": notes,
            "contacts": [_contact(c) for c in contacts] if contacts else None}
    return {k: v for k, v in data.items() if v is not None}


def _options(func):
    for option in reversed([
        click.option("--name", help="Client's name."),
        click.option("--email", "emails", multiple=True, help="An address of theirs (repeatable)."),
        click.option("--domain", "domains", multiple=True, help="Their company domain (repeatable; not gmail.com…)."),
        click.option("--language", type=click.Choice(["es", "pl", "en"]), help="Language you write to them in."),
        click.option("--formality", type=click.Choice(["formal", "informal"]), help="usted / Pan, Pani: formal."),
        click.option("--hours", help="Contact hours: JSON inline, or a file (@acme-hours.json or acme-hours.json)."),
        click.option("--channel", "channels", multiple=True, help="purpose=channel, e.g. quick=whatsapp."),
        click.option("--cadence", help="Report cadence: 'week fri 16:00', 'month last 09:00', 'day 17:00'."),
        click.option("--notes", help="Free notes shown on their card."),
        click.option("--contact", "contacts", multiple=True,
                     help="One of their people: 'Ana Ruiz <ana@acme.es>' or just 'Ana Ruiz' (repeatable; "
                          "Outlook shows names only, and a name matches them)."),
    ]):
        func = option(func)
    return func


def _show(client: dict, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(client, ensure_ascii=False, indent=2))
        return
    click.echo(f"{client['id']}: {client['name']}")
    for key in ("emails", "domains", "contacts", "language", "formality", "channels", "report_cadence",
                "contact_hours", "notes"):
        if key == "contacts" and client[key]:
            people = [f"{c['name']} <{c['email']}>" if c["email"] else c["name"] for c in client[key]]
            click.echo(f"  contacts: {'; '.join(people)}")
        elif client[key]:
            value = client[key]
            click.echo(f"  {key}: {json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value}")


@click.group()
def clients():
    """Your clients: who they are, how and when to reach them.

    \b
    Examples:
      tactful clients add --name "Acme" --domain acme.es --language es --formality formal
      tactful clients list
      tactful clients export --format csv > clients.csv
    """


@clients.command("add")
@click.option("--id", "client_id", help="Short id (default: made from the name).")
@_options
@click.option("--json", "as_json", is_flag=True, help="Print the stored client as JSON.")
def add(client_id, as_json, **fields):
    """Add a client.

    \b
    Examples:
      tactful clients add --name "Acme S.A." --email ana@acme.es --domain acme.es \\
        --language es --formality formal --channel quick=whatsapp --channel conflict=call \\
        --cadence "week fri 16:00" --hours examples/acme-hours.json
      tactful clients add --id kiwi --name "Kiwi Ltd" --email tom@kiwi.co.uk --language en
      tactful clients add --name "Northwind" --domain northwind.example \\
        --contact "Mark Evans <mark@northwind.example>" --contact "Júlia Souza"
    """
    data = parse(ClientIn, {**_fields(**fields), **({"id": client_id} if client_id else {})})
    db = _db()
    with db.session() as session:
        _show(repo.to_dict(repo.create(session, data)), as_json)


@clients.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def list_cmd(as_json):
    """List clients.

    \b
    Examples:
      tactful clients list
      tactful clients list --json | jq -r .id
    """
    with _db().session() as session:
        for client in repo.list_clients(session):
            data = repo.to_dict(client)
            if as_json:
                click.echo(json.dumps(data, ensure_ascii=False))
            else:
                addresses = ", ".join(data["emails"] + ["@" + d for d in data["domains"]])
                click.echo(f"{data['id']:<24} {data['name']:<30} {addresses}")


@clients.command("show")
@click.argument("client_id")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def show(client_id, as_json):
    """Show one client.

    \b
    Examples:
      tactful clients show acme-s-a
      tactful clients show acme-s-a --json
    """
    with _db().session() as session:
        _show(repo.to_dict(repo.get(session, client_id)), as_json)


@clients.command("edit")
@click.argument("client_id")
@_options
@click.option("--json", "as_json", is_flag=True, help="Print the stored client as JSON.")
def edit(client_id, as_json, **fields):
    """Change some fields of a client; the others stay as they are.

    \b
    Examples:
      tactful clients edit acme-s-a --formality informal
      tactful clients edit acme-s-a --cadence "month last 09:00" --notes "Invoices to finance@acme.es"
    """
    data = parse(ClientFields, _fields(**fields))
    with _db().session() as session:
        _show(repo.to_dict(repo.patch(session, client_id, data)), as_json)


@clients.command("remove")
@click.argument("client_id")
def remove(client_id):
    """Remove a client.

    \b
    Examples:
      tactful clients remove acme-s-a
    """
    with _db().session() as session:
        repo.delete(session, client_id)
    click.echo(f"removed {client_id}")


@clients.command("import")
@click.argument("source", type=click.File("rb"))
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), help="Default: from the file name.")
def import_cmd(source, fmt):
    """Add (or, for an existing id, replace) clients from a JSON or CSV file; nothing is half-imported.

    CSV columns are those of `export --format csv`: lists separated by ';', objects as JSON. Every
    bad row is named by its line before anything is written; the rows are then written in short
    batches, so a running service keeps answering while a large file is imported.

    \b
    Examples:
      tactful clients import clients.json
      tactful clients import --format csv - < clients.csv
    """
    name = getattr(source, "name", "-")
    fmt = fmt or ("csv" if str(name).endswith(".csv") else "json")
    shown = "standard input" if name in ("-", "<stdin>") else str(name)
    rows = (transfer.read_csv if fmt == "csv" else transfer.read_json)(read_text(source), shown)
    done = bulk.import_clients(_db(), rows, shown)
    added, replaced = len(done.added), len(done.replaced)
    click.echo(f"imported {added + replaced} client{'s' if added + replaced != 1 else ''} ({added} added, "
               f"{replaced} replaced)")


@clients.command("export")
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True)
@click.argument("target", type=click.File("w", encoding="utf-8"), default="-")
def export(fmt, target):
    """Write every client to a JSON or CSV file (standard output by default).

    \b
    Examples:
      tactful clients export > clients.json
      tactful clients export --format csv clients.csv
    """
    with _db().session() as session:
        data = [repo.to_dict(c) for c in repo.list_clients(session)]
    target.write((transfer.write_csv if fmt == "csv" else transfer.write_json)(data))
