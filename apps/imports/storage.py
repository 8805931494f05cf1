"""django-import-export's temporary storage, kept in the database (see HeldFile)."""

from uuid import uuid4

from import_export.tmp_storages import BaseStorage

from apps.imports.models import HeldFile


class DatabaseStorage(BaseStorage):
    def save(self, data) -> None:
        HeldFile.purge_abandoned()
        self.name = self.name or uuid4().hex
        payload = data.encode(self.encoding or "utf-8") if isinstance(data, str) else data
        HeldFile.objects.update_or_create(name=self.name, defaults={"data": payload})

    def read(self):
        held = HeldFile.objects.filter(name=self.name).first()
        if held is None:
            raise FileNotFoundError(self.name)
        data = bytes(held.data)
        return data if "b" in self.read_mode else data.decode(self.encoding or "utf-8")

    def remove(self) -> None:
        HeldFile.objects.filter(name=self.name).delete()
