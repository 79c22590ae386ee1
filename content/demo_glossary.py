"""The demo glossary: terms of the common language and indicator definitions (data only).

Original text written for the demo city, grounded in ORE's strategic plan (October 2022): a
citywide racial equity definition, a common language across departments, and aligned data and
indicator definitions. `content.demo` turns these into pages.

A term with an "earlier" version is published twice: first as it was adopted, then as it reads
now, so the public history ("what changed") has something to show. Dates are ISO strings.
"""

ORE = "Office of Racial Equity"
CREAC = "Community Racial Equity Advisory Committee"

PLAN = {
    "citation": (
        "City of Los Angeles, Civil + Human Rights and Equity Department, Office of Racial "
        "Equity: Operationalizing Racial Equity Through Public Policy and Programs in the City "
        "of Los Angeles (strategic plan, October 2022)"
    ),
    "url": "",
}
COMMON_LANGUAGE = {
    "citation": (
        "Office of Racial Equity, cross-department work on a citywide racial equity definition "
        "and a common language (Departmental Collaborations, strategic plan 2022)"
    ),
    "url": "",
}
INDICATOR_WORK = {
    "citation": (
        "Office of Racial Equity, Aligning data and indicator definitions (Departmental "
        "Collaborations, strategic plan 2022)"
    ),
    "url": "",
}

GLOSSARY_INTRO = (
    "<p>The common language of racial equity work in the City of Los Angeles: the terms we use "
    "and the indicators we measure, defined once so that every department means the same thing. "
    "Each entry shows whether it is adopted citywide, proposed or retired, and how it changed.</p>"
)

TERMS = [
    {
        "slug": "racial-equity",
        "title": "Racial equity",
        "labels": ["Race equity"],
        "short": (
            "Racial equity is the condition in which race no longer predicts a person's "
            "access to opportunity, services or outcomes in Los Angeles."
        ),
        "definition": (
            "<p>Racial equity is both a result and a way of working. As a result, it means that "
            "a person's race no longer predicts their health, housing, income, safety or access "
            "to City services, and that outcomes improve for everyone. As a way of working, it "
            "means that City departments look for the policies and practices that produce racial "
            "gaps and change them.</p>"
            "<ul><li>It focuses on outcomes, not only on intentions.</li>"
            "<li>It asks who benefits and who is burdened by a decision, before the decision is "
            "made.</li>"
            "<li>It involves the communities most affected in shaping the solution.</li></ul>"
        ),
        "earlier": {
            "short": (
                "Racial equity means that race does not determine a person's outcomes in "
                "Los Angeles."
            ),
            "definition": (
                "<p>Racial equity is reached when race no longer determines a person's outcomes "
                "and outcomes improve for all residents. City departments advance it by changing "
                "the policies and practices that create racial disparities.</p>"
            ),
        },
        "change_note": (
            "Added that racial equity is also a way of working, with three practices that "
            "departments can check against."
        ),
        "sources": [PLAN, COMMON_LANGUAGE],
        "related": ["equity-and-equality", "structural-racism", "disparity", "equity-lens"],
        "areas": ["justice-civic-engagement", "economic-opportunity", "health-well-being"],
        "status": "adopted",
        "adopted_on": "2025-03-18",
        "revised_on": "2026-02-10",
        "adopting_body": ORE,
    },
    {
        "slug": "equity-and-equality",
        "title": "Equity and equality",
        "labels": ["Equity vs equality", "Equality and equity"],
        "short": (
            "Equality gives everyone the same thing; equity gives each person what they need "
            "to reach the same good outcome."
        ),
        "definition": (
            "<p>Equality treats everyone the same. Equity recognizes that people start from "
            "different places, often because of past and present policies, and adjusts "
            "resources and support so that everyone can reach the same outcome.</p>"
            "<p>For example, translating a notice into the languages residents speak is an "
            "equity measure: everyone receives the same information, but not in the same "
            "form.</p>"
        ),
        "change_note": "Adopted citywide",
        "sources": [COMMON_LANGUAGE],
        "related": ["racial-equity", "targeted-universalism"],
        "areas": ["justice-civic-engagement"],
        "status": "adopted",
        "adopted_on": "2025-03-18",
        "adopting_body": ORE,
    },
    {
        "slug": "implicit-bias",
        "title": "Implicit bias",
        "labels": ["Unconscious bias", "Implicit association"],
        "short": (
            "Implicit bias is an attitude or stereotype that affects our judgments and actions "
            "without our awareness."
        ),
        "definition": (
            "<p>Implicit biases are automatic associations about groups of people that we learn "
            "from the world around us. Everyone has them, including people who sincerely "
            "believe in fairness. They can shape who we hire, how we answer a resident's call "
            "or which neighborhood a program reaches first.</p>"
            "<ul><li>They act fastest when we are tired, rushed or deciding with little "
            "information.</li>"
            "<li>They can be interrupted by clear criteria, structured decisions and by "
            "checking results by group.</li>"
            "<li>Having them is not a moral failing; ignoring their effects is a management "
            "choice.</li></ul>"
        ),
        "earlier": {
            "short": "Implicit bias is a bias we hold without knowing it.",
            "definition": (
                "<p>Implicit biases are attitudes and stereotypes about groups of people that "
                "act on our decisions without our awareness. Everyone has them. City training "
                "helps employees recognize them.</p>"
            ),
        },
        "change_note": (
            "Rewrote the short definition in plain language and added how implicit bias can "
            "be interrupted in everyday City decisions."
        ),
        "sources": [
            PLAN,
            {
                "citation": "Project Implicit, Harvard University: Implicit Association Test",
                "url": "https://implicit.harvard.edu/",
            },
        ],
        "related": ["explicit-bias", "microaggression", "interpersonal-racism"],
        "areas": ["legal-system-policing", "economic-opportunity"],
        "status": "adopted",
        "adopted_on": "2025-03-18",
        "revised_on": "2026-01-20",
        "adopting_body": ORE,
    },
    {
        "slug": "explicit-bias",
        "title": "Explicit bias",
        "labels": ["Conscious bias"],
        "short": (
            "Explicit bias is an attitude about a group of people that a person is aware of "
            "and may express openly."
        ),
        "definition": (
            "<p>Explicit bias is a preference for or against a group that a person holds "
            "knowingly. When it shows up in the workplace as harassment or unequal treatment, "
            "it is addressed through City policy and the law, not only through training.</p>"
        ),
        "change_note": "Adopted citywide",
        "sources": [COMMON_LANGUAGE],
        "related": ["implicit-bias", "interpersonal-racism"],
        "areas": ["legal-system-policing"],
        "status": "adopted",
        "adopted_on": "2025-03-18",
        "adopting_body": ORE,
    },
    {
        "slug": "structural-racism",
        "title": "Structural racism",
        "labels": ["Structural racial inequity"],
        "short": (
            "Structural racism is the way policies, institutions and cultural norms work "
            "together to keep producing racial inequities over time."
        ),
        "definition": (
            "<p>Structural racism describes how many systems, such as housing, lending, "
            "schools, policing, transportation and employment, reinforce one another so that "
            "racial gaps persist even when no single person intends them. A gap created by one "
            "system, like past lending rules, can shape outcomes in another, like school "
            "funding or health.</p>"
            "<p>Because it spans systems, structural racism is addressed by changing policy "
            "and practice across departments, not by one program alone.</p>"
        ),
        "earlier": {
            "definition": (
                "<p>Structural racism is the combined effect of policies, institutions and "
                "norms that produce racial inequities across systems and generations.</p>"
            ),
        },
        "change_note": (
            "Added examples of how systems reinforce one another, and why the response has "
            "to cross departments."
        ),
        "sources": [PLAN, COMMON_LANGUAGE],
        "related": ["institutional-racism", "systemic-racism", "redlining", "root-cause-analysis"],
        "areas": ["housing-built-environments", "legal-system-policing", "economic-opportunity"],
        "status": "adopted",
        "adopted_on": "2025-03-18",
        "revised_on": "2026-03-03",
        "adopting_body": ORE,
    },
    {
        "slug": "institutional-racism",
        "title": "Institutional racism",
        "labels": [],
        "short": (
            "Institutional racism is the set of policies and practices inside one "
            "organization that produce different outcomes by race."
        ),
        "definition": (
            "<p>Institutional racism happens within a single organization, such as a City "
            "department, when its rules, budgets, hiring practices or service standards lead to "
            "worse outcomes for people of some races, whether or not anyone intends it.</p>"
            "<p>ORE's strategic plan names addressing such institutional policies and "
            "practices as one of the City's strengths to build on.</p>"
        ),
        "change_note": "Adopted citywide",
        "sources": [PLAN],
        "related": ["structural-racism", "interpersonal-racism", "systemic-racism"],
        "areas": ["justice-civic-engagement"],
        "status": "adopted",
        "adopted_on": "2025-03-18",
        "adopting_body": ORE,
    },
    {
        "slug": "interpersonal-racism",
        "title": "Interpersonal racism",
        "labels": ["Individual racism"],
        "short": (
            "Interpersonal racism is bias or discrimination that happens between people, in "
            "words or actions."
        ),
        "definition": (
            "<p>Interpersonal racism is racism that happens between individuals: a slur, a "
            "dismissive comment, a decision about one person based on their race. It can be "
            "intentional or not. It is the most visible level of racism, and it sits on top of "
            "institutional and structural racism.</p>"
        ),
        "change_note": "Adopted citywide",
        "sources": [COMMON_LANGUAGE],
        "related": ["implicit-bias", "explicit-bias", "microaggression", "institutional-racism"],
        "areas": ["legal-system-policing"],
        "status": "adopted",
        "adopted_on": "2025-06-10",
        "adopting_body": ORE,
    },
    {
        "slug": "systemic-racism",
        "title": "Systemic racism",
        "labels": [],
        "short": (
            "Systemic racism is an umbrella term for institutional and structural racism "
            "taken together."
        ),
        "definition": (
            "<p>People often use systemic racism to mean the combined effect of institutional "
            "racism (within one organization) and structural racism (across many). In City "
            "documents, use the more precise term when you can, so that readers know whether "
            "the fix lies inside one department or across several.</p>"
        ),
        "change_note": "Adopted citywide",
        "sources": [COMMON_LANGUAGE],
        "related": ["structural-racism", "institutional-racism"],
        "areas": ["justice-civic-engagement"],
        "status": "adopted",
        "adopted_on": "2025-06-10",
        "adopting_body": ORE,
    },
    {
        "slug": "disaggregated-data",
        "title": "Disaggregated data",
        "labels": ["Data disaggregation", "Breaking down data"],
        "short": (
            "Disaggregated data are numbers broken down by group, such as race, language or "
            "neighborhood, so that gaps hidden by an average become visible."
        ),
        "definition": (
            "<p>An average can hide very different experiences. Disaggregating data means "
            "reporting results separately for groups, for example by race and ethnicity, "
            "preferred language, Council District, age or disability, so that departments can "
            "see who is being served well and who is not.</p>"
            "<ul><li>Collect the categories residents use to describe themselves, and allow "
            "more than one.</li>"
            "<li>Withhold numbers for very small groups (under 11 people) to protect "
            "privacy.</li>"
            "<li>Report how each group was defined, so that figures can be compared across "
            "departments.</li></ul>"
        ),
        "earlier": {
            "definition": (
                "<p>Disaggregating data means breaking results down by race, ethnicity and "
                "other groups so that disparities can be seen.</p>"
            ),
        },
        "change_note": (
            "Added the small-group privacy rule (under 11) and asked departments to document "
            "how groups are defined."
        ),
        "sources": [INDICATOR_WORK],
        "related": ["disparity", "disproportionality", "results-based-accountability"],
        "areas": ["health-well-being", "education-access-attainment"],
        "status": "adopted",
        "adopted_on": "2025-06-10",
        "revised_on": "2026-04-14",
        "adopting_body": ORE,
    },
    {
        "slug": "equity-lens",
        "title": "Equity lens",
        "labels": ["Racial equity lens", "Equity analysis"],
        "short": (
            "An equity lens is a short set of questions a team asks about a decision to see "
            "who benefits, who is burdened and who was not at the table."
        ),
        "definition": (
            "<p>Applying an equity lens means pausing before a decision, such as a budget "
            "request, a contract, a program rule or a capital project, to ask a consistent set "
            "of questions:</p>"
            "<ul><li>Which communities are affected, and what do the data say about them?</li>"
            "<li>Who benefits and who carries the burden?</li>"
            "<li>Were the people most affected involved, in their language?</li>"
            "<li>How will we know whether the decision reduced a disparity?</li></ul>"
            "<p>The Equity Lens Worksheet in the resource library walks a team through "
            "them.</p>"
        ),
        "change_note": "Adopted citywide",
        "sources": [PLAN],
        "related": ["racial-equity", "root-cause-analysis", "community-engagement"],
        "areas": ["justice-civic-engagement", "procurement"],
        "status": "adopted",
        "adopted_on": "2025-06-10",
        "adopting_body": ORE,
    },
    {
        "slug": "targeted-universalism",
        "title": "Targeted universalism",
        "labels": [],
        "short": (
            "Targeted universalism sets one goal for everyone and then uses different "
            "strategies for different groups to reach it."
        ),
        "definition": (
            "<p>Targeted universalism starts with a universal goal, for example that every "
            "household lives within a ten-minute walk of a park. It then measures how far each "
            "group or neighborhood is from the goal and designs targeted strategies for those "
            "furthest away, so that everyone reaches the same goal.</p>"
        ),
        "change_note": "Proposed for citywide adoption",
        "sources": [
            {
                "citation": (
                    "john a. powell, Stephen Menendian and Wendy Ake, Targeted Universalism: "
                    "Policy and Practice, Othering and Belonging Institute, UC Berkeley (2019)"
                ),
                "url": "https://belonging.berkeley.edu/targeted-universalism",
            }
        ],
        "related": ["equity-and-equality", "racial-equity"],
        "areas": ["housing-built-environments", "health-well-being"],
        "status": "proposed",
        "adopted_on": "",
        "proposed_on": "2026-05-19",
        "adopting_body": "",
    },
    {
        "slug": "community-engagement",
        "title": "Community engagement",
        "labels": ["Civic engagement", "Public participation"],
        "short": (
            "Community engagement is the work of involving residents, especially those most "
            "affected, in shaping the City decisions that affect them."
        ),
        "definition": (
            "<p>Community engagement ranges from informing residents, to consulting them, to "
            "deciding together and to community-led decisions. Equitable engagement goes to "
            "where people are, offers language access and childcare, compensates community "
            "experts for their time, and reports back on what changed because of their "
            "input.</p>"
            "<p>Civic Engagement is one of the five pillars of ORE's strategic plan.</p>"
        ),
        "change_note": "Adopted citywide",
        "sources": [PLAN],
        "related": ["language-access", "participatory-budgeting", "equity-lens"],
        "areas": ["justice-civic-engagement"],
        "status": "adopted",
        "adopted_on": "2025-09-23",
        "adopting_body": CREAC,
    },
    {
        "slug": "language-access",
        "title": "Language access",
        "labels": ["Limited English proficiency services", "LEP services"],
        "short": (
            "Language access means residents can use City services, information and meetings "
            "in the language they understand best, at no cost to them."
        ),
        "definition": (
            "<p>Language access includes translated written materials, interpretation at "
            "counters, by phone and at public meetings, multilingual websites, and staff who "
            "know how to get an interpreter quickly. Access should be equal in quality and "
            "timeliness to the service in English.</p>"
            "<ul><li>Plan for the languages spoken in the area you serve, not only "
            "Spanish.</li>"
            "<li>Use qualified interpreters and translators, not children or untrained "
            "staff.</li>"
            "<li>Tell residents, in their language, that help is free.</li></ul>"
        ),
        "earlier": {
            "definition": (
                "<p>Language access means providing translation and interpretation so that "
                "residents with limited English proficiency can use City services.</p>"
            ),
        },
        "change_note": (
            "Added that access must be equal in quality and timeliness, and three practices "
            "from the Language Access Checklist."
        ),
        "sources": [PLAN],
        "related": ["community-engagement", "inclusion"],
        "areas": ["justice-civic-engagement", "health-well-being"],
        "status": "adopted",
        "adopted_on": "2025-09-23",
        "revised_on": "2026-06-02",
        "adopting_body": CREAC,
    },
    {
        "slug": "disparity",
        "title": "Racial disparity",
        "labels": ["Disparity", "Racial gap"],
        "short": (
            "A racial disparity is a measurable difference in an outcome between racial groups."
        ),
        "definition": (
            "<p>A disparity is a difference you can measure, such as a gap in wait times, "
            "permit approvals, park acreage per resident or asthma rates between racial groups. "
            "Naming a disparity describes what is happening; finding its root causes explains "
            "why, and points to what the City can change.</p>"
        ),
        "change_note": "Adopted citywide",
        "sources": [INDICATOR_WORK],
        "related": ["disproportionality", "disaggregated-data", "root-cause-analysis"],
        "areas": ["health-well-being", "housing-built-environments"],
        "status": "adopted",
        "adopted_on": "2025-06-10",
        "adopting_body": ORE,
    },
    {
        "slug": "disproportionality",
        "title": "Disproportionality",
        "labels": ["Over-representation", "Under-representation"],
        "short": (
            "Disproportionality is when a group's share of an outcome is larger or smaller "
            "than its share of the population concerned."
        ),
        "definition": (
            "<p>Disproportionality compares shares: for example, a group that is 10 percent of "
            "residents but 30 percent of people cited for a violation is over-represented. "
            "Always state the comparison group (residents, eligible applicants, employees) "
            "because the choice changes the result.</p>"
        ),
        "change_note": "Adopted citywide",
        "sources": [INDICATOR_WORK],
        "related": ["disparity", "disaggregated-data"],
        "areas": ["legal-system-policing", "education-access-attainment"],
        "status": "adopted",
        "adopted_on": "2025-06-10",
        "adopting_body": ORE,
    },
    {
        "slug": "inclusion",
        "title": "Inclusion",
        "labels": [],
        "short": (
            "Inclusion is the practice of making sure people of every background can take "
            "part fully and have real influence."
        ),
        "definition": (
            "<p>Inclusion goes beyond being present. In a meeting, a workplace or a public "
            "process, it means that people can take part in their language, that their "
            "contributions are heard, and that they can influence the result.</p>"
        ),
        "change_note": "Adopted citywide",
        "sources": [COMMON_LANGUAGE],
        "related": ["belonging", "language-access"],
        "areas": ["justice-civic-engagement"],
        "status": "adopted",
        "adopted_on": "2025-09-23",
        "adopting_body": CREAC,
    },
    {
        "slug": "belonging",
        "title": "Belonging",
        "labels": [],
        "short": (
            "Belonging is the experience of being accepted, valued and able to shape the "
            "place where one lives or works."
        ),
        "definition": (
            "<p>Belonging is what inclusion feels like from the inside. A resident belongs when "
            "the City treats their neighborhood and their voice as part of Los Angeles; an "
            "employee belongs when they can bring their whole self to work without having to "
            "hide parts of who they are.</p>"
        ),
        "change_note": "Proposed for citywide adoption",
        "sources": [COMMON_LANGUAGE],
        "related": ["inclusion"],
        "areas": ["justice-civic-engagement", "health-well-being"],
        "status": "proposed",
        "adopted_on": "",
        "proposed_on": "2026-05-19",
        "adopting_body": "",
    },
    {
        "slug": "cultural-humility",
        "title": "Cultural humility",
        "labels": [],
        "short": (
            "Cultural humility is a lifelong practice of learning about others' cultures, "
            "examining one's own assumptions and sharing power in the relationship."
        ),
        "definition": (
            "<p>Cultural humility asks staff to approach each resident and colleague as the "
            "expert on their own experience, to reflect on their own background and "
            "assumptions, and to address the power differences between a public servant and "
            "the public. It is never finished: there is no point at which one has learned "
            "another culture completely.</p>"
        ),
        "change_note": "Adopted citywide, replacing cultural competence",
        "sources": [
            {
                "citation": (
                    "Melanie Tervalon and Jann Murray-Garcia, Cultural humility versus cultural "
                    "competence, Journal of Health Care for the Poor and Underserved 9(2), 1998"
                ),
                "url": "",
            }
        ],
        "related": ["cultural-competence", "inclusion", "implicit-bias"],
        "areas": ["health-well-being", "justice-civic-engagement"],
        "status": "adopted",
        "adopted_on": "2025-09-23",
        "adopting_body": CREAC,
    },
    {
        "slug": "cultural-competence",
        "title": "Cultural competence",
        "labels": [],
        "short": (
            "Retired: use cultural humility, which treats learning about other cultures as "
            "ongoing rather than a skill one completes."
        ),
        "definition": (
            "<p>Cultural competence was used for the knowledge and skills needed to serve "
            "people of different cultures. The City no longer uses it as its main term, because "
            "it can suggest that a culture can be mastered through a course or a checklist. "
            "Use cultural humility instead.</p>"
        ),
        "earlier": {
            "status": "adopted",
            "short": (
                "Cultural competence is the knowledge and skill to serve people of different "
                "cultures well."
            ),
            "definition": (
                "<p>Cultural competence is the knowledge, attitudes and skills that help staff "
                "serve residents of different cultures respectfully and effectively.</p>"
            ),
        },
        "change_note": "Retired; replaced by cultural humility.",
        "replaced_by": "cultural-humility",
        "sources": [COMMON_LANGUAGE],
        "related": ["cultural-humility"],
        "areas": ["health-well-being"],
        "status": "retired",
        "adopted_on": "2025-03-18",
        "revised_on": "2025-09-23",
        "adopting_body": ORE,
    },
    {
        "slug": "microaggression",
        "title": "Microaggression",
        "labels": ["Everyday slight"],
        "short": (
            "A microaggression is a brief, everyday comment or action that communicates a "
            "negative message to someone because of their group identity."
        ),
        "definition": (
            "<p>Microaggressions are often unintended, like praising a colleague's English when "
            "it is their first language, or routinely mispronouncing a name after being "
            "corrected. Each one may seem small; their repetition over a career or a lifetime "
            "is not. The useful response is to notice the effect, acknowledge it and do "
            "differently, rather than to debate the intent.</p>"
        ),
        "change_note": "Adopted citywide",
        "sources": [
            {
                "citation": (
                    "Derald Wing Sue, Microaggressions in Everyday Life: Race, Gender, and "
                    "Sexual Orientation (Wiley, 2010)"
                ),
                "url": "",
            }
        ],
        "related": ["implicit-bias", "interpersonal-racism", "belonging"],
        "areas": ["economic-opportunity"],
        "status": "adopted",
        "adopted_on": "2025-06-10",
        "adopting_body": ORE,
    },
    {
        "slug": "intersectionality",
        "title": "Intersectionality",
        "labels": [],
        "short": (
            "Intersectionality is the recognition that race, gender, disability, class and "
            "other identities combine to shape a person's experience of discrimination."
        ),
        "definition": (
            "<p>A Black woman may face barriers that neither Black men nor white women face. "
            "Intersectionality asks programs and data to look at combinations of identities, "
            "not one at a time, while still protecting the privacy of small groups.</p>"
        ),
        "change_note": "Adopted citywide",
        "sources": [
            {
                "citation": (
                    "Kimberle Crenshaw, Demarginalizing the Intersection of Race and Sex, "
                    "University of Chicago Legal Forum, 1989"
                ),
                "url": "",
            }
        ],
        "related": ["disaggregated-data", "inclusion"],
        "areas": ["economic-opportunity", "health-well-being"],
        "status": "adopted",
        "adopted_on": "2025-09-23",
        "adopting_body": CREAC,
    },
    {
        "slug": "opportunity-gap",
        "title": "Opportunity gap",
        "labels": ["Achievement gap"],
        "short": (
            "An opportunity gap is an unequal access to the resources and conditions that "
            "lead to good outcomes, such as good schools, transit, parks or jobs."
        ),
        "definition": (
            "<p>The term puts the focus on what people have access to rather than on what "
            "they achieve. Talking about an opportunity gap rather than an achievement gap "
            "directs attention to the conditions the City can change, such as library hours, "
            "broadband, safe routes to school or summer jobs.</p>"
        ),
        "change_note": "Proposed for citywide adoption",
        "sources": [COMMON_LANGUAGE],
        "related": ["disparity", "equity-and-equality"],
        "areas": ["education-access-attainment", "economic-opportunity"],
        "status": "proposed",
        "adopted_on": "",
        "proposed_on": "2026-07-14",
        "adopting_body": "",
    },
    {
        "slug": "redlining",
        "title": "Redlining",
        "labels": ["Mortgage redlining"],
        "short": (
            "Redlining was the practice of denying loans and investment to neighborhoods "
            "because of the race of the people who lived there."
        ),
        "definition": (
            "<p>In the 1930s a federal agency graded neighborhoods for mortgage risk, and "
            "areas where Black, Latino, Asian and immigrant families lived were often marked in "
            "red as hazardous. Lenders and later public programs followed these grades. Many "
            "Los Angeles neighborhoods graded this way still have less tree cover, more "
            "pollution and lower home values today.</p>"
            "<p>Redlining is a clear example of structural racism: a past policy whose effects "
            "outlive it.</p>"
        ),
        "change_note": "Adopted citywide",
        "sources": [
            {
                "citation": (
                    "Mapping Inequality: Redlining in New Deal America, Digital Scholarship Lab, "
                    "University of Richmond"
                ),
                "url": "https://dsl.richmond.edu/panorama/redlining/",
            }
        ],
        "related": ["structural-racism", "gentrification-and-displacement", "community-wealth"],
        "areas": ["housing-built-environments", "zoning", "community-wealth"],
        "status": "adopted",
        "adopted_on": "2025-06-10",
        "adopting_body": ORE,
    },
    {
        "slug": "gentrification-and-displacement",
        "title": "Gentrification and displacement",
        "labels": ["Gentrification", "Displacement"],
        "short": (
            "Gentrification is rising investment and costs in a neighborhood; displacement is "
            "when long-time residents and businesses are forced to leave because of it."
        ),
        "definition": (
            "<p>New investment can bring real improvements. When rents and property costs "
            "rise faster than incomes, long-time residents, often people of color, can be "
            "pushed out and miss the benefits. Equitable development pairs investment with "
            "tenant protections, affordable housing and support for local businesses.</p>"
        ),
        "change_note": "Proposed for citywide adoption",
        "sources": [COMMON_LANGUAGE],
        "related": ["redlining", "community-wealth"],
        "areas": ["housing-built-environments", "zoning"],
        "status": "proposed",
        "adopted_on": "",
        "proposed_on": "2026-07-14",
        "adopting_body": "",
    },
    {
        "slug": "environmental-justice",
        "title": "Environmental justice",
        "labels": [],
        "short": (
            "Environmental justice means that no community carries more than its share of "
            "pollution and every community shares in clean air, water, shade and green space."
        ),
        "definition": (
            "<p>Freeways, industry and oil wells have often been placed near communities of "
            "color, while parks and trees have not. Environmental justice asks the City to "
            "reduce these burdens where they are highest and to involve affected residents in "
            "decisions about land use and capital projects.</p>"
        ),
        "change_note": "Adopted citywide",
        "sources": [COMMON_LANGUAGE],
        "related": ["redlining", "structural-racism"],
        "areas": ["health-well-being", "zoning", "housing-built-environments"],
        "status": "adopted",
        "adopted_on": "2026-01-27",
        "adopting_body": CREAC,
    },
    {
        "slug": "procurement-equity",
        "title": "Procurement equity",
        "labels": ["Contracting equity", "Equitable procurement"],
        "short": (
            "Procurement equity means that businesses owned by people of color and other "
            "under-used businesses have a fair chance to compete for and win City contracts."
        ),
        "definition": (
            "<p>The City spends billions of dollars a year on goods, services and "
            "construction. Procurement equity looks at who wins that spending and removes "
            "barriers that keep qualified small, local and minority-owned businesses out, such "
            "as bundling work into very large contracts, slow payment or complex bonding "
            "rules.</p>"
            "<ul><li>Unbundle large contracts where it is practical.</li>"
            "<li>Publish upcoming opportunities early and in plain language.</li>"
            "<li>Track awards and payments, not only bids, by business ownership.</li></ul>"
        ),
        "earlier": {
            "definition": (
                "<p>Procurement equity means a fair chance for small, local and "
                "minority-owned businesses to win City contracts.</p>"
            ),
        },
        "change_note": (
            "Named common barriers and added three practices from the Contract and "
            "Procurement Equity Toolkit."
        ),
        "sources": [PLAN],
        "related": ["community-wealth", "equity-lens"],
        "areas": ["procurement", "economic-opportunity", "community-wealth"],
        "status": "adopted",
        "adopted_on": "2025-09-23",
        "revised_on": "2026-05-05",
        "adopting_body": ORE,
    },
    {
        "slug": "equitable-budgeting",
        "title": "Equitable budgeting",
        "labels": ["Budget equity", "Equity budgeting"],
        "short": (
            "Equitable budgeting is the practice of deciding how public money is spent with "
            "explicit attention to who benefits and who is left out."
        ),
        "definition": (
            "<p>Draft for discussion. Equitable budgeting asks each department, when it "
            "requests or cuts funding, which communities the change affects, what the data "
            "show about current gaps, and how results will be tracked. The Budget Equity Tool "
            "gives departments a common set of questions for their budget requests.</p>"
        ),
        "change_note": "First draft for discussion with the City Administrative Officer",
        "sources": [PLAN],
        "related": ["participatory-budgeting", "equity-lens"],
        "areas": ["community-wealth", "economic-opportunity"],
        "status": "draft",
        "adopted_on": "",
        "proposed_on": "2026-08-25",
        "adopting_body": "",
    },
    {
        "slug": "participatory-budgeting",
        "title": "Participatory budgeting",
        "labels": [],
        "short": (
            "Participatory budgeting is a process in which residents decide directly how to "
            "spend part of a public budget."
        ),
        "definition": (
            "<p>In participatory budgeting, residents propose ideas, develop them into "
            "projects and vote on which ones to fund. L.A. REPAIR, the City's first "
            "participatory budgeting pilot, distributes funds directly in nine neighborhoods "
            "called REPAIR Zones.</p>"
        ),
        "change_note": "Proposed for citywide adoption",
        "sources": [PLAN],
        "related": ["community-engagement", "equitable-budgeting"],
        "areas": ["community-wealth", "justice-civic-engagement"],
        "status": "proposed",
        "adopted_on": "",
        "proposed_on": "2026-04-21",
        "adopting_body": "",
    },
    {
        "slug": "root-cause-analysis",
        "title": "Root cause analysis",
        "labels": ["Root causes"],
        "short": (
            "Root cause analysis is a structured way of asking why a disparity exists until "
            "you reach something the City can change."
        ),
        "definition": (
            "<p>A team starts from a measured disparity and keeps asking why, looking at "
            "policies, practices, budgets and history rather than at the people affected. The "
            "aim is to find the causes that, if changed, would narrow the gap, and to check "
            "them with the community and the data.</p>"
        ),
        "change_note": "Adopted citywide",
        "sources": [COMMON_LANGUAGE],
        "related": ["disparity", "structural-racism", "equity-lens"],
        "areas": ["justice-civic-engagement"],
        "status": "adopted",
        "adopted_on": "2026-01-27",
        "adopting_body": ORE,
    },
    {
        "slug": "accountability",
        "title": "Accountability",
        "labels": ["Equity accountability"],
        "short": (
            "Accountability means the City sets clear equity goals, reports progress in "
            "public and answers to the communities affected."
        ),
        "definition": (
            "<p>In equity work, accountability has three parts: a named owner for each goal, "
            "public reporting of results (including when progress is slow), and a way for "
            "residents, such as the Community Racial Equity Advisory Committee, to question "
            "and shape the work.</p>"
        ),
        "change_note": "Adopted citywide",
        "sources": [PLAN],
        "related": ["results-based-accountability", "disaggregated-data"],
        "areas": ["justice-civic-engagement"],
        "status": "adopted",
        "adopted_on": "2026-01-27",
        "adopting_body": CREAC,
    },
    {
        "slug": "results-based-accountability",
        "title": "Results-based accountability",
        "labels": ["RBA"],
        "short": (
            "Results-based accountability is a planning method that starts from the result "
            "wanted for a population and works backward to the measures and actions that get "
            "there."
        ),
        "definition": (
            "<p>Results-based accountability separates population results (for example, all "
            "residents breathe clean air) from program performance. For programs it asks three "
            "questions: How much did we do? How well did we do it? Is anyone better off?</p>"
        ),
        "change_note": "Proposed for citywide adoption",
        "sources": [
            {
                "citation": (
                    "Mark Friedman, Trying Hard Is Not Good Enough (Trafford Publishing, 2005)"
                ),
                "url": "",
            }
        ],
        "related": ["accountability", "disaggregated-data"],
        "areas": ["justice-civic-engagement"],
        "status": "proposed",
        "adopted_on": "",
        "proposed_on": "2026-04-21",
        "adopting_body": "",
    },
    {
        "slug": "community-wealth",
        "title": "Community wealth",
        "labels": ["Community wealth building"],
        "short": (
            "Community wealth is the assets that residents of a neighborhood own and control "
            "together, such as homes, businesses, land and savings."
        ),
        "definition": (
            "<p>Community wealth building keeps money and ownership in neighborhoods that "
            "have been denied investment: local hiring, contracting with neighborhood "
            "businesses, worker cooperatives, community land trusts and access to fair credit. "
            "Community Wealth is one of ORE's nine community issue areas.</p>"
        ),
        "change_note": "Adopted citywide",
        "sources": [PLAN],
        "related": ["procurement-equity", "redlining"],
        "areas": ["community-wealth", "economic-opportunity"],
        "status": "adopted",
        "adopted_on": "2026-01-27",
        "adopting_body": CREAC,
    },
    {
        "slug": "people-of-color",
        "title": "People of color",
        "labels": ["Communities of color", "BIPOC"],
        "short": (
            "People of color is a collective term for people who are not white, used when "
            "speaking about shared experiences of racism."
        ),
        "definition": (
            "<p>Use people of color or communities of color when a statement is true of "
            "several racial groups together. When a finding concerns a specific group, name "
            "it, for example Black, Latino, Asian American, Native Hawaiian and Pacific "
            "Islander, or American Indian and Alaska Native residents, because experiences and "
            "data differ between groups.</p>"
        ),
        "change_note": "Adopted citywide, replacing minority",
        "sources": [COMMON_LANGUAGE],
        "related": ["minority", "disaggregated-data"],
        "areas": ["justice-civic-engagement"],
        "status": "adopted",
        "adopted_on": "2025-09-23",
        "adopting_body": CREAC,
    },
    {
        "slug": "minority",
        "title": "Minority",
        "labels": ["Minorities", "Racial minority"],
        "short": ("Retired: use people of color, or name the specific group, instead of minority."),
        "definition": (
            "<p>The City no longer uses minority to describe people of color. In Los Angeles, "
            "people of color together are the majority of residents, so the word is "
            "inaccurate, and it can suggest lesser importance. Use people of color or "
            "communities of color for shared experiences, and name the specific group "
            "when the data allow.</p>"
            "<p>Legal and program names that contain the word, such as a certification "
            "category for minority-owned businesses, keep their official names.</p>"
        ),
        "earlier": {
            "status": "adopted",
            "short": "Minority refers to racial and ethnic groups other than white.",
            "definition": (
                "<p>Minority refers to racial and ethnic groups other than white, as used in "
                "many federal and state programs.</p>"
            ),
        },
        "change_note": (
            "Retired: replaced by people of color; explained why, and kept official program "
            "names unchanged."
        ),
        "replaced_by": "people-of-color",
        "sources": [COMMON_LANGUAGE],
        "related": ["people-of-color"],
        "areas": ["justice-civic-engagement"],
        "status": "retired",
        "adopted_on": "2025-03-18",
        "revised_on": "2025-09-23",
        "adopting_body": ORE,
    },
    {
        "slug": "digital-inclusion",
        "title": "Digital inclusion",
        "labels": ["Digital equity"],
        "short": (
            "Digital inclusion means every resident has affordable internet, a suitable "
            "device and the skills and support to use them."
        ),
        "definition": (
            "<p>Draft for discussion. As more City services move online, residents without "
            "reliable internet, a device or digital skills risk being left out. Digital "
            "inclusion work pairs access with training, multilingual support and a way to get "
            "the same service offline.</p>"
        ),
        "change_note": "First draft for discussion",
        "sources": [PLAN],
        "related": ["language-access", "opportunity-gap"],
        "areas": ["education-access-attainment", "economic-opportunity"],
        "status": "draft",
        "adopted_on": "",
        "proposed_on": "2026-09-15",
        "adopting_body": "",
    },
]

INDICATORS = [
    {
        "slug": "implicit-bias-training-completion-rate",
        "code": "completion_rate",
        "title": "Implicit-bias training completion rate",
        "short": (
            "The share of active employees required to take the implicit-bias course who "
            "have completed it."
        ),
        "purpose": (
            "Tracks the City's citywide implicit-bias training commitment, so that ORE, "
            "department liaisons and the public can see how far each department has come."
        ),
        "numerator": (
            "Active employees in the audience of the implicit-bias training requirement who "
            "have completed the required implicit-bias course on or before the reporting date."
        ),
        "denominator": (
            "Active employees in the audience of the requirement on the reporting date. "
            "People who have left City service stay in history but not in the current rate."
        ),
        "unit": "percent",
        "data_source": "Equity LMS completion records",
        "update_frequency": "monthly",
        "disaggregations": ["department", "job class", "fiscal year", "fiscal quarter"],
        "owner": "CHRED",
        "caveats": (
            "Small-group suppression: any count under 11 is withheld in published tables, "
            "together with any count that would let it be recovered. Employees with an "
            "approved exemption are left out of both numerator and denominator."
        ),
        "earlier": {
            "denominator": "All employees in the audience of the requirement.",
        },
        "change_note": (
            "Denominator now counts active employees on the reporting date only, so that "
            "departures no longer lower a department's rate."
        ),
        "sources": [INDICATOR_WORK],
        "related": ["implicit-bias", "disaggregated-data"],
        "areas": ["economic-opportunity"],
        "status": "adopted",
        "adopted_on": "2025-07-01",
        "revised_on": "2026-01-06",
        "adopting_body": ORE,
    },
    {
        "slug": "on-time-completion-rate",
        "code": "on_time_rate",
        "title": "On-time completion rate",
        "short": (
            "The share of required-training assignments due in a period that were completed "
            "on or before their due date."
        ),
        "purpose": (
            "Shows whether departments complete required trainings when they are due, not "
            "only eventually, so that liaisons can plan reminders and schedules."
        ),
        "numerator": (
            "Active employees in the audience of a training requirement on the reporting date "
            "whose current assignment was completed on or before its due date."
        ),
        "denominator": (
            "Active employees in the audience of the requirement on the reporting date, "
            "excluding those with an exemption in force on that date."
        ),
        "unit": "percent",
        "data_source": "Equity LMS training requirements, assignments and completion records",
        "update_frequency": "monthly",
        "disaggregations": [
            "department",
            "job class",
            "requirement",
            "fiscal year",
            "fiscal quarter",
        ],
        "owner": "CHRED",
        "caveats": (
            "Late completions count toward the completion rate but not toward this one. "
            "Counts under 11 are suppressed in published tables."
        ),
        "change_note": "Adopted citywide",
        "sources": [INDICATOR_WORK],
        "related": ["accountability"],
        "areas": ["economic-opportunity"],
        "status": "adopted",
        "adopted_on": "2025-07-01",
        "adopting_body": ORE,
    },
    {
        "slug": "liaison-training-coverage",
        "code": "liaison_coverage",
        "title": "Liaison training coverage",
        "short": (
            "The share of active department liaisons who have completed every training "
            "required of them."
        ),
        "purpose": (
            "Liaisons carry equity training into their departments; this indicator shows "
            "whether they have themselves completed the trainings they champion."
        ),
        "numerator": (
            "Active employees holding a department liaison role on the reporting date who have "
            "completed every training requirement that applies to them."
        ),
        "denominator": (
            "Active employees holding a department liaison role on the reporting date."
        ),
        "unit": "percent",
        "data_source": "Equity LMS liaison roles and completion records",
        "update_frequency": "monthly",
        "disaggregations": ["department", "fiscal year", "fiscal quarter"],
        "owner": "CHRED",
        "caveats": (
            "Most departments have only a few liaisons, so department figures are shown to ORE "
            "but suppressed in published tables when under 11; the citywide figure is "
            "published."
        ),
        "change_note": "Adopted citywide",
        "sources": [INDICATOR_WORK, PLAN],
        "related": ["accountability"],
        "areas": ["justice-civic-engagement"],
        "status": "adopted",
        "adopted_on": "2025-10-07",
        "adopting_body": ORE,
    },
    {
        "slug": "ta-requests-completed",
        "title": "Technical assistance requests completed",
        "short": (
            "The number of technical assistance requests from departments that ORE completed "
            "in a period, with the hours of assistance given."
        ),
        "purpose": (
            "Shows how much technical assistance ORE provides, to which departments and on "
            "which issue areas, so that staffing can follow demand."
        ),
        "numerator": (
            "Technical assistance requests whose status changed to completed during the "
            "period, and the hours logged on them."
        ),
        "denominator": (
            "None: this is a count. For the completion share, requests accepted during the period."
        ),
        "unit": "requests and hours",
        "data_source": "Equity LMS technical assistance requests",
        "update_frequency": "quarterly",
        "disaggregations": ["department", "issue area", "kind of help", "fiscal year"],
        "owner": "CHRED",
        "caveats": (
            "Hours are logged by ORE staff and may be entered after the request is completed. "
            "Declined requests are counted separately with their reasons."
        ),
        "change_note": "Proposed for the Technical Assistance and Training pillar",
        "sources": [PLAN],
        "related": ["accountability"],
        "areas": ["justice-civic-engagement"],
        "status": "proposed",
        "adopted_on": "",
        "proposed_on": "2026-06-16",
        "adopting_body": "",
    },
    {
        "slug": "translated-public-notices-rate",
        "title": "Translated public notices rate",
        "short": (
            "The share of a department's public notices issued in the languages required for "
            "the area they concern."
        ),
        "purpose": (
            "Tracks whether residents receive public notices in the languages spoken where "
            "they live, a basic condition of equitable engagement."
        ),
        "numerator": (
            "Public notices issued in the period in every language required for the area "
            "they concern."
        ),
        "denominator": "Public notices issued by the department in the period.",
        "unit": "percent",
        "data_source": "Department notice logs reported to ORE",
        "update_frequency": "quarterly",
        "disaggregations": ["department", "language", "fiscal year"],
        "owner": "CHRED",
        "caveats": (
            "Draft: the list of required languages per area is still being agreed with "
            "departments, so figures are not yet comparable."
        ),
        "change_note": "First draft for discussion",
        "sources": [PLAN],
        "related": ["language-access", "community-engagement"],
        "areas": ["justice-civic-engagement"],
        "status": "draft",
        "adopted_on": "",
        "proposed_on": "2026-09-15",
        "adopting_body": "",
    },
]


def _analytics_indicator(
    code: str,
    slug: str,
    title: str,
    short: str,
    numerator: str,
    denominator: str,
    unit: str,
    disaggregations: list[str],
    caveats: str,
) -> dict:
    """An indicator definition that analytics computes and publishes under `code`."""
    return {
        "slug": slug,
        "code": code,
        "title": title,
        "short": short,
        "purpose": (
            "Part of the training indicators the Equity LMS publishes nightly to ORE's "
            "monitoring data, so that progress on the citywide training commitment can be "
            "tracked by department, job class and period."
        ),
        "numerator": numerator,
        "denominator": denominator,
        "unit": unit,
        "data_source": "Equity LMS training records (nightly analytics run)",
        "update_frequency": "nightly",
        "disaggregations": disaggregations,
        "owner": "CHRED",
        "caveats": caveats,
        "change_note": "Adopted with the monitoring dataset",
        "sources": [INDICATOR_WORK],
        "related": ["accountability"],
        "areas": ["economic-opportunity"],
        "status": "adopted",
        "adopted_on": "2026-07-01",
        "adopting_body": ORE,
    }


_SUPPRESSED = (
    "Counts under 11 people are suppressed in published tables, with any count that would "
    "reveal them."
)
_BY_DEPARTMENT = [
    "department",
    "job class",
    "requirement",
    "fiscal year",
    "fiscal quarter",
    "month",
]

INDICATORS += [
    _analytics_indicator(
        "overdue_count",
        "overdue-trainings",
        "Overdue trainings",
        "How many employees are past the due date of a required training without completing it.",
        "Active employees in the audience of a requirement on the reporting date whose current "
        "assignment is past its due date and not completed.",
        "Not a rate: the count is the indicator. The published denominator is the audience.",
        "people",
        _BY_DEPARTMENT,
        _SUPPRESSED,
    ),
    _analytics_indicator(
        "median_days_to_complete",
        "median-days-to-complete",
        "Median days from assignment to completion",
        "The typical time employees take to complete a required training once it is assigned.",
        "The median, over the assignments completed in the period, of days from the day the "
        "assignment opened to the day it was completed (0 when an earlier completion counted).",
        "The number of assignments completed in the period.",
        "days",
        ["department", "requirement", "fiscal year", "fiscal quarter", "month"],
        _SUPPRESSED,
    ),
    _analytics_indicator(
        "supervisor_coverage",
        "supervisor-training-coverage",
        "Supervisor training coverage",
        "The share of supervisors in a requirement's audience who have completed it.",
        "Active supervisors in the audience of the requirement on the reporting date whose "
        "current assignment is completed.",
        "Active supervisors (employees who supervise at least one active employee) in the "
        "audience on the reporting date, excluding those exempt.",
        "proportion",
        ["department", "requirement", "fiscal year", "fiscal quarter", "month"],
        "Supervisor status is today's: the roster keeps no history of who supervised whom. "
        + _SUPPRESSED,
    ),
    _analytics_indicator(
        "knowledge_gain",
        "knowledge-gain",
        "Knowledge gain",
        "How much learners' scores rise from a course's pre-assessment to its post-assessment.",
        "The sum, over learners who took both assessments in the same run of a course, of the "
        "post-assessment score minus the pre-assessment score (percentage points).",
        "Learners who took both assessments, counted in the period of the post-assessment.",
        "percentage points",
        ["course", "department", "job class", "fiscal year", "fiscal quarter", "month"],
        _SUPPRESSED,
    ),
    _analytics_indicator(
        "feedback_score",
        "course-feedback-score",
        "Course feedback score",
        "Learners' average rating of a course in the end-of-course survey, from 1 to 5.",
        "The sum of the mean rating of each survey response.",
        "Survey responses submitted in the period.",
        "score (1-5)",
        ["course", "fiscal year", "fiscal quarter", "month"],
        "Feedback is anonymous, so it is published citywide only. " + _SUPPRESSED,
    ),
    _analytics_indicator(
        "ta_requests",
        "ta-requests-made",
        "Technical-assistance requests made",
        "How many technical-assistance requests departments made to ORE.",
        "Technical-assistance requests made in the period.",
        "None: the count is the indicator.",
        "requests",
        ["department", "fiscal year", "fiscal quarter", "month"],
        "Counts of requests are about departments, not people, so they are not suppressed.",
    ),
    _analytics_indicator(
        "ta_hours",
        "ta-hours",
        "Technical-assistance hours",
        "The hours ORE staff logged on technical-assistance requests.",
        "Hours logged on the requests made in the period.",
        "None: the total is the indicator.",
        "hours",
        ["department", "fiscal year", "fiscal quarter", "month"],
        "Hours are counted in the period the request was made. Not suppressed.",
    ),
]


# Spanish translations: original text in formal Latin American Spanish.
_SUPPRESSED_ES = (
    "Las cifras de menos de 11 personas se suprimen en las tablas publicadas, junto con "
    "cualquier cifra que permita revelarlas."
)
_BY_DEPARTMENT_ES = [
    "departamento",
    "clasificación de puesto",
    "requisito",
    "año fiscal",
    "trimestre fiscal",
    "mes",
]


def _analytics_indicator_es(
    title: str,
    short: str,
    numerator: str,
    denominator: str,
    unit: str,
    disaggregations: list[str],
    caveats: str,
) -> dict:
    """The Spanish of an indicator made by `_analytics_indicator`, with its shared fields."""
    return {
        "title": title,
        "short": short,
        "purpose": (
            "Forma parte de los indicadores de capacitación que Equity LMS publica cada noche "
            "en los datos de monitoreo de la Oficina de Equidad Racial, para que se pueda dar "
            "seguimiento al avance del compromiso de capacitación de toda la Ciudad por "
            "departamento, clasificación de puesto y período."
        ),
        "numerator": numerator,
        "denominator": denominator,
        "unit": unit,
        "data_source": "Registros de capacitación de Equity LMS (análisis nocturno)",
        "update_frequency": "cada noche",
        "disaggregations": disaggregations,
        "caveats": caveats,
    }


TRANSLATIONS_ES = {
    "racial-equity": {
        "title": "Equidad racial",
        "labels": ["Equidad de raza"],
        "short": (
            "La equidad racial es la condición en la que la raza ya no predice el acceso de "
            "una persona a oportunidades, servicios o resultados en Los Ángeles."
        ),
        "definition": (
            "<p>La equidad racial es a la vez un resultado y una forma de trabajar. Como "
            "resultado, significa que la raza de una persona ya no predice su salud, vivienda, "
            "ingresos, seguridad ni su acceso a los servicios de la Ciudad, y que los "
            "resultados mejoran para todos. Como forma de trabajar, significa que los "
            "departamentos de la Ciudad identifican las políticas y prácticas que producen "
            "brechas raciales y las cambian.</p>"
            "<ul><li>Se enfoca en los resultados, no solo en las intenciones.</li>"
            "<li>Pregunta quién se beneficia y quién asume las cargas de una decisión, antes "
            "de tomarla.</li>"
            "<li>Involucra a las comunidades más afectadas en el diseño de la solución.</li>"
            "</ul>"
        ),
    },
    "equity-and-equality": {
        "title": "Equidad e igualdad",
        "labels": ["Equidad frente a igualdad"],
        "short": (
            "La igualdad da a todos lo mismo; la equidad da a cada persona lo que necesita "
            "para alcanzar el mismo buen resultado."
        ),
        "definition": (
            "<p>La igualdad trata a todas las personas de la misma manera. La equidad reconoce "
            "que las personas parten de lugares distintos, muchas veces a causa de políticas "
            "pasadas y presentes, y ajusta los recursos y el apoyo para que todas puedan "
            "alcanzar el mismo resultado.</p>"
            "<p>Por ejemplo, traducir un aviso a los idiomas que hablan los residentes es una "
            "medida de equidad: todos reciben la misma información, pero no en la misma "
            "forma.</p>"
        ),
    },
    "implicit-bias": {
        "title": "Sesgo implícito",
        "labels": ["Sesgo inconsciente"],
        "short": (
            "El sesgo implícito es una actitud o un estereotipo que influye en nuestros "
            "juicios y acciones sin que nos demos cuenta."
        ),
        "definition": (
            "<p>Los sesgos implícitos son asociaciones automáticas sobre grupos de personas "
            "que aprendemos del mundo que nos rodea. Todas las personas los tenemos, incluso "
            "quienes creen sinceramente en la justicia. Pueden influir en a quién contratamos, "
            "en cómo atendemos la llamada de un residente o en qué vecindario recibe primero "
            "un programa.</p>"
            "<ul><li>Actúan con más fuerza cuando estamos cansados, con prisa o decidimos con "
            "poca información.</li>"
            "<li>Se pueden interrumpir con criterios claros, decisiones estructuradas y "
            "revisando los resultados por grupo.</li>"
            "<li>Tenerlos no es una falta moral; ignorar sus efectos es una decisión de "
            "gestión.</li></ul>"
        ),
    },
    "explicit-bias": {
        "title": "Sesgo explícito",
        "labels": ["Sesgo consciente"],
        "short": (
            "El sesgo explícito es una actitud hacia un grupo de personas de la que uno es "
            "consciente y que puede expresar abiertamente."
        ),
        "definition": (
            "<p>El sesgo explícito es una preferencia a favor o en contra de un grupo que una "
            "persona mantiene a sabiendas. Cuando se manifiesta en el trabajo como acoso o "
            "trato desigual, se atiende mediante las políticas de la Ciudad y la ley, no solo "
            "con capacitación.</p>"
        ),
    },
    "structural-racism": {
        "title": "Racismo estructural",
        "labels": ["Inequidad racial estructural"],
        "short": (
            "El racismo estructural es la forma en que las políticas, las instituciones y las "
            "normas culturales se combinan para seguir produciendo inequidades raciales a lo "
            "largo del tiempo."
        ),
        "definition": (
            "<p>El racismo estructural describe cómo varios sistemas, como la vivienda, el "
            "crédito, las escuelas, la policía, el transporte y el empleo, se refuerzan entre "
            "sí de modo que las brechas raciales persisten aunque nadie las busque. Una brecha "
            "creada por un sistema, como las antiguas reglas de préstamos, puede influir en los "
            "resultados de otro, como el financiamiento escolar o la salud.</p>"
            "<p>Como abarca varios sistemas, el racismo estructural se atiende cambiando "
            "políticas y prácticas en varios departamentos, no con un solo programa.</p>"
        ),
    },
    "institutional-racism": {
        "title": "Racismo institucional",
        "labels": [],
        "short": (
            "El racismo institucional es el conjunto de políticas y prácticas dentro de una "
            "organización que producen resultados distintos según la raza."
        ),
        "definition": (
            "<p>El racismo institucional ocurre dentro de una sola organización, como un "
            "departamento de la Ciudad, cuando sus reglas, presupuestos, prácticas de "
            "contratación o normas de servicio llevan a peores resultados para personas de "
            "algunas razas, haya o no intención.</p>"
            "<p>El plan estratégico de la Oficina de Equidad Racial señala la atención a estas "
            "políticas y prácticas institucionales como una fortaleza de la Ciudad.</p>"
        ),
    },
    "disaggregated-data": {
        "title": "Datos desglosados",
        "labels": ["Datos desagregados", "Desagregación de datos"],
        "short": (
            "Los datos desglosados son cifras separadas por grupo, como raza, idioma o "
            "vecindario, para que se vean las brechas que un promedio oculta."
        ),
        "definition": (
            "<p>Un promedio puede ocultar experiencias muy distintas. Desagregar los datos "
            "significa informar los resultados por separado para cada grupo, por ejemplo por "
            "raza y origen étnico, idioma preferido, distrito del Concejo, edad o "
            "discapacidad, para que los departamentos vean a quién atienden bien y a quién "
            "no.</p>"
            "<ul><li>Use las categorías con las que los residentes se describen a sí mismos y "
            "permita elegir más de una.</li>"
            "<li>No publique cifras de grupos muy pequeños (menos de 11 personas) para proteger "
            "la privacidad.</li>"
            "<li>Indique cómo se definió cada grupo, para que las cifras se puedan comparar "
            "entre departamentos.</li></ul>"
        ),
    },
    "equity-lens": {
        "title": "Enfoque de equidad",
        "labels": ["Lente de equidad", "Análisis de equidad"],
        "short": (
            "Un enfoque de equidad es un breve conjunto de preguntas que un equipo se hace "
            "sobre una decisión para ver quién se beneficia, quién asume las cargas y quién "
            "no participó."
        ),
        "definition": (
            "<p>Aplicar un enfoque de equidad significa detenerse antes de una decisión, como "
            "una solicitud de presupuesto, un contrato, una regla de un programa o un proyecto "
            "de obra pública, para hacerse siempre las mismas preguntas:</p>"
            "<ul><li>¿Qué comunidades se ven afectadas y qué dicen los datos sobre ellas?</li>"
            "<li>¿Quién se beneficia y quién asume las cargas?</li>"
            "<li>¿Participaron las personas más afectadas, en su idioma?</li>"
            "<li>¿Cómo sabremos si la decisión redujo una disparidad?</li></ul>"
            "<p>La hoja de trabajo del enfoque de equidad (Equity Lens Worksheet), en la "
            "biblioteca de recursos, guía al equipo paso a paso por estas preguntas.</p>"
        ),
    },
    "community-engagement": {
        "title": "Participación comunitaria",
        "labels": ["Participación cívica", "Participación ciudadana"],
        "short": (
            "La participación comunitaria es el trabajo de involucrar a los residentes, "
            "especialmente a los más afectados, en las decisiones de la Ciudad que les "
            "conciernen."
        ),
        "definition": (
            "<p>La participación comunitaria va desde informar a los residentes, consultarles "
            "y decidir en conjunto, hasta las decisiones dirigidas por la comunidad. Una "
            "participación equitativa va a donde está la gente, ofrece acceso lingüístico y "
            "cuidado infantil, compensa el tiempo de quienes aportan su conocimiento de la "
            "comunidad e informa después qué cambió gracias a sus aportes.</p>"
            "<p>La participación cívica es uno de los cinco pilares del plan estratégico de la "
            "Oficina de Equidad Racial.</p>"
        ),
    },
    "language-access": {
        "title": "Acceso lingüístico",
        "labels": ["Acceso en otros idiomas"],
        "short": (
            "El acceso lingüístico significa que los residentes pueden usar los servicios, la "
            "información y las reuniones de la Ciudad en el idioma que mejor entienden, sin "
            "costo alguno."
        ),
        "definition": (
            "<p>El acceso lingüístico incluye materiales escritos traducidos, interpretación "
            "en ventanilla, por teléfono y en reuniones públicas, sitios web multilingües y "
            "personal que sabe cómo conseguir un intérprete rápidamente. El acceso debe tener "
            "la misma calidad y rapidez que el servicio en inglés.</p>"
            "<ul><li>Planifique según los idiomas que se hablan en la zona que atiende, no "
            "solo el español.</li>"
            "<li>Recurra a intérpretes y traductores calificados, no a niños ni a personal sin "
            "capacitación.</li>"
            "<li>Informe a los residentes, en su idioma, que la ayuda es gratuita.</li></ul>"
        ),
    },
    "interpersonal-racism": {
        "title": "Racismo interpersonal",
        "labels": ["Racismo individual"],
        "short": (
            "El racismo interpersonal es el sesgo o la discriminación que ocurre entre "
            "personas, en palabras o en acciones."
        ),
        "definition": (
            "<p>El racismo interpersonal es el racismo que ocurre entre individuos: un insulto "
            "racista, un comentario despectivo, una decisión sobre una persona basada en su "
            "raza. Puede ser intencional o no. Es el nivel más visible del racismo y se asienta "
            "sobre el racismo institucional y el estructural.</p>"
        ),
    },
    "systemic-racism": {
        "title": "Racismo sistémico",
        "labels": [],
        "short": (
            "Racismo sistémico es un término general que abarca el racismo institucional y el "
            "estructural en conjunto."
        ),
        "definition": (
            "<p>Con frecuencia se usa racismo sistémico para referirse al efecto combinado del "
            "racismo institucional (dentro de una organización) y del racismo estructural (en "
            "muchas a la vez). En los documentos de la Ciudad, use el término más preciso "
            "siempre que pueda, para que los lectores sepan si la solución está dentro de un "
            "departamento o en varios.</p>"
        ),
    },
    "targeted-universalism": {
        "title": "Universalismo focalizado",
        "labels": [],
        "short": (
            "El universalismo focalizado fija una sola meta para todos y luego usa estrategias "
            "distintas para que cada grupo la alcance."
        ),
        "definition": (
            "<p>El universalismo focalizado parte de una meta universal, por ejemplo, que todos "
            "los hogares estén a no más de diez minutos a pie de un parque. Luego mide qué tan "
            "lejos de la meta está cada grupo o vecindario y diseña estrategias focalizadas "
            "para quienes están más lejos, de modo que todos alcancen la misma meta.</p>"
        ),
    },
    "disparity": {
        "title": "Disparidad racial",
        "labels": ["Disparidad", "Brecha racial"],
        "short": (
            "Una disparidad racial es una diferencia medible en un resultado entre grupos raciales."
        ),
        "definition": (
            "<p>Una disparidad es una diferencia que se puede medir, como una brecha entre "
            "grupos raciales en los tiempos de espera, la aprobación de permisos, la superficie "
            "de parques por residente o las tasas de asma. Nombrar una disparidad describe lo "
            "que está ocurriendo; encontrar sus causas raíz explica por qué ocurre y señala lo "
            "que la Ciudad puede cambiar.</p>"
        ),
    },
    "disproportionality": {
        "title": "Desproporcionalidad",
        "labels": ["Sobrerrepresentación", "Subrepresentación"],
        "short": (
            "Hay desproporcionalidad cuando la proporción que un grupo representa en un "
            "resultado es mayor o menor que su proporción en la población de referencia."
        ),
        "definition": (
            "<p>La desproporcionalidad compara proporciones: por ejemplo, un grupo que "
            "representa el 10 por ciento de los residentes, pero el 30 por ciento de las "
            "personas que recibieron una citación por una infracción, está sobrerrepresentado. "
            "Indique siempre el grupo de comparación (residentes, solicitantes elegibles, "
            "empleados), porque esa elección cambia el resultado.</p>"
        ),
    },
    "inclusion": {
        "title": "Inclusión",
        "labels": [],
        "short": (
            "La inclusión es la práctica de asegurar que personas de todos los orígenes puedan "
            "participar plenamente y tener una influencia real."
        ),
        "definition": (
            "<p>La inclusión va más allá de estar presente. En una reunión, un lugar de trabajo "
            "o un proceso público, significa que las personas pueden participar en su idioma, "
            "que sus aportes se escuchan y que pueden influir en el resultado.</p>"
        ),
    },
    "belonging": {
        "title": "Pertenencia",
        "labels": ["Sentido de pertenencia"],
        "short": (
            "La pertenencia es la experiencia de sentirse aceptado, valorado y capaz de influir "
            "en el lugar donde uno vive o trabaja."
        ),
        "definition": (
            "<p>La pertenencia es la inclusión vivida desde dentro. Un residente siente que "
            "pertenece cuando la Ciudad trata a su vecindario y a su voz como parte de Los "
            "Ángeles; un empleado siente que pertenece cuando puede ser plenamente quien es en "
            "el trabajo, sin tener que ocultar partes de su identidad.</p>"
        ),
    },
    "cultural-humility": {
        "title": "Humildad cultural",
        "labels": [],
        "short": (
            "La humildad cultural es la práctica permanente de aprender sobre las culturas de "
            "los demás, examinar las propias suposiciones y compartir el poder en la relación."
        ),
        "definition": (
            "<p>La humildad cultural pide al personal que trate a cada residente y a cada "
            "colega como la persona experta en su propia experiencia, que reflexione sobre su "
            "propio origen y sus suposiciones, y que atienda las diferencias de poder entre un "
            "servidor público y el público. Es un aprendizaje que nunca termina: no hay un "
            "momento en que se haya aprendido por completo otra cultura.</p>"
        ),
    },
    "cultural-competence": {
        "title": "Competencia cultural",
        "labels": [],
        "short": (
            "Retirado: use humildad cultural, que entiende el aprendizaje sobre otras culturas "
            "como algo continuo y no como una habilidad que se termina de adquirir."
        ),
        "definition": (
            "<p>Competencia cultural se usaba para referirse a los conocimientos y las "
            "habilidades necesarios para atender a personas de distintas culturas. La Ciudad ya "
            "no lo usa como su término principal, porque puede dar a entender que una cultura "
            "se domina con un curso o una lista de verificación. Use humildad cultural en su "
            "lugar.</p>"
        ),
    },
    "microaggression": {
        "title": "Microagresión",
        "labels": ["Desaire cotidiano"],
        "short": (
            "Una microagresión es un comentario o una acción breve y cotidiana que transmite un "
            "mensaje negativo a alguien por su identidad de grupo."
        ),
        "definition": (
            "<p>Las microagresiones muchas veces no son intencionales, como elogiar el inglés "
            "de un colega cuando es su lengua materna, o seguir pronunciando mal un nombre "
            "aunque ya le hayan corregido la pronunciación. Cada una puede parecer pequeña; su "
            "repetición a lo largo de una carrera o de toda una vida no lo es. La respuesta útil "
            "es notar el efecto, reconocerlo y actuar de otra manera, en lugar de debatir la "
            "intención.</p>"
        ),
    },
    "intersectionality": {
        "title": "Interseccionalidad",
        "labels": [],
        "short": (
            "La interseccionalidad es el reconocimiento de que la raza, el género, la "
            "discapacidad, la clase social y otras identidades se combinan para moldear la "
            "experiencia de discriminación de una persona."
        ),
        "definition": (
            "<p>Una mujer afroamericana puede enfrentar barreras que no enfrentan ni los "
            "hombres afroamericanos ni las mujeres blancas. La interseccionalidad pide que los "
            "programas y los datos examinen combinaciones de identidades, no una a la vez, sin "
            "dejar de proteger la privacidad de los grupos pequeños.</p>"
        ),
    },
    "opportunity-gap": {
        "title": "Brecha de oportunidades",
        "labels": ["Brecha de rendimiento"],
        "short": (
            "Una brecha de oportunidades es un acceso desigual a los recursos y las condiciones "
            "que llevan a buenos resultados, como buenas escuelas, transporte público, parques "
            "o empleos."
        ),
        "definition": (
            "<p>El término pone el foco en aquello a lo que las personas tienen acceso y no en "
            "lo que logran. Hablar de una brecha de oportunidades en lugar de una brecha de "
            "rendimiento dirige la atención hacia las condiciones que la Ciudad puede cambiar, "
            "como el horario de las bibliotecas, el internet de banda ancha, las rutas seguras "
            "a la escuela o los empleos de verano.</p>"
        ),
    },
    "redlining": {
        "title": "Redlining",
        "labels": ["Líneas rojas", "Discriminación hipotecaria por zonas"],
        "short": (
            "El redlining (trazado de líneas rojas) fue la práctica de negar préstamos e "
            "inversión a vecindarios por la raza de las personas que vivían en ellos."
        ),
        "definition": (
            "<p>En la década de 1930, una agencia federal clasificó los vecindarios según su "
            "riesgo hipotecario, y las zonas donde vivían familias afroamericanas, latinas, "
            "asiáticas e inmigrantes a menudo se marcaron en rojo como peligrosas. Los "
            "prestamistas, y más tarde los programas públicos, siguieron esas clasificaciones. "
            "Muchos vecindarios de Los Ángeles clasificados de esa manera todavía tienen hoy "
            "menos arbolado, más contaminación y viviendas de menor valor.</p>"
            "<p>El redlining es un ejemplo claro de racismo estructural: una política del "
            "pasado cuyos efectos perduran aunque la política ya no exista.</p>"
        ),
    },
    "gentrification-and-displacement": {
        "title": "Gentrificación y desplazamiento",
        "labels": ["Gentrificación", "Desplazamiento"],
        "short": (
            "La gentrificación es el aumento de la inversión y de los costos en un vecindario; "
            "el desplazamiento ocurre cuando, por esa causa, los residentes y negocios de larga "
            "data se ven obligados a irse."
        ),
        "definition": (
            "<p>La nueva inversión puede traer mejoras reales. Cuando las rentas y los costos "
            "de la propiedad suben más rápido que los ingresos, los residentes de larga data, a "
            "menudo personas de color, pueden verse obligados a irse y quedarse sin esos "
            "beneficios. El desarrollo equitativo combina la inversión con protecciones para "
            "inquilinos, vivienda asequible y apoyo a los negocios locales.</p>"
        ),
    },
    "environmental-justice": {
        "title": "Justicia ambiental",
        "labels": [],
        "short": (
            "La justicia ambiental significa que ninguna comunidad carga con más contaminación "
            "de la que le corresponde y que todas las comunidades disfrutan de aire y agua "
            "limpios, sombra y áreas verdes."
        ),
        "definition": (
            "<p>Con frecuencia, las autopistas, la industria y los pozos petroleros se han "
            "ubicado cerca de comunidades de color, y los parques y los árboles no. La justicia "
            "ambiental pide a la Ciudad reducir estas cargas donde son mayores e involucrar a "
            "los residentes afectados en las decisiones sobre el uso del suelo y los proyectos "
            "de obra pública.</p>"
        ),
    },
    "procurement-equity": {
        "title": "Equidad en las adquisiciones",
        "labels": ["Equidad en los contratos", "Adquisiciones equitativas"],
        "short": (
            "La equidad en las adquisiciones significa que las empresas cuyos dueños son "
            "personas de color y otras empresas poco representadas entre los proveedores "
            "tienen una oportunidad justa de competir por los contratos de la Ciudad y de "
            "ganarlos."
        ),
        "definition": (
            "<p>La Ciudad gasta miles de millones de dólares al año en bienes, servicios y "
            "construcción. La equidad en las adquisiciones examina quién recibe ese gasto y "
            "elimina las barreras que dejan fuera a empresas pequeñas, locales y propiedad de "
            "minorías que están calificadas, como agrupar el trabajo en contratos muy grandes, "
            "pagar con retraso o exigir fianzas con reglas complicadas.</p>"
            "<ul><li>Divida los contratos grandes cuando sea práctico.</li>"
            "<li>Publique las próximas oportunidades con anticipación y en lenguaje "
            "sencillo.</li>"
            "<li>Dé seguimiento a las adjudicaciones y los pagos, no solo a las ofertas, según "
            "quién es dueño de la empresa.</li></ul>"
        ),
    },
    "equitable-budgeting": {
        "title": "Presupuestación equitativa",
        "labels": ["Equidad presupuestaria", "Presupuesto con enfoque de equidad"],
        "short": (
            "La presupuestación equitativa es la práctica de decidir cómo se gasta el dinero "
            "público prestando atención explícita a quién se beneficia y a quién se deja fuera."
        ),
        "definition": (
            "<p>Borrador para discusión. La presupuestación equitativa pide a cada "
            "departamento, cuando solicita o recorta fondos, que indique a qué comunidades "
            "afecta el cambio, qué muestran los datos sobre las brechas actuales y cómo se dará "
            "seguimiento a los resultados. La Budget Equity Tool (herramienta de equidad "
            "presupuestaria) ofrece a los departamentos un conjunto común de preguntas para sus "
            "solicitudes de presupuesto.</p>"
        ),
    },
    "participatory-budgeting": {
        "title": "Presupuesto participativo",
        "labels": [],
        "short": (
            "El presupuesto participativo es un proceso en el que los residentes deciden "
            "directamente cómo gastar una parte de un presupuesto público."
        ),
        "definition": (
            "<p>En el presupuesto participativo, los residentes proponen ideas, las convierten "
            "en proyectos y votan cuáles se financian. L.A. REPAIR, el primer programa piloto "
            "de presupuesto participativo de la Ciudad, distribuye fondos directamente en nueve "
            "vecindarios llamados REPAIR Zones (zonas REPAIR).</p>"
        ),
    },
    "root-cause-analysis": {
        "title": "Análisis de causas raíz",
        "labels": ["Causas raíz"],
        "short": (
            "El análisis de causas raíz es una forma estructurada de preguntar por qué existe "
            "una disparidad hasta llegar a algo que la Ciudad puede cambiar."
        ),
        "definition": (
            "<p>Un equipo parte de una disparidad medida y sigue preguntando por qué, "
            "examinando las políticas, las prácticas, los presupuestos y la historia, y no a "
            "las personas afectadas. El objetivo es encontrar las causas que, si cambiaran, "
            "reducirían la brecha, y verificarlas con la comunidad y con los datos.</p>"
        ),
    },
    "accountability": {
        "title": "Rendición de cuentas",
        "labels": ["Rendición de cuentas en equidad"],
        "short": (
            "La rendición de cuentas significa que la Ciudad fija metas de equidad claras, "
            "informa públicamente sobre su avance y responde ante las comunidades afectadas."
        ),
        "definition": (
            "<p>En el trabajo por la equidad, la rendición de cuentas tiene tres partes: un "
            "responsable designado para cada meta, la publicación de los resultados (incluso "
            "cuando el avance es lento) y un medio para que los residentes, por ejemplo a "
            "través del Community Racial Equity Advisory Committee (Comité Asesor Comunitario "
            "de Equidad Racial), cuestionen el trabajo y ayuden a darle forma.</p>"
        ),
    },
    "results-based-accountability": {
        "title": "Rendición de cuentas basada en resultados",
        "labels": ["RBA"],
        "short": (
            "La rendición de cuentas basada en resultados es un método de planificación que "
            "parte del resultado que se desea para una población y trabaja hacia atrás hasta "
            "las medidas y acciones que permiten alcanzarlo."
        ),
        "definition": (
            "<p>La rendición de cuentas basada en resultados distingue los resultados para la "
            "población (por ejemplo, que todos los residentes respiren aire limpio) del "
            "desempeño de los programas. Para los programas plantea tres preguntas: ¿Cuánto "
            "hicimos? ¿Qué tan bien lo hicimos? ¿Hay alguien que esté mejor gracias a ello?</p>"
        ),
    },
    "community-wealth": {
        "title": "Riqueza comunitaria",
        "labels": ["Construcción de riqueza comunitaria"],
        "short": (
            "La riqueza comunitaria es el conjunto de bienes que los residentes de un vecindario "
            "poseen y controlan juntos, como viviendas, negocios, terrenos y ahorros."
        ),
        "definition": (
            "<p>Construir riqueza comunitaria mantiene el dinero y la propiedad en los "
            "vecindarios a los que se les ha negado la inversión: contratación de personal "
            "local, contratos con negocios del vecindario, cooperativas de trabajadores, "
            "fideicomisos comunitarios de tierras y acceso a crédito justo. La riqueza "
            "comunitaria es una de las nueve áreas temáticas comunitarias de la Oficina de "
            "Equidad Racial.</p>"
        ),
    },
    "people-of-color": {
        "title": "Personas de color",
        "labels": ["Comunidades de color", "BIPOC"],
        "short": (
            "Personas de color es un término colectivo para las personas que no son blancas, "
            "que se usa al hablar de experiencias compartidas de racismo."
        ),
        "definition": (
            "<p>Use personas de color o comunidades de color cuando una afirmación sea cierta "
            "para varios grupos raciales en conjunto. Cuando un hallazgo se refiera a un grupo "
            "específico, nómbrelo, por ejemplo residentes afroamericanos, latinos, "
            "asiático-americanos, nativos de Hawái y de otras islas del Pacífico, o indígenas "
            "americanos y nativos de Alaska, porque las experiencias y los datos difieren de un "
            "grupo a otro.</p>"
        ),
    },
    "minority": {
        "title": "Minoría",
        "labels": ["Minorías", "Minoría racial"],
        "short": (
            "Retirado: en lugar de minoría, use personas de color o nombre el grupo específico."
        ),
        "definition": (
            "<p>La Ciudad ya no usa minoría para referirse a las personas de color. En Los "
            "Ángeles, las personas de color en conjunto son la mayoría de los residentes, así "
            "que la palabra es inexacta y puede sugerir menor importancia. Use personas de "
            "color o comunidades de color para las experiencias compartidas, y nombre el grupo "
            "específico cuando los datos lo permitan.</p>"
            "<p>Los nombres legales y de programas que contienen la palabra, como una categoría "
            "de certificación para empresas propiedad de minorías, conservan su nombre "
            "oficial.</p>"
        ),
    },
    "digital-inclusion": {
        "title": "Inclusión digital",
        "labels": ["Equidad digital"],
        "short": (
            "La inclusión digital significa que cada residente tiene internet asequible, un "
            "dispositivo adecuado y las habilidades y el apoyo para usarlos."
        ),
        "definition": (
            "<p>Borrador para discusión. A medida que más servicios de la Ciudad pasan a "
            "internet, los residentes sin una conexión confiable, sin un dispositivo o sin "
            "habilidades digitales corren el riesgo de quedar excluidos. El trabajo de "
            "inclusión digital combina el acceso con capacitación, apoyo en varios idiomas y "
            "una manera de recibir el mismo servicio sin usar internet.</p>"
        ),
    },
    "implicit-bias-training-completion-rate": {
        "title": "Tasa de finalización de la capacitación sobre sesgo implícito",
        "short": (
            "La proporción de empleados activos obligados a tomar el curso sobre sesgo "
            "implícito que lo han completado."
        ),
        "purpose": (
            "Da seguimiento al compromiso de la Ciudad de capacitar a todo su personal sobre "
            "el sesgo implícito, para que la Oficina de Equidad Racial, los enlaces "
            "departamentales y el público vean el avance de cada departamento."
        ),
        "numerator": (
            "Empleados activos del público destinatario del requisito de capacitación que "
            "completaron el curso obligatorio sobre sesgo implícito a más tardar en la fecha "
            "de referencia."
        ),
        "denominator": (
            "Empleados activos del público destinatario del requisito en la fecha de "
            "referencia. "
            "Quienes dejaron el servicio de la Ciudad permanecen en el historial, pero no en "
            "la tasa actual."
        ),
        "unit": "porcentaje",
        "data_source": "Registros de finalización de Equity LMS",
        "update_frequency": "mensual",
        "disaggregations": [
            "departamento",
            "clasificación de puesto",
            "año fiscal",
            "trimestre fiscal",
        ],
        "caveats": (
            "Supresión de grupos pequeños: toda cifra menor de 11 se suprime en las tablas "
            "publicadas, junto con cualquier cifra que permita deducirla. Los empleados con "
            "una exención aprobada no se cuentan ni en el numerador ni en el denominador."
        ),
    },
    "on-time-completion-rate": {
        "title": "Tasa de finalización a tiempo",
        "short": (
            "La proporción de las asignaciones de capacitación obligatoria con vencimiento en un "
            "período que se completaron en la fecha límite o antes."
        ),
        "purpose": (
            "Muestra si los departamentos completan las capacitaciones obligatorias a tiempo, y "
            "no solo tarde o temprano, para que los enlaces puedan planificar recordatorios y "
            "calendarios."
        ),
        "numerator": (
            "Empleados activos del público destinatario de un requisito de capacitación en la "
            "fecha de referencia cuya asignación actual se completó en la fecha límite o antes."
        ),
        "denominator": (
            "Empleados activos del público destinatario del requisito en la fecha de "
            "referencia, excepto quienes tienen una exención vigente en esa fecha."
        ),
        "unit": "porcentaje",
        "data_source": (
            "Requisitos de capacitación, asignaciones y registros de finalización de Equity LMS"
        ),
        "update_frequency": "mensual",
        "disaggregations": [
            "departamento",
            "clasificación de puesto",
            "requisito",
            "año fiscal",
            "trimestre fiscal",
        ],
        "caveats": (
            "Las finalizaciones con retraso cuentan para la tasa de finalización, pero no para "
            "esta. Las cifras menores de 11 se suprimen en las tablas publicadas."
        ),
    },
    "liaison-training-coverage": {
        "title": "Cobertura de capacitación de los enlaces",
        "short": (
            "La proporción de enlaces departamentales activos que han completado todas las "
            "capacitaciones que se les exigen."
        ),
        "purpose": (
            "Los enlaces llevan la capacitación sobre equidad a sus departamentos; este "
            "indicador muestra si ellos mismos han completado las capacitaciones que promueven."
        ),
        "numerator": (
            "Empleados activos con el rol de enlace departamental en la fecha de referencia que "
            "han completado todos los requisitos de capacitación que les corresponden."
        ),
        "denominator": (
            "Empleados activos con el rol de enlace departamental en la fecha de referencia."
        ),
        "unit": "porcentaje",
        "data_source": "Roles de enlace y registros de finalización de Equity LMS",
        "update_frequency": "mensual",
        "disaggregations": ["departamento", "año fiscal", "trimestre fiscal"],
        "caveats": (
            "La mayoría de los departamentos tiene pocos enlaces, por lo que las cifras por "
            "departamento se muestran a la Oficina de Equidad Racial, pero se suprimen en las "
            "tablas publicadas cuando son menores de 11; la cifra de toda la Ciudad sí se "
            "publica."
        ),
    },
    "ta-requests-completed": {
        "title": "Solicitudes de asistencia técnica completadas",
        "short": (
            "El número de solicitudes de asistencia técnica de los departamentos que la Oficina "
            "de Equidad Racial completó en un período, con las horas de asistencia prestadas."
        ),
        "purpose": (
            "Muestra cuánta asistencia técnica presta la Oficina de Equidad Racial, a qué "
            "departamentos y en qué áreas temáticas, para que la dotación de personal responda "
            "a la demanda."
        ),
        "numerator": (
            "Solicitudes de asistencia técnica cuyo estado cambió a completada durante el "
            "período, y las horas registradas en ellas."
        ),
        "denominator": (
            "Ninguno: es un recuento. Para la proporción de solicitudes completadas, las "
            "solicitudes aceptadas durante el período."
        ),
        "unit": "solicitudes y horas",
        "data_source": "Solicitudes de asistencia técnica de Equity LMS",
        "update_frequency": "trimestral",
        "disaggregations": ["departamento", "área temática", "tipo de asistencia", "año fiscal"],
        "caveats": (
            "El personal de la Oficina de Equidad Racial registra las horas y puede hacerlo "
            "después de completar la solicitud. Las solicitudes rechazadas se cuentan por "
            "separado, con sus motivos."
        ),
    },
    "translated-public-notices-rate": {
        "title": "Tasa de avisos públicos traducidos",
        "short": (
            "La proporción de los avisos públicos de un departamento que se emiten en los "
            "idiomas exigidos para la zona a la que se refieren."
        ),
        "purpose": (
            "Da seguimiento a si los residentes reciben los avisos públicos en los idiomas que "
            "se hablan donde viven, una condición básica de la participación equitativa."
        ),
        "numerator": (
            "Avisos públicos emitidos en el período en todos los idiomas exigidos para la zona "
            "a la que se refieren."
        ),
        "denominator": "Avisos públicos emitidos por el departamento en el período.",
        "unit": "porcentaje",
        "data_source": (
            "Registros de avisos de los departamentos informados a la Oficina de Equidad Racial"
        ),
        "update_frequency": "trimestral",
        "disaggregations": ["departamento", "idioma", "año fiscal"],
        "caveats": (
            "Borrador: la lista de idiomas exigidos por zona todavía se está acordando con los "
            "departamentos, así que las cifras aún no son comparables."
        ),
    },
    "overdue-trainings": _analytics_indicator_es(
        "Capacitaciones vencidas",
        "Cuántos empleados han pasado la fecha límite de una capacitación obligatoria sin "
        "completarla.",
        "Empleados activos del público destinatario de un requisito en la fecha de referencia "
        "cuya asignación actual está vencida y sin completar.",
        "No es una tasa: el recuento es el indicador. El denominador que se publica es el "
        "público destinatario.",
        "personas",
        _BY_DEPARTMENT_ES,
        _SUPPRESSED_ES,
    ),
    "median-days-to-complete": _analytics_indicator_es(
        "Mediana de días entre la asignación y la finalización",
        "El tiempo típico que tardan los empleados en completar una capacitación obligatoria "
        "una vez que se les asigna.",
        "La mediana, entre las asignaciones completadas en el período, de los días "
        "transcurridos desde el día en que se abrió la asignación hasta el día en que se "
        "completó (0 cuando contó una finalización anterior).",
        "El número de asignaciones completadas en el período.",
        "días",
        ["departamento", "requisito", "año fiscal", "trimestre fiscal", "mes"],
        _SUPPRESSED_ES,
    ),
    "supervisor-training-coverage": _analytics_indicator_es(
        "Cobertura de capacitación de supervisores",
        "La proporción de supervisores del público destinatario de un requisito que lo han "
        "completado.",
        "Supervisores activos del público destinatario del requisito en la fecha de referencia "
        "cuya asignación actual está completada.",
        "Supervisores activos (empleados que supervisan al menos a un empleado activo) del "
        "público destinatario en la fecha de referencia, excepto quienes están exentos.",
        "proporción",
        ["departamento", "requisito", "año fiscal", "trimestre fiscal", "mes"],
        "La condición de supervisor es la actual: el registro de personal no guarda el "
        "historial de quién supervisó a quién. " + _SUPPRESSED_ES,
    ),
    "knowledge-gain": _analytics_indicator_es(
        "Aumento de conocimientos",
        "Cuánto suben las puntuaciones de los participantes desde la evaluación inicial de un "
        "curso hasta su evaluación final.",
        "La suma, entre los participantes que tomaron ambas evaluaciones en la misma edición "
        "de un curso, de la puntuación de la evaluación final menos la de la evaluación "
        "inicial (en puntos porcentuales).",
        "Participantes que tomaron ambas evaluaciones, contados en el período de la evaluación "
        "final.",
        "puntos porcentuales",
        [
            "curso",
            "departamento",
            "clasificación de puesto",
            "año fiscal",
            "trimestre fiscal",
            "mes",
        ],
        _SUPPRESSED_ES,
    ),
    "course-feedback-score": _analytics_indicator_es(
        "Puntuación de la encuesta de opinión del curso",
        "La calificación promedio que los participantes dan a un curso en la encuesta de fin "
        "de curso, del 1 al 5.",
        "La suma de la calificación media de cada respuesta a la encuesta.",
        "Respuestas a la encuesta enviadas en el período.",
        "puntuación (1-5)",
        ["curso", "año fiscal", "trimestre fiscal", "mes"],
        "La encuesta de opinión es anónima, por lo que solo se publica a nivel de toda la Ciudad. "
        + _SUPPRESSED_ES,
    ),
    "ta-requests-made": _analytics_indicator_es(
        "Solicitudes de asistencia técnica presentadas",
        "Cuántas solicitudes de asistencia técnica presentaron los departamentos a la Oficina "
        "de Equidad Racial.",
        "Solicitudes de asistencia técnica presentadas en el período.",
        "Ninguno: el recuento es el indicador.",
        "solicitudes",
        ["departamento", "año fiscal", "trimestre fiscal", "mes"],
        "Los recuentos de solicitudes se refieren a departamentos, no a personas, por lo que no "
        "se suprimen.",
    ),
    "ta-hours": _analytics_indicator_es(
        "Horas de asistencia técnica",
        "Las horas que el personal de la Oficina de Equidad Racial registró en solicitudes de "
        "asistencia técnica.",
        "Horas registradas en las solicitudes presentadas en el período.",
        "Ninguno: el total es el indicador.",
        "horas",
        ["departamento", "año fiscal", "trimestre fiscal", "mes"],
        "Las horas se cuentan en el período en que se presentó la solicitud. No se suprimen.",
    ),
}

TRANSLATION_NOTE_ES = "Traducción al español de la definición"

GLOSSARY_INTRO_ES = (
    "<p>El lenguaje común del trabajo por la equidad racial en la Ciudad de Los Ángeles: los "
    "términos que usamos y los indicadores que medimos, definidos una sola vez para que todos "
    "los departamentos se refieran a lo mismo. Cada entrada indica si está adoptada en toda la "
    "Ciudad, si es una propuesta o si se retiró, y cómo ha cambiado.</p>"
)
