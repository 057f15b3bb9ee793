"""Problems as data: readers and checks return diagnostics instead of raising."""

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class Diagnostic:
    severity: Severity
    where: str  # file, file#position, or an entity IRI
    message: str

    def __str__(self) -> str:
        return f"{self.severity.value}: {self.where}: {self.message}"
