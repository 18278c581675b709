"""General reasoning paragraphs that lengthen a resolution (marco jurídico, principles,
procedure), so that documents span 300 to 3,000 words like real ones. Same placeholders as
``topics``; their law references live in ``FILLER_ARTICLES``."""

from __future__ import annotations

from corpus.sample.topics import ArticleRef

FILLER_ARTICLES: tuple[ArticleRef, ...] = (
    ("CPEUM", 6, ()), ("LGTAIP", 4, ()), ("LGTAIP", 7, ()), ("LGTAIP", 8, ()), ("E", 4, ()),
    ("LGTAIP", 12, ()), ("LGTAIP", 18, ()), ("LGTAIP", 19, ()), ("E", 7, ()),
)

FILLER = (
    "El derecho de acceso a la información pública es un derecho humano reconocido en el {A0}, que comprende solicitar, investigar, difundir, buscar y recibir información, y cuyo ejercicio no está condicionado a que el solicitante acredite interés alguno o justifique su utilización.",
    "Toda la información generada, obtenida, adquirida, transformada o en posesión de los sujetos obligados es pública y accesible a cualquier persona, y sólo podrá ser clasificada excepcionalmente como reservada temporalmente por razones de interés público, en los términos dispuestos por el {A1}.",
    "En la interpretación del derecho de acceso a la información deberá prevalecer el principio de máxima publicidad, conforme a lo dispuesto en la Constitución, los tratados internacionales de los que el Estado mexicano sea parte y la ley de la materia, favoreciendo en todo tiempo a las personas la protección más amplia, de acuerdo con el {A2}.",
    "Los organismos garantes y las autoridades garantes deben regir su funcionamiento de acuerdo con los principios de certeza, eficacia, imparcialidad, independencia, legalidad, máxima publicidad, objetividad, profesionalismo y transparencia, previstos en el {A3}.",
    "Se presume que la información debe existir si se refiere a las facultades, competencias y funciones que los ordenamientos jurídicos aplicables otorgan a los sujetos obligados, de conformidad con el {A5}; en los casos en que ciertas facultades no se hayan ejercido, se debe motivar la respuesta en función de las causas que motiven la inexistencia.",
    "Los sujetos obligados deberán documentar todo acto que derive del ejercicio de sus facultades, competencias o funciones, según lo dispone el {A4}, lo que implica que la gestión documental y la organización de los archivos constituyen presupuestos indispensables para garantizar el derecho de acceso.",
    "Las Unidades de Transparencia tienen, entre otras funciones, la de recibir y dar trámite a las solicitudes de acceso a la información, realizar los trámites internos necesarios para su atención, y efectuar las notificaciones a los solicitantes, para lo cual deben turnar las solicitudes a todas las áreas competentes que cuenten con la información o deban tenerla.",
    "El recurso de revisión es el medio de defensa con el que cuentan los particulares para impugnar las respuestas de los sujetos obligados que consideren contrarias a su derecho de acceso a la información; en su sustanciación, {O} debe suplir la deficiencia de la queja a favor del recurrente, sin cambiar los hechos expuestos.",
    "Durante la sustanciación del procedimiento, las partes pudieron ofrecer todo tipo de pruebas y formular alegatos, con excepción de la confesional por parte de los sujetos obligados y aquellas que sean contrarias a derecho; las documentales que obran en autos tienen valor probatorio pleno al haber sido expedidas por servidores públicos en ejercicio de sus funciones.",
    "No pasa inadvertido que la solicitud fue presentada mediante la Plataforma Nacional de Transparencia, medio electrónico que permite dar seguimiento puntual a cada una de las etapas del procedimiento y que genera acuses con valor probatorio respecto de las fechas de presentación, respuesta e interposición del recurso.",
    "En la valoración de las constancias se atiende a las reglas de la lógica, la sana crítica y la experiencia, de modo que la respuesta del sujeto obligado se analiza en su integridad, considerando los oficios de las unidades administrativas que intervinieron en la búsqueda y los anexos que se acompañaron.",
    "Debe recordarse que la transparencia proactiva y la apertura gubernamental no sustituyen la obligación de responder puntualmente cada solicitud; la publicación de información en los portales institucionales complementa, pero no agota, el deber de atender de manera congruente y exhaustiva lo requerido por las personas.",
    "La fundamentación y motivación exigidas a todo acto de autoridad implican que en la respuesta se citen los preceptos legales aplicables y se expongan las circunstancias especiales, razones particulares o causas inmediatas que se tuvieron en consideración, debiendo existir adecuación entre los motivos aducidos y las normas aplicables.",
    "El plazo de respuesta a las solicitudes de acceso se computa en días hábiles, descontando los días inhábiles declarados en el calendario oficial del sujeto obligado y de {O}, los cuales deben publicarse oportunamente para conocimiento de las personas.",
)
