"""The CSV export read back with the csv module: one file per artefact in a zip, UTF-8 with a BOM,
Russian headers, formula prefixes neutralised, numbers left as numbers."""

import csv
import io
import zipfile

import pytest

from cvm_core.exports import csv_zip
from cvm_core.schema import ENTITIES
from tests.unit.exports_data import FORMULA, snapshot


@pytest.fixture(scope="module")
def archive() -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(csv_zip.render(snapshot("ru"))))


def table(archive: zipfile.ZipFile, member: str) -> list[list[str]]:
    raw = archive.read(member)
    assert raw.startswith(b"\xef\xbb\xbf")  # the byte-order mark spreadsheet programs look for
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_one_csv_per_artefact_in_the_methods_order(archive: zipfile.ZipFile) -> None:
    names = archive.namelist()
    assert names[:4] == ["01_workshop.csv", "02_participant.csv", "03_department.csv", "04_customer.csv"]
    assert len(names) == 2 + len(ENTITIES) and all(n.isascii() for n in names)  # settings, people, artefacts


def test_cyrillic_headers_and_values_survive(archive: zipfile.ZipFile) -> None:
    customers = table(archive, "04_customer.csv")
    assert customers[0][:2] == ["Клиент", "Тип"]
    assert customers[1][:2] == ["Рестораны", "Внешний сегмент"]
    assert customers[1][4:7] == ["1200", "60000", "18000.5"]
    assert table(archive, "03_department.csv")[1][2] == "да"


def test_formula_texts_are_neutralised_and_negative_numbers_are_not(archive: zipfile.ZipFile) -> None:
    assert table(archive, "03_department.csv")[3][0] == "'" + FORMULA
    pains = [r[1] for r in table(archive, "06_pain.csv")[1:]]
    assert pains == ["Доставка опаздывает", "'-1 звонок в день", "'@SUM(A1:A9)"]
    economics = table(archive, "21_economics.csv")
    actual = economics[0].index("Факт")
    assert economics[1][actual] == "-5.5"
    every = "".join(archive.read(n).decode("utf-8-sig") for n in archive.namelist())
    for line in csv.reader(io.StringIO(every)):
        for value in line:
            assert not value.startswith(("=", "+", "@", "\t")), value
