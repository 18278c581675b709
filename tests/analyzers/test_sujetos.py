"""Sujetos obligados → canonical name and kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzers.sujetos import KINDS, Sujeto, classify_sujeto, default_sujetos, load_sujetos


@pytest.mark.parametrize(
    ("name", "canonical", "kind"),
    [
        (
            "H. Ayuntamiento Constitucional de Xalapa, Ver.",
            "Ayuntamiento de Xalapa",
            "ayuntamiento",
        ),
        (
            "H. AYUNTAMIENTO DE XALAPA DE ENRÍQUEZ, VERACRUZ",
            "Ayuntamiento de Xalapa",
            "ayuntamiento",
        ),
        ("Municipio de Centro, Tabasco", "Ayuntamiento de Centro", "ayuntamiento"),
        ("Ayuntamiento de Mérida, Yucatán", "Ayuntamiento de Mérida", "ayuntamiento"),
        (
            "Honorable Ayuntamiento del Municipio de Othón P. Blanco",
            "Ayuntamiento de Othón P. Blanco",
            "ayuntamiento",
        ),
        (
            "Secretaría de Finanzas y Planeación",
            "Secretaría de Finanzas y Planeación",
            "poder ejecutivo",
        ),
        ("SEFIPLAN", "Secretaría de Finanzas y Planeación", "poder ejecutivo"),
        ("Universidad Veracruzana", "Universidad Veracruzana", "universidad"),
        ("UJAT", "Universidad Juárez Autónoma de Tabasco", "universidad"),
        (
            "Instituto Tecnológico Superior de Xalapa",
            "Instituto Tecnológico Superior de Xalapa",
            "universidad",
        ),
        ("Partido Acción Nacional", "Partido Acción Nacional", "partido político"),
        ("PAN", "Partido Acción Nacional", "partido político"),
        ("morena", "Morena", "partido político"),
        (
            "Fiscalía General del Estado de Yucatán",
            "Fiscalía General del Estado de Yucatán",
            "fiscalía",
        ),
        ("Congreso del Estado de Tabasco", "Congreso del Estado de Tabasco", "poder legislativo"),
        ("Poder Legislativo", "Poder Legislativo", "poder legislativo"),
        (
            "Poder Judicial del Estado de Veracruz",
            "Poder Judicial del Estado de Veracruz",
            "poder judicial",
        ),
        (
            "Tribunal Superior de Justicia del Estado de Campeche",
            "Tribunal Superior de Justicia del Estado de Campeche",
            "poder judicial",
        ),
        (
            "Comisión Estatal de Derechos Humanos de Chiapas",
            "Comisión Estatal de Derechos Humanos de Chiapas",
            "órgano autónomo",
        ),
        ("OPLE", "Organismo Público Local Electoral del Estado de Veracruz", "órgano autónomo"),
        (
            "Sindicato de Trabajadores al Servicio del Ayuntamiento de Xalapa",
            "Sindicato de Trabajadores al Servicio del Ayuntamiento de Xalapa",
            "sindicato",
        ),
        ("Fideicomiso Público del Tren Maya", "Fideicomiso Público del Tren Maya", "fideicomiso"),
        ("DIF Municipal de Othón P. Blanco", "DIF Municipal de Othón P. Blanco", "ayuntamiento"),
        (
            "Instituto de Elecciones y Participación Ciudadana",
            "Instituto de Elecciones y Participación Ciudadana",
            "órgano autónomo",
        ),
        (
            "Junta de Agua Potable y Alcantarillado de Yucatán",
            "Junta de Agua Potable y Alcantarillado de Yucatán",
            "poder ejecutivo",
        ),
        (
            "Sistema para el Desarrollo Integral de la Familia del Estado de Tabasco",
            "Sistema para el Desarrollo Integral de la Familia del Estado de Tabasco",
            "poder ejecutivo",
        ),
        ("  Oficina   del Gobernador. ", "Oficina del Gobernador", "poder ejecutivo"),
        ("Club Deportivo Halcones", "Club Deportivo Halcones", "otro"),
    ],
)
def test_classify(name: str, canonical: str, kind: str) -> None:
    assert classify_sujeto(name) == Sujeto(canonical, kind)


@pytest.mark.parametrize("name", [None, "", "   "])
def test_empty(name: str | None) -> None:
    assert classify_sujeto(name) is None


def test_every_kind_in_the_data_is_known() -> None:
    rules = default_sujetos()
    assert {s.kind for s in rules.gazetteer.values()} <= set(KINDS)
    assert {k for k, _ in rules.rules} <= set(KINDS)


def test_bad_data_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text('[[rule]]\nkind = "nope"\npatterns = ["x"]\n')
    with pytest.raises(ValueError, match="unknown kind"):
        load_sujetos(path)


@pytest.mark.parametrize(
    ("name", "state", "canonical"),
    [
        ("Poder Legislativo", "Veracruz", "Poder Legislativo del Estado de Veracruz"),
        ("H. Congreso del Estado", "Tabasco", "Congreso del Estado de Tabasco"),
        ("Fiscalía General del Estado", "Yucatán", "Fiscalía General del Estado de Yucatán"),
        (
            "Fiscalía General del Estado de Yucatán",
            "Yucatán",
            "Fiscalía General del Estado de Yucatán",
        ),
        ("Secretaría de Salud", "Veracruz", "Secretaría de Salud"),
        ("Poder Legislativo", "Nacional", "Poder Legislativo"),
        ("Poder Legislativo", None, "Poder Legislativo"),
        ("Ayuntamiento de Centro", "Tabasco", "Ayuntamiento de Centro"),
    ],
)
def test_generic_names_take_the_state(name: str, state: str | None, canonical: str) -> None:
    sujeto = classify_sujeto(name, state=state)
    assert sujeto is not None and sujeto.canonical == canonical
