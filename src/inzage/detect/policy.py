"""A dossier's own decisions: names and roles to keep visible or to redact.

Whether an official "acts in public" is a judgement (``disclosure.md`` §1), so
it is made per dossier in a YAML file::

    keep:
      - name: Hugo de Wildt
        role: minister
      - name: Karin Smit
        role: woordvoerder
    redact:
      - name: Anna de Vries
      - name: ADV

A kept name stays visible in every variant (``H. de Wildt``), with its role
as the reason; a name to redact is looked for in every text of the dossier.
A file that does not follow this shape is refused with a message that says
where.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, StrictStr, ValidationError

from inzage.detect.personal.base import name_parts, person_key
from inzage.errors import ConfigurationError
from inzage.yamltext import safe_load


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class KeptName(_Strict):
    name: StrictStr = Field(min_length=2, pattern=r"[^\W\d_]")
    role: StrictStr = Field(default="named in the dossier policy", min_length=1)


class RedactedName(_Strict):
    name: StrictStr = Field(min_length=2, pattern=r"[^\W\d_]")


class DossierPolicy(_Strict):
    keep: tuple[KeptName, ...] = ()
    redact: tuple[RedactedName, ...] = ()

    def kept(self, person: str, written: str) -> str | None:
        """The role of a kept name that ``written`` (a find whose person key is
        ``person``) is a variant of: the same surname, and the same first name
        where both give one, or initials that agree ("K. Smit" for "Karin
        Smit"; "Kees Smit" is someone else, and "Smit" alone could be).  A
        surname alone is kept only when one kept name has it."""
        given, _ = name_parts(written)
        matches = [e for e in self.keep if person_key(e.name).split("|")[0] == person.split("|")[0]]
        for entry in matches:
            kept_given, _ = name_parts(entry.name)
            if not given:
                return entry.role if len(matches) == 1 else None
            if not kept_given:
                continue
            if len(given[0]) == 1 or len(kept_given[0]) == 1:
                if given[0][0] == kept_given[0][0]:
                    return entry.role
            elif given[0] == kept_given[0]:
                return entry.role
        return None


def load_policy(path: Path) -> DossierPolicy:
    """The policy in a YAML file; a clear :class:`ConfigurationError` otherwise."""
    try:
        data = safe_load(path.read_text("utf-8"))
    except OSError as exc:
        raise ConfigurationError(f"{path}: cannot be read ({exc.strerror})") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigurationError(f"{path}: not valid YAML ({type(exc).__name__})") from None
    if data is None:
        return DossierPolicy()
    try:
        return DossierPolicy.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in error['loc']) or 'top level'}: {error['msg']}"
            for error in exc.errors()
        )
        raise ConfigurationError(f"{path}: not a dossier policy: {problems}") from None
