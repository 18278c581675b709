"""Sample-corpus vocabulary: invented people, realistic sujetos obligados per state, cited
INAI criteria, anonymisation marks. Data only; the composers pick from these tables."""

from __future__ import annotations

FIRST_F = (
    "María Fernanda", "Ana Laura", "Claudia", "Rosa Elena", "Guadalupe", "Leticia", "Mariana",
    "Verónica", "Norma Angélica", "Patricia", "Itzel", "Brenda", "Yolanda", "Karla Sofía",
    "Alejandra", "Dulce María", "Martha Beatriz", "Silvia", "Teresa", "Lucía",
)
FIRST_M = (
    "José Luis", "Juan Carlos", "Fernando", "Ricardo", "Héctor", "Jorge Alberto", "Miguel Ángel",
    "Raúl", "Francisco Javier", "Arturo", "Luis Enrique", "Gerardo", "Rodrigo", "Víctor Hugo",
    "Óscar", "Eduardo", "Manuel", "Sergio Iván", "Rubén", "Alfonso",
)
SURNAMES = (
    "Hernández", "García", "Martínez", "López", "González", "Pérez", "Rodríguez", "Sánchez",
    "Ramírez", "Cruz", "Gómez", "Flores", "Morales", "Vázquez", "Jiménez", "Reyes", "Díaz",
    "Torres", "Gutiérrez", "Ruiz", "Mendoza", "Aguilar", "Ortiz", "Moreno", "Castillo", "Romero",
    "Chan", "Canché", "Pech", "Uc", "Ek", "Cauich", "Domínguez", "Núñez", "Zavala", "Ocaña",
    "Priego", "Peñaloza", "Arcos", "Villanueva", "Cetina", "Montejo", "Solís", "Ancona",
)
HONORIFICS_F = ("", "", "Mtra. ", "Lic. ", "Dra. ", "C. ")
HONORIFICS_M = ("", "", "Mtro. ", "Lic. ", "Dr. ", "C. ")

# Anonymisation marks for the recurrente (and third parties), as bodies publish them.
ANON_MARKS = (
    "C. [...]", "********", "[Eliminado]", "Dato protegido", "C. XXXXXXXX",
    "[ELIMINADO: nombre del recurrente]", "***** ***** *****", "C. [Dato protegido]",
    "Persona recurrente", "[Nombre protegido]",
)

# Sujetos obligados per state: (name as written, kind).
SUJETOS: dict[str, tuple[tuple[str, str], ...]] = {
    "Veracruz": (
        ("H. Ayuntamiento de Xalapa", "ayuntamiento"), ("Ayuntamiento de Veracruz", "ayuntamiento"),
        ("H. Ayuntamiento de Coatzacoalcos", "ayuntamiento"), ("Ayuntamiento de Papantla", "ayuntamiento"),
        ("H. Ayuntamiento de Orizaba", "ayuntamiento"), ("Ayuntamiento de Poza Rica de Hidalgo", "ayuntamiento"),
        ("H. Ayuntamiento de Tuxpan", "ayuntamiento"), ("Ayuntamiento de Córdoba", "ayuntamiento"),
        ("Secretaría de Finanzas y Planeación", "poder ejecutivo"), ("Secretaría de Educación de Veracruz", "poder ejecutivo"),
        ("Secretaría de Salud", "poder ejecutivo"), ("Secretaría de Seguridad Pública", "poder ejecutivo"),
        ("Secretaría de Infraestructura y Obras Públicas", "poder ejecutivo"),
        ("Fiscalía General del Estado de Veracruz", "autónomo"), ("Poder Judicial del Estado de Veracruz", "poder judicial"),
        ("Poder Legislativo", "poder legislativo"), ("Universidad Veracruzana", "universidad"),
        ("Instituto de Pensiones del Estado", "poder ejecutivo"), ("Comisión Estatal de Derechos Humanos", "autónomo"),
        ("Organismo Público Local Electoral del Estado de Veracruz", "autónomo"),
        ("Partido Revolucionario Institucional, Comité Directivo Estatal en Veracruz", "partido"),
        ("Sindicato Único de Trabajadores al Servicio del Ayuntamiento de Xalapa", "sindicato"),
        ("Comisión del Agua del Estado de Veracruz", "poder ejecutivo"),
        ("Fideicomiso Público del Impuesto por la Prestación de Servicios de Hospedaje", "fideicomiso"),
    ),
    "Tabasco": (
        ("H. Ayuntamiento de Centro", "ayuntamiento"), ("Ayuntamiento de Cárdenas", "ayuntamiento"),
        ("H. Ayuntamiento de Comalcalco", "ayuntamiento"), ("Ayuntamiento de Paraíso", "ayuntamiento"),
        ("H. Ayuntamiento de Macuspana", "ayuntamiento"), ("Ayuntamiento de Tenosique", "ayuntamiento"),
        ("Secretaría de Finanzas", "poder ejecutivo"), ("Secretaría de Ordenamiento Territorial y Obras Públicas", "poder ejecutivo"),
        ("Secretaría de Salud del Estado de Tabasco", "poder ejecutivo"), ("Coordinación General de Comunicación Social", "poder ejecutivo"),
        ("Fiscalía General del Estado de Tabasco", "autónomo"), ("Tribunal Superior de Justicia del Estado de Tabasco", "poder judicial"),
        ("H. Congreso del Estado de Tabasco", "poder legislativo"), ("Universidad Juárez Autónoma de Tabasco", "universidad"),
        ("Instituto Electoral y de Participación Ciudadana de Tabasco", "autónomo"),
        ("Partido Acción Nacional, Comité Directivo Estatal en Tabasco", "partido"),
        ("Sindicato de Trabajadores al Servicio del Estado de Tabasco", "sindicato"),
        ("Comisión Estatal de Agua y Saneamiento", "poder ejecutivo"),
        ("Fideicomiso para el Desarrollo de la Zona de Dos Bocas", "fideicomiso"),
    ),
    "Campeche": (
        ("H. Ayuntamiento de Campeche", "ayuntamiento"), ("H. Ayuntamiento de Carmen", "ayuntamiento"),
        ("Ayuntamiento de Champotón", "ayuntamiento"), ("H. Ayuntamiento de Calakmul", "ayuntamiento"),
        ("Ayuntamiento de Escárcega", "ayuntamiento"), ("Secretaría de Administración y Finanzas", "poder ejecutivo"),
        ("Secretaría de Desarrollo Territorial, Urbano y Obras Públicas", "poder ejecutivo"),
        ("Secretaría de Educación del Estado de Campeche", "poder ejecutivo"),
        ("Fiscalía General del Estado de Campeche", "autónomo"), ("Poder Judicial del Estado de Campeche", "poder judicial"),
        ("H. Congreso del Estado de Campeche", "poder legislativo"), ("Universidad Autónoma de Campeche", "universidad"),
        ("Universidad Autónoma del Carmen", "universidad"), ("Instituto Electoral del Estado de Campeche", "autónomo"),
        ("Partido Morena, Comité Ejecutivo Estatal en Campeche", "partido"),
        ("Sindicato de Trabajadores al Servicio de los Poderes del Estado de Campeche", "sindicato"),
        ("Sistema Municipal de Agua Potable y Alcantarillado de Campeche", "ayuntamiento"),
    ),
    "Chiapas": (
        ("H. Ayuntamiento de Tuxtla Gutiérrez", "ayuntamiento"), ("Ayuntamiento de San Cristóbal de las Casas", "ayuntamiento"),
        ("H. Ayuntamiento de Tapachula", "ayuntamiento"), ("Ayuntamiento de Palenque", "ayuntamiento"),
        ("H. Ayuntamiento de Comitán de Domínguez", "ayuntamiento"), ("Secretaría de Hacienda", "poder ejecutivo"),
        ("Secretaría de Obras Públicas del Estado de Chiapas", "poder ejecutivo"), ("Secretaría de Salud", "poder ejecutivo"),
        ("Secretaría de Educación", "poder ejecutivo"),
        ("Fiscalía General del Estado de Chiapas", "autónomo"), ("Poder Judicial del Estado de Chiapas", "poder judicial"),
        ("H. Congreso del Estado de Chiapas", "poder legislativo"), ("Universidad Autónoma de Chiapas", "universidad"),
        ("Universidad de Ciencias y Artes de Chiapas", "universidad"),
        ("Instituto de Elecciones y Participación Ciudadana", "autónomo"),
        ("Partido Verde Ecologista de México, Comité Ejecutivo Estatal en Chiapas", "partido"),
        ("Sindicato Único de Trabajadores del Gobierno del Estado de Chiapas", "sindicato"),
        ("Fideicomiso del Fondo de Fomento Económico Chiapas Solidario", "fideicomiso"),
    ),
    "Yucatán": (
        ("H. Ayuntamiento de Mérida", "ayuntamiento"), ("Ayuntamiento de Valladolid", "ayuntamiento"),
        ("H. Ayuntamiento de Progreso", "ayuntamiento"), ("Ayuntamiento de Tizimín", "ayuntamiento"),
        ("H. Ayuntamiento de Izamal", "ayuntamiento"), ("Ayuntamiento de Umán", "ayuntamiento"),
        ("Secretaría de Administración y Finanzas", "poder ejecutivo"), ("Secretaría de Obras Públicas", "poder ejecutivo"),
        ("Secretaría de Salud de Yucatán", "poder ejecutivo"), ("Secretaría de Investigación, Innovación y Educación Superior", "poder ejecutivo"),
        ("Fiscalía General del Estado de Yucatán", "autónomo"), ("Poder Judicial del Estado de Yucatán", "poder judicial"),
        ("H. Congreso del Estado de Yucatán", "poder legislativo"), ("Universidad Autónoma de Yucatán", "universidad"),
        ("Instituto Electoral y de Participación Ciudadana de Yucatán", "autónomo"),
        ("Partido Revolucionario Institucional, Comité Directivo Estatal en Yucatán", "partido"),
        ("Junta de Agua Potable y Alcantarillado de Yucatán", "poder ejecutivo"),
        ("Sindicato de Trabajadores al Servicio del Ayuntamiento de Mérida", "sindicato"),
    ),
    "Quintana Roo": (
        ("H. Ayuntamiento de Othón P. Blanco", "ayuntamiento"), ("Ayuntamiento de Benito Juárez", "ayuntamiento"),
        ("H. Ayuntamiento de Solidaridad", "ayuntamiento"), ("Ayuntamiento de Cozumel", "ayuntamiento"),
        ("H. Ayuntamiento de Tulum", "ayuntamiento"), ("Ayuntamiento de Bacalar", "ayuntamiento"),
        ("Ayuntamiento de Felipe Carrillo Puerto", "ayuntamiento"),
        ("Secretaría de Finanzas y Planeación", "poder ejecutivo"), ("Secretaría de Obras Públicas", "poder ejecutivo"),
        ("Secretaría de Educación de Quintana Roo", "poder ejecutivo"),
        ("Fiscalía General del Estado de Quintana Roo", "autónomo"),
        ("Tribunal Superior de Justicia del Estado de Quintana Roo", "poder judicial"),
        ("Poder Legislativo del Estado de Quintana Roo", "poder legislativo"), ("Universidad de Quintana Roo", "universidad"),
        ("Instituto Electoral de Quintana Roo", "autónomo"),
        ("Partido Movimiento Ciudadano, Comisión Operativa Estatal en Quintana Roo", "partido"),
        ("Comisión de Agua Potable y Alcantarillado", "poder ejecutivo"),
        ("Fideicomiso de Promoción Turística del Caribe Mexicano", "fideicomiso"),
    ),
}

# INAI criteria cited by the bodies: (number as written, canonical, rubro).
INAI_CRITERIA: tuple[tuple[str, str, str], ...] = (
    ("03/17", "INAI 3/2017", "No existe obligación de elaborar documentos ad hoc para atender las solicitudes de acceso a la información"),
    ("07/17", "INAI 7/2017", "Casos en los que no es necesario que el Comité de Transparencia confirme formalmente la inexistencia de la información"),
    ("02/17", "INAI 2/2017", "Congruencia y exhaustividad. Sus alcances para garantizar el derecho de acceso a la información"),
    ("13/17", "INAI 13/2017", "Incompetencia. Concepto y características"),
    ("16/17", "INAI 16/2017", "Expresión documental"),
    ("08/17", "INAI 8/2017", "Modalidad de entrega. Procedencia de proporcionar la información en una modalidad distinta"),
    ("04/19", "INAI 4/2019", "Propósito de la declaración formal de inexistencia"),
    ("01/19", "INAI 1/2019", "Elementos mínimos que deben contener los acuerdos de ampliación del plazo de respuesta"),
    ("18/13", "INAI 18/2013", "Respuesta igual a cero. No es necesario declarar formalmente la inexistencia"),
    ("SO/007/2019", "INAI SO/7/2019", "Nombre de los servidores públicos. Es información pública"),
    ("SO/002/2019", "INAI SO/2/2019", "Versión pública. Elementos que debe contener la leyenda de clasificación"),
    ("SO/010/2017", "INAI SO/10/2017", "Recibos de nómina de los servidores públicos. Su publicidad"),
)

# Titles of the body (who resolves), by era.
# "{self}" is the body's own noun: "este Instituto" (or "esta Comisión" for COTAIPEC).
ORGANISMO_OLD = ("este organismo garante", "este Órgano Garante", "{self}", "{self}")
ORGANISMO_NEW = ("esta autoridad garante", "{self}, en su carácter de autoridad garante", "{self}")


def self_noun(garante: str) -> str:
    """How a body calls itself: "este Instituto", or "esta Comisión" (COTAIPEC)."""
    return "esta Comisión" if garante == "COTAIPEC" else "este Instituto"


def the(name: str) -> str:
    """The article a body's name takes: "la" (Comisión…) or "el" (Instituto…)."""
    return "la" if name.startswith("Comisión") else "el"


def of_the(name: str) -> str:
    """ "de la Comisión …" or "del Instituto …"."""
    return f"de la {name}" if the(name) == "la" else f"del {name}"
