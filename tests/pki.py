"""A throw-away public-key infrastructure for the signing tests: a root CA, signer certificates in
PKCS#12 archives (cryptography), and a real RFC 3161 timestamp authority served over HTTP from a
thread (pyHanko's own TSA responder, DummyTimeStamper, signing with a TSA certificate of that CA)."""

import http.server
import threading
from contextlib import contextmanager

from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID

from awards.demo_signing import make_ca, make_certificate
from awards.demo_signing import make_signer as _make_signer

__all__ = ["PASSPHRASE", "asn1", "local_tsa", "make_ca", "make_certificate", "make_signer", "pem"]

PASSPHRASE = "mat-khau-chung-thu"


def make_signer(ca_key, ca_cert, common_name, *, days=30, start=-1, passphrase=PASSPHRASE):
    """A PKCS#12 archive (key, certificate, CA) for ``common_name``, valid from ``start`` to ``days``
    days from now, under the tests' passphrase unless told."""
    return _make_signer(ca_key, ca_cert, common_name, days=days, start=start, passphrase=passphrase)


def asn1(cert):
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def pem(cert):
    return cert.public_bytes(serialization.Encoding.PEM)


@contextmanager
def local_tsa(ca_key, ca_cert):
    """An RFC 3161 timestamp authority on http://127.0.0.1:<port>/ for the duration of the block;
    yields its URL. Requests are parsed, answered and counted (``server.requests``)."""
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # pyHanko's responder signs with RSA
    _key, tsa_cert = make_certificate(ca_key, ca_cert, "TSA thử nghiệm", key=tsa_key, eku=[ExtendedKeyUsageOID.TIME_STAMPING])
    responder = DummyTimeStamper(
        tsa_cert=asn1(tsa_cert),
        tsa_key=asn1_keys.PrivateKeyInfo.load(
            tsa_key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        ),
        certs_to_embed=[asn1(ca_cert)],
    )

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if self.headers.get("Content-Type") != "application/timestamp-query":
                self.send_error(415)
                return
            answer = responder.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
            server.requests += 1
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args):  # quiet test output
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.requests = 0
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
