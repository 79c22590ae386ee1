"""The demo resource library: ORE's three toolkits and a few guides (data only).

Original text written for the demo city. The three toolkits are the partnerships named in ORE's
strategic plan (CAO budget equity tool, BCA contract and procurement equity, BOE capital
improvement project grading system). `content.demo` turns these into pages and generates each
file: "pdf" files from `blocks`, "xlsx" files from `sheets`. RESOURCE_INTRO_ES and RESOURCES_ES
(by slug: title, summary, partner, audience, body and the files' labels by key) are the Spanish
translations of the library and of every resource.

PDF blocks: ("h", heading), ("p", paragraph), ("li", bullet), ("check", checkbox line),
("field", label followed by a line to write on).
Spreadsheet cells that start with "=" are formulas; "{row}" in them is the cell's row number.
A sheet's `total` adds a last row that sums the named columns.
"""

RESOURCE_INTRO = (
    "<p>Toolkits, guides, templates and worksheets from the Office of Racial Equity and its "
    "partner departments, free for every City team to use. Ask ORE for technical assistance "
    "if you would like help applying one.</p>"
)

FOUNDATIONS = "implicit-bias-foundations"
EVERYDAY = "equity-in-everyday-decisions"

RESOURCES = [
    {
        "slug": "budget-equity-tool",
        "title": "Budget Equity Tool",
        "summary": (
            "A set of ten questions that departments answer for each budget request, so that "
            "the City Administrative Officer and decision makers can see who a request serves, "
            "what the data say about current gaps and how results will be tracked."
        ),
        "kind": "toolkit",
        "owner": "CAO",
        "partner": "City Administrative Officer",
        "areas": ["community-wealth", "economic-opportunity"],
        "audience": "Department budget coordinators, analysts and managers",
        "languages": "en",
        "body": (
            "<p>The Budget Equity Tool was developed by the Office of Racial Equity with the "
            "City Administrative Officer. Departments complete it for every new or expanded "
            "budget request and for proposed reductions. Each answer is scored from 0 (not "
            "addressed) to 2 (addressed with evidence); the score is a prompt for discussion, "
            "not a funding formula.</p>"
            "<ul><li>Start from data: who uses the service today, by race, language and "
            "Council District?</li>"
            "<li>Name the community you consulted and what you heard.</li>"
            "<li>Say how you will measure whether the request narrows a gap.</li></ul>"
        ),
        "version": "2.1",
        "last_reviewed_on": "2026-08-12",
        "courses": [EVERYDAY],
        "terms": ["equitable-budgeting", "disaggregated-data", "equity-lens"],
        "files": [
            {
                "key": "budget-equity-tool-scoring-worksheet",
                "title": "Budget Equity Tool: scoring worksheet (v2.1)",
                "label": "Scoring worksheet (spreadsheet)",
                "language": "en",
                "format": "xlsx",
                "sheets": [
                    {
                        "name": "Instructions",
                        "columns": [("Budget Equity Tool: how to use this worksheet", 100)],
                        "rows": [
                            ["1. Complete one worksheet for each budget request or reduction."],
                            ["2. Answer every question in the Scoring sheet in a few sentences."],
                            ["3. Score each answer: 0 not addressed, 1 partly, 2 with evidence."],
                            ["4. Attach the data you used; withhold counts under 11 people."],
                            ["5. Send the worksheet with the request to your CAO analyst."],
                        ],
                    },
                    {
                        "name": "Scoring",
                        "columns": [
                            ("Question", 70),
                            ("Score (0-2)", 13),
                            ("Evidence and notes", 50),
                        ],
                        "rows": [
                            ["1. What result for residents does this request aim at?", 0, ""],
                            ["2. Who uses the service today, by race, language and area?", 0, ""],
                            ["3. Which groups are under-served, and how do you know?", 0, ""],
                            ["4. Who benefits from the request, and who carries a burden?", 0, ""],
                            ["5. Which communities did you consult, in which languages?", 0, ""],
                            ["6. What did they tell you, and what did you change?", 0, ""],
                            ["7. Could the request widen an existing gap?", 0, ""],
                            ["8. How will the request reach the under-served groups?", 0, ""],
                            ["9. Which measure will show whether the gap narrows?", 0, ""],
                            ["10. When and how will you report the results?", 0, ""],
                        ],
                        "total": {"label": "Total score (out of 20)", "columns": ["B"]},
                    },
                ],
            },
            {
                "key": "budget-equity-tool-guide",
                "title": "Budget Equity Tool: guide for budget analysts (v2.1)",
                "label": "Guide for budget analysts (PDF)",
                "language": "en",
                "format": "pdf",
                "blocks": [
                    ("h", "Budget Equity Tool: guide for budget analysts"),
                    (
                        "p",
                        "The Budget Equity Tool asks departments ten questions about each "
                        "budget request. It helps analysts and decision makers see, in the same "
                        "format for every department, who a request serves and how the "
                        "department will know whether it worked.",
                    ),
                    ("h", "Reading a completed worksheet"),
                    ("li", "A total of 15 or more usually means the request is well grounded."),
                    ("li", "A score of 0 on questions 2 or 3 means the data step was skipped."),
                    ("li", "Look for named communities and languages in questions 5 and 6."),
                    ("li", "Question 9 should name one measure, with a baseline."),
                    ("h", "What the score is not"),
                    (
                        "p",
                        "The score is not a funding formula and does not rank departments. A "
                        "low score is a reason to talk with the department, and ORE offers "
                        "technical assistance to complete the tool.",
                    ),
                ],
            },
        ],
    },
    {
        "slug": "contract-and-procurement-equity-toolkit",
        "title": "Contract and Procurement Equity Toolkit",
        "summary": (
            "Practical steps for contract managers to widen the field of businesses that "
            "compete for City work: planning, outreach, solicitation design, evaluation and "
            "tracking of awards and payments."
        ),
        "kind": "toolkit",
        "owner": "BCA",
        "partner": "Bureau of Contract Administration",
        "areas": ["procurement", "economic-opportunity", "community-wealth"],
        "audience": "Contract managers, procurement staff and small-business liaisons",
        "languages": "en,es",
        "body": (
            "<p>Developed by the Office of Racial Equity with the Bureau of Contract "
            "Administration, the toolkit follows a contract from planning to closeout and "
            "shows, at each step, what can open the door to small, local and minority-owned "
            "businesses.</p>"
            "<ul><li>A checklist for contract managers.</li>"
            "<li>A plain-language guide for businesses, in English and Spanish.</li></ul>"
        ),
        "version": "1.3",
        "last_reviewed_on": "2026-06-30",
        "courses": [EVERYDAY],
        "terms": ["procurement-equity", "community-wealth"],
        "files": [
            {
                "key": "procurement-equity-checklist",
                "title": "Contract and Procurement Equity Toolkit: contract manager checklist",
                "label": "Checklist for contract managers (PDF)",
                "language": "en",
                "format": "pdf",
                "blocks": [
                    ("h", "Contract and procurement equity: checklist for contract managers"),
                    ("p", "Use this checklist for every solicitation above the informal limit."),
                    ("h", "Planning"),
                    ("check", "Reviewed past awards for this kind of work by business ownership."),
                    ("check", "Considered dividing the work into smaller contracts."),
                    ("check", "Set bonding and insurance at what the risk requires, no more."),
                    ("h", "Outreach"),
                    ("check", "Posted the opportunity at least 30 days before bids are due."),
                    ("check", "Held a pre-bid meeting online and in person, with interpretation."),
                    ("check", "Shared the notice with chambers of commerce and business groups."),
                    ("h", "Evaluation and award"),
                    ("check", "Scoring criteria published with the solicitation."),
                    ("check", "Evaluation panel includes at least one member outside the unit."),
                    ("h", "After award"),
                    ("check", "Prompt payment terms for subcontractors written into the contract."),
                    ("check", "Subcontractor payments tracked and reported each quarter."),
                ],
            },
            {
                "key": "procurement-equity-business-guide-es",
                "title": "Contract and Procurement Equity Toolkit: guía para empresas (es)",
                "label": "Guía para pequeñas empresas (PDF, español)",
                "language": "es",
                "format": "pdf",
                "blocks": [
                    ("h", "Cómo competir por contratos de la Ciudad de Los Ángeles"),
                    (
                        "p",
                        "Esta guía explica, en lenguaje sencillo, cómo una pequeña empresa "
                        "puede encontrar oportunidades de contratación con la Ciudad y "
                        "preparar una propuesta.",
                    ),
                    ("h", "Pasos"),
                    ("li", "Registre su empresa en el sistema de proveedores de la Ciudad."),
                    ("li", "Solicite las certificaciones para las que su empresa califique."),
                    ("li", "Revise cada semana las oportunidades publicadas."),
                    ("li", "Asista a las reuniones previas a la licitación; hay interpretación."),
                    ("li", "Presente su propuesta antes de la fecha límite indicada."),
                    ("h", "Pagos"),
                    (
                        "p",
                        "Si usted es subcontratista, el contrato establece plazos de pago. Si "
                        "no recibe su pago a tiempo, comuníquese con la Oficina de "
                        "Administración de Contratos.",
                    ),
                ],
            },
        ],
    },
    {
        "slug": "capital-improvement-project-equity-grading-system",
        "title": "Capital Improvement Project Equity Grading System",
        "summary": (
            "A weighted set of criteria that grades proposed capital improvement projects on "
            "need, community burden, engagement and benefit to under-invested neighborhoods, "
            "so that equity is considered alongside cost and engineering priority."
        ),
        "kind": "toolkit",
        "owner": "BOE",
        "partner": "Bureau of Engineering",
        "areas": ["housing-built-environments", "zoning", "health-well-being"],
        "audience": "Project managers, engineers and capital program planners",
        "languages": "en",
        "body": (
            "<p>Developed by the Office of Racial Equity with the Bureau of Engineering. Each "
            "proposed project is scored from 1 to 5 on six criteria; weights add up to 100, and "
            "the weighted total (out of 500) is reported with the project's cost and "
            "engineering priority.</p>"
            "<p>The grading system does not replace engineering judgment. It makes sure that "
            "the same equity questions are asked of every project, and that the answers are "
            "recorded.</p>"
        ),
        "version": "1.0",
        "last_reviewed_on": "2026-03-16",
        "courses": [],
        "terms": ["environmental-justice", "redlining", "gentrification-and-displacement"],
        "files": [
            {
                "key": "cip-equity-grading-criteria",
                "title": "CIP Equity Grading System: criteria and weights (v1.0)",
                "label": "Criteria and weights (spreadsheet)",
                "language": "en",
                "format": "xlsx",
                "sheets": [
                    {
                        "name": "Grading",
                        "columns": [
                            ("Criterion", 58),
                            ("Weight", 10),
                            ("Score (1-5)", 13),
                            ("Weighted score", 16),
                        ],
                        "rows": [
                            [
                                "Need: condition of existing asset in the project area",
                                20,
                                1,
                                "=B{row}*C{row}",
                            ],
                            [
                                "Burden: pollution and heat exposure in the project area",
                                20,
                                1,
                                "=B{row}*C{row}",
                            ],
                            [
                                "History: past under-investment (e.g. redlined areas)",
                                15,
                                1,
                                "=B{row}*C{row}",
                            ],
                            [
                                "Access: residents served who lack nearby alternatives",
                                15,
                                1,
                                "=B{row}*C{row}",
                            ],
                            [
                                "Engagement: affected residents shaped the project",
                                15,
                                1,
                                "=B{row}*C{row}",
                            ],
                            [
                                "Displacement: risk managed with protections or local hiring",
                                15,
                                1,
                                "=B{row}*C{row}",
                            ],
                        ],
                        "total": {
                            "label": "Total (weights 100, score out of 500)",
                            "columns": ["B", "D"],
                        },
                    },
                    {
                        "name": "Scale",
                        "columns": [("Score", 10), ("Meaning", 80)],
                        "rows": [
                            [1, "No evidence, or the project adds burden"],
                            [2, "Some evidence, small benefit"],
                            [3, "Clear evidence, moderate benefit"],
                            [4, "Strong evidence, large benefit"],
                            [5, "Strong evidence, large benefit, community-led"],
                        ],
                    },
                ],
            },
            {
                "key": "cip-equity-grading-guide",
                "title": "CIP Equity Grading System: scoring guide (v1.0)",
                "label": "Scoring guide (PDF)",
                "language": "en",
                "format": "pdf",
                "blocks": [
                    ("h", "Capital Improvement Project Equity Grading System: scoring guide"),
                    (
                        "p",
                        "Grade each proposed project on the six criteria of the spreadsheet. "
                        "Use the scale sheet for the meaning of each score, and record the "
                        "evidence for each score in the project file.",
                    ),
                    ("h", "Sources of evidence"),
                    ("li", "Asset condition reports and maintenance backlogs."),
                    ("li", "State environmental screening scores for the census tracts served."),
                    ("li", "Historic lending maps and the City's tree canopy data."),
                    ("li", "Notes and attendance from community meetings about the project."),
                    ("h", "Reporting"),
                    (
                        "p",
                        "Report the weighted total next to the project's cost and engineering "
                        "priority. Projects that score under 250 should be reviewed with the "
                        "Office of Racial Equity before they are funded.",
                    ),
                ],
            },
        ],
    },
    {
        "slug": "equity-lens-worksheet",
        "title": "Equity Lens Worksheet",
        "summary": (
            "A one-page worksheet that takes a team through six questions before a decision: "
            "who is affected, what the data say, who benefits, who is burdened, who was "
            "involved and how results will be measured."
        ),
        "kind": "worksheet",
        "owner": "CHRED",
        "partner": "",
        "areas": ["justice-civic-engagement"],
        "audience": "Any City team making a decision about a policy, program or service",
        "languages": "en,es",
        "body": (
            "<p>Use the worksheet in a team meeting, before a decision is final. It takes "
            "about 30 minutes. Keep the completed worksheet with the decision record.</p>"
        ),
        "version": "3.0",
        "last_reviewed_on": "2026-09-08",
        "courses": [FOUNDATIONS, EVERYDAY],
        "terms": ["equity-lens", "racial-equity", "root-cause-analysis"],
        "files": [
            {
                "key": "equity-lens-worksheet",
                "title": "Equity Lens Worksheet (English)",
                "label": "Worksheet (PDF)",
                "language": "en",
                "format": "pdf",
                "blocks": [
                    ("h", "Equity Lens Worksheet"),
                    ("field", "Decision or proposal"),
                    ("field", "Team and date"),
                    ("field", "1. Which communities are affected? What do the data say?"),
                    ("field", "2. Who benefits from this decision?"),
                    ("field", "3. Who carries a burden or a risk?"),
                    ("field", "4. Who was involved, and in which languages?"),
                    ("field", "5. What could we change to reduce the burden?"),
                    ("field", "6. How will we know whether a disparity narrowed?"),
                ],
            },
            {
                "key": "equity-lens-worksheet-es",
                "title": "Equity Lens Worksheet (español)",
                "label": "Hoja de trabajo (PDF, español)",
                "language": "es",
                "format": "pdf",
                "blocks": [
                    ("h", "Hoja de trabajo: enfoque de equidad"),
                    ("field", "Decisión o propuesta"),
                    ("field", "Equipo y fecha"),
                    ("field", "1. ¿Qué comunidades se ven afectadas? ¿Qué dicen los datos?"),
                    ("field", "2. ¿Quién se beneficia de esta decisión?"),
                    ("field", "3. ¿Quién asume una carga o un riesgo?"),
                    ("field", "4. ¿Quién participó y en qué idiomas?"),
                    ("field", "5. ¿Qué podríamos cambiar para reducir la carga?"),
                    ("field", "6. ¿Cómo sabremos si se redujo una disparidad?"),
                ],
            },
        ],
    },
    {
        "slug": "community-engagement-planning-guide",
        "title": "Community Engagement Planning Guide",
        "summary": (
            "How to plan engagement that reaches the residents most affected by a decision: "
            "choosing the level of participation, going where people are, language access, "
            "compensation and reporting back."
        ),
        "kind": "guide",
        "owner": "CHRED",
        "partner": "",
        "areas": ["justice-civic-engagement", "housing-built-environments"],
        "audience": "Project leads, public information officers and community liaisons",
        "languages": "en,es",
        "body": (
            "<p>The guide follows five steps: define the decision, map who is affected, choose "
            "the level of participation, plan the logistics (place, time, language, "
            "childcare, compensation) and close the loop by reporting what changed.</p>"
        ),
        "version": "1.2",
        "last_reviewed_on": "2026-05-27",
        "courses": [EVERYDAY],
        "terms": ["community-engagement", "language-access", "participatory-budgeting"],
        "files": [
            {
                "key": "community-engagement-planning-guide",
                "title": "Community Engagement Planning Guide (English)",
                "label": "Planning guide (PDF)",
                "language": "en",
                "format": "pdf",
                "blocks": [
                    ("h", "Community Engagement Planning Guide"),
                    ("h", "1. Define the decision"),
                    ("p", "Write down what is still open to change, and what is not."),
                    ("h", "2. Map who is affected"),
                    (
                        "p",
                        "List the neighborhoods, groups and languages concerned. Include "
                        "people who rarely come to public meetings.",
                    ),
                    ("h", "3. Choose the level of participation"),
                    ("li", "Inform: share a decision already made, clearly and in time."),
                    ("li", "Consult: ask for views before deciding, and say how they are used."),
                    ("li", "Decide together: share the decision with community members."),
                    ("h", "4. Plan the logistics"),
                    ("check", "Meetings at times and places residents can reach."),
                    ("check", "Interpretation and translated materials arranged in advance."),
                    ("check", "Childcare, food and compensation for community experts."),
                    ("h", "5. Close the loop"),
                    ("p", "Report back what you heard and what changed because of it."),
                ],
            },
            {
                "key": "community-engagement-planning-guide-es",
                "title": "Community Engagement Planning Guide (español)",
                "label": "Guía de planificación (PDF, español)",
                "language": "es",
                "format": "pdf",
                "blocks": [
                    ("h", "Guía para planificar la participación comunitaria"),
                    ("h", "1. Defina la decisión"),
                    ("p", "Anote qué aspectos todavía pueden cambiar y cuáles no."),
                    ("h", "2. Identifique a quiénes afecta"),
                    (
                        "p",
                        "Enumere los vecindarios, grupos e idiomas involucrados. Incluya a las "
                        "personas que rara vez asisten a reuniones públicas.",
                    ),
                    ("h", "3. Elija el nivel de participación"),
                    ("li", "Informar: comunicar una decisión ya tomada, con claridad y a tiempo."),
                    ("li", "Consultar: pedir opiniones antes de decidir y explicar su uso."),
                    ("li", "Decidir en conjunto: compartir la decisión con la comunidad."),
                    ("h", "4. Planifique la logística"),
                    ("check", "Reuniones en horarios y lugares accesibles para los residentes."),
                    ("check", "Interpretación y materiales traducidos preparados con antelación."),
                    ("check", "Cuidado infantil, alimentos y compensación por su tiempo."),
                    ("h", "5. Cierre el ciclo"),
                    ("p", "Informe lo que escuchó y qué cambió gracias a ello."),
                ],
            },
        ],
    },
    {
        "slug": "language-access-checklist",
        "title": "Language Access Checklist",
        "summary": (
            "A checklist for public counters, call lines, websites and public meetings, to "
            "make sure residents can use the service in the language they understand best."
        ),
        "kind": "template",
        "owner": "CHRED",
        "partner": "",
        "areas": ["justice-civic-engagement", "health-well-being"],
        "audience": "Supervisors of public-facing services and meeting organizers",
        "languages": "en,es",
        "body": (
            "<p>Review the checklist once a year for each public-facing service, and before "
            "every public meeting. Items left unchecked become the service's language access "
            "plan for the year.</p>"
        ),
        "version": "1.1",
        "last_reviewed_on": "2026-06-02",
        "courses": [],
        "terms": ["language-access", "community-engagement"],
        "files": [
            {
                "key": "language-access-checklist",
                "title": "Language Access Checklist (English)",
                "label": "Checklist (PDF)",
                "language": "en",
                "format": "pdf",
                "blocks": [
                    ("h", "Language Access Checklist"),
                    ("field", "Service or meeting"),
                    ("h", "Know your residents"),
                    ("check", "We know the top languages spoken in the area we serve."),
                    ("check", "We record the preferred language of people we serve."),
                    ("h", "In person and by phone"),
                    (
                        "check",
                        "A sign at the counter says, in the top languages, that help is free.",
                    ),
                    ("check", "Staff know how to reach a phone interpreter within minutes."),
                    ("check", "Bilingual staff who interpret have been assessed and trained."),
                    ("h", "Written and online"),
                    ("check", "Vital documents are translated by qualified translators."),
                    ("check", "The web page names the languages in which help is available."),
                    ("h", "Public meetings"),
                    ("check", "Interpretation is offered in the notice, with how to request it."),
                    ("check", "Materials are available in the top languages at the meeting."),
                ],
            },
            {
                "key": "language-access-checklist-es",
                "title": "Language Access Checklist (español)",
                "label": "Lista de verificación (PDF, español)",
                "language": "es",
                "format": "pdf",
                "blocks": [
                    ("h", "Lista de verificación de acceso lingüístico"),
                    ("field", "Servicio o reunión"),
                    ("h", "Conozca a sus residentes"),
                    ("check", "Conocemos los idiomas más hablados en la zona que atendemos."),
                    ("check", "Registramos el idioma preferido de las personas que atendemos."),
                    ("h", "En persona y por teléfono"),
                    (
                        "check",
                        "Un letrero indica, en los idiomas principales, que la ayuda es gratuita.",
                    ),
                    ("check", "El personal sabe conseguir un intérprete telefónico en minutos."),
                    ("check", "El personal bilingüe que interpreta ha sido evaluado y capacitado."),
                    ("h", "Materiales escritos y en línea"),
                    ("check", "Los documentos esenciales los traducen traductores calificados."),
                    ("check", "La página web indica en qué idiomas se ofrece ayuda."),
                    ("h", "Reuniones públicas"),
                    ("check", "El aviso ofrece interpretación y explica cómo solicitarla."),
                    ("check", "Hay materiales en los idiomas principales durante la reunión."),
                ],
            },
        ],
    },
    {
        "slug": "disaggregated-data-guide",
        "title": "Disaggregated Data Guide",
        "summary": (
            "How to collect, break down and publish service data by race, ethnicity, language "
            "and area, including the categories to use, how to protect small groups and how to "
            "describe a disparity."
        ),
        "kind": "guide",
        "owner": "CHRED",
        "partner": "",
        "areas": ["health-well-being", "education-access-attainment", "economic-opportunity"],
        "audience": "Analysts, program managers and anyone preparing data for ORE reports",
        "languages": "en",
        "body": (
            "<p>The guide supports ORE's work on aligning data and indicator definitions "
            "across departments. It explains how to let people describe themselves, how to "
            "combine categories without losing groups, when to withhold small counts (under "
            "11) and how to write about a disparity without blaming the people it "
            "affects.</p>"
        ),
        "version": "2.0",
        "last_reviewed_on": "2026-04-14",
        "courses": [],
        "terms": ["disaggregated-data", "disparity", "disproportionality"],
        "files": [
            {
                "key": "disaggregated-data-guide",
                "title": "Disaggregated Data Guide (v2.0)",
                "label": "Guide (PDF)",
                "language": "en",
                "format": "pdf",
                "blocks": [
                    ("h", "Disaggregated Data Guide"),
                    ("h", "Collecting"),
                    ("li", "Let people describe themselves, and allow more than one race."),
                    ("li", "Always offer 'prefer not to say', and never guess someone's race."),
                    ("li", "Record preferred language separately from race and ethnicity."),
                    ("h", "Reporting"),
                    ("li", "Show counts and rates side by side, with the denominator named."),
                    ("li", "Withhold any count under 11, and any count that reveals one."),
                    ("li", "Say how groups were combined, and keep the same groups every year."),
                    ("h", "Describing a disparity"),
                    (
                        "p",
                        "Describe the gap and the conditions that produce it, not the people "
                        "affected. Write 'residents of the area have less access to' rather "
                        "than 'residents of the area do not use'.",
                    ),
                ],
            }
        ],
    },
    {
        "slug": "equity-indicator-reporting-template",
        "title": "Equity Indicator Reporting Template",
        "summary": (
            "A spreadsheet that turns counts by group into rates, flags counts under the "
            "suppression threshold automatically and lays them out the way ORE's indicator "
            "definitions expect."
        ),
        "kind": "data_tool",
        "owner": "CHRED",
        "partner": "",
        "areas": ["justice-civic-engagement", "economic-opportunity"],
        "audience": "Department data analysts reporting indicators to ORE",
        "languages": "en",
        "body": (
            "<p>Enter one row per group with its numerator and denominator. The template "
            "computes the rate and marks rows to withhold when a count is under 11. Name the "
            "indicator definition from the glossary at the top of the sheet.</p>"
        ),
        "version": "1.0",
        "last_reviewed_on": "2026-07-21",
        "courses": [],
        "terms": ["disaggregated-data", "results-based-accountability", "accountability"],
        "indicators": [
            "implicit-bias-training-completion-rate",
            "on-time-completion-rate",
        ],
        "files": [
            {
                "key": "equity-indicator-reporting-template",
                "title": "Equity Indicator Reporting Template (v1.0)",
                "label": "Reporting template (spreadsheet)",
                "language": "en",
                "format": "xlsx",
                "sheets": [
                    {
                        "name": "Indicator",
                        "columns": [
                            ("Group", 34),
                            ("Numerator", 13),
                            ("Denominator", 13),
                            ("Rate (%)", 11),
                            ("Publish?", 14),
                        ],
                        "rows": [
                            [
                                "Citywide",
                                412,
                                520,
                                '=IF(C{row}=0,"",ROUND(100*B{row}/C{row},1))',
                                '=IF(OR(B{row}<11,C{row}<11),"withhold","publish")',
                            ],
                            [
                                "Example department A",
                                96,
                                120,
                                '=IF(C{row}=0,"",ROUND(100*B{row}/C{row},1))',
                                '=IF(OR(B{row}<11,C{row}<11),"withhold","publish")',
                            ],
                            [
                                "Example department B",
                                7,
                                9,
                                '=IF(C{row}=0,"",ROUND(100*B{row}/C{row},1))',
                                '=IF(OR(B{row}<11,C{row}<11),"withhold","publish")',
                            ],
                        ],
                    }
                ],
            }
        ],
    },
]

# Spanish ---------------------------------------------------------------------------------------
# The resource library in Spanish: `content.demo` makes a live Spanish translation of the index
# and of every resource from these. Files stay as they are (a resource's Spanish files are
# already in RESOURCES); only their labels are translated, by file key.

RESOURCE_INDEX_TITLE_ES = "Recursos y herramientas de asistencia técnica"

RESOURCE_INTRO_ES = (
    "<p>Conjuntos de herramientas, guías, plantillas y hojas de trabajo de la Oficina de "
    "Equidad Racial y de sus departamentos asociados, que todos los equipos de la Ciudad pueden "
    "usar sin costo. Si desea ayuda para aplicar alguno, pida asistencia técnica a la "
    "Oficina de Equidad Racial.</p>"
)

RESOURCES_ES = {
    "budget-equity-tool": {
        "title": "Herramienta de equidad presupuestaria",
        "summary": (
            "Diez preguntas que los departamentos responden para cada solicitud de "
            "presupuesto, para que el Oficial Administrativo de la Ciudad y quienes toman las "
            "decisiones vean a quién atiende la solicitud, qué dicen los datos sobre las "
            "brechas actuales y cómo se dará seguimiento a los resultados."
        ),
        "partner": "Oficial Administrativo de la Ciudad",
        "audience": "Coordinadores de presupuesto, analistas y gerentes de los departamentos",
        "body": (
            "<p>La Oficina de Equidad Racial desarrolló la Herramienta de equidad "
            "presupuestaria con el Oficial Administrativo de la Ciudad. Los departamentos la "
            "completan para cada solicitud de presupuesto nueva o ampliada y para las "
            "reducciones propuestas. Cada respuesta recibe una puntuación de 0 (no se aborda) a "
            "2 (se aborda con evidencia); la puntuación sirve para iniciar una conversación, no "
            "es una fórmula de financiamiento.</p>"
            "<ul><li>Parta de los datos: ¿quiénes usan el servicio hoy, por raza, idioma y "
            "distrito del Concejo?</li>"
            "<li>Nombre a la comunidad que consultó y lo que escuchó.</li>"
            "<li>Indique cómo medirá si la solicitud reduce una brecha.</li></ul>"
        ),
        "labels": {
            "budget-equity-tool-scoring-worksheet": "Hoja de puntuación (hoja de cálculo)",
            "budget-equity-tool-guide": "Guía para analistas de presupuesto (PDF)",
        },
    },
    "contract-and-procurement-equity-toolkit": {
        "title": "Herramientas de equidad en contratos y adquisiciones",
        "summary": (
            "Pasos prácticos para que los administradores de contratos amplíen el número de "
            "empresas que compiten por trabajos de la Ciudad: planificación, difusión, diseño "
            "de la convocatoria, evaluación y seguimiento de las adjudicaciones y los pagos."
        ),
        "partner": "Oficina de Administración de Contratos",
        "audience": (
            "Administradores de contratos, personal de adquisiciones y enlaces con pequeñas "
            "empresas"
        ),
        "body": (
            "<p>La Oficina de Equidad Racial desarrolló este conjunto de herramientas con la "
            "Oficina de Administración de Contratos. Sigue un contrato desde la planificación "
            "hasta el cierre y muestra, en cada paso, qué puede abrir la puerta a pequeñas "
            "empresas, empresas locales y empresas propiedad de minorías.</p>"
            "<ul><li>Una lista de verificación para administradores de contratos.</li>"
            "<li>Una guía en lenguaje sencillo para empresas, en inglés y en español.</li></ul>"
        ),
        "labels": {
            "procurement-equity-checklist": (
                "Lista de verificación para administradores de contratos (PDF)"
            ),
            "procurement-equity-business-guide-es": "Guía para pequeñas empresas (PDF, español)",
        },
    },
    "capital-improvement-project-equity-grading-system": {
        "title": "Sistema de calificación de equidad para proyectos de mejoras de capital",
        "summary": (
            "Criterios ponderados que califican los proyectos de mejoras de capital propuestos "
            "según la necesidad, la carga para la comunidad, la participación y el beneficio "
            "para los vecindarios con poca inversión, para que la equidad se considere junto "
            "con el costo y la prioridad de ingeniería."
        ),
        "partner": "Oficina de Ingeniería",
        "audience": (
            "Gerentes de proyecto, ingenieros y planificadores del programa de mejoras de capital"
        ),
        "body": (
            "<p>La Oficina de Equidad Racial lo desarrolló con la Oficina de Ingeniería. Cada "
            "proyecto propuesto recibe una puntuación de 1 a 5 en seis criterios; las "
            "ponderaciones suman 100, y el total ponderado (sobre 500) se informa junto con el "
            "costo del proyecto y su prioridad de ingeniería.</p>"
            "<p>El sistema de calificación no reemplaza el criterio de ingeniería. Asegura que "
            "a todos los proyectos se les hagan las mismas preguntas de equidad y que las "
            "respuestas queden registradas.</p>"
        ),
        "labels": {
            "cip-equity-grading-criteria": "Criterios y ponderaciones (hoja de cálculo)",
            "cip-equity-grading-guide": "Guía de puntuación (PDF)",
        },
    },
    "equity-lens-worksheet": {
        "title": "Hoja de trabajo del enfoque de equidad",
        "summary": (
            "Una hoja de trabajo de una página que guía a un equipo por seis preguntas antes de "
            "una decisión: a quiénes afecta, qué dicen los datos, quién se beneficia, quién "
            "asume una carga, quiénes participaron y cómo se medirán los resultados."
        ),
        "partner": "",
        "audience": (
            "Cualquier equipo de la Ciudad que tome una decisión sobre una política, un "
            "programa o un servicio"
        ),
        "body": (
            "<p>Use la hoja de trabajo en una reunión de equipo, antes de que la decisión sea "
            "definitiva. Toma unos 30 minutos. Guarde la hoja completada junto con el registro "
            "de la decisión.</p>"
        ),
        "labels": {
            "equity-lens-worksheet": "Hoja de trabajo (PDF)",
            "equity-lens-worksheet-es": "Hoja de trabajo (PDF, español)",
        },
    },
    "community-engagement-planning-guide": {
        "title": "Guía para planificar la participación comunitaria",
        "summary": (
            "Cómo planificar una participación que llegue a los residentes más afectados por "
            "una decisión: elegir el nivel de participación, ir adonde están las personas, "
            "acceso lingüístico, compensación e informar de vuelta a la comunidad."
        ),
        "partner": "",
        "audience": (
            "Responsables de proyectos, oficiales de información pública y enlaces comunitarios"
        ),
        "body": (
            "<p>La guía sigue cinco pasos: definir la decisión, identificar a quiénes afecta, "
            "elegir el nivel de participación, planificar la logística (lugar, horario, idioma, "
            "cuidado infantil, compensación) y cerrar el ciclo informando qué cambió.</p>"
        ),
        "labels": {
            "community-engagement-planning-guide": "Guía de planificación (PDF)",
            "community-engagement-planning-guide-es": "Guía de planificación (PDF, español)",
        },
    },
    "language-access-checklist": {
        "title": "Lista de verificación de acceso lingüístico",
        "summary": (
            "Una lista de verificación para mostradores de atención al público, líneas "
            "telefónicas, sitios web y reuniones públicas, para que los residentes puedan usar "
            "el servicio en el idioma que mejor entienden."
        ),
        "partner": "",
        "audience": (
            "Supervisores de servicios de atención al público y organizadores de reuniones"
        ),
        "body": (
            "<p>Revise la lista una vez al año para cada servicio de atención al público y antes "
            "de cada reunión pública. Los puntos que queden sin marcar se convierten en el plan "
            "de acceso lingüístico del servicio para ese año.</p>"
        ),
        "labels": {
            "language-access-checklist": "Lista de verificación (PDF)",
            "language-access-checklist-es": "Lista de verificación (PDF, español)",
        },
    },
    "disaggregated-data-guide": {
        "title": "Guía de datos desagregados",
        "summary": (
            "Cómo recopilar, desglosar y publicar los datos de un servicio por raza, origen "
            "étnico, idioma y zona: qué categorías usar, cómo proteger a los grupos pequeños y "
            "cómo describir una disparidad."
        ),
        "partner": "",
        "audience": (
            "Analistas, gerentes de programa y cualquier persona que prepare datos para los "
            "informes de la Oficina de Equidad Racial"
        ),
        "body": (
            "<p>La guía apoya el trabajo de la Oficina de Equidad Racial para alinear las "
            "definiciones de datos e indicadores entre los departamentos. Explica cómo permitir "
            "que las personas se describan a sí mismas, cómo combinar categorías sin perder "
            "grupos, cuándo suprimir las cifras pequeñas (menores de 11) y cómo escribir sobre "
            "una disparidad sin culpar a las personas afectadas.</p>"
        ),
        "labels": {"disaggregated-data-guide": "Guía (PDF)"},
    },
    "equity-indicator-reporting-template": {
        "title": "Plantilla de informe de indicadores de equidad",
        "summary": (
            "Una hoja de cálculo que convierte las cifras por grupo en tasas, marca "
            "automáticamente las cifras que quedan por debajo del umbral de supresión y las "
            "presenta como lo esperan las definiciones de indicadores de la Oficina de "
            "Equidad Racial."
        ),
        "partner": "",
        "audience": (
            "Analistas de datos de los departamentos que informan indicadores a la Oficina de "
            "Equidad Racial"
        ),
        "body": (
            "<p>Ingrese una fila por grupo, con su numerador y su denominador. La plantilla "
            "calcula la tasa y marca las filas que se deben suprimir cuando una cifra es menor "
            "de 11. Anote en la parte superior de la hoja la definición del indicador, tomada "
            "del glosario.</p>"
        ),
        "labels": {"equity-indicator-reporting-template": "Plantilla de informe (hoja de cálculo)"},
    },
}


# Technical-assistance requests: demo history. Days are counted back from the seed's as_of date;
# `desired` is (first, last) offsets in days from as_of. `path` lists the statuses after "new".
TA_REQUESTS = [
    {
        "title": "Implicit bias refresher for fleet services supervisors",
        "department": "GSD",
        "requester": "liaison@demo.lacity.test",
        "topic": "economic-opportunity",
        "kind": "training",
        "description": (
            "Our fleet services supervisors completed Implicit Bias: Foundations last year. "
            "They asked for a facilitated follow-up on bias in shift assignments and overtime "
            "decisions. About 35 supervisors across three yards; we can host the sessions in "
            "one of the yards' training rooms."
        ),
        "created_days_ago": 470,
        "desired": (-410, -380),
        "path": ["accepted", "scheduled", "in_progress", "completed"],
        "step_days": [3, 12, 60, 90],
        "hours": "9.50",
        "outcome": (
            "Two 90-minute sessions delivered to 33 supervisors. The yards agreed to post "
            "overtime rotation criteria; GSD will report overtime distribution by yard "
            "quarterly."
        ),
        "notes": "Co-facilitated with GSD Human Resources.",
    },
    {
        "title": "Equity lens review of the custodial services contract scope",
        "department": "GSD",
        "requester": "liaison@demo.lacity.test",
        "topic": "procurement",
        "kind": "procurement",
        "description": (
            "The custodial services contract for City buildings is up for re-solicitation. "
            "We would like ORE to review the draft scope with the Equity Lens Worksheet, in "
            "particular whether the contract could be split by region so that smaller firms "
            "can bid."
        ),
        "created_days_ago": 75,
        "desired": (-30, 20),
        "path": ["accepted", "scheduled", "in_progress"],
        "step_days": [4, 10, 32],
        "hours": "6.00",
        "outcome": "",
        "notes": "BCA's contract equity lead joined the second working session.",
    },
    {
        "title": "Language access plan for the City Hall East public counter",
        "department": "GSD",
        "requester": "liaison@demo.lacity.test",
        "topic": "justice-civic-engagement",
        "kind": "policy_review",
        "description": (
            "We are redesigning the public counter at City Hall East and want to build the "
            "Language Access Checklist into the new procedures: signage, phone interpretation "
            "and training for front-desk staff."
        ),
        "created_days_ago": 5,
        "desired": (20, 60),
        "path": [],
        "step_days": [],
        "hours": "0",
        "outcome": "",
        "notes": "",
    },
    {
        "title": "Budget Equity Tool walkthrough for next year's budget requests",
        "department": "CAO",
        "requester": None,
        "topic": "community-wealth",
        "kind": "budget_tool",
        "description": (
            "CAO analysts would like a walkthrough of version 2.1 of the Budget Equity Tool "
            "before departments submit their requests, focusing on how to read the scores "
            "and follow up on low ones."
        ),
        "created_days_ago": 40,
        "desired": (10, 25),
        "path": ["accepted", "scheduled"],
        "step_days": [2, 9],
        "hours": "1.50",
        "outcome": "",
        "notes": "Session booked for the CAO conference room; bring printed worksheets.",
    },
    {
        "title": "Subcontractor utilization data broken down by ownership",
        "department": "BCA",
        "requester": None,
        "topic": "procurement",
        "kind": "data",
        "description": (
            "We want to publish subcontractor payments by business ownership and need help "
            "choosing categories and a suppression rule that fit the City's indicator "
            "definitions."
        ),
        "created_days_ago": 21,
        "desired": (0, 45),
        "path": ["accepted"],
        "step_days": [6],
        "hours": "0.50",
        "outcome": "",
        "notes": "Point them to the Disaggregated Data Guide before the first meeting.",
    },
    {
        "title": "Facilitation of a neighborhood traffic safety workshop",
        "department": "LADOT",
        "requester": None,
        "topic": "justice-civic-engagement",
        "kind": "facilitation",
        "description": (
            "We are holding a community workshop on traffic safety improvements along a "
            "corridor in South Los Angeles and would like ORE to facilitate it."
        ),
        "created_days_ago": 200,
        "desired": (-185, -180),
        "path": ["declined"],
        "step_days": [3],
        "hours": "0",
        "outcome": "",
        "notes": "",
        "decline_reason": (
            "The requested dates were less than two weeks away and ORE facilitators were "
            "committed elsewhere. We shared the Community Engagement Planning Guide and "
            "offered to co-plan the next workshop with at least six weeks' notice."
        ),
    },
    {
        "title": "Applying the CIP equity grading system to the sidewalk repair program",
        "department": "BOE",
        "requester": None,
        "topic": "housing-built-environments",
        "kind": "data",
        "description": (
            "BOE would like to pilot the Capital Improvement Project Equity Grading System on "
            "the next round of sidewalk repair projects and compare the result with the "
            "current priority list."
        ),
        "created_days_ago": 330,
        "desired": (-300, -240),
        "path": ["accepted", "in_progress", "completed"],
        "step_days": [5, 20, 95],
        "hours": "14.00",
        "outcome": (
            "Graded 48 candidate projects. Eleven projects in historically under-invested "
            "areas moved into the funded tier; BOE adopted the grading system for the next "
            "program year."
        ),
        "notes": "Weights reviewed with BOE engineers; no change to the criteria.",
    },
]
