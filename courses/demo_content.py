"""Demo course content for Equity LMS.

The course text, transcripts and diagram descriptions in this module are original demo
content written for Equity LMS, a training system for the City of Los Angeles' Office of
Racial Equity (ORE). They are licensed with the project (AGPL-3.0-or-later). The people
quoted in transcripts are fictional: their roles are illustrative and their accounts are
composites, not records of real events or real employees. The numbers in the diagrams are
illustrative, not City data.

This module holds plain data only, so it can be loaded without Django.

``COURSES`` is a list of courses. Each lesson has ordered ``blocks``; each block is a
``(type, value)`` tuple:

* ``("text", html)``: HTML limited to p, h2, h3, ul, ol, li, strong, em and a href.
* ``("image", {"key", "alt", "caption"})``: ``key`` names an entry in ``IMAGES``; ``alt``
  describes what the diagram shows and means, in at most 400 characters.
* ``("transcript", {"title", "speaker", "text"})``: a short first-person account by a
  fictional speaker; ``text`` is HTML paragraphs.
* ``("callout", {"kind", "text"})``: for example a reflection question (``kind`` "reflect").

``IMAGES`` maps an image key to a diagram drawn from simple shapes on a canvas of
``width`` by ``height`` pixels with a ``background`` colour. Each shape is a dict:

* ``{"kind": "rect" | "ellipse", "box": [x0, y0, x1, y1], "fill": "#hex"}``
* ``{"kind": "polygon", "points": [[x, y], ...], "fill": "#hex"}``
* ``{"kind": "text", "xy": [x, y], "text": str, "fill": "#hex", "size": int}``, where
  ``xy`` is the top-left corner of the text and ``size`` the font size in pixels.

Shapes are listed in drawing order, so later shapes are drawn on top of earlier ones.
"""

COURSES: list[dict] = [
    {
        "slug": "implicit-bias-foundations",
        "title": "Implicit Bias: Foundations",
        "summary": (
            "Learn what implicit bias is, how it can shape everyday decisions in City "
            "services, and practical steps that individuals and departments can take to "
            "reduce its effects."
        ),
        "estimated_minutes": 45,
        "lessons": [
            {
                "slug": "what-is-implicit-bias",
                "title": "What Implicit Bias Is",
                "blocks": [
                    (
                        "text",
                        (
                            "<p>Every day, City employees make hundreds of small judgments: "
                            "which email to answer first, how to explain a rule at the "
                            "counter, whether a complaint sounds urgent, which applicant "
                            "seems ready for the next step. Most of these judgments happen "
                            "quickly, and most of them are made in good faith. This course "
                            "looks at one reason that good-faith decisions can still produce "
                            "unfair results: implicit bias.</p>"
                            "<h2>Automatic associations</h2>"
                            "<p>The human brain is built to find patterns. It links ideas it "
                            "has seen together again and again, so that one thought calls up "
                            'another without any effort. Hear the word "engineer" or '
                            '"nurse," and a picture of a certain kind of person may appear '
                            "before you have had time to think. These links are called "
                            "<strong>automatic associations</strong>. They help us get "
                            "through a busy day, because no one can reason carefully about "
                            "every single thing they see and hear.</p>"
                            "<p>The trouble is where the associations come from. We absorb "
                            "them from the world around us: news coverage, movies and "
                            "television, the neighborhoods we grew up in, the jobs we have "
                            "seen different people hold, and the stories we heard as "
                            "children. In a society shaped by a long history of segregation "
                            "and unequal treatment, many of those messages link race with "
                            "ideas about danger, ability, honesty, or belonging. People can "
                            "pick up those links even when they reject them completely.</p>"
                            "<p><strong>Implicit bias</strong> is the name for attitudes and "
                            "stereotypes that work in this automatic way and can influence "
                            "how we see and treat people, often without our awareness or "
                            "intent.</p>"
                            "<h2>How it differs from explicit prejudice</h2>"
                            "<p>Explicit prejudice is a belief a person knows they hold and "
                            "could state out loud, such as the view that one group is less "
                            "deserving than another. Implicit bias differs in three ways:</p>"
                            "<ul>"
                            "<li><strong>Awareness.</strong> People often do not know the "
                            "association is there.</li>"
                            "<li><strong>Intent.</strong> It can run against a person's "
                            "sincere values. Someone deeply committed to fairness can still "
                            "carry associations that conflict with that commitment.</li>"
                            "<li><strong>Timing.</strong> It has the most influence when we "
                            "are rushed, tired, distracted, or facing an unclear situation, "
                            "which describes a good deal of public service work.</li></ul>"
                            "<p>Having implicit associations does not make someone a bad "
                            "person. It makes them a person who grew up in a particular "
                            "society. Everyone has them, people of every race and background, "
                            "and people can even hold negative associations about their own "
                            "group. The point of this course is not blame. It is "
                            "responsibility: once we know these patterns exist, we can build "
                            "habits and systems that keep them from deciding outcomes.</p>"
                        ),
                    ),
                    (
                        "image",
                        {
                            "key": "bias-iceberg",
                            "alt": (
                                "An iceberg at the waterline. The small tip above the water "
                                "is labeled 'What we say and believe: stated values, explicit "
                                "views.' The far larger mass below is labeled 'Automatic "
                                "associations': learned from culture, media, and experience, "
                                "fast, often unnoticed, and able to shape choices when we are "
                                "rushed, tired, or unsure. Most of what drives quick "
                                "judgments is out of sight."
                            ),
                            "caption": (
                                "What we say and believe is only the visible part. Automatic "
                                "associations sit below the surface."
                            ),
                        },
                    ),
                    (
                        "text",
                        (
                            "<h2>What the science says, and what it does not</h2>"
                            "<p>Researchers have studied automatic associations for decades "
                            "with several methods. The best known is the Implicit Association "
                            "Test, or IAT, which measures how quickly people sort words and "
                            "pictures into pairs of categories. Across large groups of "
                            "people, these studies find that many people are quicker to pair "
                            "some groups with some ideas than with others.</p>"
                            "<p>It is important to be careful about what this means. "
                            "Scientists still debate how well these measures predict what a "
                            "particular person will do in a real situation. One person's "
                            "score can change from one sitting to the next, so a test result "
                            "should never be treated as a diagnosis or used to label anyone. "
                            "Research also suggests that short, one-time exercises can shift "
                            "test scores for a while without producing lasting changes in "
                            "behavior.</p>"
                            "<p>Other kinds of evidence point in the same direction, though. "
                            "In field experiments, researchers send out matched job "
                            "applications or housing inquiries that differ only in a name "
                            "commonly associated with a racial group. Such studies have "
                            "repeatedly found differences in how people are treated. They "
                            "cannot tell us what was in anyone's mind. They do show that, "
                            "across many decisions, race can affect outcomes even where "
                            "nobody intends it to.</p>"
                            "<p>That is why this course focuses less on changing what is in "
                            "our heads and more on changing how decisions are made. Awareness "
                            "is a starting point. Clear criteria, consistent steps, and good "
                            "data are what make the difference over time.</p>"
                        ),
                    ),
                    (
                        "transcript",
                        {
                            "title": "Who I turned to first",
                            "speaker": "A Department of Transportation supervisor",
                            "text": (
                                "<p>A few years ago I was running a community meeting about a "
                                "new crosswalk. The project lead was a young Latina engineer "
                                "on my team, and she had done every bit of the analysis. A "
                                "resident stood up with a technical question about signal "
                                "timing, and without thinking I turned to the older white "
                                "engineer sitting next to me and asked him to answer it.</p>"
                                "<p>He looked confused, because it was not his project. The "
                                "project lead answered the question, and answered it well. "
                                "Nobody said anything, and the meeting moved on.</p>"
                                "<p>I did not feel biased in that moment. I would have told "
                                "you I respected her work as much as anyone's. But my eyes "
                                "went to the person who matched my picture of the engineer "
                                "who knows the answer, and that picture came from thirty "
                                "years of meetings where engineers mostly looked like "
                                "him.</p>"
                                "<p>Afterward I apologized to her and told her what I had "
                                "noticed. Now, before every public meeting, we agree on who "
                                "answers which kinds of questions, and I say it out loud at "
                                "the start. It is a small change. It keeps my first reflex "
                                "from deciding who gets to be the expert in the room.</p>"
                            ),
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "reflect",
                            "text": (
                                "<p>Think of a time when your first impression of someone "
                                "turned out to be wrong. What was the impression based on, "
                                "and what helped you see the person more accurately?</p>"
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "bias-in-city-services",
                "title": "How Bias Shows Up in City Services",
                "blocks": [
                    (
                        "text",
                        (
                            "<p>Implicit bias matters in public service because City "
                            "employees use judgment constantly. Rules set the outline, but "
                            "people fill in the details: how much help to offer, how strictly "
                            "to apply a standard, how quickly to respond, whose account to "
                            "believe. Wherever there is discretion, there is room for "
                            "automatic associations to tip the balance.</p>"
                            "<h2>Examples across City work</h2>"
                            "<p>The examples below describe general patterns, not findings "
                            "about any particular department. They are offered so that you "
                            "can recognize similar moments in your own work.</p>"
                            "<ul>"
                            "<li><strong>Permits and plan review.</strong> One applicant is "
                            "told about a faster review path or a fee reduction. Another, who "
                            "speaks with an accent or arrives without a consultant, gets only "
                            "the minimum explanation. Both received correct information, but "
                            "only one received what they needed to succeed.</li>"
                            "<li><strong>Code enforcement.</strong> Much enforcement starts "
                            "with complaints, and complaints do not come evenly from every "
                            "neighborhood. Inspectors also decide whether to give a warning, "
                            "allow time to fix a problem, or issue a citation. If those "
                            "choices vary with who the owner or tenant appears to be, the "
                            "fines and follow-up that result will vary too.</li>"
                            '<li><strong>Hiring and promotion.</strong> Phrases like "good '
                            'fit" or "not quite ready" can carry a lot of unexamined '
                            "weight. Interviewers may warm to candidates who share their "
                            "background, ask different follow-up questions of different "
                            "people, or read the same confidence as leadership in one person "
                            "and as attitude in another.</li>"
                            "<li><strong>Public counters and 311.</strong> Patience and the "
                            "benefit of the doubt are easy to give unevenly. An upset caller "
                            'may be labeled "difficult" sooner if they sound a certain way. '
                            "A request from one area may be treated as routine while the same "
                            "request from another area is treated as urgent.</li>"
                            "<li><strong>Contracting and procurement.</strong> Opportunities "
                            "often travel through informal networks. If staff tend to call "
                            "the firms they already know, newer and smaller businesses, "
                            "including many owned by people of color, may never hear about "
                            "work they could do well.</li>"
                            "<li><strong>Public safety.</strong> Officers and other public "
                            "safety staff often make fast decisions with incomplete "
                            "information and under stress. Those are the conditions in which "
                            "automatic associations are most likely to matter. Clear "
                            "standards, good training, and careful review protect both "
                            "residents and employees, and help build the trust that public "
                            "safety depends on.</li></ul>"
                        ),
                    ),
                    (
                        "image",
                        {
                            "key": "small-gaps-add-up",
                            "alt": (
                                "Bar chart with illustrative numbers, not City data. Of 100 "
                                "applicants in each group, Group A goes to 80 after "
                                "screening, 48 interviewed, and 24 hired; Group B goes to 72, "
                                "39, and 17. Group B moves on at 90% of Group A's rate at "
                                "each step, so by the end it is hired at about 73% of Group "
                                "A's rate: small gaps add up to a large one."
                            ),
                            "caption": (
                                "Illustrative numbers: a small difference at each step "
                                "becomes a large difference by the end."
                            ),
                        },
                    ),
                    (
                        "text",
                        (
                            "<h2>From single moments to institutional patterns</h2>"
                            "<p>None of the moments above would look dramatic on its own. "
                            "That is part of the problem: small differences at each step add "
                            "up. Suppose one group of applicants is 90 percent as likely as "
                            "others to get through each of three steps in a hiring process. "
                            "By the end, that group is only about 73 percent as likely to be "
                            "hired. No one made a large unfair decision, yet the result is a "
                            "large gap. The chart above shows the arithmetic with "
                            "illustrative numbers.</p>"
                            "<p>This is where implicit bias connects to two related ideas "
                            "that come up often in equity work:</p>"
                            "<ul>"
                            "<li><strong>Institutional racism</strong> refers to policies, "
                            "practices, and procedures within an organization that produce "
                            "different results for different racial groups, whether or not "
                            "anyone intends that result.</li>"
                            "<li><strong>Structural racism</strong> refers to the way "
                            "history, laws, and many institutions interact over time to build "
                            "up advantage for some groups and disadvantage for others. In Los "
                            "Angeles, for example, racially restrictive housing covenants and "
                            "federal mortgage maps from the 1930s shaped where families could "
                            "live and build wealth, and their effects can still be seen in "
                            "neighborhood patterns today.</li></ul>"
                            "<p>Implicit bias is one of the ways those patterns are carried "
                            "forward through ordinary work. The encouraging part is that the "
                            "same data that reveals a gap can also show where in a process it "
                            "begins, which tells us where to act.</p>"
                        ),
                    ),
                    (
                        "transcript",
                        {
                            "title": "What our own numbers showed",
                            "speaker": "A code enforcement inspector",
                            "text": (
                                "<p>I have been an inspector for eleven years, and I always "
                                "thought of myself as fair. I follow the code. But last year "
                                "our unit started looking at our own numbers, broken down by "
                                "neighborhood, and something jumped out.</p>"
                                "<p>For the same kinds of violations, owners in some "
                                "neighborhoods were much more likely to get time to fix the "
                                "problem before a citation. In others, mostly lower-income "
                                "neighborhoods with many Black and Latino residents, "
                                "citations came sooner. Nobody had a policy that said to do "
                                "that.</p>"
                                "<p>When we talked it through, we could see how it happened. "
                                "In some places an owner would meet us at the door, speak our "
                                "language, and explain their plan, and we would give them "
                                "thirty days. In other places the owner was hard to reach, or "
                                "the tenant who answered the door was nervous and spoke "
                                "limited English, and we read that as not cooperating.</p>"
                                "<p>Now we use a written checklist for when to grant time to "
                                "comply, and we bring interpretation help on the first visit. "
                                "We review the numbers every quarter, and the gap is getting "
                                "smaller. I still follow the code. I just follow it the same "
                                "way for everyone.</p>"
                            ),
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "reflect",
                            "text": (
                                "<p>Where in your own work do you have discretion, such as "
                                "how fast to respond, how much to explain, or whether to make "
                                "an exception? How would you know whether that discretion is "
                                "being used evenly?</p>"
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "what-individuals-can-do",
                "title": "What You Can Do",
                "blocks": [
                    (
                        "text",
                        (
                            "<p>You cannot simply decide to stop having automatic "
                            "associations, and trying to push them out of your mind by "
                            "willpower alone tends not to work. What does help is changing "
                            "the conditions under which you make decisions, so that your "
                            "considered judgment, not your first reflex, has the final say. "
                            "The practices below draw on research about decision making and "
                            "on the everyday experience of public servants.</p>"
                            "<h2>Slow down at decision points</h2>"
                            "<p>Bias has the most room when we are rushed, tired, or juggling "
                            "several tasks. You cannot slow down everything, so pick the "
                            "moments that matter most: deciding whether to escalate a case, "
                            "scoring an applicant, choosing between a warning and a citation, "
                            "or deciding how to classify a service request. At those points, "
                            'build in a short pause. Even a few seconds spent asking "What '
                            'am I basing this on?" can turn an automatic decision into a '
                            "deliberate one.</p>"
                            "<h2>Use structured criteria</h2>"
                            "<p>Decide what matters before you look at the person or the "
                            "file. If you are reviewing applications, write down the criteria "
                            "and how you will score them first, then score each candidate on "
                            "each criterion separately. If you are handling requests, use the "
                            "same checklist for everyone. When criteria are set in advance, "
                            "it is much harder for a vague feeling to slip in after the "
                            "fact.</p>"
                            "<h2>Check your assumptions</h2>"
                            "<p>When you notice a strong first impression, treat it as a "
                            "question, not a conclusion. Ask yourself:</p>"
                            "<ul>"
                            "<li>What exactly did I observe, and what did I fill in?</li>"
                            "<li>Would I make the same call if this person were of a "
                            "different race, spoke differently, or came from a different "
                            "neighborhood?</li>"
                            "<li>Is there information I have not asked for that could change "
                            "my view?</li></ul>"
                            '<p>The second question is sometimes called a "flip test." It '
                            "is especially useful because it is quick and concrete.</p>"
                        ),
                    ),
                    (
                        "image",
                        {
                            "key": "decision-pause",
                            "alt": (
                                "Decision path: 'Request arrives,' 'First impression,' a "
                                "green 'Pause' circle, 'Check the criteria,' 'Decide and "
                                "record why.' A grey rushed shortcut skips the pause, going "
                                "straight from first impression to decision. Questions for "
                                "the pause: What am I assuming? Would I decide the same way "
                                "for a different person? What do the written criteria say? "
                                "Does this person need language help?"
                            ),
                            "caption": (
                                "A short pause between first impression and decision gives "
                                "considered judgment the final say."
                            ),
                        },
                    ),
                    (
                        "text",
                        (
                            "<h2>Take the other person's perspective</h2>"
                            "<p>Try to picture the situation from the resident's or "
                            "coworker's side. A person who seems impatient at the counter may "
                            "have taken an unpaid morning off work and waited two hours. A "
                            "caller who seems evasive may be worried about immigration status "
                            "or about past experiences with government. Seeing someone as an "
                            "individual with a specific situation weakens the pull of broad "
                            "assumptions about a group.</p>"
                            "<h2>Make language access routine</h2>"
                            "<p>Language barriers can look like unwillingness or confusion "
                            "when they are neither. Offer interpretation without waiting for "
                            "people to ask, and do not rely on children or bystanders to "
                            "interpret. Use plain language in letters and forms, and check "
                            "understanding by asking the person to tell you what the next "
                            "step is. Learn how your department arranges interpreters and "
                            "translated materials before you need them.</p>"
                            "<h2>Notice and repair</h2>"
                            "<p>Everyone gets it wrong sometimes. What matters is what "
                            "happens next. If you realize that you treated someone unfairly, "
                            "or you see a colleague do so, you can:</p>"
                            "<ol>"
                            '<li><strong>Name it</strong> plainly and without drama: "I '
                            'think I jumped to a conclusion there."</li>'
                            "<li><strong>Fix the outcome</strong> where you can, for example "
                            "by reopening a request, calling the person back, or correcting a "
                            "record.</li>"
                            "<li><strong>Change the process</strong> so that it is less "
                            "likely to happen again, and share what you learned with your "
                            "team.</li></ol>"
                            "<p>Repair works best when it is treated as a normal part of "
                            "doing good work rather than as an accusation. Teams that can "
                            "talk about these moments openly tend to catch them sooner.</p>"
                        ),
                    ),
                    (
                        "transcript",
                        {
                            "title": "One more question",
                            "speaker": "A 311 customer service agent",
                            "text": (
                                "<p>A woman called about a pile of dumped mattresses and "
                                "furniture on her block. Her English was limited and she was "
                                "speaking quickly. I had a long queue, and my first reaction "
                                "was to log it as a routine bulky-item pickup and move "
                                "on.</p>"
                                "<p>Something in her voice made me stop. I asked whether she "
                                "would like an interpreter, and she said yes right away. With "
                                "the interpreter on the line, the whole picture changed. The "
                                "items were blocking the sidewalk next to a bus stop, and an "
                                "older neighbor who uses a wheelchair had been going out into "
                                "the street to get around them.</p>"
                                "<p>That is a different kind of request, and it went to a "
                                "different place. If I had gone with my first guess, it would "
                                "have waited in the normal line for days.</p>"
                                "<p>I think about that call often. I was not trying to treat "
                                "her differently. I was trying to be fast. But being fast "
                                "meant I was about to decide based on what was easy for me to "
                                "hear. Now I offer an interpreter at the start when I can "
                                "tell someone is struggling, and I ask one more question "
                                "before I choose a category.</p>"
                            ),
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "reflect",
                            "text": (
                                "<p>Pick one decision you make often. What would a short "
                                "pause look like at that moment, and what one question would "
                                "you ask yourself before deciding?</p>"
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "what-departments-can-do",
                "title": "What Departments Can Do",
                "blocks": [
                    (
                        "text",
                        (
                            "<p>Individual habits matter, but they are not enough on their "
                            "own. People change jobs, get busy, and have bad days. Lasting "
                            "change comes from building fairness into the way a department "
                            "works, so that good outcomes do not depend on any one person "
                            "remembering to be careful. This lesson describes practices that "
                            "departments can adopt, many of which ORE supports through its "
                            "technical assistance and training work.</p>"
                            "<p>A note on the law: California's Proposition 209 prohibits "
                            "public agencies from discriminating against, or granting "
                            "preferential treatment to, anyone on the basis of race in public "
                            "employment and public contracting. The practices below are not "
                            "preferences. They make processes clearer, more consistent, and "
                            "more open to everyone, and they help find and remove barriers "
                            "that fall hardest on some communities.</p>"
                            "<h2>Hiring and promotion</h2>"
                            "<ul>"
                            "<li><strong>Structured interviews.</strong> Ask every candidate "
                            "the same job-related questions, in the same order, and score the "
                            "answers against a guide agreed on in advance. Research has found "
                            "that structured interviews predict job performance better than "
                            "unstructured conversations, and they leave less room for "
                            "bias.</li>"
                            '<li><strong>Clear criteria.</strong> Define what "qualified" '
                            "means at each step, write it down, and share it with applicants. "
                            'Avoid vague standards such as "fit" that invite '
                            "guesswork.</li>"
                            "<li><strong>Well-composed panels.</strong> Include raters with "
                            "different backgrounds and roles, and have each rater score "
                            "independently before the panel discusses.</li></ul>"
                            "<h2>Data and policy review</h2>"
                            "<ul>"
                            "<li><strong>Disaggregated data.</strong> Break down results by "
                            "race and ethnicity, language, and geography wherever this can be "
                            "done lawfully and with privacy protected. Averages can hide "
                            "large gaps. Look at each step of a process, not only the final "
                            "result, so you can see where a gap begins.</li>"
                            "<li><strong>Equity review of policies.</strong> Before adopting "
                            "or changing a policy, ask who will benefit, who may be burdened, "
                            "what the data shows, and whether the people most affected have "
                            "been heard. Write down the answers and revisit them once the "
                            "policy is in place.</li>"
                            "<li><strong>Budget equity.</strong> ORE's strategic plan "
                            "describes a partnership with the City Administrative Officer on "
                            "a budget equity tool, so that spending decisions consider who is "
                            "served and who has been underserved.</li></ul>"
                        ),
                    ),
                    (
                        "image",
                        {
                            "key": "levels-of-change",
                            "alt": (
                                "Three nested circles: 'Individual' at the center, "
                                "'Department' around it, 'Community' on the outside. A key "
                                "explains each: individuals slow down, check assumptions, and "
                                "repair mistakes; departments use clear criteria, shared "
                                "data, and equity review of policies; residents help set "
                                "priorities and judge results. Each level supports the "
                                "others."
                            ),
                            "caption": (
                                "Individual habits last longer when department systems and "
                                "community input support them."
                            ),
                        },
                    ),
                    (
                        "text",
                        (
                            "<h2>Contracting and procurement</h2>"
                            "<p>ORE's plan also describes work with the Bureau of Contract "
                            "Administration on contract and procurement equity, and with the "
                            "Bureau of Engineering on a grading system for capital "
                            "improvement projects. Within your own department, you can "
                            "advertise opportunities widely instead of calling familiar "
                            "vendors, write solicitations in plain language, divide large "
                            "projects into smaller contracts where that makes sense, and pay "
                            "vendors promptly. These steps help small and newer businesses "
                            "compete on fair terms.</p>"
                            "<h2>Community engagement</h2>"
                            "<p>The people most affected by a decision often know the most "
                            "about how it will work in practice. Engage them early, while "
                            "real choices are still open, not after a plan is final. Hold "
                            "meetings at times and places people can reach, provide "
                            "interpretation and translated materials, and report back on what "
                            "changed because of what people said. ORE's plan includes a "
                            "Community Racial Equity Advisory Committee as one channel for "
                            "this kind of input.</p>"
                            "<h2>Department liaisons</h2>"
                            "<p>Many departments benefit from naming one or more staff "
                            "members as equity liaisons. A liaison helps colleagues use "
                            "equity tools, coordinates with ORE, and keeps equity goals "
                            "visible in planning and budgeting. The role works best when it "
                            "comes with dedicated time and visible support from "
                            "leadership.</p>"
                            "<h2>Where to get help</h2>"
                            "<p>You do not have to do this alone. ORE provides technical "
                            "assistance and training to City departments, including help with "
                            "equity reviews, data questions, and community engagement plans. "
                            "Start with your department's equity liaison or your manager, or "
                            "contact ORE directly. Bring a specific question, such as a "
                            "policy you are revising or a process you want to review, and ORE "
                            "can help you plan the next step.</p>"
                        ),
                    ),
                    (
                        "transcript",
                        {
                            "title": "Changing how we interview",
                            "speaker": "A department personnel analyst",
                            "text": (
                                "<p>Our division kept hearing the same thing in exit "
                                "interviews: people did not see a path to promotion. When we "
                                "pulled two years of promotion data and broke it down by race "
                                "and by each step in the process, the gap was not at the "
                                "written exam. It was at the interview.</p>"
                                "<p>Our interviews back then were fairly informal. Each panel "
                                "made up its own follow-up questions, and scoring came down "
                                "to a discussion at the end where the most senior person "
                                "usually set the tone.</p>"
                                "<p>We asked ORE for technical assistance. They did not hand "
                                "us a script. They helped us ask better questions about our "
                                "own process. We wrote questions tied to the actual duties of "
                                "the job, built a scoring guide with examples of strong and "
                                "weak answers, and had raters score on their own before "
                                "talking. We also stopped drawing every panel from the same "
                                "unit.</p>"
                                "<p>It took some getting used to, and a few supervisors felt "
                                "the new process was rigid. But after two rounds, candidates "
                                "told us the interviews felt clearer, panelists disagreed "
                                "less, and the gap at the interview stage had narrowed. We "
                                "are still watching the numbers. The difference is that now "
                                "we actually look at them.</p>"
                            ),
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "reflect",
                            "text": (
                                "<p>What is one process in your unit that would benefit from "
                                "clearer written criteria or a look at disaggregated data? "
                                "Who would need to be involved to change it?</p>"
                            ),
                        },
                    ),
                ],
            },
        ],
    },
    {
        "slug": "equity-in-everyday-decisions",
        "title": "Equity in Everyday Decisions",
        "summary": (
            "Two short lessons on applying a racial equity lens to routine work: asking who "
            "benefits and who is burdened, and checking the answer with data and shared "
            "terms."
        ),
        "estimated_minutes": 20,
        "lessons": [
            {
                "slug": "who-benefits-who-is-burdened",
                "title": "Who Benefits, Who Is Burdened",
                "blocks": [
                    (
                        "text",
                        (
                            "<p>A racial equity lens is a habit of asking a few extra "
                            "questions before a decision is made. It does not replace the "
                            "rules, the budget, or professional expertise. It adds a check on "
                            "who a decision will actually reach, and how, so that the City "
                            "does not repeat old patterns by accident.</p>"
                            "<h2>Two core questions</h2>"
                            "<p>At the heart of the lens are two questions: <strong>Who "
                            "benefits?</strong> and <strong>Who is burdened?</strong> "
                            "Benefits might include services, jobs, contracts, shade trees, "
                            "repaved streets, or faster response times. Burdens might include "
                            "fees, fines, longer trips, noise, pollution, lost parking, or "
                            "the risk of being priced out of a neighborhood. A single "
                            "decision often brings both, and they are rarely shared "
                            "evenly.</p>"
                        ),
                    ),
                    (
                        "image",
                        {
                            "key": "benefit-burden-scale",
                            "alt": (
                                "A tipped balance scale. The raised pan, 'Who benefits?', "
                                "lists access to services, jobs and contracts, and parks, "
                                "shade, and investment. The lower pan, 'Who is burdened?', "
                                "lists fees, fines, and wait times, pollution and noise, and "
                                "displacement. The tilt shows that benefits and burdens are "
                                "often shared unevenly, so ask both questions before a "
                                "decision is final."
                            ),
                            "caption": "Ask both questions before a decision is final.",
                        },
                    ),
                    (
                        "text",
                        (
                            "<h2>Putting the lens to work</h2>"
                            "<ol>"
                            '<li><strong>Name the decision.</strong> Be specific: "change '
                            'the hours at three library branches," not "improve '
                            'service."</li>'
                            "<li><strong>List who is affected.</strong> Think about "
                            "residents, workers, and businesses, and note which neighborhoods "
                            "and communities they come from.</li>"
                            "<li><strong>Ask the two questions</strong> for each group, "
                            "including people who are unlikely to come to a public "
                            "meeting.</li>"
                            "<li><strong>Consider history.</strong> Has this community been "
                            "underserved or overburdened before? A new burden lands "
                            "differently on a place that already carries many.</li>"
                            "<li><strong>Check with the people affected.</strong> Their "
                            "experience can reveal benefits and burdens that are invisible "
                            "from a desk.</li>"
                            "<li><strong>Adjust and follow up.</strong> Change the plan to "
                            "reduce unfair burdens, and decide how you will know whether it "
                            "worked.</li></ol>"
                            "<h2>A short example</h2>"
                            "<p>A department plans to move a walk-in service center to a "
                            "newer building across town. The move saves money, and the "
                            "building is more modern. Using the lens, staff notice that most "
                            "current visitors arrive by bus and many need help in a language "
                            "other than English. The new site is a long transit ride away. "
                            "Staff keep the move, but add evening hours at a nearby library, "
                            "a phone line with interpreters, and a shuttle on the busiest "
                            "days. The decision still goes forward, but its burden no longer "
                            "falls mainly on the residents with the fewest options.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "reflect",
                            "text": (
                                "<p>Think of a recent decision in your unit. Who benefited, "
                                "who carried the burden, and was anyone left out of the "
                                "conversation?</p>"
                            ),
                        },
                    ),
                ],
            },
            {
                "slug": "data-and-common-language",
                "title": "Using Data and Common Language",
                "blocks": [
                    (
                        "text",
                        (
                            "<p>A racial equity lens works best when its answers are checked "
                            "against evidence. Good intentions can miss real gaps, and a "
                            "strong opinion is not the same as a pattern. Data and shared "
                            "language help a team see the same picture and talk about it "
                            "clearly.</p>"
                            "<h2>Break the numbers down</h2>"
                            "<p>A citywide average can look fine while some neighborhoods or "
                            "groups are far behind. <strong>Disaggregated data</strong> is "
                            "data broken out by group, such as race and ethnicity, primary "
                            "language, age, disability, or council district. An average "
                            "response time of five days, for example, could hide a range from "
                            "two days in some areas to twelve in others. Look at each step of "
                            "a process, not just the end, to find where a gap starts.</p>"
                            "<p>Handle this information with care. Collect demographic "
                            "details only in lawful ways and, where required, on a voluntary "
                            "basis. Protect privacy, and avoid reporting very small counts "
                            "that could identify individuals.</p>"
                            "<h2>Numbers need context</h2>"
                            "<p>Data shows <em>that</em> a gap exists more easily than "
                            "<em>why</em> it exists. Pair the numbers with what residents and "
                            "front-line staff say. Also ask who is missing: people who never "
                            "call, never apply, or never get counted will not appear in your "
                            "records, and their absence can be a finding in itself.</p>"
                        ),
                    ),
                    (
                        "image",
                        {
                            "key": "data-questions-checklist",
                            "alt": (
                                "Checklist titled 'Questions to ask of any data' with five "
                                "ticked items: Is it broken out by race, language, and place? "
                                "Who is missing from the data, and why? Do the numbers match "
                                "what residents tell us? Are we using shared citywide terms? "
                                "Who will see the results, and how? A note says disaggregated "
                                "data shows gaps that averages hide."
                            ),
                            "caption": (
                                "Five questions that help turn numbers into a fair and useful "
                                "picture."
                            ),
                        },
                    ),
                    (
                        "text",
                        (
                            "<h2>Use common language</h2>"
                            "<p>Equity work moves faster when everyone means the same thing "
                            "by the same words. ORE's strategic plan calls for "
                            "cross-department work on a citywide definition of racial equity, "
                            "common language, and aligned data and indicator definitions, so "
                            "that results can be compared across the City. Some working terms "
                            "used in this course:</p>"
                            "<ul>"
                            "<li><strong>Racial equity:</strong> a condition in which race no "
                            "longer predicts a person's outcomes in areas such as health, "
                            "housing, income, or safety, and everyone has what they need to "
                            "thrive.</li>"
                            "<li><strong>Disparity:</strong> a measurable difference in "
                            "outcomes between groups.</li>"
                            "<li><strong>Implicit bias:</strong> automatic associations that "
                            "can affect judgment without our awareness.</li>"
                            "<li><strong>Institutional racism:</strong> policies and "
                            "practices within an organization that produce different outcomes "
                            "by race, whether intended or not.</li></ul>"
                            "<p>Where the City or your department has adopted official "
                            "definitions, use those. The goal is that a report from one "
                            "department and a report from another can be read side by "
                            "side.</p>"
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "reflect",
                            "text": (
                                "<p>What is one number your unit reports regularly? What "
                                "might you learn if you broke it down by neighborhood or by "
                                "language?</p>"
                            ),
                        },
                    ),
                ],
            },
        ],
    },
]

IMAGES: dict[str, dict] = {
    "bias-iceberg": {
        "title": "Implicit bias: what sits below the surface",
        "width": 960,
        "height": 540,
        "background": "#FFFFFF",
        "shapes": [
            {
                "kind": "text",
                "xy": [40, 26],
                "text": "Implicit bias: what sits below the surface",
                "fill": "#13294B",
                "size": 28,
            },
            {"kind": "rect", "box": [0, 210, 960, 540], "fill": "#1F4E79"},
            {
                "kind": "polygon",
                "points": [
                    [150, 210],
                    [430, 210],
                    [500, 320],
                    [450, 460],
                    [290, 505],
                    [130, 440],
                    [95, 310],
                ],
                "fill": "#9CC3E0",
            },
            {
                "kind": "polygon",
                "points": [[200, 210], [245, 135], [295, 100], [345, 140], [385, 210]],
                "fill": "#D6E6F2",
            },
            {"kind": "rect", "box": [0, 208, 960, 212], "fill": "#0B2540"},
            {
                "kind": "text",
                "xy": [250, 300],
                "text": "Most of it is",
                "fill": "#13294B",
                "size": 20,
            },
            {
                "kind": "text",
                "xy": [249, 328],
                "text": "out of sight",
                "fill": "#13294B",
                "size": 20,
            },
            {
                "kind": "text",
                "xy": [560, 100],
                "text": "WHAT WE SAY AND BELIEVE",
                "fill": "#13294B",
                "size": 22,
            },
            {
                "kind": "text",
                "xy": [560, 134],
                "text": "Stated values, explicit views",
                "fill": "#243447",
                "size": 18,
            },
            {
                "kind": "text",
                "xy": [560, 170],
                "text": "Above the waterline",
                "fill": "#595959",
                "size": 16,
            },
            {
                "kind": "text",
                "xy": [560, 250],
                "text": "AUTOMATIC ASSOCIATIONS",
                "fill": "#FFFFFF",
                "size": 22,
            },
            {
                "kind": "text",
                "xy": [560, 288],
                "text": "Learned from culture, media,",
                "fill": "#FFFFFF",
                "size": 18,
            },
            {
                "kind": "text",
                "xy": [560, 314],
                "text": "and experience",
                "fill": "#FFFFFF",
                "size": 18,
            },
            {
                "kind": "text",
                "xy": [560, 358],
                "text": "Fast, and often unnoticed",
                "fill": "#FFFFFF",
                "size": 18,
            },
            {
                "kind": "text",
                "xy": [560, 402],
                "text": "Can shape choices when we are",
                "fill": "#FFFFFF",
                "size": 18,
            },
            {
                "kind": "text",
                "xy": [560, 428],
                "text": "rushed, tired, or unsure",
                "fill": "#FFFFFF",
                "size": 18,
            },
        ],
    },
    "small-gaps-add-up": {
        "title": "Small gaps add up",
        "width": 960,
        "height": 540,
        "background": "#FFFFFF",
        "shapes": [
            {
                "kind": "text",
                "xy": [40, 22],
                "text": "Small gaps add up",
                "fill": "#13294B",
                "size": 30,
            },
            {
                "kind": "text",
                "xy": [40, 64],
                "text": "Illustrative numbers only, not real City data",
                "fill": "#595959",
                "size": 18,
            },
            {"kind": "rect", "box": [600, 68, 624, 88], "fill": "#1F4E79"},
            {"kind": "text", "xy": [632, 66], "text": "Group A", "fill": "#13294B", "size": 18},
            {"kind": "rect", "box": [740, 68, 764, 88], "fill": "#A34F00"},
            {"kind": "text", "xy": [772, 66], "text": "Group B", "fill": "#13294B", "size": 18},
            {"kind": "rect", "box": [134, 150, 194, 420], "fill": "#1F4E79"},
            {"kind": "text", "xy": [149, 124], "text": "100", "fill": "#13294B", "size": 18},
            {"kind": "rect", "box": [206, 150, 266, 420], "fill": "#A34F00"},
            {"kind": "text", "xy": [221, 124], "text": "100", "fill": "#13294B", "size": 18},
            {
                "kind": "text",
                "xy": [168, 430],
                "text": "Applied",
                "fill": "#13294B",
                "size": 18,
            },
            {"kind": "rect", "box": [334, 204, 394, 420], "fill": "#1F4E79"},
            {"kind": "text", "xy": [354, 178], "text": "80", "fill": "#13294B", "size": 18},
            {"kind": "rect", "box": [406, 226, 466, 420], "fill": "#A34F00"},
            {"kind": "text", "xy": [426, 200], "text": "72", "fill": "#13294B", "size": 18},
            {
                "kind": "text",
                "xy": [328, 430],
                "text": "Passed screening",
                "fill": "#13294B",
                "size": 18,
            },
            {"kind": "rect", "box": [534, 290, 594, 420], "fill": "#1F4E79"},
            {"kind": "text", "xy": [554, 264], "text": "48", "fill": "#13294B", "size": 18},
            {"kind": "rect", "box": [606, 315, 666, 420], "fill": "#A34F00"},
            {"kind": "text", "xy": [626, 289], "text": "39", "fill": "#13294B", "size": 18},
            {
                "kind": "text",
                "xy": [552, 430],
                "text": "Interviewed",
                "fill": "#13294B",
                "size": 18,
            },
            {"kind": "rect", "box": [734, 355, 794, 420], "fill": "#1F4E79"},
            {"kind": "text", "xy": [754, 329], "text": "24", "fill": "#13294B", "size": 18},
            {"kind": "rect", "box": [806, 373, 866, 420], "fill": "#A34F00"},
            {"kind": "text", "xy": [826, 347], "text": "17", "fill": "#13294B", "size": 18},
            {"kind": "text", "xy": [778, 430], "text": "Hired", "fill": "#13294B", "size": 18},
            {"kind": "rect", "box": [90, 420, 910, 423], "fill": "#333333"},
            {
                "kind": "text",
                "xy": [40, 474],
                "text": "At each step, Group B moves on at 90% of Group A's rate.",
                "fill": "#13294B",
                "size": 18,
            },
            {
                "kind": "text",
                "xy": [40, 502],
                "text": "After three steps, Group B is hired at about 73% of Group A's rate.",
                "fill": "#13294B",
                "size": 18,
            },
        ],
    },
    "decision-pause": {
        "title": "A decision path with a pause",
        "width": 960,
        "height": 540,
        "background": "#FFFFFF",
        "shapes": [
            {
                "kind": "text",
                "xy": [40, 24],
                "text": "Build a pause into the decision path",
                "fill": "#13294B",
                "size": 28,
            },
            {"kind": "rect", "box": [303, 112, 309, 160], "fill": "#8C8C8C"},
            {"kind": "rect", "box": [303, 112, 857, 118], "fill": "#8C8C8C"},
            {"kind": "rect", "box": [851, 112, 857, 146], "fill": "#8C8C8C"},
            {
                "kind": "polygon",
                "points": [[842, 144], [866, 144], [854, 160]],
                "fill": "#8C8C8C",
            },
            {
                "kind": "text",
                "xy": [400, 84],
                "text": "Rushed shortcut: first impression decides",
                "fill": "#595959",
                "size": 18,
            },
            {"kind": "rect", "box": [30, 160, 180, 260], "fill": "#DCE6F2"},
            {"kind": "text", "xy": [68, 184], "text": "Request", "fill": "#13294B", "size": 20},
            {"kind": "text", "xy": [76, 210], "text": "arrives", "fill": "#13294B", "size": 20},
            {"kind": "rect", "box": [230, 160, 380, 260], "fill": "#DCE6F2"},
            {"kind": "text", "xy": [286, 184], "text": "First", "fill": "#13294B", "size": 20},
            {
                "kind": "text",
                "xy": [258, 210],
                "text": "impression",
                "fill": "#13294B",
                "size": 20,
            },
            {"kind": "rect", "box": [580, 160, 730, 260], "fill": "#DCE6F2"},
            {
                "kind": "text",
                "xy": [610, 184],
                "text": "Check the",
                "fill": "#13294B",
                "size": 20,
            },
            {
                "kind": "text",
                "xy": [625, 210],
                "text": "criteria",
                "fill": "#13294B",
                "size": 20,
            },
            {"kind": "rect", "box": [780, 160, 930, 260], "fill": "#DCE6F2"},
            {
                "kind": "text",
                "xy": [804, 184],
                "text": "Decide and",
                "fill": "#13294B",
                "size": 20,
            },
            {
                "kind": "text",
                "xy": [805, 210],
                "text": "record why",
                "fill": "#13294B",
                "size": 20,
            },
            {"kind": "ellipse", "box": [410, 140, 550, 280], "fill": "#2E6B30"},
            {"kind": "text", "xy": [440, 196], "text": "PAUSE", "fill": "#FFFFFF", "size": 26},
            {"kind": "rect", "box": [180, 206, 216, 214], "fill": "#13294B"},
            {
                "kind": "polygon",
                "points": [[216, 198], [230, 210], [216, 222]],
                "fill": "#13294B",
            },
            {"kind": "rect", "box": [380, 206, 396, 214], "fill": "#13294B"},
            {
                "kind": "polygon",
                "points": [[396, 198], [410, 210], [396, 222]],
                "fill": "#13294B",
            },
            {"kind": "rect", "box": [550, 206, 566, 214], "fill": "#13294B"},
            {
                "kind": "polygon",
                "points": [[566, 198], [580, 210], [566, 222]],
                "fill": "#13294B",
            },
            {"kind": "rect", "box": [730, 206, 766, 214], "fill": "#13294B"},
            {
                "kind": "polygon",
                "points": [[766, 198], [780, 210], [766, 222]],
                "fill": "#13294B",
            },
            {
                "kind": "text",
                "xy": [120, 312],
                "text": "At the pause, ask:",
                "fill": "#2E6B30",
                "size": 22,
            },
            {"kind": "ellipse", "box": [124, 359, 136, 371], "fill": "#2E6B30"},
            {
                "kind": "text",
                "xy": [150, 352],
                "text": "What am I assuming?",
                "fill": "#13294B",
                "size": 20,
            },
            {"kind": "ellipse", "box": [124, 399, 136, 411], "fill": "#2E6B30"},
            {
                "kind": "text",
                "xy": [150, 392],
                "text": "Would I decide the same way for a different person?",
                "fill": "#13294B",
                "size": 20,
            },
            {"kind": "ellipse", "box": [124, 439, 136, 451], "fill": "#2E6B30"},
            {
                "kind": "text",
                "xy": [150, 432],
                "text": "What do the written criteria say?",
                "fill": "#13294B",
                "size": 20,
            },
            {"kind": "ellipse", "box": [124, 479, 136, 491], "fill": "#2E6B30"},
            {
                "kind": "text",
                "xy": [150, 472],
                "text": "Does this person need language help?",
                "fill": "#13294B",
                "size": 20,
            },
        ],
    },
    "levels-of-change": {
        "title": "Individual, department, and community",
        "width": 960,
        "height": 540,
        "background": "#FFFFFF",
        "shapes": [
            {
                "kind": "text",
                "xy": [40, 18],
                "text": "Change happens at every level",
                "fill": "#13294B",
                "size": 26,
            },
            {"kind": "ellipse", "box": [70, 66, 530, 526], "fill": "#E9B949"},
            {"kind": "ellipse", "box": [145, 141, 455, 451], "fill": "#8DBCDB"},
            {"kind": "ellipse", "box": [220, 216, 380, 376], "fill": "#1F4E79"},
            {
                "kind": "text",
                "xy": [236, 90],
                "text": "Community",
                "fill": "#2B1D00",
                "size": 24,
            },
            {
                "kind": "text",
                "xy": [234, 166],
                "text": "Department",
                "fill": "#0B2540",
                "size": 24,
            },
            {
                "kind": "text",
                "xy": [250, 282],
                "text": "Individual",
                "fill": "#FFFFFF",
                "size": 22,
            },
            {"kind": "rect", "box": [570, 112, 594, 136], "fill": "#1F4E79"},
            {
                "kind": "text",
                "xy": [606, 110],
                "text": "Individual",
                "fill": "#13294B",
                "size": 22,
            },
            {
                "kind": "text",
                "xy": [570, 148],
                "text": "Slow down, check assumptions,",
                "fill": "#243447",
                "size": 18,
            },
            {
                "kind": "text",
                "xy": [570, 174],
                "text": "notice and repair mistakes",
                "fill": "#243447",
                "size": 18,
            },
            {"kind": "rect", "box": [570, 232, 594, 256], "fill": "#8DBCDB"},
            {
                "kind": "text",
                "xy": [606, 230],
                "text": "Department",
                "fill": "#13294B",
                "size": 22,
            },
            {
                "kind": "text",
                "xy": [570, 268],
                "text": "Clear criteria, shared data,",
                "fill": "#243447",
                "size": 18,
            },
            {
                "kind": "text",
                "xy": [570, 294],
                "text": "equity review of policies",
                "fill": "#243447",
                "size": 18,
            },
            {"kind": "rect", "box": [570, 352, 594, 376], "fill": "#E9B949"},
            {
                "kind": "text",
                "xy": [606, 350],
                "text": "Community",
                "fill": "#13294B",
                "size": 22,
            },
            {
                "kind": "text",
                "xy": [570, 388],
                "text": "Residents help set priorities",
                "fill": "#243447",
                "size": 18,
            },
            {
                "kind": "text",
                "xy": [570, 414],
                "text": "and judge the results",
                "fill": "#243447",
                "size": 18,
            },
            {
                "kind": "text",
                "xy": [570, 470],
                "text": "Each level supports the others.",
                "fill": "#1F4E79",
                "size": 20,
            },
        ],
    },
    "benefit-burden-scale": {
        "title": "Who benefits and who is burdened",
        "width": 960,
        "height": 540,
        "background": "#FAF7F0",
        "shapes": [
            {
                "kind": "text",
                "xy": [40, 24],
                "text": "Who benefits? Who is burdened?",
                "fill": "#13294B",
                "size": 28,
            },
            {
                "kind": "polygon",
                "points": [[480, 196], [432, 420], [528, 420]],
                "fill": "#4A4A4A",
            },
            {"kind": "rect", "box": [400, 420, 560, 436], "fill": "#4A4A4A"},
            {
                "kind": "polygon",
                "points": [[200, 164], [760, 224], [760, 236], [200, 176]],
                "fill": "#4A4A4A",
            },
            {"kind": "ellipse", "box": [470, 186, 490, 206], "fill": "#13294B"},
            {"kind": "rect", "box": [198, 174, 203, 262], "fill": "#4A4A4A"},
            {
                "kind": "polygon",
                "points": [[110, 260], [290, 260], [262, 298], [138, 298]],
                "fill": "#1F4E79",
            },
            {
                "kind": "text",
                "xy": [126, 312],
                "text": "Who benefits?",
                "fill": "#1F4E79",
                "size": 22,
            },
            {
                "kind": "text",
                "xy": [90, 350],
                "text": "Access to services",
                "fill": "#13294B",
                "size": 17,
            },
            {
                "kind": "text",
                "xy": [90, 376],
                "text": "Jobs and contracts",
                "fill": "#13294B",
                "size": 17,
            },
            {
                "kind": "text",
                "xy": [90, 402],
                "text": "Parks, shade, and investment",
                "fill": "#13294B",
                "size": 17,
            },
            {"kind": "rect", "box": [757, 234, 763, 322], "fill": "#4A4A4A"},
            {
                "kind": "polygon",
                "points": [[670, 320], [850, 320], [822, 358], [698, 358]],
                "fill": "#A34F00",
            },
            {
                "kind": "text",
                "xy": [667, 372],
                "text": "Who is burdened?",
                "fill": "#A34F00",
                "size": 22,
            },
            {
                "kind": "text",
                "xy": [650, 410],
                "text": "Fees, fines, and wait times",
                "fill": "#13294B",
                "size": 17,
            },
            {
                "kind": "text",
                "xy": [650, 436],
                "text": "Pollution and noise",
                "fill": "#13294B",
                "size": 17,
            },
            {
                "kind": "text",
                "xy": [650, 462],
                "text": "Displacement",
                "fill": "#13294B",
                "size": 17,
            },
            {
                "kind": "text",
                "xy": [40, 494],
                "text": "Ask both questions before a decision is final.",
                "fill": "#13294B",
                "size": 20,
            },
        ],
    },
    "data-questions-checklist": {
        "title": "Questions to ask of any data",
        "width": 960,
        "height": 540,
        "background": "#FFFFFF",
        "shapes": [
            {
                "kind": "text",
                "xy": [60, 26],
                "text": "Questions to ask of any data",
                "fill": "#13294B",
                "size": 28,
            },
            {"kind": "rect", "box": [50, 86, 910, 452], "fill": "#EEF3F8"},
            {"kind": "rect", "box": [50, 86, 58, 452], "fill": "#1F4E79"},
            {"kind": "rect", "box": [90, 110, 122, 142], "fill": "#13294B"},
            {"kind": "rect", "box": [94, 114, 118, 138], "fill": "#FFFFFF"},
            {
                "kind": "polygon",
                "points": [
                    [96, 127],
                    [101, 122],
                    [107, 129],
                    [119, 115],
                    [124, 120],
                    [107, 138],
                ],
                "fill": "#2E6B30",
            },
            {
                "kind": "text",
                "xy": [146, 113],
                "text": "Is it broken out by race, language, and place?",
                "fill": "#13294B",
                "size": 22,
            },
            {"kind": "rect", "box": [90, 178, 122, 210], "fill": "#13294B"},
            {"kind": "rect", "box": [94, 182, 118, 206], "fill": "#FFFFFF"},
            {
                "kind": "polygon",
                "points": [
                    [96, 195],
                    [101, 190],
                    [107, 197],
                    [119, 183],
                    [124, 188],
                    [107, 206],
                ],
                "fill": "#2E6B30",
            },
            {
                "kind": "text",
                "xy": [146, 181],
                "text": "Who is missing from the data, and why?",
                "fill": "#13294B",
                "size": 22,
            },
            {"kind": "rect", "box": [90, 246, 122, 278], "fill": "#13294B"},
            {"kind": "rect", "box": [94, 250, 118, 274], "fill": "#FFFFFF"},
            {
                "kind": "polygon",
                "points": [
                    [96, 263],
                    [101, 258],
                    [107, 265],
                    [119, 251],
                    [124, 256],
                    [107, 274],
                ],
                "fill": "#2E6B30",
            },
            {
                "kind": "text",
                "xy": [146, 249],
                "text": "Do the numbers match what residents tell us?",
                "fill": "#13294B",
                "size": 22,
            },
            {"kind": "rect", "box": [90, 314, 122, 346], "fill": "#13294B"},
            {"kind": "rect", "box": [94, 318, 118, 342], "fill": "#FFFFFF"},
            {
                "kind": "polygon",
                "points": [
                    [96, 331],
                    [101, 326],
                    [107, 333],
                    [119, 319],
                    [124, 324],
                    [107, 342],
                ],
                "fill": "#2E6B30",
            },
            {
                "kind": "text",
                "xy": [146, 317],
                "text": "Are we using shared citywide terms?",
                "fill": "#13294B",
                "size": 22,
            },
            {"kind": "rect", "box": [90, 382, 122, 414], "fill": "#13294B"},
            {"kind": "rect", "box": [94, 386, 118, 410], "fill": "#FFFFFF"},
            {
                "kind": "polygon",
                "points": [
                    [96, 399],
                    [101, 394],
                    [107, 401],
                    [119, 387],
                    [124, 392],
                    [107, 410],
                ],
                "fill": "#2E6B30",
            },
            {
                "kind": "text",
                "xy": [146, 385],
                "text": "Who will see the results, and how?",
                "fill": "#13294B",
                "size": 22,
            },
            {
                "kind": "text",
                "xy": [60, 476],
                "text": "Disaggregated data shows gaps that averages hide.",
                "fill": "#1F4E79",
                "size": 20,
            },
        ],
    },
}
