"""Spanish demo content, learning objectives, knowledge checks and an assessment bank.

Companion to ``demo_content``. Like that module, the text here is original demo content written
for Equity LMS, a training system for the City of Los Angeles' Office of Racial Equity (ORE),
and is licensed with the project (AGPL-3.0-or-later). The people quoted in transcripts are
fictional, as in the English original.

This module holds plain data only, so it can be loaded without Django.

* ``LEARNING_OBJECTIVES`` maps a course slug to an English HTML list of learning objectives.
* ``SPANISH`` maps a course slug to a Spanish translation of that course: ``title``,
  ``summary``, ``learning_objectives`` and ``lessons`` (lesson slug to ``title`` and
  ``blocks``). The blocks match the English blocks one for one, in the same order and with the
  same types and keys; an image keeps its ``key`` and translates ``alt`` and ``caption``, and a
  callout keeps its ``kind``. Every course in ``demo_content.COURSES`` is translated.
* ``CHECKS`` maps a course slug and a lesson slug to ``{"en": check, "es": check}``, one
  knowledge check per lesson. A check is ``{"title", "questions"}``.
* ``ASSESSMENT`` is ``{"en": [question, ...], "es": [question, ...]}``: the pre- and
  post-assessment question bank for the whole of "implicit-bias-foundations".

A question is ``{"kind", "prompt", "choices", "explanation"}``: ``kind`` is "single",
"multiple" or "true_false", and each choice is ``{"text", "is_correct", "feedback"}``. A single
or true-or-false question has exactly one correct choice; a true-or-false question has exactly
two choices, "True" then "False" ("Verdadero" then "Falso"). The Spanish version of a check or
bank has the same questions and choices, in the same order, with the same ``is_correct`` flags.
"""

LEARNING_OBJECTIVES: dict[str, str] = {
    "implicit-bias-foundations": (
        "<ul>"
        "<li>Explain what implicit bias is and how it differs from explicit prejudice.</li>"
        "<li>Describe what research on automatic associations shows, and what it does not "
        "show.</li>"
        "<li>Recognize where discretion in City services leaves room for bias, and how small "
        "gaps at each step add up to institutional patterns.</li>"
        "<li>Use individual practices such as a pause at decision points, structured "
        "criteria, the flip test, and notice and repair.</li>"
        "<li>Identify department practices, such as structured interviews, disaggregated data, "
        "and equity review of policies, and know where to get help from ORE.</li>"
        "</ul>"
    ),
    "equity-in-everyday-decisions": (
        "<ul>"
        "<li>Use the two core questions, who benefits and who is burdened, to examine a "
        "routine decision.</li>"
        "<li>Follow the steps for putting a racial equity lens to work, including checking "
        "with the people affected and following up.</li>"
        "<li>Explain how disaggregated data reveals gaps that averages hide, and handle "
        "demographic data lawfully and with care for privacy.</li>"
        "<li>Use shared terms such as racial equity, disparity, and institutional racism "
        "consistently, following official definitions where they exist.</li>"
        "</ul>"
    ),
}

SPANISH: dict[str, dict] = {
    "implicit-bias-foundations": {
        "title": "Sesgo implícito: fundamentos",
        "summary": (
            "Conozca qué es el sesgo implícito, cómo puede influir en las decisiones "
            "cotidianas de los servicios de la Ciudad y qué medidas prácticas pueden tomar "
            "las personas y los departamentos para reducir sus efectos."
        ),
        "learning_objectives": (
            "<ul>"
            "<li>Explicar qué es el sesgo implícito y en qué se diferencia del prejuicio "
            "explícito.</li>"
            "<li>Describir lo que muestran las investigaciones sobre las asociaciones "
            "automáticas, y lo que no muestran.</li>"
            "<li>Reconocer en qué puntos de los servicios de la Ciudad el margen de decisión "
            "deja espacio al sesgo, y cómo pequeñas brechas en cada paso se suman hasta "
            "formar patrones institucionales.</li>"
            "<li>Aplicar prácticas individuales como hacer una pausa en los puntos de "
            "decisión, usar criterios estructurados, hacer la prueba de inversión y reconocer "
            "y reparar los errores.</li>"
            "<li>Identificar prácticas de los departamentos, como las entrevistas "
            "estructuradas, los datos desglosados y la revisión de políticas con enfoque de "
            "equidad, y saber dónde pedir ayuda a la Oficina de Equidad Racial.</li>"
            "</ul>"
        ),
        "lessons": {
            "what-is-implicit-bias": {
                "title": "Qué es el sesgo implícito",
                "blocks": [
                    (
                        "text",
                        (
                            "<p>Cada día, el personal de la Ciudad toma cientos de pequeñas "
                            "decisiones: qué correo electrónico responder primero, cómo "
                            "explicar una norma en la ventanilla, si una queja parece "
                            "urgente, qué solicitante parece listo para el siguiente paso. "
                            "La mayoría de estas decisiones se toman con rapidez, y la "
                            "mayoría se toman de buena fe. Este curso examina una de las "
                            "razones por las que decisiones tomadas de buena fe pueden, aun "
                            "así, producir resultados injustos: el sesgo implícito.</p>"
                            "<h2>Asociaciones automáticas</h2>"
                            "<p>El cerebro humano está hecho para encontrar patrones. Vincula "
                            "ideas que ha visto juntas una y otra vez, de modo que un "
                            "pensamiento trae otro sin ningún esfuerzo. Si oye palabras como "
                            '"ingeniería" o "enfermería", es posible que le venga a la mente '
                            "la imagen de cierto tipo de persona antes de haber tenido tiempo "
                            "de pensar. Estos vínculos se llaman <strong>asociaciones "
                            "automáticas</strong>. Nos ayudan a sobrellevar un día "
                            "ajetreado, porque nadie puede razonar con cuidado sobre cada "
                            "cosa que ve y oye.</p>"
                            "<p>El problema está en el origen de esas asociaciones. Las "
                            "absorbemos del mundo que nos rodea: las noticias, el cine y la "
                            "televisión, los barrios donde crecimos, los trabajos que hemos "
                            "visto desempeñar a distintas personas y las historias que "
                            "escuchamos de niños. En una sociedad marcada por una larga "
                            "historia de segregación y trato desigual, muchos de esos "
                            "mensajes vinculan la raza con ideas sobre el peligro, la "
                            "capacidad, la honestidad o la pertenencia. Las personas pueden "
                            "adquirir esos vínculos incluso cuando los rechazan por "
                            "completo.</p>"
                            "<p><strong>Sesgo implícito</strong> es el nombre que se da a las "
                            "actitudes y los estereotipos que funcionan de esta manera "
                            "automática y que pueden influir en cómo vemos y tratamos a las "
                            "personas, a menudo sin que nos demos cuenta ni lo "
                            "pretendamos.</p>"
                            "<h2>En qué se diferencia del prejuicio explícito</h2>"
                            "<p>El prejuicio explícito es una creencia que una persona sabe "
                            "que tiene y que podría decir en voz alta, como la idea de que un "
                            "grupo merece menos que otro. El sesgo implícito se diferencia en "
                            "tres aspectos:</p>"
                            "<ul>"
                            "<li><strong>Conciencia.</strong> Con frecuencia, las personas no "
                            "saben que la asociación existe.</li>"
                            "<li><strong>Intención.</strong> Puede ir en contra de los "
                            "valores sinceros de una persona. Alguien profundamente "
                            "comprometido con la imparcialidad puede tener asociaciones que "
                            "contradicen ese compromiso.</li>"
                            "<li><strong>Momento.</strong> Tiene más influencia cuando "
                            "estamos apurados, cansados, distraídos o ante una situación poco "
                            "clara, lo cual describe buena parte del trabajo en el servicio "
                            "público.</li></ul>"
                            "<p>Tener asociaciones implícitas no convierte a nadie en una "
                            "mala persona. Significa que es alguien que creció en una sociedad "
                            "determinada. Todos las tenemos, personas de todas las razas y "
                            "orígenes, e incluso es posible tener asociaciones negativas "
                            "sobre el propio grupo. El propósito de este curso no es culpar. "
                            "Es asumir responsabilidad: una vez que sabemos que estos "
                            "patrones existen, podemos crear hábitos y sistemas que impidan "
                            "que sean ellos los que decidan los resultados.</p>"
                        ),
                    ),
                    (
                        "image",
                        {
                            "key": "bias-iceberg",
                            "alt": (
                                "Un iceberg a flor de agua. La pequeña punta visible "
                                "dice 'Lo que decimos y creemos: valores declarados, "
                                "opiniones explícitas'. La gran masa sumergida dice "
                                "'Asociaciones automáticas': aprendidas de la cultura, los "
                                "medios y la experiencia; rápidas, a menudo inadvertidas y "
                                "capaces de influir cuando tenemos prisa, cansancio o dudas. "
                                "Casi todo lo que impulsa los juicios rápidos está oculto."
                            ),
                            "caption": (
                                "Lo que decimos y creemos es solo la parte visible. Las "
                                "asociaciones automáticas están bajo la superficie."
                            ),
                        },
                    ),
                    (
                        "text",
                        (
                            "<h2>Lo que dice la ciencia, y lo que no dice</h2>"
                            "<p>Desde hace décadas, los investigadores estudian las "
                            "asociaciones automáticas con varios métodos. El más conocido es "
                            "la Prueba de Asociación Implícita (IAT, por sus siglas en "
                            "inglés), que mide la rapidez con que las personas clasifican "
                            "palabras e imágenes en pares de categorías. En grupos grandes de "
                            "personas, estos estudios encuentran que muchas personas "
                            "emparejan más rápido ciertos grupos con ciertas ideas que con "
                            "otras.</p>"
                            "<p>Es importante tener cuidado con lo que esto significa. Los "
                            "científicos todavía debaten qué tan bien estas mediciones "
                            "predicen lo que hará una persona concreta en una situación real. "
                            "El puntaje de una persona puede cambiar de una sesión a otra, "
                            "por lo que el resultado de una prueba nunca debe tratarse como "
                            "un diagnóstico ni usarse para etiquetar a nadie. Las "
                            "investigaciones también sugieren que los ejercicios breves que "
                            "se hacen una sola vez pueden modificar los puntajes por un "
                            "tiempo sin producir cambios duraderos en el comportamiento.</p>"
                            "<p>Sin embargo, otros tipos de evidencia apuntan en la misma "
                            "dirección. En experimentos de campo, los investigadores envían "
                            "solicitudes de empleo o consultas de vivienda equivalentes que "
                            "solo se diferencian en un nombre que suele asociarse con un "
                            "grupo racial. Estos estudios han encontrado una y otra vez "
                            "diferencias en el trato que reciben las personas. No pueden "
                            "decirnos qué pensaba nadie. Lo que sí muestran es que, a lo "
                            "largo de muchas decisiones, la raza puede afectar los "
                            "resultados incluso cuando nadie tiene esa intención.</p>"
                            "<p>Por eso este curso se enfoca menos en cambiar lo que hay en "
                            "nuestra mente y más en cambiar la forma en que se toman las "
                            "decisiones. La conciencia es un punto de partida. Los criterios "
                            "claros, los pasos consistentes y los buenos datos son lo que "
                            "marca la diferencia con el tiempo.</p>"
                        ),
                    ),
                    (
                        "transcript",
                        {
                            "title": "A quién me dirigí primero",
                            "speaker": (
                                "Un supervisor del Department of Transportation "
                                "(Departamento de Transporte)"
                            ),
                            "text": (
                                "<p>Hace unos años dirigía una reunión comunitaria sobre un "
                                "nuevo cruce peatonal. La líder del proyecto era una joven "
                                "ingeniera latina de mi equipo, y ella había hecho todo el "
                                "análisis. Un residente se puso de pie con una pregunta "
                                "técnica sobre la sincronización del semáforo y, sin "
                                "pensarlo, me volví hacia el ingeniero blanco de más edad "
                                "que estaba sentado a mi lado y le pedí que la "
                                "respondiera.</p>"
                                "<p>Él se quedó desconcertado, porque no era su proyecto. La "
                                "líder del proyecto respondió la pregunta, y la respondió "
                                "bien. Nadie dijo nada y la reunión siguió adelante.</p>"
                                "<p>En ese momento no sentí que estuviera actuando con "
                                "sesgo. Si me lo hubiera preguntado, le habría dicho que "
                                "respetaba su trabajo tanto como el de cualquier otra "
                                "persona. Pero mi mirada se fue hacia quien coincidía con mi "
                                "imagen del ingeniero que sabe la respuesta, y esa imagen "
                                "venía de treinta años de reuniones en las que los "
                                "ingenieros casi siempre se parecían a él.</p>"
                                "<p>Después le pedí disculpas a ella y le conté lo que había "
                                "notado. Ahora, antes de cada reunión pública, acordamos "
                                "quién responde cada tipo de pregunta, y lo digo en voz alta "
                                "al comienzo. Es un cambio pequeño. Evita que mi primer "
                                "reflejo decida quién es la persona experta en la sala.</p>"
                            ),
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "reflect",
                            "text": (
                                "<p>Piense en una ocasión en que su primera impresión de "
                                "alguien resultó equivocada. ¿En qué se basaba esa "
                                "impresión y qué le ayudó a ver a esa persona con más "
                                "precisión?</p>"
                            ),
                        },
                    ),
                ],
            },
            "bias-in-city-services": {
                "title": "Cómo se manifiesta el sesgo en los servicios de la Ciudad",
                "blocks": [
                    (
                        "text",
                        (
                            "<p>El sesgo implícito importa en el servicio público porque el "
                            "personal de la Ciudad usa su criterio constantemente. Las normas "
                            "trazan el contorno, pero son las personas quienes completan los "
                            "detalles: cuánta ayuda ofrecer, con qué rigor aplicar una norma, "
                            "con qué rapidez responder, a quién creerle. Dondequiera que haya "
                            "margen de decisión, hay espacio para que las asociaciones "
                            "automáticas inclinen la balanza.</p>"
                            "<h2>Ejemplos en el trabajo de la Ciudad</h2>"
                            "<p>Los ejemplos siguientes describen patrones generales, no "
                            "hallazgos sobre ningún departamento en particular. Se ofrecen "
                            "para que usted pueda reconocer momentos parecidos en su propio "
                            "trabajo.</p>"
                            "<ul>"
                            "<li><strong>Permisos y revisión de planos.</strong> A un "
                            "solicitante se le informa sobre una vía de revisión más rápida o "
                            "una reducción de tarifas. A otro, que habla con acento o llega "
                            "sin un consultor, solo se le da la explicación mínima. Los dos "
                            "recibieron información correcta, pero solo uno recibió lo que "
                            "necesitaba para que su trámite saliera adelante.</li>"
                            "<li><strong>Cumplimiento del código.</strong> Gran parte de la "
                            "labor de cumplimiento comienza con quejas, y las quejas no "
                            "llegan por igual de todos los barrios. Los inspectores también "
                            "deciden si dar una advertencia, conceder tiempo para corregir un "
                            "problema o emitir una citación. Si esas decisiones varían según "
                            "quién parezca ser el propietario o el inquilino, las multas y el "
                            "seguimiento que resulten también variarán.</li>"
                            "<li><strong>Selección de personal y ascensos.</strong> Frases "
                            'como "encaja bien" o "todavía no está listo" pueden cargar mucho '
                            "peso sin que nadie lo examine. Quienes entrevistan pueden sentir "
                            "más afinidad con candidatos que comparten su origen, hacer "
                            "preguntas de seguimiento distintas a distintas personas, o "
                            "interpretar la misma seguridad como liderazgo en una persona y "
                            "como mala actitud en otra.</li>"
                            "<li><strong>Ventanillas de atención al público y el "
                            "311.</strong> Es fácil repartir de forma desigual la paciencia y "
                            "el beneficio de la duda. A una persona molesta que llama se le "
                            'puede etiquetar como "difícil" más pronto si suena de cierta '
                            "manera. Una solicitud de una zona puede tratarse como rutinaria "
                            "mientras que la misma solicitud de otra zona se trata como "
                            "urgente.</li>"
                            "<li><strong>Contratos y adquisiciones.</strong> Las "
                            "oportunidades suelen circular por redes informales. Si el "
                            "personal tiende a llamar a las empresas que ya conoce, los "
                            "negocios más nuevos y pequeños, incluidos muchos cuyos dueños "
                            "son personas de color, quizás nunca se enteren de trabajos que "
                            "podrían hacer bien.</li>"
                            "<li><strong>Seguridad pública.</strong> Los agentes y demás "
                            "personal de seguridad pública a menudo toman decisiones rápidas "
                            "con información incompleta y bajo estrés. Esas son las "
                            "condiciones en las que es más probable que pesen las "
                            "asociaciones automáticas. Normas claras, buena capacitación y "
                            "una revisión cuidadosa protegen tanto a los residentes como al "
                            "personal, y ayudan a construir la confianza de la que depende la "
                            "seguridad pública.</li></ul>"
                        ),
                    ),
                    (
                        "image",
                        {
                            "key": "small-gaps-add-up",
                            "alt": (
                                "Gráfico de barras con cifras ilustrativas, no datos de la "
                                "Ciudad. De 100 solicitantes por grupo, el Grupo A pasa a 80 "
                                "tras la preselección, 48 entrevistados y 24 contratados; el "
                                "Grupo B, a 72, 39 y 17. En cada paso el Grupo B avanza al "
                                "90% de la tasa del Grupo A, así que al final se le contrata "
                                "a cerca del 73% de esa tasa: las brechas pequeñas se suman "
                                "y forman una grande."
                            ),
                            "caption": (
                                "Cifras ilustrativas: una pequeña diferencia en cada paso se "
                                "convierte en una gran diferencia al final."
                            ),
                        },
                    ),
                    (
                        "text",
                        (
                            "<h2>De momentos aislados a patrones institucionales</h2>"
                            "<p>Ninguno de los momentos anteriores parecería grave por sí "
                            "solo. Esa es parte del problema: las pequeñas diferencias en "
                            "cada paso se van sumando. Supongamos que un grupo de "
                            "solicitantes tiene el 90 por ciento de la probabilidad que "
                            "tienen los demás de superar cada uno de los tres pasos de un "
                            "proceso de selección. Al final, ese grupo tiene solo alrededor "
                            "del 73 por ciento de la probabilidad de ser contratado. Nadie "
                            "tomó una gran decisión injusta y, sin embargo, el resultado es "
                            "una gran brecha. El gráfico anterior muestra la aritmética con "
                            "cifras ilustrativas.</p>"
                            "<p>Aquí es donde el sesgo implícito se conecta con dos ideas "
                            "relacionadas que surgen a menudo en el trabajo por la "
                            "equidad:</p>"
                            "<ul>"
                            "<li><strong>Racismo institucional</strong> se refiere a las "
                            "políticas, prácticas y procedimientos de una organización que "
                            "producen resultados distintos para distintos grupos raciales, "
                            "haya o no alguien que busque ese resultado.</li>"
                            "<li><strong>Racismo estructural</strong> se refiere a la manera "
                            "en que la historia, las leyes y muchas instituciones interactúan "
                            "con el tiempo para acumular ventajas para algunos grupos y "
                            "desventajas para otros. En Los Ángeles, por ejemplo, las "
                            "cláusulas de vivienda con restricciones raciales y los mapas "
                            "hipotecarios federales de la década de 1930 determinaron dónde "
                            "podían vivir las familias y acumular patrimonio, y sus efectos "
                            "todavía se ven hoy en la composición de los barrios.</li></ul>"
                            "<p>El sesgo implícito es una de las formas en que esos patrones "
                            "se perpetúan a través del trabajo cotidiano. Lo alentador es que "
                            "los mismos datos que revelan una brecha también pueden mostrar "
                            "en qué punto de un proceso comienza, y eso nos indica dónde "
                            "actuar.</p>"
                        ),
                    ),
                    (
                        "transcript",
                        {
                            "title": "Lo que mostraron nuestras propias cifras",
                            "speaker": "Un inspector de cumplimiento del código",
                            "text": (
                                "<p>Llevo once años como inspector y siempre me consideré "
                                "una persona justa. Aplico el código. Pero el año pasado "
                                "nuestra unidad empezó a revisar nuestras propias cifras, "
                                "desglosadas por barrio, y algo saltó a la vista.</p>"
                                "<p>Por el mismo tipo de infracciones, los propietarios de "
                                "algunos barrios tenían muchas más probabilidades de recibir "
                                "tiempo para corregir el problema antes de una citación. En "
                                "otros, sobre todo barrios de bajos ingresos con muchos "
                                "residentes afroamericanos y latinos, las citaciones "
                                "llegaban antes. No había ninguna política que dijera que "
                                "se hiciera así.</p>"
                                "<p>Cuando lo conversamos, pudimos ver cómo sucedía. En "
                                "algunos lugares, el propietario nos recibía en la puerta, "
                                "hablaba nuestro idioma y nos explicaba su plan, y le "
                                "dábamos treinta días. En otros era difícil localizar al "
                                "propietario, o el inquilino que abría la puerta estaba "
                                "nervioso y hablaba poco inglés, y eso lo interpretábamos "
                                "como falta de cooperación.</p>"
                                "<p>Ahora usamos una lista de verificación por escrito para "
                                "decidir cuándo conceder tiempo para cumplir, y llevamos "
                                "apoyo de interpretación desde la primera visita. Revisamos "
                                "las cifras cada trimestre, y la brecha se está reduciendo. "
                                "Sigo aplicando el código. Solo que ahora lo aplico de la "
                                "misma manera para todos.</p>"
                            ),
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "reflect",
                            "text": (
                                "<p>¿En qué aspectos de su trabajo tiene usted margen de "
                                "decisión, como la rapidez con que responde, cuánto explica "
                                "o si hace una excepción? ¿Cómo sabría si ese margen se "
                                "está usando de manera pareja?</p>"
                            ),
                        },
                    ),
                ],
            },
            "what-individuals-can-do": {
                "title": "Lo que usted puede hacer",
                "blocks": [
                    (
                        "text",
                        (
                            "<p>Usted no puede simplemente decidir que dejará de tener "
                            "asociaciones automáticas, y tratar de sacarlas de la mente solo "
                            "con fuerza de voluntad no suele funcionar. Lo que sí ayuda es "
                            "cambiar las condiciones en las que toma decisiones, para que su "
                            "juicio meditado, y no su primer reflejo, tenga la última "
                            "palabra. Las prácticas siguientes se basan en investigaciones "
                            "sobre la toma de decisiones y en la experiencia diaria de "
                            "quienes trabajan en el servicio público.</p>"
                            "<h2>Haga una pausa en los puntos de decisión</h2>"
                            "<p>El sesgo tiene más espacio cuando estamos apurados, cansados "
                            "o atendiendo varias tareas a la vez. No se puede ir más despacio "
                            "en todo, así que elija los momentos que más importan: decidir si "
                            "escalar un caso, calificar a un solicitante, elegir entre una "
                            "advertencia y una citación, o decidir cómo clasificar una "
                            "solicitud de servicio. En esos momentos, incorpore una breve "
                            'pausa. Incluso unos segundos para preguntarse "¿En qué me estoy '
                            'basando?" pueden convertir una decisión automática en una '
                            "decisión deliberada.</p>"
                            "<h2>Use criterios estructurados</h2>"
                            "<p>Decida qué es lo importante antes de mirar a la persona o el "
                            "expediente. Si revisa solicitudes de empleo, primero anote los "
                            "criterios y cómo los va a calificar; después califique a cada "
                            "candidato en cada criterio por separado. Si atiende solicitudes "
                            "de servicio, use la misma lista de verificación para todos. "
                            "Cuando los criterios se fijan de antemano, es mucho más difícil "
                            "que una impresión vaga se cuele después.</p>"
                            "<h2>Revise sus suposiciones</h2>"
                            "<p>Cuando note una primera impresión fuerte, trátela como una "
                            "pregunta, no como una conclusión. Pregúntese:</p>"
                            "<ul>"
                            "<li>¿Qué observé exactamente y qué completé por mi cuenta?</li>"
                            "<li>¿Tomaría la misma decisión si esta persona fuera de otra "
                            "raza, hablara de otra manera o viniera de otro barrio?</li>"
                            "<li>¿Hay información que no he pedido y que podría cambiar mi "
                            "opinión?</li></ul>"
                            '<p>La segunda pregunta a veces se llama "prueba de inversión" '
                            '("flip test", en inglés). Es especialmente útil porque es rápida '
                            "y concreta.</p>"
                        ),
                    ),
                    (
                        "image",
                        {
                            "key": "decision-pause",
                            "alt": (
                                "Ruta de decisión: 'Llega la solicitud', 'Primera "
                                "impresión', un círculo verde de 'Pausa', 'Revisar los "
                                "criterios', 'Decidir y anotar por qué'. Un atajo gris, "
                                "apresurado, se salta la pausa y va de la primera impresión "
                                "a la decisión. Preguntas para la pausa: ¿Qué estoy "
                                "suponiendo? ¿Decidiría igual con otra persona? ¿Qué dicen "
                                "los criterios escritos? ¿Necesita esta persona ayuda con "
                                "el idioma?"
                            ),
                            "caption": (
                                "Una breve pausa entre la primera impresión y la decisión le "
                                "da la última palabra al juicio meditado."
                            ),
                        },
                    ),
                    (
                        "text",
                        (
                            "<h2>Póngase en el lugar de la otra persona</h2>"
                            "<p>Trate de imaginar la situación desde el punto de vista del "
                            "residente o de su colega. Una persona que parece impaciente en "
                            "la ventanilla quizás pidió una mañana libre sin goce de sueldo y "
                            "esperó dos horas. Alguien que llama y parece evasivo quizás esté "
                            "preocupado por su situación migratoria o por experiencias "
                            "anteriores con el gobierno. Ver a alguien como un individuo con "
                            "una situación concreta debilita la fuerza de las suposiciones "
                            "generales sobre un grupo.</p>"
                            "<h2>Haga del acceso lingüístico una rutina</h2>"
                            "<p>Las barreras de idioma pueden parecer falta de disposición o "
                            "confusión cuando no son ninguna de las dos cosas. Ofrezca "
                            "interpretación sin esperar a que se la pidan, y no dependa de "
                            "niños ni de personas que estén de paso para interpretar. Use "
                            "lenguaje sencillo en cartas y formularios, y compruebe que la "
                            "persona entendió pidiéndole que le diga cuál es el siguiente "
                            "paso. Infórmese de cómo consigue su departamento intérpretes y "
                            "materiales traducidos antes de necesitarlos.</p>"
                            "<h2>Reconozca y repare</h2>"
                            "<p>Todos nos equivocamos alguna vez. Lo que importa es lo que "
                            "pasa después. Si se da cuenta de que trató a alguien de manera "
                            "injusta, o ve que un colega lo hace, usted puede:</p>"
                            "<ol>"
                            "<li><strong>Nombrarlo</strong> con claridad y sin dramatismo: "
                            '"Creo que ahí saqué una conclusión apresurada".</li>'
                            "<li><strong>Corregir el resultado</strong> cuando sea posible, "
                            "por ejemplo reabriendo una solicitud, volviendo a llamar a la "
                            "persona o corrigiendo un registro.</li>"
                            "<li><strong>Cambiar el proceso</strong> para que sea menos "
                            "probable que vuelva a ocurrir, y compartir lo aprendido con su "
                            "equipo.</li></ol>"
                            "<p>Reparar funciona mejor cuando se ve como una parte normal de "
                            "hacer un buen trabajo y no como una acusación. Los equipos que "
                            "pueden hablar abiertamente de estos momentos suelen detectarlos "
                            "antes.</p>"
                        ),
                    ),
                    (
                        "transcript",
                        {
                            "title": "Una pregunta más",
                            "speaker": "Un agente de servicio al cliente del 311",
                            "text": (
                                "<p>Una señora llamó por un montón de colchones y muebles "
                                "abandonados en su cuadra. Hablaba poco inglés y hablaba "
                                "rápido. Yo tenía muchas llamadas en espera, y mi primera "
                                "reacción fue registrarlo como una recolección rutinaria de "
                                "objetos voluminosos y seguir adelante.</p>"
                                "<p>Algo en su voz me hizo detenerme. Le pregunté si quería "
                                "un intérprete y me dijo que sí de inmediato. Con el "
                                "intérprete en la línea, el panorama cambió por completo. "
                                "Los objetos bloqueaban la acera junto a una parada de "
                                "autobús, y un vecino mayor que usa silla de ruedas había "
                                "tenido que bajar a la calle para rodearlos.</p>"
                                "<p>Ese es otro tipo de solicitud, y se envió a otro lugar. "
                                "Si me hubiera quedado con mi primera suposición, habría "
                                "esperado días en la fila normal.</p>"
                                "<p>Pienso a menudo en esa llamada. No pretendía tratarla "
                                "de manera diferente. Pretendía ir rápido. Pero ir rápido "
                                "significaba que estaba a punto de decidir según lo que me "
                                "resultaba fácil de entender. Ahora ofrezco un intérprete "
                                "desde el principio cuando noto que a alguien le cuesta "
                                "comunicarse, y hago una pregunta más antes de elegir una "
                                "categoría.</p>"
                            ),
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "reflect",
                            "text": (
                                "<p>Elija una decisión que toma con frecuencia. ¿Cómo sería "
                                "una breve pausa en ese momento y qué pregunta se haría "
                                "antes de decidir?</p>"
                            ),
                        },
                    ),
                ],
            },
            "what-departments-can-do": {
                "title": "Lo que pueden hacer los departamentos",
                "blocks": [
                    (
                        "text",
                        (
                            "<p>Los hábitos individuales importan, pero por sí solos no "
                            "bastan. Las personas cambian de trabajo, se llenan de tareas y "
                            "tienen días malos. El cambio duradero viene de incorporar la "
                            "imparcialidad a la forma en que funciona un departamento, para "
                            "que los buenos resultados no dependan de que una sola persona se "
                            "acuerde de tener cuidado. Esta lección describe prácticas que "
                            "los departamentos pueden adoptar; muchas de ellas cuentan con el "
                            "apoyo de la Oficina de Equidad Racial (ORE, por sus siglas en "
                            "inglés) a través de su labor de asistencia técnica y "
                            "capacitación.</p>"
                            "<p>Una nota sobre la ley: la Proposición 209 de California "
                            "prohíbe que las agencias públicas discriminen a cualquier "
                            "persona, o le den trato preferencial, por motivos de raza en el "
                            "empleo público y la contratación pública. Las prácticas que "
                            "siguen no son preferencias. Hacen que los procesos sean más "
                            "claros, más consistentes y más abiertos para todos, y ayudan a "
                            "detectar y eliminar barreras que afectan más a algunas "
                            "comunidades.</p>"
                            "<h2>Selección de personal y ascensos</h2>"
                            "<ul>"
                            "<li><strong>Entrevistas estructuradas.</strong> Haga a todos los "
                            "candidatos las mismas preguntas relacionadas con el puesto, en "
                            "el mismo orden, y califique las respuestas con una guía acordada "
                            "de antemano. Las investigaciones han encontrado que las "
                            "entrevistas estructuradas predicen el desempeño laboral mejor "
                            "que las conversaciones sin estructura, y dejan menos espacio al "
                            "sesgo.</li>"
                            '<li><strong>Criterios claros.</strong> Defina qué significa "estar '
                            'calificado" en cada paso, póngalo por escrito y compártalo con '
                            'quienes se postulan. Evite criterios vagos como "encajar", que '
                            "invitan a hacer conjeturas.</li>"
                            "<li><strong>Paneles bien integrados.</strong> Incluya "
                            "evaluadores de distintos orígenes y funciones, y pida que cada "
                            "evaluador califique de forma independiente antes de que el panel "
                            "delibere.</li></ul>"
                            "<h2>Revisión de datos y políticas</h2>"
                            "<ul>"
                            "<li><strong>Datos desglosados.</strong> Desglose los resultados "
                            "por raza y origen étnico, idioma y ubicación geográfica siempre "
                            "que pueda hacerse legalmente y protegiendo la privacidad. Los "
                            "promedios pueden ocultar grandes brechas. Observe cada paso de "
                            "un proceso, no solo el resultado final, para ver dónde comienza "
                            "una brecha.</li>"
                            "<li><strong>Revisión de políticas con enfoque de "
                            "equidad.</strong> Antes de adoptar o cambiar una política, "
                            "pregunte quién se beneficiará, a quién podría afectar "
                            "negativamente, qué muestran los datos y si se ha escuchado a las "
                            "personas más afectadas. Anote las respuestas y vuelva a "
                            "revisarlas una vez que la política esté en vigor.</li>"
                            "<li><strong>Equidad presupuestaria.</strong> El plan estratégico "
                            "de ORE describe una colaboración con el City Administrative "
                            "Officer (Oficial Administrativo de la Ciudad) en una herramienta "
                            "de equidad presupuestaria, para que las decisiones de gasto "
                            "tengan en cuenta a quién se atiende y quién ha sido "
                            "desatendido.</li></ul>"
                        ),
                    ),
                    (
                        "image",
                        {
                            "key": "levels-of-change",
                            "alt": (
                                "Tres círculos concéntricos: 'Individuo' en el centro, "
                                "'Departamento' alrededor y 'Comunidad' por fuera. Según "
                                "la leyenda, las personas hacen pausas, "
                                "revisan suposiciones y reparan errores; los departamentos "
                                "usan criterios claros, datos compartidos y revisión de "
                                "políticas con enfoque de equidad; los residentes ayudan a "
                                "fijar prioridades y evaluar resultados. Cada nivel apoya a "
                                "los demás."
                            ),
                            "caption": (
                                "Los hábitos individuales duran más cuando los sistemas del "
                                "departamento y la participación de la comunidad los "
                                "respaldan."
                            ),
                        },
                    ),
                    (
                        "text",
                        (
                            "<h2>Contratos y adquisiciones</h2>"
                            "<p>El plan de ORE también describe un trabajo con el Bureau of "
                            "Contract Administration (Oficina de Administración de Contratos) "
                            "sobre la equidad en contratos y adquisiciones, y con el Bureau "
                            "of Engineering (Oficina de Ingeniería) sobre un sistema de "
                            "calificación para proyectos de mejoras de capital. Dentro de su "
                            "propio departamento, usted puede anunciar las oportunidades "
                            "ampliamente en lugar de llamar a proveedores conocidos, redactar "
                            "las convocatorias en lenguaje sencillo, dividir los proyectos "
                            "grandes en contratos más pequeños cuando tenga sentido y pagar a "
                            "los proveedores a tiempo. Estas medidas ayudan a que los "
                            "negocios pequeños y más nuevos compitan en condiciones "
                            "justas.</p>"
                            "<h2>Participación comunitaria</h2>"
                            "<p>Las personas más afectadas por una decisión suelen ser "
                            "quienes mejor saben cómo funcionará en la práctica. Involúcrelas "
                            "desde el principio, mientras todavía haya opciones reales "
                            "abiertas, y no después de que un plan sea definitivo. Organice "
                            "reuniones en horarios y lugares a los que la gente pueda llegar, "
                            "ofrezca interpretación y materiales traducidos, e informe qué "
                            "cambió gracias a lo que dijo la gente. El plan de ORE incluye un "
                            "Community Racial Equity Advisory Committee (Comité Asesor "
                            "Comunitario de Equidad Racial) como uno de los canales para este "
                            "tipo de aportes.</p>"
                            "<h2>Enlaces de equidad en los departamentos</h2>"
                            "<p>A muchos departamentos les conviene designar a uno o más "
                            "miembros del personal como enlaces de equidad. Un enlace ayuda a "
                            "sus colegas a usar las herramientas de equidad, coordina con ORE "
                            "y mantiene visibles las metas de equidad en la planificación y "
                            "el presupuesto. La función da mejores resultados cuando cuenta "
                            "con tiempo dedicado y con el apoyo visible de la dirección.</p>"
                            "<h2>Dónde obtener ayuda</h2>"
                            "<p>No tiene que hacerlo sin apoyo. ORE ofrece asistencia técnica "
                            "y capacitación a los departamentos de la Ciudad, incluida ayuda "
                            "con revisiones de equidad, preguntas sobre datos y planes de "
                            "participación comunitaria. Comience con el enlace de equidad de "
                            "su departamento o con su gerente, o comuníquese directamente con "
                            "ORE. Lleve una pregunta concreta, como una política que esté "
                            "revisando o un proceso que quiera examinar, y ORE puede ayudarle "
                            "a planificar el siguiente paso.</p>"
                        ),
                    ),
                    (
                        "transcript",
                        {
                            "title": "Cómo cambiamos nuestra forma de entrevistar",
                            "speaker": "Un analista de personal de un departamento",
                            "text": (
                                "<p>Nuestra división escuchaba lo mismo una y otra vez en "
                                "las entrevistas de salida: la gente no veía un camino para "
                                "ascender. Cuando reunimos dos años de datos de ascensos y "
                                "los desglosamos por raza y por cada paso del proceso, la "
                                "brecha no estaba en el examen escrito. Estaba en la "
                                "entrevista.</p>"
                                "<p>En aquel entonces nuestras entrevistas eran bastante "
                                "informales. Cada panel inventaba sus propias preguntas de "
                                "seguimiento, y la calificación se reducía a una "
                                "conversación al final en la que, por lo general, la persona "
                                "de mayor rango marcaba la pauta.</p>"
                                "<p>Le pedimos asistencia técnica a ORE. No nos entregaron "
                                "un guion. Nos ayudaron a hacernos mejores preguntas sobre "
                                "nuestro propio proceso. Redactamos preguntas vinculadas a "
                                "las funciones reales del puesto, creamos una guía de "
                                "calificación con ejemplos de respuestas sólidas y débiles, "
                                "y pedimos a los evaluadores que calificaran por su cuenta "
                                "antes de conversar. También dejamos de formar todos los "
                                "paneles con personas de la misma unidad.</p>"
                                "<p>Costó un poco acostumbrarse, y a algunos supervisores "
                                "el nuevo proceso les pareció rígido. Pero después de dos "
                                "rondas, los candidatos nos dijeron que las entrevistas les "
                                "parecían más claras, los panelistas discrepaban menos y la "
                                "brecha en la etapa de entrevista se había reducido. Seguimos "
                                "vigilando las cifras. La diferencia es que ahora de verdad "
                                "las miramos.</p>"
                            ),
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "reflect",
                            "text": (
                                "<p>¿Qué proceso de su unidad se beneficiaría de criterios "
                                "escritos más claros o de un análisis de datos desglosados? "
                                "¿Quién tendría que participar para cambiarlo?</p>"
                            ),
                        },
                    ),
                ],
            },
        },
    },
    "equity-in-everyday-decisions": {
        "title": "Equidad en las decisiones cotidianas",
        "summary": (
            "Dos lecciones breves sobre cómo aplicar un enfoque de equidad racial al trabajo "
            "de rutina: preguntar quién se beneficia y quién carga con los costos, y "
            "contrastar la respuesta con datos y términos compartidos."
        ),
        "learning_objectives": (
            "<ul>"
            "<li>Usar las dos preguntas centrales, quién se beneficia y quién carga con los "
            "costos, para examinar una decisión de rutina.</li>"
            "<li>Seguir los pasos para aplicar un enfoque de equidad racial, incluidas la "
            "consulta a las personas afectadas y el seguimiento.</li>"
            "<li>Explicar cómo los datos desglosados revelan brechas que los promedios "
            "ocultan, y manejar los datos demográficos de forma legal y protegiendo la "
            "privacidad.</li>"
            "<li>Usar de manera consistente términos compartidos como equidad racial, "
            "disparidad y racismo institucional, siguiendo las definiciones oficiales cuando "
            "existan.</li>"
            "</ul>"
        ),
        "lessons": {
            "who-benefits-who-is-burdened": {
                "title": "Quién se beneficia y quién carga con los costos",
                "blocks": [
                    (
                        "text",
                        (
                            "<p>Un enfoque de equidad racial es el hábito de hacerse algunas "
                            "preguntas adicionales antes de tomar una decisión. No reemplaza "
                            "las normas, el presupuesto ni la experiencia profesional. Agrega "
                            "una revisión de a quién llegará realmente una decisión, y de qué "
                            "manera, para que la Ciudad no repita viejos patrones por "
                            "descuido.</p>"
                            "<h2>Dos preguntas centrales</h2>"
                            "<p>En el centro del enfoque hay dos preguntas: <strong>¿Quién "
                            "se beneficia?</strong> y <strong>¿Quién carga con los "
                            "costos?</strong> Los beneficios pueden incluir servicios, "
                            "empleos, contratos, árboles que dan sombra, calles "
                            "repavimentadas o tiempos de respuesta más rápidos. Las cargas "
                            "pueden incluir tarifas, multas, trayectos más largos, ruido, "
                            "contaminación, la pérdida de estacionamiento o el riesgo de que "
                            "el alza de los precios obligue a la gente a dejar su barrio. "
                            "Una misma decisión a menudo trae ambas cosas, y rara vez se "
                            "reparten por igual.</p>"
                        ),
                    ),
                    (
                        "image",
                        {
                            "key": "benefit-burden-scale",
                            "alt": (
                                "Una balanza inclinada. El platillo alto, '¿Quién se "
                                "beneficia?', enumera acceso a servicios, empleos y "
                                "contratos, y parques, sombra e inversión. El platillo "
                                "bajo, '¿Quién carga con los costos?', enumera tarifas, "
                                "multas y esperas, contaminación y ruido, y "
                                "desplazamiento. La inclinación muestra que beneficios y "
                                "cargas suelen repartirse de forma desigual: haga las dos "
                                "preguntas antes de decidir."
                            ),
                            "caption": (
                                "Haga las dos preguntas antes de que una decisión sea definitiva."
                            ),
                        },
                    ),
                    (
                        "text",
                        (
                            "<h2>Cómo aplicar el enfoque</h2>"
                            "<ol>"
                            "<li><strong>Defina la decisión.</strong> Descríbala con "
                            'precisión: "cambiar el horario de tres sucursales de la '
                            'biblioteca", no "mejorar el servicio".</li>'
                            "<li><strong>Haga una lista de quiénes se ven "
                            "afectados.</strong> Piense en los residentes, los trabajadores "
                            "y los negocios, y anote de qué barrios y comunidades "
                            "provienen.</li>"
                            "<li><strong>Haga las dos preguntas</strong> para cada grupo, "
                            "incluidas las personas que difícilmente irían a una reunión "
                            "pública.</li>"
                            "<li><strong>Tenga en cuenta la historia.</strong> ¿Esta "
                            "comunidad ha estado desatendida o sobrecargada en el pasado? "
                            "Una nueva carga no pesa igual en un lugar que ya soporta "
                            "muchas.</li>"
                            "<li><strong>Consulte a las personas afectadas.</strong> Su "
                            "experiencia puede revelar beneficios y cargas que no se ven "
                            "desde un escritorio.</li>"
                            "<li><strong>Ajuste y dé seguimiento.</strong> Cambie el plan "
                            "para reducir las cargas injustas y decida cómo sabrá si "
                            "funcionó.</li></ol>"
                            "<h2>Un ejemplo breve</h2>"
                            "<p>Un departamento planea trasladar un centro de atención sin "
                            "cita a un edificio más nuevo al otro lado de la ciudad. El "
                            "traslado ahorra dinero y el edificio es más moderno. Al aplicar "
                            "el enfoque, el personal nota que la mayoría de los visitantes "
                            "actuales llega en autobús y que muchos necesitan ayuda en un "
                            "idioma distinto del inglés. El nuevo local queda a un largo "
                            "trayecto en transporte público. El personal mantiene el "
                            "traslado, pero agrega horario nocturno en una biblioteca "
                            "cercana, una línea telefónica con intérpretes y un servicio de "
                            "transporte en los días de más demanda. La decisión sigue "
                            "adelante, pero su carga ya no recae sobre todo en los residentes "
                            "con menos opciones.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "reflect",
                            "text": (
                                "<p>Piense en una decisión reciente de su unidad. ¿Quién se "
                                "benefició, quién cargó con los costos y quedó alguien "
                                "fuera de la conversación?</p>"
                            ),
                        },
                    ),
                ],
            },
            "data-and-common-language": {
                "title": "Datos y lenguaje común",
                "blocks": [
                    (
                        "text",
                        (
                            "<p>Un enfoque de equidad racial funciona mejor cuando sus "
                            "respuestas se contrastan con la evidencia. Las buenas "
                            "intenciones pueden pasar por alto brechas reales, y una opinión "
                            "firme no es lo mismo que un patrón. Los datos y un lenguaje "
                            "compartido ayudan a un equipo a ver el mismo panorama y a "
                            "hablar de él con claridad.</p>"
                            "<h2>Desglose las cifras</h2>"
                            "<p>Un promedio de toda la ciudad puede parecer aceptable "
                            "mientras algunos barrios o grupos están muy rezagados. Los "
                            "<strong>datos desglosados</strong> son datos separados por "
                            "grupo, como raza y origen étnico, idioma principal, edad, "
                            "discapacidad o distrito del concejo. Un tiempo de respuesta "
                            "promedio de cinco días, por ejemplo, podría ocultar un rango que "
                            "va de dos días en algunas zonas a doce en otras. Observe cada "
                            "paso de un proceso, no solo el final, para encontrar dónde "
                            "comienza una brecha.</p>"
                            "<p>Maneje esta información con cuidado. Recopile datos "
                            "demográficos solo por vías legales y, cuando así se exija, de "
                            "forma voluntaria. Proteja la privacidad y evite informar cifras "
                            "muy pequeñas que podrían identificar a personas.</p>"
                            "<h2>Las cifras necesitan contexto</h2>"
                            "<p>Los datos muestran <em>que</em> existe una brecha con más "
                            "facilidad que <em>por qué</em> existe. Complemente las cifras "
                            "con lo que dicen los residentes y el personal de primera línea. "
                            "Pregúntese también quién falta: las personas que nunca llaman, "
                            "nunca presentan una solicitud o nunca se cuentan no aparecerán "
                            "en sus registros, y su ausencia puede ser un hallazgo en sí "
                            "misma.</p>"
                        ),
                    ),
                    (
                        "image",
                        {
                            "key": "data-questions-checklist",
                            "alt": (
                                "Lista titulada 'Preguntas para cualquier dato' con cinco "
                                "puntos marcados: ¿Se desglosa por raza, idioma y lugar? "
                                "¿Quién falta en los datos y por qué? ¿Coinciden las cifras "
                                "con lo que dicen los residentes? ¿Usamos términos comunes "
                                "en toda la Ciudad? ¿Quién verá los resultados y cómo? Una "
                                "nota dice que los datos desglosados muestran brechas que "
                                "los promedios ocultan."
                            ),
                            "caption": (
                                "Cinco preguntas que ayudan a convertir las cifras en un "
                                "panorama justo y útil."
                            ),
                        },
                    ),
                    (
                        "text",
                        (
                            "<h2>Use un lenguaje común</h2>"
                            "<p>El trabajo por la equidad avanza más rápido cuando todas "
                            "las personas entienden lo mismo con las mismas palabras. El plan "
                            "estratégico de la Oficina de Equidad Racial (ORE, por sus siglas "
                            "en inglés) propone un trabajo entre departamentos para lograr "
                            "una definición de equidad racial para toda la Ciudad, un "
                            "lenguaje común y definiciones de datos e indicadores alineadas, "
                            "de modo que los resultados puedan compararse en toda la Ciudad. "
                            "Algunos términos de trabajo que se usan en este curso:</p>"
                            "<ul>"
                            "<li><strong>Equidad racial:</strong> una condición en la que la "
                            "raza ya no predice los resultados de una persona en ámbitos como "
                            "la salud, la vivienda, los ingresos o la seguridad, y todas las "
                            "personas tienen lo que necesitan para prosperar.</li>"
                            "<li><strong>Disparidad:</strong> una diferencia medible en los "
                            "resultados entre grupos.</li>"
                            "<li><strong>Sesgo implícito:</strong> asociaciones automáticas "
                            "que pueden afectar nuestro juicio sin que nos demos "
                            "cuenta.</li>"
                            "<li><strong>Racismo institucional:</strong> políticas y "
                            "prácticas dentro de una organización que producen resultados "
                            "distintos según la raza, haya o no intención.</li></ul>"
                            "<p>Cuando la Ciudad o su departamento hayan adoptado "
                            "definiciones oficiales, use esas. El objetivo es que el informe "
                            "de un departamento y el de otro puedan leerse lado a lado.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "reflect",
                            "text": (
                                "<p>¿Qué cifra informa su unidad con regularidad? ¿Qué "
                                "podría aprender si la desglosara por barrio o por "
                                "idioma?</p>"
                            ),
                        },
                    ),
                ],
            },
        },
    },
}

_TITLE_EN = "Check your understanding"
_TITLE_ES = "Compruebe lo que aprendió"

# Implicit Bias: Foundations, lesson 1: What Implicit Bias Is

_WHAT_IS_EN = [
    {
        "kind": "single",
        "prompt": "Which statement best describes implicit bias?",
        "choices": [
            {
                "text": "A prejudice that a person knows they hold and could state out loud.",
                "is_correct": False,
                "feedback": (
                    "That describes explicit prejudice; implicit bias often works without a "
                    "person's awareness."
                ),
            },
            {
                "text": (
                    "Attitudes and stereotypes that work automatically and can affect how we "
                    "see and treat people, often without our awareness or intent."
                ),
                "is_correct": True,
                "feedback": (
                    "Correct: this is how the lesson defines implicit bias, as automatic "
                    "associations that can shape judgment without awareness or intent."
                ),
            },
            {
                "text": "A problem found only in people who do not care about fairness.",
                "is_correct": False,
                "feedback": (
                    "The lesson explains that someone deeply committed to fairness can still "
                    "carry associations that conflict with that commitment."
                ),
            },
            {
                "text": "A fixed trait that a single test score can reliably diagnose.",
                "is_correct": False,
                "feedback": (
                    "The lesson warns that scores change between sittings and should never be "
                    "used as a diagnosis or a label."
                ),
            },
        ],
        "explanation": (
            "Implicit bias is made of automatic associations absorbed from the world around "
            "us. Everyone has them, and they can influence judgment even when they conflict "
            "with a person's sincere values."
        ),
    },
    {
        "kind": "multiple",
        "prompt": (
            "According to the lesson, when does implicit bias tend to have the most influence "
            "on decisions? Select all that apply."
        ),
        "choices": [
            {
                "text": "When we are rushed or tired",
                "is_correct": True,
                "feedback": (
                    "Correct: under time pressure or fatigue there is less room for careful, "
                    "deliberate thinking."
                ),
            },
            {
                "text": "When we follow written criteria decided in advance",
                "is_correct": False,
                "feedback": (
                    "Criteria set in advance narrow the room for automatic associations "
                    "rather than widen it."
                ),
            },
            {
                "text": "When we are distracted or facing an unclear situation",
                "is_correct": True,
                "feedback": (
                    "Correct: distraction and ambiguity are among the conditions the lesson "
                    "names, and they are common in public service work."
                ),
            },
            {
                "text": "Only when a person openly holds prejudiced views",
                "is_correct": False,
                "feedback": (
                    "Implicit bias does not depend on stated views; it can affect people who "
                    "sincerely reject prejudice."
                ),
            },
        ],
        "explanation": (
            "Implicit bias has the most influence when we are rushed, tired, distracted, or "
            "facing an unclear situation, which describes a good deal of public service work."
        ),
    },
    {
        "kind": "true_false",
        "prompt": (
            "Because studies such as the Implicit Association Test find patterns across large "
            "groups of people, one person's test score is a reliable way to label that person "
            "as biased."
        ),
        "choices": [
            {
                "text": "True",
                "is_correct": False,
                "feedback": (
                    "One person's score can change from one sitting to the next, so the "
                    "lesson says it should never be used to label anyone."
                ),
            },
            {
                "text": "False",
                "is_correct": True,
                "feedback": (
                    "Correct: patterns across many people do not turn a single score into a "
                    "diagnosis of one person."
                ),
            },
        ],
        "explanation": (
            "Research finds patterns across large groups, but scientists still debate how well "
            "these measures predict what a particular person will do. That is why the course "
            "focuses on how decisions are made: clear criteria, consistent steps, and good "
            "data."
        ),
    },
]

_WHAT_IS_ES = [
    {
        "kind": "single",
        "prompt": "¿Cuál de estas afirmaciones describe mejor el sesgo implícito?",
        "choices": [
            {
                "text": (
                    "Un prejuicio que la persona sabe que tiene y que podría decir en voz alta."
                ),
                "is_correct": False,
                "feedback": (
                    "Eso describe el prejuicio explícito; el sesgo implícito suele funcionar "
                    "sin que la persona se dé cuenta."
                ),
            },
            {
                "text": (
                    "Actitudes y estereotipos que funcionan de forma automática y pueden "
                    "influir en cómo vemos y tratamos a las personas, a menudo sin que nos "
                    "demos cuenta ni lo pretendamos."
                ),
                "is_correct": True,
                "feedback": (
                    "Correcto: así define la lección el sesgo implícito, como asociaciones "
                    "automáticas que pueden influir en el juicio sin conciencia ni intención."
                ),
            },
            {
                "text": (
                    "Un problema que solo tienen las personas a quienes no les importa ser justas."
                ),
                "is_correct": False,
                "feedback": (
                    "La lección explica que alguien profundamente comprometido con la "
                    "imparcialidad puede tener asociaciones que contradicen ese compromiso."
                ),
            },
            {
                "text": (
                    "Un rasgo fijo que el puntaje de una sola prueba puede diagnosticar "
                    "con certeza."
                ),
                "is_correct": False,
                "feedback": (
                    "La lección advierte que los puntajes cambian de una sesión a otra y que "
                    "nunca deben usarse como diagnóstico ni como etiqueta."
                ),
            },
        ],
        "explanation": (
            "El sesgo implícito está formado por asociaciones automáticas que absorbemos del "
            "mundo que nos rodea. Todos las tenemos, y pueden influir en el juicio incluso "
            "cuando contradicen los valores sinceros de una persona."
        ),
    },
    {
        "kind": "multiple",
        "prompt": (
            "Según la lección, ¿cuándo suele tener más influencia el sesgo implícito en las "
            "decisiones? Seleccione todas las respuestas que correspondan."
        ),
        "choices": [
            {
                "text": "Cuando estamos apurados o cansados",
                "is_correct": True,
                "feedback": (
                    "Correcto: con prisa o cansancio queda menos espacio para pensar con "
                    "cuidado y de forma deliberada."
                ),
            },
            {
                "text": "Cuando seguimos criterios escritos decididos de antemano",
                "is_correct": False,
                "feedback": (
                    "Los criterios fijados de antemano reducen el espacio para las "
                    "asociaciones automáticas en lugar de ampliarlo."
                ),
            },
            {
                "text": "Cuando estamos distraídos o ante una situación poco clara",
                "is_correct": True,
                "feedback": (
                    "Correcto: la distracción y la ambigüedad están entre las condiciones que "
                    "menciona la lección, y son comunes en el servicio público."
                ),
            },
            {
                "text": "Solo cuando una persona tiene opiniones abiertamente prejuiciosas",
                "is_correct": False,
                "feedback": (
                    "El sesgo implícito no depende de las opiniones declaradas; puede afectar "
                    "a personas que rechazan sinceramente los prejuicios."
                ),
            },
        ],
        "explanation": (
            "El sesgo implícito tiene más influencia cuando estamos apurados, cansados, "
            "distraídos o ante una situación poco clara, lo cual describe buena parte del "
            "trabajo en el servicio público."
        ),
    },
    {
        "kind": "true_false",
        "prompt": (
            "Dado que estudios como la Prueba de Asociación Implícita encuentran patrones en "
            "grupos grandes de personas, el puntaje de una persona es una forma confiable de "
            "etiquetarla como sesgada."
        ),
        "choices": [
            {
                "text": "Verdadero",
                "is_correct": False,
                "feedback": (
                    "El puntaje de una persona puede cambiar de una sesión a otra, por eso la "
                    "lección dice que nunca debe usarse para etiquetar a nadie."
                ),
            },
            {
                "text": "Falso",
                "is_correct": True,
                "feedback": (
                    "Correcto: los patrones que se observan en muchas personas no convierten un "
                    "solo puntaje en el diagnóstico de una persona."
                ),
            },
        ],
        "explanation": (
            "Las investigaciones encuentran patrones en grupos grandes, pero los científicos "
            "todavía debaten qué tan bien estas mediciones predicen lo que hará una persona "
            "concreta. Por eso el curso se enfoca en cómo se toman las decisiones: criterios "
            "claros, pasos consistentes y buenos datos."
        ),
    },
]

# Implicit Bias: Foundations, lesson 2: How Bias Shows Up in City Services

_CITY_SERVICES_EN = [
    {
        "kind": "single",
        "prompt": (
            "In the lesson's hiring example, one group of applicants is 90 percent as likely "
            "as others to get through each of three steps. Why does that group end up only "
            "about 73 percent as likely to be hired?"
        ),
        "choices": [
            {
                "text": "Someone made one large, unfair decision at the final step.",
                "is_correct": False,
                "feedback": (
                    "The lesson stresses that no one made a large unfair decision; the gap "
                    "builds up from small differences."
                ),
            },
            {
                "text": "Fewer people from that group applied in the first place.",
                "is_correct": False,
                "feedback": (
                    "Both groups start with the same number of applicants, so the gap comes "
                    "from the steps, not from who applied."
                ),
            },
            {
                "text": "The small gap at each step compounds from one step to the next.",
                "is_correct": True,
                "feedback": (
                    "Correct: 90 percent of 90 percent of 90 percent is about 73 percent, so "
                    "small differences add up to a large one."
                ),
            },
            {
                "text": "The chart shows real results from a specific City department.",
                "is_correct": False,
                "feedback": (
                    "The numbers are illustrative only; they are not findings about any department."
                ),
            },
        ],
        "explanation": (
            "Small differences at each step of a process add up to a large gap, even when no "
            "single decision looks dramatic. Looking at each step also shows where a gap "
            "begins, and so where to act."
        ),
    },
    {
        "kind": "true_false",
        "prompt": (
            "As the lesson defines it, institutional racism exists only when someone in the "
            "organization intends to produce different results for different racial groups."
        ),
        "choices": [
            {
                "text": "True",
                "is_correct": False,
                "feedback": (
                    "The definition covers policies and practices that produce different "
                    "results whether or not anyone intends them."
                ),
            },
            {
                "text": "False",
                "is_correct": True,
                "feedback": (
                    "Correct: institutional racism is about the results that policies, "
                    "practices, and procedures produce, regardless of intent."
                ),
            },
        ],
        "explanation": (
            "Institutional racism refers to policies, practices, and procedures within an "
            "organization that produce different results for different racial groups, whether "
            "or not anyone intends that result. Implicit bias is one way such patterns are "
            "carried forward through ordinary work."
        ),
    },
    {
        "kind": "multiple",
        "prompt": (
            "Which of these are moments of discretion where, according to the lesson, "
            "automatic associations could tip the balance? Select all that apply."
        ),
        "choices": [
            {
                "text": "Choosing between a warning, time to fix a problem, or a citation",
                "is_correct": True,
                "feedback": (
                    "Correct: the inspector decides, and the lesson notes that such choices "
                    "can vary with who the owner or tenant appears to be."
                ),
            },
            {
                "text": "Deciding how much to explain to an applicant at the permit counter",
                "is_correct": True,
                "feedback": (
                    "Correct: in the lesson's example, both applicants get correct "
                    "information but only one gets what they need to succeed."
                ),
            },
            {
                "text": "Charging a fee whose amount is fixed by ordinance for everyone",
                "is_correct": False,
                "feedback": (
                    "An amount set in advance and applied the same way to everyone leaves "
                    "little room for individual judgment."
                ),
            },
            {
                "text": "Deciding which firms to contact about a contracting opportunity",
                "is_correct": True,
                "feedback": (
                    "Correct: when opportunities travel through informal networks, newer and "
                    "smaller businesses may never hear about them."
                ),
            },
        ],
        "explanation": (
            "Rules set the outline, but people fill in the details. Wherever there is "
            "discretion, such as how much help to offer, how strictly to apply a standard, or "
            "whom to contact, there is room for automatic associations to matter."
        ),
    },
]

_CITY_SERVICES_ES = [
    {
        "kind": "single",
        "prompt": (
            "En el ejemplo de selección de personal de la lección, un grupo de solicitantes "
            "tiene el 90 por ciento de la probabilidad que tienen los demás de superar cada "
            "uno de tres pasos. ¿Por qué ese grupo termina con solo alrededor del 73 por "
            "ciento de la probabilidad de ser contratado?"
        ),
        "choices": [
            {
                "text": "Alguien tomó una gran decisión injusta en el último paso.",
                "is_correct": False,
                "feedback": (
                    "La lección subraya que nadie tomó una gran decisión injusta; la brecha se "
                    "forma a partir de pequeñas diferencias."
                ),
            },
            {
                "text": "Desde el principio se postularon menos personas de ese grupo.",
                "is_correct": False,
                "feedback": (
                    "Los dos grupos empiezan con el mismo número de solicitantes, así que la "
                    "brecha viene de los pasos, no de quién se postuló."
                ),
            },
            {
                "text": "La pequeña brecha de cada paso se acumula de un paso al siguiente.",
                "is_correct": True,
                "feedback": (
                    "Correcto: el 90 por ciento del 90 por ciento del 90 por ciento es "
                    "alrededor del 73 por ciento, así que las diferencias pequeñas se suman."
                ),
            },
            {
                "text": "El gráfico muestra resultados reales de un departamento de la Ciudad.",
                "is_correct": False,
                "feedback": (
                    "Las cifras son solo ilustrativas; no son hallazgos sobre ningún departamento."
                ),
            },
        ],
        "explanation": (
            "Las pequeñas diferencias en cada paso de un proceso se suman hasta formar una "
            "gran brecha, aunque ninguna decisión parezca grave por sí sola. Observar cada "
            "paso también muestra dónde comienza una brecha y, por lo tanto, dónde actuar."
        ),
    },
    {
        "kind": "true_false",
        "prompt": (
            "Según la definición de la lección, el racismo institucional solo existe cuando "
            "alguien en la organización tiene la intención de producir resultados distintos "
            "para distintos grupos raciales."
        ),
        "choices": [
            {
                "text": "Verdadero",
                "is_correct": False,
                "feedback": (
                    "La definición abarca políticas y prácticas que producen resultados "
                    "distintos, haya o no alguien que lo pretenda."
                ),
            },
            {
                "text": "Falso",
                "is_correct": True,
                "feedback": (
                    "Correcto: el racismo institucional se refiere a los resultados que "
                    "producen las políticas, prácticas y procedimientos, con o sin intención."
                ),
            },
        ],
        "explanation": (
            "El racismo institucional se refiere a las políticas, prácticas y procedimientos "
            "de una organización que producen resultados distintos para distintos grupos "
            "raciales, haya o no alguien que busque ese resultado. El sesgo implícito es una "
            "de las formas en que esos patrones se perpetúan en el trabajo cotidiano."
        ),
    },
    {
        "kind": "multiple",
        "prompt": (
            "¿Cuáles de estos son momentos de margen de decisión en los que, según la lección, "
            "las asociaciones automáticas podrían inclinar la balanza? Seleccione todas las "
            "respuestas que correspondan."
        ),
        "choices": [
            {
                "text": "Elegir entre una advertencia, un plazo para corregir o una citación",
                "is_correct": True,
                "feedback": (
                    "Correcto: lo decide el inspector, y la lección señala que esas decisiones "
                    "pueden variar según quién parezca ser el propietario o el inquilino."
                ),
            },
            {
                "text": "Decidir cuánto explicarle a un solicitante en la ventanilla de permisos",
                "is_correct": True,
                "feedback": (
                    "Correcto: en el ejemplo de la lección, los dos solicitantes reciben "
                    "información correcta, pero solo uno recibe lo que necesita."
                ),
            },
            {
                "text": "Cobrar una tarifa cuyo monto fija una ordenanza para todos por igual",
                "is_correct": False,
                "feedback": (
                    "Un monto fijado de antemano y aplicado igual a todos deja poco espacio al "
                    "criterio individual."
                ),
            },
            {
                "text": "Decidir a qué empresas avisar de una oportunidad de contratación",
                "is_correct": True,
                "feedback": (
                    "Correcto: cuando las oportunidades circulan por redes informales, los "
                    "negocios más nuevos y pequeños quizás nunca se enteren."
                ),
            },
        ],
        "explanation": (
            "Las normas trazan el contorno, pero las personas completan los detalles. "
            "Dondequiera que haya margen de decisión, como cuánta ayuda ofrecer, con qué rigor "
            "aplicar una norma o a quién contactar, hay espacio para que pesen las "
            "asociaciones automáticas."
        ),
    },
]

# Implicit Bias: Foundations, lesson 3: What You Can Do

_INDIVIDUALS_EN = [
    {
        "kind": "multiple",
        "prompt": (
            "Which practices does the lesson recommend for limiting the influence of automatic "
            "associations on your decisions? Select all that apply."
        ),
        "choices": [
            {
                "text": "Build a short pause into the decisions that matter most",
                "is_correct": True,
                "feedback": (
                    "Correct: even a few seconds spent asking what you are basing a decision "
                    "on can make it deliberate rather than automatic."
                ),
            },
            {
                "text": "Push biased thoughts out of your mind by willpower alone",
                "is_correct": False,
                "feedback": (
                    "The lesson notes that willpower alone tends not to work; changing the "
                    "conditions of the decision does."
                ),
            },
            {
                "text": "Write down your criteria before you look at the person or the file",
                "is_correct": True,
                "feedback": (
                    "Correct: criteria set in advance make it harder for a vague feeling to "
                    "slip in after the fact."
                ),
            },
            {
                "text": "Go with your first impression, since it is usually the fastest",
                "is_correct": False,
                "feedback": (
                    "A first impression is where automatic associations have the most room; "
                    "the lesson asks you to treat it as a question."
                ),
            },
            {
                "text": "Offer interpretation without waiting for people to ask",
                "is_correct": True,
                "feedback": (
                    "Correct: language barriers can be mistaken for unwillingness or "
                    "confusion, and routine language access prevents that."
                ),
            },
        ],
        "explanation": (
            "You cannot simply decide to stop having automatic associations. What helps is "
            "changing the conditions of decisions: pausing at key points, setting criteria in "
            "advance, checking assumptions, and making language access routine."
        ),
    },
    {
        "kind": "single",
        "prompt": (
            "A resident at the counter seems evasive when you ask for details. Which response "
            "best reflects the flip test described in the lesson?"
        ),
        "choices": [
            {
                "text": "Note in the file that the person was uncooperative.",
                "is_correct": False,
                "feedback": (
                    "This turns an untested first impression into a record that can follow "
                    "the person."
                ),
            },
            {
                "text": "Ask someone waiting nearby to explain what the person means.",
                "is_correct": False,
                "feedback": (
                    "The lesson advises against relying on bystanders or children to interpret."
                ),
            },
            {
                "text": "Decide quickly so that the line keeps moving.",
                "is_correct": False,
                "feedback": (
                    "Rushing is the condition in which automatic associations have the most "
                    "influence."
                ),
            },
            {
                "text": (
                    "Ask yourself whether you would make the same call if this person were of "
                    "a different race, spoke differently, or came from a different "
                    "neighborhood."
                ),
                "is_correct": True,
                "feedback": (
                    "Correct: this is the flip test, a quick and concrete way to check a "
                    "first impression."
                ),
            },
        ],
        "explanation": (
            "The flip test asks whether you would decide the same way for a different person. "
            "It turns a strong first impression into a question rather than a conclusion. The "
            "person may also be worried about past experiences with government or need "
            "language help."
        ),
    },
    {
        "kind": "true_false",
        "prompt": (
            "If you realize you treated someone unfairly, the lesson recommends moving on "
            "quietly so that you do not draw attention to the mistake."
        ),
        "choices": [
            {
                "text": "True",
                "is_correct": False,
                "feedback": (
                    "The lesson recommends naming the mistake, fixing the outcome where you "
                    "can, and changing the process."
                ),
            },
            {
                "text": "False",
                "is_correct": True,
                "feedback": (
                    "Correct: repair is treated as a normal part of good work, not something "
                    "to hide."
                ),
            },
        ],
        "explanation": (
            "Everyone gets it wrong sometimes. Notice and repair means naming it plainly, "
            "fixing the outcome where you can, and changing the process. Teams that talk "
            "about these moments openly tend to catch them sooner."
        ),
    },
]

_INDIVIDUALS_ES = [
    {
        "kind": "multiple",
        "prompt": (
            "¿Qué prácticas recomienda la lección para limitar la influencia de las "
            "asociaciones automáticas en sus decisiones? Seleccione todas las respuestas que "
            "correspondan."
        ),
        "choices": [
            {
                "text": "Incorporar una breve pausa en las decisiones que más importan",
                "is_correct": True,
                "feedback": (
                    "Correcto: incluso unos segundos para preguntarse en qué se basa una "
                    "decisión pueden volverla deliberada en lugar de automática."
                ),
            },
            {
                "text": "Sacar de la mente los pensamientos sesgados solo con fuerza de voluntad",
                "is_correct": False,
                "feedback": (
                    "La lección señala que la fuerza de voluntad por sí sola no suele "
                    "funcionar; lo que ayuda es cambiar las condiciones de la decisión."
                ),
            },
            {
                "text": "Anotar los criterios antes de mirar a la persona o el expediente",
                "is_correct": True,
                "feedback": (
                    "Correcto: los criterios fijados de antemano hacen más difícil que una "
                    "impresión vaga se cuele después."
                ),
            },
            {
                "text": "Quedarse con la primera impresión, porque suele ser lo más rápido",
                "is_correct": False,
                "feedback": (
                    "La primera impresión es donde las asociaciones automáticas tienen más "
                    "espacio; la lección pide tratarla como una pregunta."
                ),
            },
            {
                "text": "Ofrecer interpretación sin esperar a que la pidan",
                "is_correct": True,
                "feedback": (
                    "Correcto: las barreras de idioma pueden confundirse con falta de "
                    "disposición o confusión, y el acceso lingüístico habitual lo evita."
                ),
            },
        ],
        "explanation": (
            "No se puede simplemente decidir dejar de tener asociaciones automáticas. Lo que "
            "ayuda es cambiar las condiciones de las decisiones: hacer pausas en los momentos "
            "clave, fijar criterios de antemano, revisar las suposiciones y hacer del acceso "
            "lingüístico una rutina."
        ),
    },
    {
        "kind": "single",
        "prompt": (
            "Un residente en la ventanilla parece evasivo cuando usted le pide detalles. ¿Qué "
            "respuesta refleja mejor la prueba de inversión que describe la lección?"
        ),
        "choices": [
            {
                "text": "Anotar en el expediente que la persona no cooperó.",
                "is_correct": False,
                "feedback": (
                    "Así, una primera impresión sin comprobar se convierte en un registro que "
                    "puede perjudicar a la persona más adelante."
                ),
            },
            {
                "text": (
                    "Pedirle a alguien que espera cerca que explique lo que la persona "
                    "quiere decir."
                ),
                "is_correct": False,
                "feedback": (
                    "La lección desaconseja depender de personas que estén de paso o de niños "
                    "para interpretar."
                ),
            },
            {
                "text": "Decidir rápido para que la fila siga avanzando.",
                "is_correct": False,
                "feedback": (
                    "La prisa es justamente la condición en la que las asociaciones "
                    "automáticas tienen más influencia."
                ),
            },
            {
                "text": (
                    "Preguntarse si tomaría la misma decisión si esta persona fuera de otra "
                    "raza, hablara de otra manera o viniera de otro barrio."
                ),
                "is_correct": True,
                "feedback": (
                    "Correcto: esta es la prueba de inversión, una forma rápida y concreta de "
                    "revisar una primera impresión."
                ),
            },
        ],
        "explanation": (
            "La prueba de inversión consiste en preguntarse si decidiría lo mismo con otra "
            "persona. Convierte una primera impresión fuerte en una pregunta en lugar de una "
            "conclusión. Además, quizás la persona esté preocupada por experiencias anteriores "
            "con el gobierno o necesite ayuda con el idioma."
        ),
    },
    {
        "kind": "true_false",
        "prompt": (
            "Si se da cuenta de que trató a alguien de manera injusta, la lección recomienda "
            "seguir adelante sin decir nada para no llamar la atención sobre el error."
        ),
        "choices": [
            {
                "text": "Verdadero",
                "is_correct": False,
                "feedback": (
                    "La lección recomienda nombrar el error, corregir el resultado cuando sea "
                    "posible y cambiar el proceso."
                ),
            },
            {
                "text": "Falso",
                "is_correct": True,
                "feedback": (
                    "Correcto: reparar se ve como una parte normal de hacer un buen trabajo, "
                    "no como algo que haya que ocultar."
                ),
            },
        ],
        "explanation": (
            "Todos nos equivocamos alguna vez. Reconocer y reparar significa nombrarlo con "
            "claridad, corregir el resultado cuando sea posible y cambiar el proceso. Los "
            "equipos que hablan abiertamente de estos momentos suelen detectarlos antes."
        ),
    },
]

# Implicit Bias: Foundations, lesson 4: What Departments Can Do

_DEPARTMENTS_EN = [
    {
        "kind": "single",
        "prompt": (
            "Why does the lesson say that department practices are needed in addition to "
            "individual habits?"
        ),
        "choices": [
            {
                "text": "Individual habits have no real effect on decisions.",
                "is_correct": False,
                "feedback": (
                    "The lesson says individual habits matter; they are simply not enough on "
                    "their own."
                ),
            },
            {
                "text": (
                    "Good outcomes should not depend on any one person remembering to be careful."
                ),
                "is_correct": True,
                "feedback": (
                    "Correct: people change jobs, get busy, and have bad days, so fairness "
                    "needs to be built into how the department works."
                ),
            },
            {
                "text": "ORE makes hiring and budget decisions for City departments.",
                "is_correct": False,
                "feedback": (
                    "ORE provides technical assistance and training; departments still run "
                    "and own their processes."
                ),
            },
            {
                "text": "Departments are required to give preferences on the basis of race.",
                "is_correct": False,
                "feedback": (
                    "Proposition 209 prohibits racial preferences in public employment and "
                    "contracting, and the practices in the lesson are not preferences."
                ),
            },
        ],
        "explanation": (
            "Lasting change comes from building fairness into the way a department works, "
            "through clear criteria, shared data, equity review of policies, and community "
            "input, so that good outcomes do not rest on one person's memory or mood."
        ),
    },
    {
        "kind": "true_false",
        "prompt": (
            "The practices in this lesson, such as structured interviews and equity review of "
            "policies, are a form of preferential treatment based on race."
        ),
        "choices": [
            {
                "text": "True",
                "is_correct": False,
                "feedback": (
                    "The lesson states that these practices are not preferences; they apply "
                    "the same clear process to everyone."
                ),
            },
            {
                "text": "False",
                "is_correct": True,
                "feedback": (
                    "Correct: they make processes clearer, more consistent, and more open to "
                    "everyone, and help find and remove barriers."
                ),
            },
        ],
        "explanation": (
            "California's Proposition 209 prohibits public agencies from discriminating "
            "against, or granting preferential treatment to, anyone on the basis of race in "
            "public employment and public contracting. The practices in this lesson work by "
            "making processes clearer and more consistent for everyone."
        ),
    },
    {
        "kind": "multiple",
        "prompt": (
            "A division notices that promotion rates differ by race. Which steps from this "
            "lesson would help it find and address the cause? Select all that apply."
        ),
        "choices": [
            {
                "text": "Break the data down by race and by each step of the process",
                "is_correct": True,
                "feedback": (
                    "Correct: looking at each step shows where the gap begins, as it did for "
                    "the division in the lesson's account."
                ),
            },
            {
                "text": "Let the most senior panelist settle the final scores to save time",
                "is_correct": False,
                "feedback": (
                    "In the lesson's account, this kind of informal scoring was part of the "
                    "problem, not the fix."
                ),
            },
            {
                "text": (
                    "Ask every candidate the same job-related questions and use a scoring guide"
                ),
                "is_correct": True,
                "feedback": (
                    "Correct: structured interviews predict job performance better and leave "
                    "less room for bias."
                ),
            },
            {
                "text": "Have each rater score independently before the panel discusses",
                "is_correct": True,
                "feedback": (
                    "Correct: independent scoring keeps one voice from setting the tone for "
                    "the whole panel."
                ),
            },
            {
                "text": "Look only at the final promotion rate, since it is what matters",
                "is_correct": False,
                "feedback": (
                    "The final result alone can hide where in the process a gap begins, "
                    "which is what tells you where to act."
                ),
            },
        ],
        "explanation": (
            "Disaggregated data at each step shows where a gap begins. Structured interviews, "
            "clear criteria, and independent scoring then reduce the room for bias at that "
            "step. ORE can provide technical assistance with this kind of review."
        ),
    },
]

_DEPARTMENTS_ES = [
    {
        "kind": "single",
        "prompt": (
            "¿Por qué dice la lección que, además de los hábitos individuales, se necesitan "
            "prácticas de los departamentos?"
        ),
        "choices": [
            {
                "text": "Los hábitos individuales no tienen ningún efecto real en las decisiones.",
                "is_correct": False,
                "feedback": (
                    "La lección dice que los hábitos individuales importan; simplemente no "
                    "bastan por sí solos."
                ),
            },
            {
                "text": (
                    "Los buenos resultados no deberían depender de que una sola persona se "
                    "acuerde de tener cuidado."
                ),
                "is_correct": True,
                "feedback": (
                    "Correcto: las personas cambian de trabajo, se llenan de tareas y tienen "
                    "días malos, así que la imparcialidad debe ser parte del funcionamiento "
                    "del departamento."
                ),
            },
            {
                "text": (
                    "ORE toma las decisiones de contratación y presupuesto de los departamentos."
                ),
                "is_correct": False,
                "feedback": (
                    "ORE ofrece asistencia técnica y capacitación; cada departamento sigue a "
                    "cargo de sus propios procesos."
                ),
            },
            {
                "text": "Los departamentos están obligados a dar preferencias por motivos de raza.",
                "is_correct": False,
                "feedback": (
                    "La Proposición 209 prohíbe las preferencias raciales en el empleo y la "
                    "contratación públicos, y las prácticas de la lección no son preferencias."
                ),
            },
        ],
        "explanation": (
            "El cambio duradero viene de incorporar la imparcialidad a la forma en que "
            "funciona un departamento, con criterios claros, datos compartidos, revisión de "
            "políticas con enfoque de equidad y participación de la comunidad, para que los "
            "buenos resultados no dependan de la memoria o el ánimo de una sola persona."
        ),
    },
    {
        "kind": "true_false",
        "prompt": (
            "Las prácticas de esta lección, como las entrevistas estructuradas y la revisión de "
            "políticas con enfoque de equidad, son una forma de trato preferencial por motivos "
            "de raza."
        ),
        "choices": [
            {
                "text": "Verdadero",
                "is_correct": False,
                "feedback": (
                    "La lección afirma que estas prácticas no son preferencias; aplican el "
                    "mismo proceso claro a todas las personas."
                ),
            },
            {
                "text": "Falso",
                "is_correct": True,
                "feedback": (
                    "Correcto: hacen que los procesos sean más claros, más consistentes y más "
                    "abiertos para todos, y ayudan a detectar y eliminar barreras."
                ),
            },
        ],
        "explanation": (
            "La Proposición 209 de California prohíbe que las agencias públicas discriminen a "
            "cualquier persona, o le den trato preferencial, por motivos de raza en el empleo "
            "público y la contratación pública. Las prácticas de esta lección funcionan "
            "haciendo que los procesos sean más claros y consistentes para todos."
        ),
    },
    {
        "kind": "multiple",
        "prompt": (
            "Una división nota que las tasas de ascenso varían según la raza. ¿Qué pasos de "
            "esta lección le ayudarían a encontrar y atender la causa? Seleccione todas las "
            "respuestas que correspondan."
        ),
        "choices": [
            {
                "text": "Desglosar los datos por raza y por cada paso del proceso",
                "is_correct": True,
                "feedback": (
                    "Correcto: observar cada paso muestra dónde comienza la brecha, como le "
                    "ocurrió a la división del relato de la lección."
                ),
            },
            {
                "text": "Dejar que el panelista de mayor rango fije las calificaciones finales",
                "is_correct": False,
                "feedback": (
                    "En el relato de la lección, este tipo de calificación informal era parte "
                    "del problema, no la solución."
                ),
            },
            {
                "text": (
                    "Hacer a todos los candidatos las mismas preguntas sobre el puesto y usar "
                    "una guía de calificación"
                ),
                "is_correct": True,
                "feedback": (
                    "Correcto: las entrevistas estructuradas predicen mejor el desempeño "
                    "laboral y dejan menos espacio al sesgo."
                ),
            },
            {
                "text": (
                    "Pedir que cada evaluador califique por su cuenta antes de que el "
                    "panel delibere"
                ),
                "is_correct": True,
                "feedback": (
                    "Correcto: calificar de forma independiente evita que una sola voz marque "
                    "la pauta de todo el panel."
                ),
            },
            {
                "text": "Mirar solo la tasa final de ascensos, porque es lo que importa",
                "is_correct": False,
                "feedback": (
                    "El resultado final por sí solo puede ocultar en qué punto del proceso "
                    "comienza una brecha, que es lo que indica dónde actuar."
                ),
            },
        ],
        "explanation": (
            "Los datos desglosados por paso muestran dónde comienza una brecha. Las entrevistas "
            "estructuradas, los criterios claros y la calificación independiente reducen luego "
            "el espacio para el sesgo en ese paso. ORE puede ofrecer asistencia técnica para "
            "este tipo de revisión."
        ),
    },
]

# Equity in Everyday Decisions, lesson 1: Who Benefits, Who Is Burdened

_BENEFITS_EN = [
    {
        "kind": "multiple",
        "prompt": (
            "A department plans to change the hours at three library branches. Which actions "
            "follow the steps for putting the lens to work? Select all that apply."
        ),
        "choices": [
            {
                "text": (
                    "List the residents, workers, and businesses affected, and where they come from"
                ),
                "is_correct": True,
                "feedback": (
                    "Correct: listing who is affected, including their neighborhoods and "
                    "communities, is the second step."
                ),
            },
            {
                "text": "Skip the lens, because the change already fits the budget and the rules",
                "is_correct": False,
                "feedback": (
                    "The lens does not replace rules or the budget; it adds a check on who "
                    "the decision will actually reach."
                ),
            },
            {
                "text": (
                    "Ask who benefits and who is burdened, including people unlikely to attend "
                    "a public meeting"
                ),
                "is_correct": True,
                "feedback": (
                    "Correct: the two core questions should be asked for each group, not only "
                    "for those who speak up."
                ),
            },
            {
                "text": "Check with the people affected, then decide how to know if it worked",
                "is_correct": True,
                "feedback": (
                    "Correct: the people affected can reveal burdens invisible from a desk, "
                    "and follow-up shows whether the plan worked."
                ),
            },
        ],
        "explanation": (
            "The lens adds a few questions before a decision: name it, list who is affected, "
            "ask who benefits and who is burdened, consider history, check with the people "
            "affected, and adjust and follow up."
        ),
    },
    {
        "kind": "single",
        "prompt": (
            "In the lesson's example of moving a walk-in service center, what did using the "
            "lens lead staff to do?"
        ),
        "choices": [
            {
                "text": "Cancel the move, because any burden on residents rules a decision out.",
                "is_correct": False,
                "feedback": (
                    "The move went ahead; the lens helped staff reduce the burden rather than "
                    "stop the decision."
                ),
            },
            {
                "text": (
                    "Keep the move, but add evening hours nearby, an interpreter phone line, "
                    "and a shuttle on the busiest days."
                ),
                "is_correct": True,
                "feedback": (
                    "Correct: these changes kept the burden from falling mainly on the "
                    "residents with the fewest options."
                ),
            },
            {
                "text": "Keep the plan unchanged, since the new building is more modern.",
                "is_correct": False,
                "feedback": (
                    "The lens showed that most visitors arrive by bus and many need language "
                    "help, so staff changed the plan."
                ),
            },
            {
                "text": "Move the center to wherever most staff live.",
                "is_correct": False,
                "feedback": (
                    "The lens centers the people a decision reaches, here the current "
                    "visitors, not staff convenience."
                ),
            },
        ],
        "explanation": (
            "Using the lens does not always stop a decision. In the example it revealed that "
            "most visitors arrive by bus and many need help in another language, so staff kept "
            "the move and reduced the unfair burden."
        ),
    },
]

_BENEFITS_ES = [
    {
        "kind": "multiple",
        "prompt": (
            "Un departamento planea cambiar el horario de tres sucursales de la biblioteca. "
            "¿Qué acciones siguen los pasos para aplicar el enfoque? Seleccione todas las "
            "respuestas que correspondan."
        ),
        "choices": [
            {
                "text": (
                    "Hacer una lista de los residentes, trabajadores y negocios afectados, y "
                    "de dónde son"
                ),
                "is_correct": True,
                "feedback": (
                    "Correcto: hacer una lista de quiénes se ven afectados, con sus barrios y "
                    "comunidades, es el segundo paso."
                ),
            },
            {
                "text": (
                    "Omitir el enfoque, porque el cambio ya respeta el presupuesto y las normas"
                ),
                "is_correct": False,
                "feedback": (
                    "El enfoque no reemplaza las normas ni el presupuesto; agrega una revisión "
                    "de a quién llegará realmente la decisión."
                ),
            },
            {
                "text": (
                    "Preguntar quién se beneficia y quién carga con los costos, incluidas las "
                    "personas que difícilmente irían a una reunión pública"
                ),
                "is_correct": True,
                "feedback": (
                    "Correcto: las dos preguntas centrales deben hacerse para cada grupo, no "
                    "solo para quienes alzan la voz."
                ),
            },
            {
                "text": (
                    "Consultar a las personas afectadas y luego decidir cómo saber si funcionó"
                ),
                "is_correct": True,
                "feedback": (
                    "Correcto: las personas afectadas pueden revelar cargas que no se ven "
                    "desde un escritorio, y el seguimiento muestra si el plan funcionó."
                ),
            },
        ],
        "explanation": (
            "El enfoque agrega algunas preguntas antes de una decisión: definirla, hacer una "
            "lista de quiénes se ven afectados, preguntar quién se beneficia y quién carga con "
            "los costos, tener en cuenta la historia, consultar a las personas afectadas, y "
            "ajustar y dar seguimiento."
        ),
    },
    {
        "kind": "single",
        "prompt": (
            "En el ejemplo de la lección sobre el traslado de un centro de atención sin cita, "
            "¿qué hizo el personal gracias al enfoque?"
        ),
        "choices": [
            {
                "text": (
                    "Cancelar el traslado, porque cualquier carga para los residentes "
                    "descarta una decisión."
                ),
                "is_correct": False,
                "feedback": (
                    "El traslado siguió adelante; el enfoque ayudó a reducir la carga, no a "
                    "detener la decisión."
                ),
            },
            {
                "text": (
                    "Mantener el traslado, pero agregar horario nocturno en una biblioteca "
                    "cercana, una línea telefónica con intérpretes y un servicio de transporte "
                    "en los días de más demanda."
                ),
                "is_correct": True,
                "feedback": (
                    "Correcto: estos cambios evitaron que la carga recayera sobre todo en los "
                    "residentes con menos opciones."
                ),
            },
            {
                "text": "Mantener el plan sin cambios, porque el edificio nuevo es más moderno.",
                "is_correct": False,
                "feedback": (
                    "El enfoque mostró que la mayoría de los visitantes llega en autobús y "
                    "muchos necesitan ayuda con el idioma, así que el personal cambió el plan."
                ),
            },
            {
                "text": "Trasladar el centro a la zona donde vive la mayor parte del personal.",
                "is_correct": False,
                "feedback": (
                    "El enfoque pone en el centro a las personas a quienes llega la decisión, "
                    "en este caso los visitantes actuales, no la comodidad del personal."
                ),
            },
        ],
        "explanation": (
            "Aplicar el enfoque no siempre detiene una decisión. En el ejemplo, reveló que la "
            "mayoría de los visitantes llega en autobús y muchos necesitan ayuda en otro "
            "idioma, así que el personal mantuvo el traslado y redujo la carga injusta."
        ),
    },
]

# Equity in Everyday Decisions, lesson 2: Using Data and Common Language

_DATA_EN = [
    {
        "kind": "true_false",
        "prompt": (
            "If the citywide average response time looks acceptable, you can conclude that "
            "every neighborhood is being served well."
        ),
        "choices": [
            {
                "text": "True",
                "is_correct": False,
                "feedback": (
                    "An average of five days could hide a range from two days in some areas "
                    "to twelve in others."
                ),
            },
            {
                "text": "False",
                "is_correct": True,
                "feedback": (
                    "Correct: only data broken out by group or place shows whether some "
                    "neighborhoods are far behind."
                ),
            },
        ],
        "explanation": (
            "Averages can hide large gaps. Disaggregated data, broken out by group such as race "
            "and ethnicity, language, or council district, shows who is being left behind and "
            "where in a process the gap starts."
        ),
    },
    {
        "kind": "multiple",
        "prompt": (
            "Which practices does the lesson recommend when working with equity data? Select "
            "all that apply."
        ),
        "choices": [
            {
                "text": "Pair the numbers with what residents and front-line staff say",
                "is_correct": True,
                "feedback": (
                    "Correct: data shows that a gap exists more easily than why it exists, so "
                    "it needs context."
                ),
            },
            {
                "text": "Report very small counts by group so that every detail is visible",
                "is_correct": False,
                "feedback": (
                    "Very small counts could identify individuals, so the lesson advises "
                    "against reporting them."
                ),
            },
            {
                "text": "Ask who is missing, such as people who never call or apply",
                "is_correct": True,
                "feedback": (
                    "Correct: people who are never counted do not appear in the records, and "
                    "their absence can be a finding in itself."
                ),
            },
            {
                "text": "Use official City or department definitions where they exist",
                "is_correct": True,
                "feedback": (
                    "Correct: shared definitions let reports from different departments be "
                    "read side by side."
                ),
            },
        ],
        "explanation": (
            "Good equity data is disaggregated, handled lawfully and with privacy protected, "
            "paired with what people say, and described in shared terms so that results can "
            "be compared across the City."
        ),
    },
]

_DATA_ES = [
    {
        "kind": "true_false",
        "prompt": (
            "Si el tiempo de respuesta promedio de toda la ciudad parece aceptable, se puede "
            "concluir que todos los barrios están bien atendidos."
        ),
        "choices": [
            {
                "text": "Verdadero",
                "is_correct": False,
                "feedback": (
                    "Un promedio de cinco días podría ocultar un rango de dos días en algunas "
                    "zonas a doce en otras."
                ),
            },
            {
                "text": "Falso",
                "is_correct": True,
                "feedback": (
                    "Correcto: solo los datos desglosados por grupo o por lugar muestran si "
                    "algunos barrios están muy rezagados."
                ),
            },
        ],
        "explanation": (
            "Los promedios pueden ocultar grandes brechas. Los datos desglosados por grupo, "
            "como raza y origen étnico, idioma o distrito del concejo, muestran quién se está "
            "quedando atrás y en qué punto de un proceso comienza la brecha."
        ),
    },
    {
        "kind": "multiple",
        "prompt": (
            "¿Qué prácticas recomienda la lección al trabajar con datos de equidad? Seleccione "
            "todas las respuestas que correspondan."
        ),
        "choices": [
            {
                "text": (
                    "Complementar las cifras con lo que dicen los residentes y el personal de "
                    "primera línea"
                ),
                "is_correct": True,
                "feedback": (
                    "Correcto: los datos muestran que existe una brecha con más facilidad que "
                    "el porqué, así que necesitan contexto."
                ),
            },
            {
                "text": "Informar cifras muy pequeñas por grupo para que se vea cada detalle",
                "is_correct": False,
                "feedback": (
                    "Las cifras muy pequeñas podrían identificar a personas, por eso la lección "
                    "aconseja no publicarlas."
                ),
            },
            {
                "text": (
                    "Preguntar quién falta, como las personas que nunca llaman o nunca "
                    "presentan una solicitud"
                ),
                "is_correct": True,
                "feedback": (
                    "Correcto: quienes nunca se cuentan no aparecen en los registros, y su "
                    "ausencia puede ser un hallazgo en sí mismo."
                ),
            },
            {
                "text": (
                    "Usar las definiciones oficiales de la Ciudad o del departamento cuando existan"
                ),
                "is_correct": True,
                "feedback": (
                    "Correcto: las definiciones compartidas permiten leer lado a lado los "
                    "informes de distintos departamentos."
                ),
            },
        ],
        "explanation": (
            "Los buenos datos de equidad están desglosados, se manejan de forma legal y "
            "protegiendo la privacidad, se complementan con lo que dicen las personas y se "
            "describen con términos compartidos para poder comparar resultados en toda la "
            "Ciudad."
        ),
    },
]

CHECKS: dict[str, dict[str, dict]] = {
    "implicit-bias-foundations": {
        "what-is-implicit-bias": {
            "en": {"title": _TITLE_EN, "questions": _WHAT_IS_EN},
            "es": {"title": _TITLE_ES, "questions": _WHAT_IS_ES},
        },
        "bias-in-city-services": {
            "en": {"title": _TITLE_EN, "questions": _CITY_SERVICES_EN},
            "es": {"title": _TITLE_ES, "questions": _CITY_SERVICES_ES},
        },
        "what-individuals-can-do": {
            "en": {"title": _TITLE_EN, "questions": _INDIVIDUALS_EN},
            "es": {"title": _TITLE_ES, "questions": _INDIVIDUALS_ES},
        },
        "what-departments-can-do": {
            "en": {"title": _TITLE_EN, "questions": _DEPARTMENTS_EN},
            "es": {"title": _TITLE_ES, "questions": _DEPARTMENTS_ES},
        },
    },
    "equity-in-everyday-decisions": {
        "who-benefits-who-is-burdened": {
            "en": {"title": _TITLE_EN, "questions": _BENEFITS_EN},
            "es": {"title": _TITLE_ES, "questions": _BENEFITS_ES},
        },
        "data-and-common-language": {
            "en": {"title": _TITLE_EN, "questions": _DATA_EN},
            "es": {"title": _TITLE_ES, "questions": _DATA_ES},
        },
    },
}

# Pre- and post-assessment bank for Implicit Bias: Foundations

_ASSESSMENT_EN = [
    {
        "kind": "single",
        "prompt": "Which statement about implicit bias is most accurate?",
        "choices": [
            {
                "text": "Only people who hold explicit prejudice have implicit associations.",
                "is_correct": False,
                "feedback": (
                    "Everyone has automatic associations, including people sincerely "
                    "committed to fairness."
                ),
            },
            {
                "text": "People never hold negative associations about their own group.",
                "is_correct": False,
                "feedback": (
                    "The course notes that people can hold negative associations about their "
                    "own group."
                ),
            },
            {
                "text": (
                    "Having automatic associations does not make someone a bad person, but we "
                    "are responsible for keeping them from deciding outcomes."
                ),
                "is_correct": True,
                "feedback": (
                    "Correct: the course is about responsibility, not blame, and about habits "
                    "and systems that keep associations from deciding outcomes."
                ),
            },
            {
                "text": "Once you learn about implicit bias, it stops affecting your decisions.",
                "is_correct": False,
                "feedback": (
                    "Awareness is only a starting point; clear criteria, consistent steps, and "
                    "good data make the difference over time."
                ),
            },
        ],
        "explanation": (
            "Implicit associations come from growing up in a particular society, and everyone "
            "has them. The aim is not blame but responsibility: building habits and systems "
            "that keep those associations from deciding outcomes."
        ),
    },
    {
        "kind": "true_false",
        "prompt": (
            "Field experiments that send out matched job applications differing only in a "
            "name can show what a particular employer was thinking."
        ),
        "choices": [
            {
                "text": "True",
                "is_correct": False,
                "feedback": (
                    "These studies cannot tell us what was in anyone's mind; they show "
                    "patterns across many decisions."
                ),
            },
            {
                "text": "False",
                "is_correct": True,
                "feedback": (
                    "Correct: they show that race can affect outcomes across many decisions, "
                    "not what any one person intended."
                ),
            },
        ],
        "explanation": (
            "Field experiments have repeatedly found differences in how people are treated "
            "when only a name differs. They show that race can affect outcomes across many "
            "decisions even where nobody intends it, without revealing any one person's "
            "thoughts."
        ),
    },
    {
        "kind": "multiple",
        "prompt": (
            "Which of the following does the course describe as ways that unequal patterns "
            "are built up or carried forward? Select all that apply."
        ),
        "choices": [
            {
                "text": (
                    "Racially restrictive housing covenants and 1930s federal mortgage maps "
                    "that shaped where families could live"
                ),
                "is_correct": True,
                "feedback": (
                    "Correct: the course gives these as an example of structural racism whose "
                    "effects can still be seen in Los Angeles neighborhoods."
                ),
            },
            {
                "text": (
                    "An unwritten habit of giving some owners time to comply while others are "
                    "cited sooner"
                ),
                "is_correct": True,
                "feedback": (
                    "Correct: in the inspector's account, no policy called for this, yet it "
                    "produced different results by neighborhood."
                ),
            },
            {
                "text": "A single typo that an employee corrects the same day",
                "is_correct": False,
                "feedback": (
                    "A one-time error that is promptly fixed does not build up advantage or "
                    "disadvantage for any group."
                ),
            },
            {
                "text": (
                    "Contracting opportunities that travel mainly through informal networks "
                    "of familiar firms"
                ),
                "is_correct": True,
                "feedback": (
                    "Correct: newer and smaller businesses, including many owned by people of "
                    "color, may never hear about the work."
                ),
            },
        ],
        "explanation": (
            "Structural racism builds up advantage and disadvantage over time through history, "
            "laws, and institutions. Institutional practices and implicit bias in ordinary "
            "work can carry those patterns forward, whether or not anyone intends it."
        ),
    },
    {
        "kind": "single",
        "prompt": (
            "You are about to choose between a warning and a citation. According to the "
            "course, what is the most useful thing to do at that moment?"
        ),
        "choices": [
            {
                "text": "Trust your first impression, since it reflects your experience.",
                "is_correct": False,
                "feedback": (
                    "First impressions are where automatic associations have the most "
                    "influence, especially under time pressure."
                ),
            },
            {
                "text": (
                    "Pause briefly, check your assumptions, and apply the same written "
                    "criteria you use for everyone."
                ),
                "is_correct": True,
                "feedback": (
                    "Correct: a pause and written criteria give considered judgment the final "
                    "say at a key decision point."
                ),
            },
            {
                "text": "Decide based on how cooperative the person at the door seems.",
                "is_correct": False,
                "feedback": (
                    "In the inspector's account, nervousness and limited English were "
                    "misread as not cooperating."
                ),
            },
            {
                "text": "Ask a child in the household to interpret so the visit goes faster.",
                "is_correct": False,
                "feedback": (
                    "The course advises against relying on children or bystanders to "
                    "interpret; arrange proper interpretation instead."
                ),
            },
        ],
        "explanation": (
            "At decision points that matter, a short pause, a check of assumptions such as "
            "the flip test, and written criteria applied the same way to everyone turn an "
            "automatic decision into a deliberate one."
        ),
    },
    {
        "kind": "multiple",
        "prompt": (
            "Which department practices does the course describe for reducing the effects of "
            "bias? Select all that apply."
        ),
        "choices": [
            {
                "text": "Structured interviews scored against a guide agreed on in advance",
                "is_correct": True,
                "feedback": (
                    "Correct: they predict job performance better than unstructured "
                    "conversations and leave less room for bias."
                ),
            },
            {
                "text": 'Using "fit" as the main standard for hiring decisions',
                "is_correct": False,
                "feedback": (
                    'The course warns that vague standards such as "fit" invite guesswork.'
                ),
            },
            {
                "text": "Looking at disaggregated data for each step of a process",
                "is_correct": True,
                "feedback": "Correct: averages and final results can hide where a gap begins.",
            },
            {
                "text": "Engaging affected communities early, while real choices are still open",
                "is_correct": True,
                "feedback": (
                    "Correct: the people most affected often know the most about how a "
                    "decision will work in practice."
                ),
            },
            {
                "text": "Calling only familiar vendors to save time",
                "is_correct": False,
                "feedback": (
                    "The course recommends advertising opportunities widely so newer and "
                    "smaller businesses can compete."
                ),
            },
        ],
        "explanation": (
            "Departments make fairness last by building it into their systems: structured "
            "interviews and clear criteria, disaggregated data and equity review of policies, "
            "fair contracting, early community engagement, and supported equity liaisons."
        ),
    },
    {
        "kind": "true_false",
        "prompt": (
            "Because automatic associations cannot simply be switched off, the course focuses "
            "on changing how decisions are made, through clear criteria, consistent steps, and "
            "good data."
        ),
        "choices": [
            {
                "text": "True",
                "is_correct": True,
                "feedback": (
                    "Correct: awareness is a starting point, but clear criteria, consistent "
                    "steps, and good data make the difference over time."
                ),
            },
            {
                "text": "False",
                "is_correct": False,
                "feedback": (
                    "The course says willpower alone tends not to work, so it focuses on the "
                    "conditions and systems of decision making."
                ),
            },
        ],
        "explanation": (
            "Trying to push associations out of your mind tends not to work, and one-time "
            "exercises rarely change behavior for long. Changing how decisions are made, for "
            "individuals and for departments, is what reduces the effects of bias."
        ),
    },
]

_ASSESSMENT_ES = [
    {
        "kind": "single",
        "prompt": "¿Cuál de estas afirmaciones sobre el sesgo implícito es más acertada?",
        "choices": [
            {
                "text": (
                    "Solo las personas con prejuicios explícitos tienen asociaciones implícitas."
                ),
                "is_correct": False,
                "feedback": (
                    "Todos tenemos asociaciones automáticas, incluidas las personas "
                    "sinceramente comprometidas con la imparcialidad."
                ),
            },
            {
                "text": "Nadie tiene asociaciones negativas sobre su propio grupo.",
                "is_correct": False,
                "feedback": (
                    "El curso señala que es posible tener asociaciones negativas sobre el "
                    "propio grupo."
                ),
            },
            {
                "text": (
                    "Tener asociaciones automáticas no convierte a nadie en una mala persona, "
                    "pero tenemos la responsabilidad de impedir que decidan los resultados."
                ),
                "is_correct": True,
                "feedback": (
                    "Correcto: el curso trata de asumir responsabilidad, no de culpar, y de "
                    "crear hábitos y sistemas que impidan que las asociaciones decidan."
                ),
            },
            {
                "text": (
                    "Una vez que se aprende sobre el sesgo implícito, deja de afectar las "
                    "decisiones."
                ),
                "is_correct": False,
                "feedback": (
                    "La conciencia es solo un punto de partida; los criterios claros, los "
                    "pasos consistentes y los buenos datos marcan la diferencia con el tiempo."
                ),
            },
        ],
        "explanation": (
            "Las asociaciones implícitas vienen de crecer en una sociedad determinada, y todos "
            "las tenemos. El objetivo no es culpar, sino asumir responsabilidad: crear hábitos "
            "y sistemas que impidan que esas asociaciones decidan los resultados."
        ),
    },
    {
        "kind": "true_false",
        "prompt": (
            "Los experimentos de campo que envían solicitudes de empleo equivalentes que solo "
            "se diferencian en un nombre pueden mostrar lo que pensaba un empleador en "
            "particular."
        ),
        "choices": [
            {
                "text": "Verdadero",
                "is_correct": False,
                "feedback": (
                    "Estos estudios no pueden decirnos qué pensaba nadie; muestran patrones "
                    "a lo largo de muchas decisiones."
                ),
            },
            {
                "text": "Falso",
                "is_correct": True,
                "feedback": (
                    "Correcto: muestran que la raza puede afectar los resultados a lo largo de "
                    "muchas decisiones, no lo que pretendía una persona."
                ),
            },
        ],
        "explanation": (
            "Los experimentos de campo han encontrado una y otra vez diferencias en el trato "
            "cuando solo cambia el nombre. Muestran que la raza puede afectar los resultados "
            "a lo largo de muchas decisiones aunque nadie lo pretenda, sin revelar lo que "
            "piensa una persona en particular."
        ),
    },
    {
        "kind": "multiple",
        "prompt": (
            "¿Cuáles de los siguientes describe el curso como formas en que se acumulan o se "
            "perpetúan patrones desiguales? Seleccione todas las respuestas que correspondan."
        ),
        "choices": [
            {
                "text": (
                    "Las cláusulas de vivienda con restricciones raciales y los mapas "
                    "hipotecarios federales de la década de 1930 que determinaron dónde podían "
                    "vivir las familias"
                ),
                "is_correct": True,
                "feedback": (
                    "Correcto: el curso los presenta como un ejemplo de racismo estructural "
                    "cuyos efectos todavía se ven en los barrios de Los Ángeles."
                ),
            },
            {
                "text": (
                    "La costumbre no escrita de dar plazo a algunos propietarios mientras a "
                    "otros se les emite una citación antes"
                ),
                "is_correct": True,
                "feedback": (
                    "Correcto: en el relato del inspector, ninguna política lo exigía, pero "
                    "producía resultados distintos según el barrio."
                ),
            },
            {
                "text": "Un error de escritura que un empleado corrige el mismo día",
                "is_correct": False,
                "feedback": (
                    "Un error aislado que se corrige de inmediato no acumula ventajas ni "
                    "desventajas para ningún grupo."
                ),
            },
            {
                "text": (
                    "Oportunidades de contratación que circulan sobre todo por redes "
                    "informales de empresas conocidas"
                ),
                "is_correct": True,
                "feedback": (
                    "Correcto: los negocios más nuevos y pequeños, incluidos muchos cuyos "
                    "dueños son personas de color, quizás nunca se enteren del trabajo."
                ),
            },
        ],
        "explanation": (
            "El racismo estructural acumula ventajas y desventajas con el tiempo a través de "
            "la historia, las leyes y las instituciones. Las prácticas institucionales y el "
            "sesgo implícito en el trabajo cotidiano pueden perpetuar esos patrones, haya o no "
            "intención."
        ),
    },
    {
        "kind": "single",
        "prompt": (
            "Usted está a punto de elegir entre una advertencia y una citación. Según el "
            "curso, ¿qué es lo más útil que puede hacer en ese momento?"
        ),
        "choices": [
            {
                "text": "Confiar en su primera impresión, porque refleja su experiencia.",
                "is_correct": False,
                "feedback": (
                    "La primera impresión es donde las asociaciones automáticas tienen más "
                    "influencia, sobre todo con prisa."
                ),
            },
            {
                "text": (
                    "Hacer una breve pausa, revisar sus suposiciones y aplicar los mismos "
                    "criterios escritos que usa con todos."
                ),
                "is_correct": True,
                "feedback": (
                    "Correcto: una pausa y criterios escritos le dan la última palabra al "
                    "juicio meditado en un punto de decisión clave."
                ),
            },
            {
                "text": "Decidir según lo cooperativa que parezca la persona que abre la puerta.",
                "is_correct": False,
                "feedback": (
                    "En el relato del inspector, el nerviosismo y el poco dominio del inglés "
                    "se interpretaban erróneamente como falta de cooperación."
                ),
            },
            {
                "text": (
                    "Pedirle a un niño de la casa que interprete para que la visita sea más rápida."
                ),
                "is_correct": False,
                "feedback": (
                    "El curso desaconseja depender de niños o de personas de paso para "
                    "interpretar; en su lugar, consiga interpretación adecuada."
                ),
            },
        ],
        "explanation": (
            "En los puntos de decisión importantes, una breve pausa, una revisión de las "
            "suposiciones como la prueba de inversión y criterios escritos aplicados igual a "
            "todos convierten una decisión automática en una decisión deliberada."
        ),
    },
    {
        "kind": "multiple",
        "prompt": (
            "¿Qué prácticas de los departamentos describe el curso para reducir los efectos "
            "del sesgo? Seleccione todas las respuestas que correspondan."
        ),
        "choices": [
            {
                "text": "Entrevistas estructuradas calificadas con una guía acordada de antemano",
                "is_correct": True,
                "feedback": (
                    "Correcto: predicen el desempeño laboral mejor que las conversaciones sin "
                    "estructura y dejan menos espacio al sesgo."
                ),
            },
            {
                "text": 'Usar "encajar" como criterio principal en las decisiones de selección',
                "is_correct": False,
                "feedback": (
                    'El curso advierte que los criterios vagos como "encajar" invitan a hacer '
                    "conjeturas."
                ),
            },
            {
                "text": "Revisar datos desglosados de cada paso de un proceso",
                "is_correct": True,
                "feedback": (
                    "Correcto: los promedios y los resultados finales pueden ocultar dónde "
                    "comienza una brecha."
                ),
            },
            {
                "text": (
                    "Involucrar a las comunidades afectadas desde el principio, mientras "
                    "todavía haya opciones reales"
                ),
                "is_correct": True,
                "feedback": (
                    "Correcto: las personas más afectadas suelen ser quienes mejor saben cómo "
                    "funcionará una decisión en la práctica."
                ),
            },
            {
                "text": "Llamar solo a proveedores conocidos para ahorrar tiempo",
                "is_correct": False,
                "feedback": (
                    "El curso recomienda anunciar las oportunidades ampliamente para que los "
                    "negocios más nuevos y pequeños puedan competir."
                ),
            },
        ],
        "explanation": (
            "Los departamentos logran que la imparcialidad perdure cuando la incorporan a sus "
            "sistemas: entrevistas estructuradas y criterios claros, datos desglosados y "
            "revisión de políticas con enfoque de equidad, contratación justa, participación "
            "comunitaria temprana y enlaces de equidad con respaldo."
        ),
    },
    {
        "kind": "true_false",
        "prompt": (
            "Como las asociaciones automáticas no se pueden simplemente apagar, el curso se "
            "enfoca en cambiar la forma en que se toman las decisiones, con criterios claros, "
            "pasos consistentes y buenos datos."
        ),
        "choices": [
            {
                "text": "Verdadero",
                "is_correct": True,
                "feedback": (
                    "Correcto: la conciencia es un punto de partida, pero los criterios "
                    "claros, los pasos consistentes y los buenos datos marcan la diferencia."
                ),
            },
            {
                "text": "Falso",
                "is_correct": False,
                "feedback": (
                    "El curso dice que la fuerza de voluntad por sí sola no suele funcionar, "
                    "por eso se enfoca en las condiciones y los sistemas de decisión."
                ),
            },
        ],
        "explanation": (
            "Tratar de sacar las asociaciones de la mente no suele funcionar, y los ejercicios "
            "que se hacen una sola vez rara vez cambian el comportamiento por mucho tiempo. Lo "
            "que reduce los efectos del sesgo es cambiar la forma en que se toman las "
            "decisiones, tanto de cada persona como de cada departamento."
        ),
    },
]

ASSESSMENT: dict[str, list[dict]] = {"en": _ASSESSMENT_EN, "es": _ASSESSMENT_ES}
