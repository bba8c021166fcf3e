"""Interchange packages from the command line (docs/interchange.md), for a portal without a person at
the import page (a scheduled transfer, a test of two portals): import a package as a user, or export
a proposal or a decision package to a file. Prints one JSON line describing what it did."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from awards.interchange import export
from awards.interchange.import_ import package_import
from awards.interchange.package import PackageError


class Command(BaseCommand):
    help = "Import or export an interchange package (see docs/interchange.md)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="import a package as --user")
        imp.add_argument("path")
        imp.add_argument("--user", required=True, help="username of the reviewer or administrator importing it")
        prop = sub.add_parser("export-proposal", help="write the package of an upward proposal")
        prop.add_argument("proposal_id", type=int)
        prop.add_argument("path")
        dec = sub.add_parser("export-decision", help="write the decision package answering a received proposal package")
        dec.add_argument("decision_id", type=int)
        dec.add_argument("package_id", type=int, help="id of the received proposal package (InterchangePackage)")
        dec.add_argument("path")

    def handle(self, *args, **options):
        from awards.models import Decision, InterchangePackage, UpwardProposal
        from units.models import User

        action = options["action"]
        if action == "import":
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"Không có tài khoản “{options['user']}”.")
            try:
                received, nominations = package_import(raw=Path(options["path"]).read_bytes(), by=user)
            except PackageError as exc:
                raise CommandError(str(exc)) from exc
            result = {"package": received.pk, "kind": received.kind, "nominations": [n.pk for n in nominations]}
        elif action == "export-proposal":
            _name, data = export.proposal_package(UpwardProposal.objects.get(pk=options["proposal_id"]))
            Path(options["path"]).write_bytes(data)
            result = {"path": options["path"], "bytes": len(data)}
        else:
            decision = Decision.objects.get(pk=options["decision_id"])
            _name, data = export.decision_package(decision, InterchangePackage.objects.get(pk=options["package_id"]))
            Path(options["path"]).write_bytes(data)
            result = {"path": options["path"], "bytes": len(data)}
        self.stdout.write(json.dumps(result))
