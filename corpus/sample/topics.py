"""Topics of the sample corpus (DESIGN.md vocabulary) with the wording each one brings:
what was asked, what was answered, the agravio, the analysis, and the law articles cited.

Article references are ``(law, article, fracciones)``; law "E" means the body's state law.
Placeholders in templates: {S} sujeto obligado, {O} the body ("este Instituto"),
{A0}, {A1}... article phrases, {C} a criterion citation, {X} an expediente citation.
"""

from __future__ import annotations

from dataclasses import dataclass

ArticleRef = tuple[str, int, tuple[str, ...]]


@dataclass(frozen=True)
class Topic:
    slug: str
    label: str
    requests: tuple[str, ...]
    answers: tuple[str, ...]
    agravios: tuple[str, ...]
    analysis: tuple[str, ...]
    articles: tuple[ArticleRef, ...]
    sentidos: tuple[tuple[str, ...], ...]  # plausible outcomes, first is the most common
    inai_criteria: tuple[str, ...] = ()  # canonical INAI criteria that fit


TOPICS: tuple[Topic, ...] = (
    Topic(
        "informacion-reservada", "información reservada",
        ("copia de los expedientes de las averiguaciones previas y carpetas de investigación iniciadas en contra de servidores públicos del municipio",
         "los protocolos de actuación y el número de elementos de seguridad asignados a cada sector de la ciudad",
         "el informe de auditoría practicada a la obra de rehabilitación del mercado municipal y las observaciones pendientes de solventar"),
        ("clasificó la información como reservada por un periodo de cinco años, al considerar que su difusión obstruiría la prevención o persecución de los delitos",
         "informó que la información se encuentra reservada mediante acta de su Comité de Transparencia, sin anexar la prueba de daño correspondiente"),
        ("la clasificación carece de fundamentación y motivación, pues no se acreditó la prueba de daño",
         "el sujeto obligado reservó la totalidad de los documentos cuando pudo elaborar una versión pública"),
        ("Para que proceda la reserva de la información, el sujeto obligado debe acreditar, mediante la aplicación de la prueba de daño prevista en el {A0}, que la divulgación representa un riesgo real, demostrable e identificable de perjuicio significativo al interés público, que dicho riesgo supera el interés público general de que se difunda y que la limitación se adecua al principio de proporcionalidad.",
         "Del análisis del acta del Comité de Transparencia se advierte que el sujeto obligado invocó la causal prevista en el {A1}; sin embargo, se limitó a reproducir el texto legal, sin exponer las razones, motivos o circunstancias especiales que lo llevaron a concluir que el caso particular se ajusta al supuesto previsto por la norma.",
         "La reserva es temporal y debe sujetarse al plazo que establece el {A2}, de modo que, una vez extinguidas las causas que le dieron origen, la información debe ser pública sin necesidad de acuerdo previo.",
         "Es de destacarse que la sola existencia de una carpeta de investigación no actualiza de manera automática la causal de reserva; {O} ha sostenido que debe analizarse caso por caso la etapa procesal y el vínculo entre la información requerida y las diligencias pendientes."),
        (("LGTAIP", 104, ()), ("LGTAIP", 113, ("V", "VII", "VIII", "X", "XI", "XIII")), ("LGTAIP", 101, ()),
         ("LGTAIP", 103, ()), ("E", 68, ("I", "IV"))),
        (("revoca", "ordena"), ("modifica",), ("confirma",)),
    ),
    Topic(
        "informacion-confidencial", "información confidencial y datos personales",
        ("los nombres, domicilios y números telefónicos de los beneficiarios del programa de apoyo a la vivienda",
         "las declaraciones patrimoniales completas del titular de la dependencia y de sus familiares",
         "los expedientes clínicos de los pacientes atendidos en el hospital general durante el ejercicio"),
        ("negó el acceso al considerar que la información contiene datos personales de personas físicas identificadas",
         "entregó una versión pública en la que testó la totalidad del contenido de los documentos"),
        ("se testaron datos que no son confidenciales, como el nombre de servidores públicos y los montos pagados",
         "la versión pública entregada resulta ilegible y no se acompañó el acta del Comité de Transparencia"),
        ("Se considera información confidencial la que contiene datos personales concernientes a una persona identificada o identificable, en términos del {A0}; dicha información no está sujeta a temporalidad alguna y sólo podrán tener acceso a ella los titulares de la misma, sus representantes y los servidores públicos facultados para ello.",
         "No obstante, el nombre de los servidores públicos, su cargo y la remuneración que perciben con cargo a recursos públicos constituyen información pública, pues dan cuenta del ejercicio de la función pública; en ese sentido resulta aplicable el {C}.",
         "Conforme al {A1}, el tratamiento de datos personales debe sujetarse a los principios de licitud, finalidad, lealtad, consentimiento, calidad, proporcionalidad, información y responsabilidad, por lo que la entrega de la versión pública debe proteger únicamente los datos que identifiquen o hagan identificable a su titular.",
         "El secreto bancario, fiscal, industrial y comercial, así como los datos de personas morales cuya divulgación pueda afectar su patrimonio, deben protegerse en términos del {A2}, siempre que el sujeto obligado motive debidamente la clasificación."),
        (("LGTAIP", 116, ()), ("LGPDPPSO", 16, ()), ("LGTAIP", 120, ()), ("LGPDPPSO", 3, ("IX", "X")), ("E", 72, ("I",))),
        (("modifica",), ("confirma",), ("revoca", "ordena")),
        ("INAI SO/7/2019", "INAI SO/10/2017"),
    ),
    Topic(
        "version-publica", "versión pública",
        ("versión pública de los contratos celebrados con proveedores de servicios de limpieza y vigilancia",
         "versión pública de las actas de sesión del cabildo celebradas durante el último trimestre"),
        ("puso a disposición una versión pública de los documentos previo pago de los costos de reproducción",
         "entregó los documentos en versión pública sin señalar los datos testados ni su fundamento"),
        ("la versión pública no contiene la leyenda de clasificación ni la firma del titular del área",
         "se eliminaron datos que obran en registros públicos"),
        ("La elaboración de versiones públicas debe atender los Lineamientos Generales en materia de Clasificación y Desclasificación de la Información, así como el {A0}, de modo que el documento indique el nombre del área, la identificación del documento, las partes o secciones clasificadas, el fundamento legal y la firma del titular del área.",
         "Se advierte que la versión pública carece de la leyenda a que se refiere el {C}, por lo que el solicitante quedó en estado de incertidumbre respecto de los datos suprimidos y del motivo de su eliminación.",
         "Cuando un documento contenga partes o secciones reservadas o confidenciales, los sujetos obligados deberán elaborar una versión pública en la que se testen las partes o secciones clasificadas, indicando su contenido de manera genérica y fundando y motivando su clasificación, tal como lo dispone el {A1}."),
        (("LGTAIP", 111, ()), ("LGTAIP", 137, ()), ("E", 65, ()), ("LGTAIP", 108, ())),
        (("modifica",), ("confirma",), ("revoca", "ordena")),
        ("INAI SO/2/2019",),
    ),
    Topic(
        "inexistencia", "inexistencia de la información",
        ("los estudios de impacto ambiental y las autorizaciones otorgadas para la construcción del nuevo relleno sanitario",
         "las bitácoras de uso de los vehículos oficiales asignados a la Presidencia Municipal",
         "las minutas de las reuniones de trabajo sostenidas con la empresa concesionaria del alumbrado público"),
        ("manifestó que, después de una búsqueda exhaustiva en los archivos de las áreas competentes, no se localizó la información",
         "declaró la inexistencia de la información mediante resolución de su Comité de Transparencia"),
        ("el sujeto obligado no realizó una búsqueda exhaustiva en todas las unidades administrativas competentes",
         "la declaración de inexistencia no fue confirmada por el Comité de Transparencia"),
        ("Cuando la información no se encuentre en los archivos del sujeto obligado, el Comité de Transparencia debe analizar el caso y tomar las medidas necesarias para localizarla, expedir una resolución que confirme la inexistencia y, en su caso, ordenar que se genere o se reponga, según lo dispuesto en el {A0}.",
         "La resolución del Comité de Transparencia que confirme la inexistencia debe contener los elementos mínimos que permitan al solicitante tener la certeza de que se utilizó un criterio de búsqueda exhaustivo, además de señalar las circunstancias de tiempo, modo y lugar que generaron la inexistencia, conforme al {A1}.",
         "En el caso, resulta aplicable el {C}, toda vez que el sujeto obligado no está obligado a contar con la información en virtud de que no se advierte facultad, competencia o función que lo constriña a generarla.",
         "Del análisis de las constancias se advierte que la búsqueda se limitó a la Dirección de Administración, sin que se turnara la solicitud a la Tesorería ni a la Contraloría, áreas que, de acuerdo con su reglamento interior, podrían contar con lo solicitado."),
        (("LGTAIP", 138, ("I", "II", "III", "IV")), ("LGTAIP", 139, ()), ("E", 150, ()), ("LGTAIP", 131, ())),
        (("revoca", "ordena"), ("confirma",), ("modifica",)),
        ("INAI 7/2017", "INAI 4/2019", "INAI 18/2013"),
    ),
    Topic(
        "incompetencia", "incompetencia",
        ("información sobre los permisos federales otorgados para la explotación de bancos de material pétreo",
         "el padrón de contribuyentes del impuesto sobre la renta con domicilio en el municipio"),
        ("se declaró notoriamente incompetente y orientó al solicitante a presentar su solicitud ante la autoridad federal",
         "manifestó no ser competente para conocer de lo solicitado, sin fundar ni motivar su determinación"),
        ("el sujeto obligado sí cuenta con atribuciones para generar la información solicitada",
         "no se orientó debidamente al solicitante respecto del sujeto obligado competente"),
        ("Cuando las unidades de transparencia determinen la notoria incompetencia para atender la solicitud, deberán comunicarlo al solicitante dentro de los tres días posteriores a su recepción y, en su caso, orientarlo hacia el sujeto obligado competente, conforme al {A0}.",
         "La incompetencia es un concepto que se atribuye a quien la declara, pues implica la ausencia de atribuciones para poseer la información solicitada; en ese sentido, resulta aplicable el {C}.",
         "De la revisión del marco normativo aplicable se desprende que el sujeto obligado sí tiene facultades concurrentes en la materia, de conformidad con el {A1}, por lo que la declaración de incompetencia no se encuentra ajustada a derecho."),
        (("LGTAIP", 136, ()), ("E", 146, ()), ("CPEUM", 115, ("III",)), ("LGTAIP", 45, ("II",))),
        (("confirma",), ("revoca", "ordena"), ("modifica",)),
        ("INAI 13/2017",),
    ),
    Topic(
        "falta-de-respuesta", "falta de respuesta",
        ("el listado de obras públicas ejecutadas en el ejercicio fiscal, con su monto, ubicación y empresa contratista",
         "copia del presupuesto de egresos aprobado y de sus modificaciones",
         "los informes trimestrales de avance de gestión financiera"),
        ("no dio respuesta dentro del plazo legal", "omitió dar respuesta a la solicitud de información"),
        ("el sujeto obligado no dio respuesta a la solicitud en el plazo de ley",
         "transcurrió el plazo legal sin que se notificara respuesta alguna"),
        ("De las constancias que obran en la Plataforma Nacional de Transparencia se advierte que el sujeto obligado no emitió respuesta dentro del plazo previsto en el {A0}, lo que actualiza la hipótesis de falta de respuesta prevista en el {A1}.",
         "Ante la falta de respuesta, el sujeto obligado deberá dar acceso a la información solicitada sin costo alguno para el solicitante, salvo que se trate de información clasificada, en cuyo caso deberá someterla a su Comité de Transparencia, según lo dispone el {A2}.",
         "La omisión de dar respuesta constituye además una probable causa de responsabilidad administrativa, por lo que procede dar vista al órgano interno de control del sujeto obligado, en términos del {A3}."),
        (("LGTAIP", 132, ()), ("LGTAIP", 143, ("VI",)), ("E", 147, ()), ("LGTAIP", 206, ("I",)), ("E", 153, ())),
        (("ordena",), ("revoca", "ordena")),
    ),
    Topic(
        "ampliacion-de-plazo", "ampliación de plazo",
        ("los nombramientos y currículos del personal de confianza de la administración municipal",
         "el número de plazas vacantes y ocupadas en la plantilla de personal docente"),
        ("notificó una ampliación del plazo de respuesta por diez días y posteriormente entregó la información",
         "amplió el plazo de respuesta sin que mediara resolución de su Comité de Transparencia"),
        ("la ampliación de plazo no fue aprobada por el Comité de Transparencia ni se expusieron razones fundadas",
         "la respuesta se notificó fuera del plazo ampliado"),
        ("El plazo para dar respuesta podrá ampliarse hasta por diez días más, siempre y cuando existan razones fundadas y motivadas, las cuales deberán ser aprobadas por el Comité de Transparencia mediante la emisión de una resolución que deberá notificarse al solicitante antes de su vencimiento, según el {A0}.",
         "En el caso, la ampliación no reúne los elementos mínimos señalados en el {C}, ya que el acuerdo respectivo no precisa las circunstancias que impidieron localizar la información en el plazo ordinario."),
        (("LGTAIP", 132, ()), ("E", 147, ()), ("LGTAIP", 44, ("II",))),
        (("modifica",), ("confirma",)),
        ("INAI 1/2019",),
    ),
    Topic(
        "prevencion", "prevención",
        ("todo lo relacionado con el programa de bacheo", "la información del área de desarrollo social"),
        ("previno al solicitante para que aclarara su solicitud, sin que éste desahogara la prevención",
         "requirió al solicitante precisar los documentos de su interés"),
        ("la prevención fue indebida, ya que la solicitud era clara y precisa",
         "el sujeto obligado tuvo por no presentada la solicitud sin haber formulado la prevención en tiempo"),
        ("Cuando los detalles proporcionados para localizar los documentos resulten insuficientes, incompletos o erróneos, la Unidad de Transparencia podrá requerir al solicitante, por una sola vez y dentro de un plazo no mayor de cinco días, que indique otros elementos o corrija los datos proporcionados, conforme al {A0}.",
         "La prevención interrumpe el plazo de respuesta, el cual comenzará a computarse nuevamente al día siguiente del desahogo; si el solicitante no atiende el requerimiento, la solicitud se tendrá por no presentada en términos del {A1}."),
        (("LGTAIP", 128, ()), ("E", 140, ()), ("LGTAIP", 124, ("II", "III"))),
        (("confirma",), ("revoca", "ordena"), ("sobresee",)),
    ),
    Topic(
        "modalidad-de-entrega", "modalidad de entrega",
        ("copia certificada de las nóminas de la policía municipal del primer semestre",
         "los planos y memorias de cálculo del proyecto ejecutivo del nuevo hospital en formato electrónico"),
        ("puso la información a disposición en consulta directa por tratarse de un volumen considerable",
         "señaló que la información se entregaría en copias simples previo pago de los costos de reproducción y envío"),
        ("se cambió la modalidad de entrega elegida sin fundar ni motivar la imposibilidad",
         "los costos de reproducción exceden lo previsto en la ley de ingresos"),
        ("El acceso se dará en la modalidad de entrega y, en su caso, de envío elegidos por el solicitante; cuando la información no pueda entregarse o enviarse en la modalidad elegida, el sujeto obligado deberá ofrecer otra u otras modalidades de entrega, fundando y motivando la necesidad de ofrecerlas, según lo previsto por el {A0}.",
         "Los costos de reproducción y envío no podrán ser superiores a la suma del costo de los materiales utilizados, del costo de envío y del pago de la certificación, de acuerdo con el {A1}; en este sentido es aplicable el {C}.",
         "La consulta directa sólo procede cuando el volumen de la información rebase las capacidades técnicas del sujeto obligado, circunstancia que debe acreditarse y no únicamente afirmarse."),
        (("LGTAIP", 133, ()), ("LGTAIP", 141, ()), ("E", 152, ()), ("LGTAIP", 127, ())),
        (("modifica",), ("confirma",), ("revoca", "ordena")),
        ("INAI 8/2017",),
    ),
    Topic(
        "informacion-incompleta", "información incompleta",
        ("los montos erogados por concepto de publicidad oficial, desglosados por medio de comunicación y por mes",
         "la relación de vehículos oficiales con su número de placas, área de adscripción y resguardante"),
        ("entregó parcialmente la información", "proporcionó información que no corresponde con lo solicitado"),
        ("la respuesta es incompleta, pues no se entregó el desglose mensual solicitado",
         "la información entregada no corresponde con lo requerido"),
        ("Toda respuesta debe guardar congruencia con lo solicitado y atender de manera puntual y expresa cada uno de los contenidos de información, de acuerdo con el {C}; la congruencia implica que exista concordancia entre el requerimiento y la respuesta, y la exhaustividad, que se refiera expresamente a cada uno de los puntos solicitados.",
         "Del contraste entre la solicitud y la respuesta se advierte que el sujeto obligado omitió pronunciarse respecto de dos de los cuatro contenidos de información, por lo que la respuesta no satisface el principio de exhaustividad contenido en el {A0}."),
        (("LGTAIP", 129, ()), ("E", 143, ()), ("LGTAIP", 11, ())),
        (("modifica",), ("revoca", "ordena")),
        ("INAI 2/2017",),
    ),
    Topic(
        "documentos-ad-hoc", "documentos ad hoc",
        ("un informe que explique las razones por las cuales se canceló la licitación del sistema de videovigilancia",
         "una estadística del número de quejas por acoso laboral desagregada por sexo, edad y área"),
        ("manifestó que no tiene la obligación de generar documentos ad hoc para atender solicitudes",
         "entregó los documentos en el estado en que se encuentran en sus archivos"),
        ("el sujeto obligado debió procesar la información para atender la solicitud",
         "se negó a elaborar la estadística solicitada"),
        ("Los sujetos obligados deben otorgar acceso a los documentos que se encuentren en sus archivos o que estén obligados a documentar de acuerdo con sus facultades, competencias o funciones, en el formato en que el solicitante manifieste, de entre aquellos formatos existentes, conforme a las características físicas de la información o del lugar donde se encuentre, según el {A0}.",
         "Es aplicable el {C}, por lo que no existe obligación de elaborar documentos ad hoc; sin embargo, la expresión documental de lo requerido debe buscarse en los documentos que obran en los archivos del sujeto obligado."),
        (("LGTAIP", 129, ()), ("E", 143, ()), ("LGTAIP", 3, ("VII",))),
        (("confirma",), ("modifica",)),
        ("INAI 3/2017", "INAI 16/2017"),
    ),
    Topic(
        "obligaciones-de-transparencia", "obligaciones de transparencia",
        ("la publicación en su portal de las obligaciones de transparencia comunes",
         "la información relativa a los gastos de representación y viáticos publicada en el portal"),
        ("informó que la información se encuentra publicada en la Plataforma Nacional de Transparencia",
         "remitió al solicitante a la liga electrónica de su portal sin precisar la ubicación de la información"),
        ("la liga proporcionada no remite directamente a la información",
         "la información publicada se encuentra desactualizada"),
        ("Los sujetos obligados deben poner a disposición del público y mantener actualizada, en los respectivos medios electrónicos, la información a que se refiere el {A0}, de acuerdo con sus facultades, atribuciones, funciones u objeto social.",
         "Cuando la información requerida se encuentre disponible al público en formatos electrónicos, se deberá hacer saber al solicitante la fuente, el lugar y la forma en que puede consultarla, según el {A1}; la remisión genérica a un portal no satisface esa obligación."),
        (("LGTAIP", 70, ("IX", "XXI", "XXIII", "XXVII")), ("LGTAIP", 130, ()), ("E", 15, ("IX", "XXI"))),
        (("modifica",), ("confirma",), ("revoca", "ordena")),
    ),
    Topic(
        "derechos-arco", "datos personales y derechos ARCO",
        ("acceso a mi expediente laboral completo, incluidas las evaluaciones de desempeño",
         "la cancelación de mis datos personales de la base de datos del programa social"),
        ("negó el acceso a los datos personales por no acreditarse la identidad del titular",
         "manifestó que los datos personales se encuentran en un expediente judicial en trámite"),
        ("el sujeto obligado no permitió el ejercicio del derecho de acceso a los datos personales",
         "se exigieron requisitos no previstos en la ley para acreditar la identidad"),
        ("El titular de los datos personales tiene derecho a acceder, rectificar, cancelar u oponerse al tratamiento de sus datos en posesión de los sujetos obligados, en términos del {A0}; el ejercicio de cualquiera de estos derechos no es requisito previo ni impide el ejercicio de otro.",
         "Para el ejercicio de los derechos ARCO será necesario acreditar la identidad del titular y, en su caso, la identidad y personalidad con la que actúe el representante, conforme al {A1}."),
        (("LGPDPPSO", 43, ()), ("LGPDPPSO", 49, ()), ("LGPDPPSO", 55, ("I", "IV"))),
        (("revoca", "ordena"), ("confirma",), ("modifica",)),
    ),
    Topic(
        "remuneraciones", "remuneraciones y nómina",
        ("los recibos de nómina del Presidente Municipal, regidores y síndicos",
         "el tabulador de sueldos y las compensaciones extraordinarias pagadas al personal directivo",
         "el monto del bono de fin de año pagado a los diputados"),
        ("entregó el tabulador de sueldos, pero negó los recibos de nómina por contener datos personales",
         "remitió a la información publicada en su portal de obligaciones de transparencia"),
        ("no se entregaron los recibos de nómina en versión pública",
         "la información proporcionada no incluye las compensaciones extraordinarias"),
        ("La remuneración bruta y neta de todos los servidores públicos de base o de confianza, de todas las percepciones, incluyendo sueldos, prestaciones, gratificaciones, primas, comisiones, dietas, bonos, estímulos, ingresos y sistemas de compensación, es una obligación de transparencia prevista en el {A0}.",
         "Los recibos de nómina deben entregarse en versión pública, protegiendo únicamente datos como el Registro Federal de Contribuyentes, la Clave Única de Registro de Población, los descuentos personales y la clave de seguridad social, como lo ha sostenido el {C}."),
        (("LGTAIP", 70, ("VIII",)), ("E", 15, ("VIII",)), ("CPEUM", 127, ())),
        (("modifica",), ("revoca", "ordena"), ("confirma",)),
        ("INAI SO/10/2017", "INAI SO/7/2019"),
    ),
    Topic(
        "contratos-obra-publica", "contratos y obra pública",
        ("los contratos, convenios modificatorios y estimaciones de obra relacionados con el tramo del Tren Maya que cruza el municipio",
         "la documentación de la licitación para la construcción de los accesos viales a la Refinería Dos Bocas",
         "los permisos y contratos de arrendamiento relacionados con el Corredor Interoceánico del Istmo de Tehuantepec",
         "copia de las facturas pagadas a la empresa encargada de la recolección de residuos sólidos"),
        ("clasificó los contratos como reservados por tratarse de obras de seguridad nacional",
         "entregó el contrato principal, pero no las estimaciones ni los convenios modificatorios"),
        ("los contratos de obra pública son información pública de oficio",
         "no se entregaron los anexos técnicos ni las actas de entrega-recepción"),
        ("Los resultados de los procedimientos de adjudicación directa, invitación restringida y licitación de cualquier naturaleza, incluida la versión pública del expediente respectivo y de los contratos celebrados, constituyen obligaciones de transparencia conforme al {A0}.",
         "La declaratoria de las obras como de seguridad nacional no exime al sujeto obligado de aplicar la prueba de daño caso por caso; la información relativa al ejercicio de recursos públicos en proyectos como el Tren Maya, la Refinería Dos Bocas o el Corredor Interoceánico es de interés público, en términos del {A1}.",
         "Toda persona física o moral que reciba y ejerza recursos públicos es sujeto de transparencia en lo relativo a dichos recursos, de acuerdo con el {A2}."),
        (("LGTAIP", 70, ("XXVIII", "XXVII")), ("LGTAIP", 113, ("I",)), ("CPEUM", 134, ()), ("E", 15, ("XXVIII",))),
        (("revoca", "ordena"), ("modifica",), ("confirma",)),
    ),
    Topic(
        "sobreseimiento", "sobreseimiento y desechamiento",
        ("el padrón de proveedores y contratistas vigente", "las actas del Comité de Adquisiciones del ejercicio anterior"),
        ("dio respuesta en tiempo, y durante la sustanciación del recurso amplió su respuesta",
         "entregó la información en su totalidad"),
        ("la información fue entregada fuera de plazo", "no se entregó la información solicitada"),
        ("El recurso de revisión será sobreseído cuando el sujeto obligado responsable del acto lo modifique o revoque de tal manera que el recurso quede sin materia, en términos del {A0}.",
         "El recurso será desechado por improcedente cuando sea extemporáneo por haber transcurrido el plazo de quince días, o se recurra una respuesta que no actualice alguno de los supuestos previstos en el {A1}.",
         "Durante la sustanciación, el sujeto obligado notificó al recurrente un alcance a su respuesta original en el que entregó la totalidad de lo solicitado, por lo que el recurso ha quedado sin materia."),
        (("LGTAIP", 156, ("III",)), ("LGTAIP", 155, ("I", "III", "IV")), ("E", 223, ("III",)), ("E", 222, ("I",))),
        (("sobresee",), ("desecha",)),
    ),
    Topic(
        "cumplimiento", "cumplimiento de resoluciones y medidas de apremio",
        ("la nómina de los servidores públicos municipales", "los estados de cuenta bancarios del fideicomiso"),
        ("no dio cumplimiento a la resolución en el plazo otorgado", "informó el cumplimiento parcial de la resolución"),
        ("el sujeto obligado no ha cumplido la resolución", "el cumplimiento es parcial"),
        ("Los sujetos obligados, a través de la Unidad de Transparencia, darán estricto cumplimiento a las resoluciones en un plazo no mayor a diez días, de acuerdo con el {A0}.",
         "Ante el incumplimiento, procede la imposición de las medidas de apremio previstas en el {A1}, consistentes en amonestación pública o multa de ciento cincuenta hasta mil quinientas veces el valor diario de la Unidad de Medida y Actualización."),
        (("LGTAIP", 196, ()), ("LGTAIP", 201, ("I", "II")), ("E", 258, ("I", "II"))),
        (("otro",), ("ordena",)),
    ),
)

TOPIC_BY_SLUG = {t.slug: t for t in TOPICS}

# Paragraphs that any resolution may carry (procedural considerations).
COMPETENCIA = (
    "{O} es competente para conocer y resolver el presente recurso de revisión, de conformidad con lo dispuesto en el {A0}, así como en el {A1}.",
    "El Pleno de {O} es competente para conocer del presente asunto, con fundamento en el {A0} y en el {A1}, por tratarse de un recurso interpuesto en contra de un sujeto obligado de la entidad.",
)
PROCEDENCIA = (
    "El medio de impugnación reúne los requisitos formales previstos en el {A0}, pues se interpuso dentro del plazo de quince días hábiles siguientes a la notificación de la respuesta, se precisó el acto recurrido y se expresaron los agravios correspondientes.",
    "Previo al estudio de fondo, se analizan las causales de improcedencia por ser de orden público; en el caso no se actualiza ninguna de las previstas en el {A0}, ni se advierte causal de sobreseimiento alguna.",
)
EFECTOS = (
    "Los sujetos obligados deberán informar a {O} sobre el cumplimiento de sus resoluciones dentro de los tres días hábiles siguientes a su cumplimiento, apercibidos de que, en caso de no hacerlo, se procederá en términos del {A0}.",
    "Se apercibe al sujeto obligado que, en caso de incumplimiento, se impondrán las medidas de apremio previstas en el {A0}.",
)
GENERIC_ARTICLES: dict[str, tuple[ArticleRef, ...]] = {
    "competencia": (("CPEUM", 6, ()), ("LGTAIP", 41, ("II",)), ("E", 77, ()), ("E", 80, ("II",))),
    "procedencia": (("LGTAIP", 144, ()), ("E", 156, ()), ("LGTAIP", 142, ())),
    "efectos": (("LGTAIP", 201, ()), ("E", 258, ()), ("LGTAIP", 197, ())),
}
