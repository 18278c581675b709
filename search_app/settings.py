"""The web app's settings, declared once as a table of (name, default, help).

The app factory loads these defaults with ``from_mapping``, then the instance config
(``instance/config.py``), then ``PRECEDENTES_*`` environment variables, then ``test_config``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("INDEX_DIR", "var/index", "Carpeta del índice que la aplicación abre (una vez por proceso)."),
    Setting("PAGE_SIZE", 20, "Resultados por página en la búsqueda."),
    Setting("MAX_PAGE_SIZE", 100, "Máximo de resultados por página que se aceptan (page_size); "
            "uno mayor se rechaza con 400."),
    Setting(
        "EXPORT_CAP",
        5000,
        "Máximo de resultados de una exportación CSV o JSON; una lista más larga se corta y "
        "la exportación lo indica (encabezado X-Export-Truncated, campo truncated).",
    ),
    Setting("EXPORT_BATCH", 200, "Resultados que se piden al motor por lote al exportar."),
    Setting("FEED_SIZE", 30, "Entradas del canal Atom de una búsqueda (las más recientes)."),
    Setting("STATS_SCAN_CAP", 5000, "Documentos que se recorren para contar sujetos obligados."),
    Setting("STATS_TOP", 10, "Temas y sujetos obligados que se muestran en las estadísticas."),
    Setting("SIMILAR_LIMIT", 5, "Documentos similares en la página de un documento."),
    Setting("CITED_BY_LIMIT", 50, "Documentos que lo citan en la página de un documento."),
    Setting(
        "SAMPLE_BANNER",
        None,
        "Aviso de corpus de muestra: None lo detecta en el índice; True o False lo fuerzan.",
    ),
    Setting(
        "ENGINE_FACTORY",
        None,
        "Función (carpeta) → motor; None usa indexer.open_engine. Para pruebas.",
    ),
    # limits against hostile or runaway requests (search_app.limits, search_app.ratelimit):
    # every refusal is a 400 with a Spanish message, a 503 past the time budget, a 429 past a rate
    Setting("MAX_QUERY_LENGTH", 1000, "Máximo de caracteres de una consulta."),
    Setting("MAX_QUERY_TERMS", 64, "Máximo de términos (palabras, frases, comodines) de una consulta."),
    Setting("MAX_QUERY_DEPTH", 12, "Máximo de paréntesis anidados de una consulta."),
    Setting("MAX_WILDCARD_EXPANSIONS", 256,
            "Palabras del índice que un comodín (reserv*) puede abarcar; pasado el máximo se "
            "buscan sólo las más frecuentes, con un aviso."),
    Setting("MAX_QUERY_EXPANSIONS", 256,
            "Palabras del índice que todos los comodines de una consulta pueden abarcar juntos; "
            "pasado el máximo la consulta se rechaza (400)."),
    Setting("MAX_PAGE", 500, "Página más alta que se puede pedir."),
    Setting("MAX_RESULT_WINDOW", 10_000,
            "Profundidad máxima en una lista de resultados (página × resultados por página); "
            "para más, acotar la búsqueda o exportar."),
    Setting("MAX_FILTERS", 40, "Máximo de filtros (organismo, año, tema…) de una búsqueda."),
    Setting("SEARCH_QUEUE_WAIT_MS", 10000,
            "Espera máxima de una búsqueda por su turno cuando el servidor está saturado, en "
            "milisegundos (0: sin límite); pasada, 503 con Retry-After. El tiempo de la "
            "búsqueda (SEARCH_TIME_BUDGET_MS) cuenta desde que empieza."),
    Setting("SEARCH_TIME_BUDGET_MS", 2000,
            "Tiempo máximo de una búsqueda, en milisegundos (0: sin límite). Si la búsqueda de "
            "coincidencias no termina a tiempo se rechaza con 400; si termina, se omiten los "
            "fragmentos, los conteos de filtros o la sugerencia que no alcancen, con un aviso."),
    Setting("FACET_TIME_BUDGET_MS", 250,
            "Tiempo máximo de los conteos de filtros de una búsqueda, en milisegundos; los que "
            "no alcanzan se marcan incompletos."),
    Setting("RATE_LIMIT_ENABLED", None,
            "Límite de solicitudes por cliente: None lo activa salvo en pruebas (TESTING); "
            "True o False lo fuerzan."),
    Setting("RATE_LIMIT_PAGES", "120/minute",
            "Solicitudes por cliente a las páginas (búsqueda, documentos, estadísticas), en la "
            "sintaxis de «limits» (p. ej. «120/minute;2000/hour»)."),
    Setting("RATE_LIMIT_API", "60/minute", "Solicitudes por cliente a la API JSON (/api/v1/)."),
    Setting("RATE_LIMIT_EXPORT", "10/minute",
            "Exportaciones (CSV, JSON) y canales Atom por cliente."),
    Setting("RATE_LIMIT_COSTLY", "20/minute",
            "Búsquedas costosas por cliente (comodines, muchos términos, páginas profundas o "
            "grandes), en la página, la API y las exportaciones; cuentan además en su grupo."),
    Setting("RATE_LIMIT_STORAGE_URI", "sqlite:///var/ratelimit.sqlite",
            "Dónde se cuentan las solicitudes, compartido por todos los procesos: "
            "sqlite:///ruta/relativa, sqlite:////ruta/absoluta, o memory:// (un solo proceso)."),
    Setting("PROXY_FIX_HOPS", 0,
            "Proxies de confianza delante de la aplicación (nginx: 1). Con 0 el cliente es la "
            "dirección de la conexión; con N se toma de X-Forwarded-For (werkzeug ProxyFix)."),
    # the staff area (search_app.admin): sessions, staff database, login throttle
    Setting(
        "SECRET_KEY",
        None,
        "Clave que firma la cookie de sesión y los códigos CSRF; None la genera una vez y la "
        "guarda en instance/secret_key (la comparten los procesos de gunicorn).",
    ),
    Setting("STAFF_DB", "var/staff.sqlite3",
            "Base SQLite del personal: usuarios, sesiones, intentos fallidos y bitácora."),
    Setting("STAFF_SESSION_MINUTES", 30,
            "Minutos de inactividad tras los que la sesión del personal expira."),
    Setting("STAFF_SESSION_MAX_HOURS", 8,
            "Horas tras las que una sesión del personal expira aunque siga en uso."),
    Setting("STAFF_LOGIN_MAX_FAILURES", 5,
            "Intentos fallidos de entrada (por usuario y por dirección) antes del bloqueo."),
    Setting("STAFF_LOGIN_LOCK_MINUTES", 15,
            "Minutos de bloqueo tras demasiados intentos fallidos (ventana de conteo)."),
    Setting("SESSION_COOKIE_HTTPONLY", True, "La cookie de sesión no es legible desde scripts."),
    Setting("SESSION_COOKIE_SAMESITE", "Lax", "Política SameSite de la cookie de sesión."),
    Setting("SESSION_COOKIE_SECURE", False,
            "Enviar la cookie de sesión sólo por HTTPS (actívela detrás de HTTPS)."),
    # staff uploads and the publication store (search_app.admin: uploads, review, library)
    Setting("LIBRARY_DIR", "var/biblioteca",
            "Carpeta de los originales subidos por el personal (nombres hechos por el servidor)."),
    Setting("UPLOAD_MAX_MB", 50, "Tamaño máximo de cada archivo subido (MB)."),
    Setting("UPLOAD_MAX_REQUEST_MB", 200,
            "Tamaño máximo de un envío de archivos (MB); más grande se rechaza con 413."),
    Setting("UPLOAD_MAX_FILES", 50, "Archivos por envío."),
    Setting("UPLOAD_TIMEOUT_S", 300, "Segundos máximos de extracción (y OCR) por archivo."),
    Setting("UPLOAD_MAX_MEMORY_MB", 2048, "Memoria máxima de la extracción de un archivo (MiB)."),
    Setting("UPLOAD_WORKERS", 1, "Procesos de extracción por subida."),
    Setting("UPLOAD_TOPICS", True,
            "Etiquetar temas de los documentos subidos (carga el modelo de spaCy una vez)."),
    Setting("INDEX_LOCK_WAIT_S", 5,
            "Segundos que un cambio del personal (subir, liberar, retirar, corregir, "
            "reindexar) espera a que otro proceso suelte el índice antes de avisar que está "
            "ocupado."),
    Setting("UPLOAD_BACKGROUND", True,
            "Ingerir las subidas en un hilo aparte (el OCR puede tardar minutos); el informe "
            "de la ingesta se actualiza solo. False: dentro de la solicitud."),
)


def defaults() -> dict[str, Any]:
    """The settings' defaults, as a mapping for ``app.config.from_mapping``."""
    return {s.name: s.default for s in SETTINGS}
