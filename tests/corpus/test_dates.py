"""Spanish dates: numbers in words, every written form, and the choice of the resolution's date."""

from __future__ import annotations

import datetime as dt

import pytest

from corpus.dates import find_dates, parse_date, resolution_date, words_to_int


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("uno", 1),
        ("primero", 1),
        ("veintiún", 21),
        ("veintidós", 22),
        ("treinta y uno", 31),
        ("diez y seis", 16),
        ("dos mil diecisiete", 2017),
        ("dos mil veintidós", 2022),
        ("DOS MIL VEINTITRÉS", 2023),
        ("mil novecientos noventa y nueve", 1999),
        ("dos mil", 2000),
        ("doce mil", 12000),
        ("perro", None),
        ("", None),
    ],
)
def test_words_to_int(words: str, value: int | None) -> None:
    assert words_to_int(words) == value


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("17/05/2017", "2017-05-17"),
        ("17-05-17", "2017-05-17"),
        ("17.05.2017", "2017-05-17"),
        ("17 de mayo de 2017", "2017-05-17"),
        ("17 de mayo del 2017", "2017-05-17"),
        ("17 de Mayo, 2017", "2017-05-17"),
        ("17-may-2017", "2017-05-17"),
        ("17/MAYO/2017", "2017-05-17"),
        ("1o. de junio de 2020", "2020-06-01"),
        ("diecisiete de mayo de dos mil diecisiete", "2017-05-17"),
        ("DIECISIETE DE MAYO DE DOS MIL DIECISIETE", "2017-05-17"),
        ("a los veintiún días del mes de abril del año dos mil veintidós", "2022-04-21"),
        ("veintiún días del mes de abril de dos mil veintidós", "2022-04-21"),
        ("primero de junio de dos mil veinte", "2020-06-01"),
        ("treinta y uno de diciembre de mil novecientos noventa y nueve", "1999-12-31"),
        ("el 15 de septiembre de 2021", "2021-09-15"),
        ("el 15 de setiembre de 2021", "2021-09-15"),
        ("a 09 de abril de 201 9.", "2019-04-09"),  # a transcription split the year
        ("31 de febrero de 2020", None),  # no such day
        ("el expediente 12/2019", None),
        ("sin fecha alguna", None),
    ],
)
def test_parse_date_forms(text: str, iso: str | None) -> None:
    found = parse_date(text)
    assert (found.isoformat() if found else None) == iso


def test_year_less_date_takes_the_year_of_the_date_before() -> None:
    text = "El tres de mayo de dos mil veinte se admitió; el primero de junio se cerró."
    dates = find_dates(text)
    assert [d.date for d in dates] == [dt.date(2020, 5, 3), dt.date(2020, 6, 1)]
    assert [d.has_year for d in dates] == [True, False]
    assert text[dates[1].start : dates[1].end] == "primero de junio"


def test_year_less_date_without_context_has_no_date() -> None:
    assert [d.date for d in find_dates("se celebró el primero de junio")] == [None]


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        # the opening place-and-date line
        (
            "Xalapa-Enríquez, Veracruz, a diecisiete de mayo de dos mil diecisiete.\nVISTOS…",
            "2017-05-17",
        ),
        ("Villahermosa, Tabasco; a 3 de marzo del 2020.", "2020-03-03"),
        (
            "En la ciudad de Chetumal, Quintana Roo, a los veintiún días del mes de abril del año dos mil veintidós.",
            "2022-04-21",
        ),
        ("Ciudad de México, a 09 de abril de 201 9.", "2019-04-09"),
        ("LUGAR Y FECHA          Ciudad de México, a 03 de mayo de 2019", "2019-05-03"),
        ("Fecha de resolución: 12/08/2021", "2021-08-12"),
        # the closing vote formula wins over dates of the procedure
        (
            "Mérida, Yucatán, a 2 de enero de 2020. El particular presentó una solicitud el 5 de "
            "noviembre de 2019.\n\nAsí lo resolvieron por unanimidad los Comisionados, en sesión "
            "ordinaria celebrada el veintiocho de febrero de dos mil veinte.",
            "2020-02-28",
        ),
        (
            "Así lo acordó el Pleno en sesión pública de fecha 10 de junio de 2018, ante el secretario.",
            "2018-06-10",
        ),
        # distractors only: the request, the answer, a receipt stamp, a quoted period
        ("El particular presentó una solicitud el 3 de enero de 2017.", None),
        ("Recibido el 4 de enero de 2017 a las 10:00 horas.", None),
        ("fecha de presentación: 17/05/2017", None),
        ("El sujeto obligado dio respuesta el 20 de febrero de 2017.", None),
        (
            "desde que ésta inició, el viernes 30 de marzo de 2018, hasta que concluyó el 27 de junio de 2018",
            None,
        ),
    ],
)
def test_resolution_date(text: str, iso: str | None) -> None:
    found = resolution_date(text)
    assert (found.isoformat() if found else None) == iso


def test_place_line_quoted_in_the_body_loses_to_the_header() -> None:
    header = "Xalapa-Enríquez, Veracruz, a diecisiete de mayo de dos mil diecisiete.\n\n"
    body = "x " * 1600 + "\nOficio: Xalapa, Ver., a 10 de marzo de 2017.\n"
    assert resolution_date(header + body) == dt.date(2017, 5, 17)
