"""Delete everything: one action, for a person who wants their data gone."""

from __future__ import annotations

import shutil
from typing import Any

from django.db import transaction

from wayhome.adapters import locks
from wayhome.adapters.db.models import (
    ActivityRecord,
    CaseLogKind,
    CaseLogMapping,
    CaseLogTotal,
    ContactRecord,
    Correspondence,
    DocumentItem,
    Evidence,
    ProcedureRecord,
    PublicationRecord,
    SavedAssessment,
    SentPacket,
    SetupDraft,
    StoredProfile,
    VaultFile,
)
from wayhome.adapters.vault.storage import object_path
from wayhome.services import unlocked
from wayhome.services.vault import data_dir, vault_dir


def delete_everything(owner: Any) -> int:
    """Remove the owner's profile, progress, log, documents and stored files (and what
    was read in them).

    Returns how many stored files were erased. Files another account also holds
    stay (hosted mode); with no files left at all, the vault's keyring goes too.
    """
    # Under the vault's lock, as a file is stored: a file another process has just
    # stored, and is recording, is never taken for one nobody holds any more.
    unlocked.forget_owner(owner.pk)  # its sessions' vaults: the keyring may go too
    with locks.vault(data_dir()):
        return _delete_everything(owner)


def _delete_everything(owner: Any) -> int:
    with transaction.atomic():
        mine = set(VaultFile.objects.filter(owner=owner).values_list("object_id", flat=True))
        Evidence.objects.filter(owner=owner).delete()
        Correspondence.objects.filter(owner=owner).delete()
        DocumentItem.objects.filter(owner=owner).delete()
        ProcedureRecord.objects.filter(owner=owner).delete()
        CaseLogTotal.objects.filter(owner=owner).delete()
        CaseLogKind.objects.filter(owner=owner).delete()
        PublicationRecord.objects.filter(owner=owner).delete()
        ContactRecord.objects.filter(owner=owner).delete()
        ActivityRecord.objects.filter(owner=owner).delete()
        CaseLogMapping.objects.filter(owner=owner).delete()
        VaultFile.objects.filter(owner=owner).delete()
        SavedAssessment.objects.filter(owner=owner).delete()
        SentPacket.objects.filter(owner=owner).delete()
        SetupDraft.objects.filter(owner=owner).delete()
        StoredProfile.objects.filter(owner=owner).delete()
        still_held = set(
            VaultFile.objects.filter(object_id__in=mine).values_list("object_id", flat=True)
        )
        anything_left = VaultFile.objects.exists()
    erased = 0
    for oid in mine - still_held:
        path = object_path(vault_dir(), oid)
        if path.exists():
            path.unlink()
            erased += 1
    if not anything_left and vault_dir().exists():
        shutil.rmtree(vault_dir())
    return erased
