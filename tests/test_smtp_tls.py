"""SMTP over STARTTLS and implicit TLS with password authentication, against a real aiosmtpd server
with a certificate made for the test; the password may come from the OS keyring instead of the URL."""

from __future__ import annotations

import ssl
import subprocess
from email.message import EmailMessage
from email.policy import SMTP

import warnings

import keyring
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from keyring.backend import KeyringBackend

from support.smtp import Recorder, free_port
from tactful.outbox.mime import Envelope
from tactful.outbox.transports import SMTPTransport, TransportDown


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tls")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(folder / "key.pem"),
                    "-out", str(folder / "cert.pem")], check=True, capture_output=True)
    return folder / "cert.pem", folder / "key.pem"


@pytest.fixture
def trusted(certificate, monkeypatch):
    """Trust the test certificate the way a user trusts a CA: SSL_CERT_FILE."""
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    return certificate


def _authenticator(server, session, envelope, mechanism, auth_data):
    if auth_data.login == b"me@example.com" and auth_data.password == b"s3cret!":
        return AuthResult(success=True)
    return AuthResult(success=False, handled=False, message="535 5.7.8 Authentication credentials invalid")


@pytest.fixture(autouse=True)
def _quiet_aiosmtpd():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "AUTH without TLS": the connection is TLS throughout
        warnings.simplefilter("ignore", DeprecationWarning)
        yield


def _server(certificate, implicit: bool):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*map(str, certificate))
    handler, port = Recorder(), free_port()
    if implicit:
        # The whole connection is TLS: aiosmtpd cannot tell, so it is told not to wait for STARTTLS.
        controller = Controller(handler, hostname="127.0.0.1", port=port, ssl_context=context,
                                authenticator=_authenticator, auth_required=True, auth_require_tls=False)
    else:
        controller = Controller(handler, hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True,
                                authenticator=_authenticator, auth_required=True, auth_require_tls=True)
    controller.start()
    return controller, handler, port


def _email() -> Envelope:
    email = EmailMessage()
    email["From"], email["To"], email["Subject"] = "me@example.com", "ana@acme.es", "TLS"
    email["Message-ID"] = "<tls-test@example.com>"
    email.set_content("Cuerpo")
    return Envelope("me@example.com", ["ana@acme.es"], email.as_bytes(policy=SMTP))


@pytest.mark.parametrize("scheme, implicit", [("smtp", False), ("smtps", True)])
def test_tls_and_login(trusted, scheme, implicit):
    controller, handler, port = _server(trusted, implicit)
    try:
        SMTPTransport(f"{scheme}://me%40example.com:s3cret%21@127.0.0.1:{port}").send(_email(), "x")
    finally:
        controller.stop()
    assert [email["Message-ID"] for _r, email in handler.received] == ["<tls-test@example.com>"]


def test_a_wrong_password_stops_the_transport_with_the_reply(trusted):
    """A refused login is the server's problem, not the message's: TransportDown (the dispatcher backs off)."""
    controller, _handler, port = _server(trusted, implicit=False)
    try:
        with pytest.raises(TransportDown) as info:
            SMTPTransport(f"smtp://me%40example.com:wrong@127.0.0.1:{port}").send(_email(), "x")
    finally:
        controller.stop()
    assert "535" in str(info.value)


class _MemoryKeyring(KeyringBackend):
    """A real keyring backend (keyring's own plug-in interface) holding one password, for this test."""

    priority = 1
    passwords = {("tactful-smtp", "me@example.com"): "s3cret!"}

    def get_password(self, service, username):
        return self.passwords.get((service, username))

    def set_password(self, service, username, password):
        self.passwords[(service, username)] = password

    def delete_password(self, service, username):
        self.passwords.pop((service, username), None)


def test_password_from_the_keyring(trusted):
    previous = keyring.get_keyring()
    keyring.set_keyring(_MemoryKeyring())
    controller, handler, port = _server(trusted, implicit=False)
    try:
        SMTPTransport(f"smtp://me%40example.com@127.0.0.1:{port}").send(_email(), "x")
    finally:
        controller.stop()
        keyring.set_keyring(previous)
    assert len(handler.received) == 1


def test_a_server_with_an_untrusted_certificate_is_refused(certificate, monkeypatch):
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    controller, handler, port = _server(certificate, implicit=True)
    try:
        from tactful.outbox.transports import TransientError

        with pytest.raises(TransientError) as info:
            SMTPTransport(f"smtps://me%40example.com:s3cret%21@127.0.0.1:{port}").send(_email(), "x")
    finally:
        controller.stop()
    assert "CERTIFICATE_VERIFY_FAILED" in str(info.value) and handler.received == []
