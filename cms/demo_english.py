"""English editions in the demo: three schools' brand pages and exemplar cases, their home
pages and the regions above them, translated through wagtail-localize as a translator would.

Each English text below has the paragraphs of its Chinese template in cms.demo_content, in
the same order, so that each paragraph is the translation of the Chinese one at its place.
"""

# The tags of the translated cases, named in English by the platform (pages.TagName).
TAGS = {"典型案例": "Exemplar case", "品牌建设": "Brand building"}

REGIONS = {
    "jiangsu": {
        "title": "Jiangsu Province",
        "slug": "jiangsu-en",
        "bureau_name": "Education Working Committee of the CPC Jiangsu Provincial Committee",
    },
    "nanjing": {
        "title": "Nanjing",
        "bureau_name": "Education Working Committee of the CPC Nanjing Municipal Committee",
    },
    "xuanwu": {
        "title": "Xuanwu District",
        "bureau_name": "Party Committee of the Xuanwu District Education Bureau",
    },
    "gulou": {
        "title": "Gulou District",
        "bureau_name": "Party Committee of the Gulou District Education Bureau",
    },
}

SCHOOLS = {
    "meiling": {
        "school": "Meiling Primary School",
        "full_name": "Meiling Primary School, Xuanwu District, Nanjing",
        "address": "12 Yuying Road, Xuanwu District, Nanjing",
        "brand": "Red Plum Pioneers",
        "symbol": "the red plum blossom",
        "slogan": "One branch of red plum mirrors our mission; a garden of pupils blooms "
        "towards the sun",
        "root": "the row of plum trees the first headmaster planted beside the playground",
        "virtue": "fears no cold and is the first to herald the spring",
    },
    "zhongshan": {
        "school": "Zhongshan Junior Secondary School",
        "full_name": "Zhongshan Junior Secondary School, Xuanwu District, Nanjing",
        "address": "19 Yuying Road, Xuanwu District, Nanjing",
        "brand": "Zhongshan Red Sails",
        "symbol": "the red sail",
        "slogan": "Raise the red sail and set course for the far shore of education",
        "root": "the sail-shaped school flag that teachers and pupils sewed when the school "
        "was founded",
        "virtue": "keeps everyone in one boat and sails on against the wind",
    },
    "qingliangshan": {
        "school": "Qingliangshan Primary School",
        "full_name": "Qingliangshan Primary School, Gulou District, Nanjing",
        "address": "26 Yuying Road, Gulou District, Nanjing",
        "brand": "Clear Breeze, Growing Seedlings",
        "symbol": "the clear breeze",
        "slogan": "A clear breeze of integrity nurtures young hearts",
        "root": "the old stone by the school gate carved with “live an honest life”",
        "virtue": "is clean and upright, and nourishes without a sound",
    },
}

HOME = {
    "title": "{school}",
    "full_name": "{full_name}",
    "party_organisation": "Branch Committee of the CPC at {school}",
    "address": "{address}",
    "introduction": (
        "<p>{school} was founded in {founded} and has {members} Party member teachers. Guided "
        "by its “{brand}” party-building culture brand, the school's Party branch works to run "
        "a school the people are satisfied with.</p>"
    ),
}

BRAND = {
    "title": "{brand}",
    "brand_name": "{brand}",
    "slogan": "{slogan}",
    "connotation": (
        "<p>“{brand}” takes its name from {symbol}, which {virtue}: the character we hope "
        "every Party member teacher will have. The name was chosen by all Party members "
        "together with teachers and pupils, turning the aims of the school's Party branch into "
        "an image that can be seen and remembered.</p>"
        "<p>To us a party-building brand is not a plaque but a way of working every day: "
        "Party members go first, teachers follow, and pupils learn from what they see.</p>"
    ),
    "philosophy": (
        "<p>Party building sets the direction of the school; culture brings teachers and "
        "pupils together. We hold to “members lead, everyone takes part, close to the "
        "classroom, serving growth”, so that the Party's work shows in every lesson, every home "
        "visit and every school activity.</p>"
    ),
    "heritage_innovation": (
        "<p>The school was founded in {founded}, and {root} is a memory shared by "
        "generations. We have turned this history into a course on the school's past, taught "
        "in turn by Party member teachers.</p>"
        "<p>While carrying it on, we try new things: an online party-building column, growth "
        "records for Party member teachers, and pupils helping to design the brand's "
        "activities, so that “{brand}” stays fresh.</p>"
    ),
    "material_culture": (
        "<p>A “{brand}” culture corridor and a Party members' activity room show the history "
        "of the school's Party branch and the stories of outstanding members. Every floor of "
        "the teaching building has a corner on the theme of {symbol}, arranged by pupils in "
        "turn.</p>"
    ),
    "spiritual_culture": (
        "<p>“{slogan}” is the pledge of the whole school. In the first lesson of every term "
        "the Party branch secretary tells the story behind {symbol}, and invites teachers and "
        "pupils to see their own growth as part of the growth of the school and the "
        "country.</p>"
    ),
    "institutional_culture": (
        "<p>The school has a “one member, one post” responsibility system for Party member "
        "teachers, model lessons given by Party members and a monthly party-building meeting, "
        "and links the “three meetings and one lesson” with teaching research, so that every "
        "step is planned, recorded and reviewed.</p>"
    ),
    "behavioural_culture": (
        "<p>Party member teachers show who they are and set the example: they take on the "
        "classes that need most help, give open lessons first and mentor young teachers. "
        "“{brand} Little Pioneers” awards make good conduct something pupils see in the "
        "classmates around them.</p>"
    ),
    "caption": "A corner of the campus on the theme of “{brand}”",
}

CASE_INDEX = {"title": "Exemplar cases"}

CASE = {
    "title": "Growing the whole school with the “{brand}” brand",
    "slug": "growing-the-school-with-its-brand",
    "summary": "How {school} used “{brand}” to weave the Party's work into teaching and learning.",
    "background": (
        "<p>A few years ago the school's Party work ran on a track of its own, apart from "
        "teaching: there were plenty of activities, but teachers took part without enthusiasm "
        "and pupils and parents felt little of them.</p>"
    ),
    "practice": (
        "<p>The Party branch drew the “{brand}” brand from {root}, and built around the image "
        "of {symbol} practices that people can see and join: Party member model posts, "
        "experienced teachers paired with young ones, themed Party days in the classroom and "
        "“Little Pioneer” awards for pupils. Each has someone in charge, a timetable and a "
        "record.</p>"
    ),
    "results": (
        "<p>In three years the number of teachers winning teaching competitions has clearly "
        "grown, parents are more satisfied year by year, and two young teachers have applied "
        "to join the Party. The brand's practices have been shared across the district.</p>"
    ),
    "lessons": (
        "<p>A brand has to grow out of the school's own history and be something ordinary "
        "teachers and pupils can see and touch; keeping records as a routine is what lets a "
        "brand last.</p>"
    ),
    "honours": "District outstanding party-building case\nCity civilised campus",
}

# The annual plans of the English schools that have one (cms.demo_content.PLANS), this
# year's and last year's, with their points in English.
PLANS = {
    "meiling": {
        "focus": "the “Red Plum Lectures” and model posts for Party members",
        "first_goal": "Ten “Red Plum Lectures”, each Party member teacher giving at least one",
        "second_goal": "Party member teachers paired with at least forty pupils who struggle "
        "with their studies",
        "promise": "no pupil is left behind in their studies",
    },
    "qingliangshan": {
        "focus": "building a school of integrity and the “Clear Breeze Classes”",
        "first_goal": "Two “Clear Breeze, Growing Seedlings” class meetings on integrity in "
        "every class each term",
        "second_goal": "A “Clear Breeze Corridor” around the old stone by the school gate, open "
        "to parents once a month",
        "promise": "no Party member teacher accepts gifts from parents or gives paid tutoring",
    },
}

PAST_PLANS = {
    "meiling": {
        "focus": "growth records for Party member teachers and the “Little Red Plum Pioneers”",
        "first_goal": "A growth record for every Party member teacher, shared openly at the end "
        "of each term",
        "second_goal": "Twenty “Little Red Plum Pioneers” chosen each term, their stories shown "
        "in the culture corridor",
        "promise": "the pioneers are chosen in the open and the results posted for five days",
    },
}

PLAN = {
    "title": "{school}: the “{brand}” brand plan for {year}",
    "slug": "brand-plan-{year}",
    "summary": "In {year} the Party branch of {school} builds on the “{brand}” brand, above all "
    "through {focus}, so that the brand reaches every lesson, teacher and pupil.",
    "plan": "<h3>1. Approach</h3>"
    "<p>True to the brand's pledge, “{slogan}”, the school's {members} Party member teachers "
    "lead by example, and the character of {symbol}, which {virtue}, runs through teaching "
    "and school life. This year's focus is {focus}.</p>"
    "<h3>2. Main tasks</h3>"
    "<ol><li>Before the spring term the Party branch gives every task to a person, each led "
    "by a member of the branch committee, and announces them at the staff meeting.</li>"
    "<li>{first_goal}, taken forward by the Party groups, with progress reported in the "
    "column every month.</li>"
    "<li>{second_goal}; in the autumn term a meeting of teachers, pupils and parents hears "
    "their views.</li>"
    "<li>At the end of the year each goal is reviewed, the year's ledger compiled and the "
    "results reported to all teachers and pupils.</li></ol>"
    "<h3>3. Support</h3>"
    "<p>The Party branch meets every month on the brand's progress and counts each member's "
    "tasks in the yearly appraisal of members; the work is in the school's annual budget, "
    "and one person keeps its records.</p>",
    "goals": "<ul><li>{first_goal}.</li><li>{second_goal}.</li>"
    "<li>At least twenty-four posts in the campus party-building column over the year, a "
    "brand activity reported every month.</li>"
    "<li>At least 95 per cent of teachers, pupils and parents satisfied with the school's "
    "Party work.</li></ul>",
    "commitment": "The Party branch of {school} promises all teachers, pupils and parents: "
    "every Party member teacher shows who they are and sets an example, and {promise}. How "
    "the plan is carried out is published every term; we welcome your scrutiny.",
}
