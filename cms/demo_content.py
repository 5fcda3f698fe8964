"""Demo data: one province, three cities, six counties, twelve fictional schools.

All text here was written for this project. The schools, brands and events are invented;
region names and codes are the real administrative divisions so the tree looks familiar.
"""

PROVINCE = {"name": "江苏省", "slug": "jiangsu", "code": "320000", "bureau": "中共江苏省委教育工委"}

CITIES = [
    {
        "name": "南京市",
        "slug": "nanjing",
        "code": "320100",
        "bureau": "中共南京市委教育工委",
        "counties": [
            {"name": "玄武区", "slug": "xuanwu", "code": "320102", "bureau": "玄武区教育局党委"},
            {"name": "鼓楼区", "slug": "gulou", "code": "320106", "bureau": "鼓楼区教育局党委"},
        ],
    },
    {
        "name": "苏州市",
        "slug": "suzhou",
        "code": "320500",
        "bureau": "中共苏州市委教育工委",
        "counties": [
            {"name": "姑苏区", "slug": "gusu", "code": "320508", "bureau": "姑苏区教育局党委"},
            {"name": "吴中区", "slug": "wuzhong", "code": "320506", "bureau": "吴中区教育局党委"},
        ],
    },
    {
        "name": "扬州市",
        "slug": "yangzhou",
        "code": "321000",
        "bureau": "中共扬州市委教育工委",
        "counties": [
            {"name": "广陵区", "slug": "guangling", "code": "321002", "bureau": "广陵区教育局党委"},
            {"name": "邗江区", "slug": "hanjiang", "code": "321003", "bureau": "邗江区教育局党委"},
        ],
    },
]

# Each school: where it is, its profile and its brand. ``symbol`` is the image the brand is
# built around; ``root`` is a fact of the school's own history the brand grows from.
SCHOOLS = [
    {
        "county": "nanjing/xuanwu",
        "name": "梅岭小学",
        "slug": "meiling",
        "stage": "primary",
        "founded": 1953,
        "members": 46,
        "color": (166, 27, 27),
        "brand": "红梅先锋",
        "symbol": "红梅",
        "slogan": "一枝红梅映初心，满园桃李向阳开",
        "root": "老校长在操场边亲手种下的一排梅树",
        "virtue": "不畏严寒、先开报春",
    },
    {
        "county": "nanjing/xuanwu",
        "name": "钟山初级中学",
        "slug": "zhongshan",
        "stage": "junior",
        "founded": 1958,
        "members": 52,
        "color": (176, 48, 32),
        "brand": "钟山红帆",
        "symbol": "红帆",
        "slogan": "扬起红色风帆，驶向育人远方",
        "root": "建校初期师生自制的一面帆形校旗",
        "virtue": "同舟共济、逆风前行",
    },
    {
        "county": "nanjing/gulou",
        "name": "清凉山小学",
        "slug": "qingliangshan",
        "stage": "primary",
        "founded": 1947,
        "members": 38,
        "color": (140, 30, 40),
        "brand": "清风润苗",
        "symbol": "清风",
        "slogan": "清风正气润童心",
        "root": "校门旁一块刻着“清白做人”的老石碑",
        "virtue": "清正廉洁、润物无声",
    },
    {
        "county": "nanjing/gulou",
        "name": "石城中学",
        "slug": "shicheng",
        "stage": "complete",
        "founded": 1931,
        "members": 97,
        "color": (120, 24, 24),
        "brand": "石城砥柱",
        "symbol": "砥柱",
        "slogan": "做师生身边的中流砥柱",
        "root": "抗战时期师生坚持复课的一段校史",
        "virtue": "坚如磐石、敢于担当",
    },
    {
        "county": "suzhou/gusu",
        "name": "平江实验小学",
        "slug": "pingjiang",
        "stage": "primary",
        "founded": 1962,
        "members": 41,
        "color": (170, 40, 50),
        "brand": "水巷红韵",
        "symbol": "水巷",
        "slogan": "小桥流水育新人，红色薪火代代传",
        "root": "学校背靠的百年老街和街口的革命先辈旧居",
        "virtue": "温润细致、源远流长",
    },
    {
        "county": "suzhou/gusu",
        "name": "枫桥初级中学",
        "slug": "fengqiao",
        "stage": "junior",
        "founded": 1970,
        "members": 44,
        "color": (184, 52, 28),
        "brand": "枫桥灯塔",
        "symbol": "灯塔",
        "slogan": "一名党员一盏灯，照亮学生成长路",
        "root": "学校夜间为住校生点亮的“长明灯”自习室",
        "virtue": "守望相助、指引方向",
    },
    {
        "county": "suzhou/wuzhong",
        "name": "太湖小学",
        "slug": "taihu",
        "stage": "primary",
        "founded": 1956,
        "members": 33,
        "color": (150, 30, 30),
        "brand": "湖畔初心",
        "symbol": "湖水",
        "slogan": "守护一湖清水，点亮一片初心",
        "root": "几代教师坚持带学生开展护湖行动的传统",
        "virtue": "包容清澈、守护家园",
    },
    {
        "county": "suzhou/wuzhong",
        "name": "东山九年一贯制学校",
        "slug": "dongshan",
        "stage": "nine_year",
        "founded": 1951,
        "members": 58,
        "color": (190, 60, 20),
        "brand": "东山橘红",
        "symbol": "橘树",
        "slogan": "扎根乡土，结出育人硕果",
        "root": "校园里那片由师生共同养护的橘园",
        "virtue": "扎根乡土、默默奉献",
    },
    {
        "county": "yangzhou/guangling",
        "name": "运河小学",
        "slug": "yunhe",
        "stage": "primary",
        "founded": 1949,
        "members": 40,
        "color": (160, 34, 34),
        "brand": "运河红舟",
        "symbol": "红舟",
        "slogan": "一条运河千年韵，一叶红舟万里行",
        "root": "学校紧邻的古运河码头和船工子弟学堂的校史",
        "virtue": "奔流不息、载梦远航",
    },
    {
        "county": "yangzhou/guangling",
        "name": "文昌高级中学",
        "slug": "wenchang",
        "stage": "senior",
        "founded": 1923,
        "members": 112,
        "color": (130, 20, 30),
        "brand": "文昌星火",
        "symbol": "星火",
        "slogan": "星星之火，照亮青春理想",
        "root": "早年在校内秘密传阅进步书刊的读书小组",
        "virtue": "追求真理、薪火相传",
    },
    {
        "county": "yangzhou/hanjiang",
        "name": "蜀冈小学",
        "slug": "shugang",
        "stage": "primary",
        "founded": 1965,
        "members": 36,
        "color": (156, 38, 38),
        "brand": "蜀冈青松",
        "symbol": "青松",
        "slogan": "做一棵扎根校园的青松",
        "root": "首届毕业生在校园后山栽下的青松林",
        "virtue": "四季常青、坚韧挺拔",
    },
    {
        "county": "yangzhou/hanjiang",
        "name": "邗江育才初级中学",
        "slug": "yucai",
        "stage": "junior",
        "founded": 1978,
        "members": 49,
        "color": (174, 36, 44),
        "brand": "育才红烛",
        "symbol": "红烛",
        "slogan": "燃烧自己，照亮他人",
        "root": "恢复高考后学校教师义务为学生夜间补课的故事",
        "virtue": "无私奉献、甘为人梯",
    },
]

BRAND_TEXT = {
    "connotation": (
        "<p>“{brand}”取意于{symbol}。{symbol}{virtue}，正是我们希望每一名党员教师具有的品格。"
        "品牌名称由全体党员和师生代表讨论确定，把学校党支部的工作追求凝练成一个看得见、"
        "记得住的形象。</p>"
        "<p>在我们看来，党建品牌不是一块牌子，而是一种日常：党员走在前面，教师跟上来，"
        "学生在潜移默化中受到感染。</p>"
    ),
    "philosophy": (
        "<p>以党建引领办学方向，以文化凝聚师生人心。我们坚持“党员带头、全员参与、"
        "贴近课堂、服务成长”，让党的工作落在每一堂课、每一次家访、每一项校园活动中。</p>"
    ),
    "heritage_innovation": (
        "<p>学校创办于{founded}年，{root}是几代人共同的记忆。我们把这段历史整理成校史课程，"
        "由党员教师轮流讲述。</p>"
        "<p>在传承的同时，我们尝试新的做法：开设线上党建专栏，建立党员教师成长档案，"
        "让学生参与设计品牌活动，使“{brand}”常讲常新。</p>"
    ),
    "material_culture": (
        "<p>校园里设有“{brand}”文化长廊和党员活动室，展示学校党支部的发展历程和"
        "优秀党员的事迹。教学楼每层都有以{symbol}为主题的文化角，由学生轮流布置。</p>"
    ),
    "spiritual_culture": (
        "<p>“{slogan}”是全校师生共同的誓言。每学期开学第一课，党支部书记都会讲述{symbol}"
        "背后的故事，引导师生把个人成长融入学校和国家的发展之中。</p>"
    ),
    "institutional_culture": (
        "<p>学校建立了党员教师“一人一岗”责任制、党员示范课制度和每月一次的党建工作例会，"
        "把“三会一课”与教研活动结合起来，做到有计划、有记录、有反馈。</p>"
    ),
    "behavioural_culture": (
        "<p>党员教师亮身份、作表率：主动承担薄弱班级、带头开设公开课、结对帮扶青年教师。"
        "学生中开展“{symbol}小先锋”评选，让好的行为成为身边可以学习的榜样。</p>"
    ),
}

# Column posts: (title, culture dimension, tags, paragraphs). Placeholders come from SCHOOLS.
COLUMN_POSTS = [
    (
        "“{brand}”党建文化长廊正式启用",
        "material",
        ["党建文化", "校园环境"],
        [
            "本周一，{school}“{brand}”党建文化长廊正式向师生开放。长廊全长四十余米，分为“初心”“奋斗”"
            "“育人”三个板块，展示了学校党支部{founded}年来的发展足迹。",
            "长廊的设计方案经过三轮征求意见，不少内容来自师生的投稿。六年级的同学用一幅{symbol}主题的"
            "剪纸作品，为长廊增添了童趣。党支部书记表示，长廊不是摆设，今后每月都会更新一次内容。",
        ],
    ),
    (
        "党员教师示范课展示周圆满结束",
        "behavioural",
        ["党员示范课", "课堂教学"],
        [
            "为期一周的党员教师示范课展示活动落下帷幕。{members}名党员中有十二位教师走上讲台，"
            "涵盖语文、数学、科学、道德与法治等学科。",
            "听课教师普遍反映，党员教师在课堂中注重启发学生思考，把价值引领自然融入知识学习。"
            "活动结束后，各教研组围绕“如何让课堂更有温度”进行了专题研讨。",
        ],
    ),
    (
        "“三会一课”走进教研组",
        "institutional",
        ["三会一课", "教研"],
        [
            "本学期起，{school}党支部把党小组会安排在教研组活动之后召开，讨论的话题直接来自教学一线："
            "作业怎样减量提质，后进生怎样帮扶，家校沟通有哪些好办法。",
            "党支部书记说，组织生活要解决真问题，才能让党员愿意来、有收获。目前各党小组已形成"
            "八条改进建议，将在下月的教职工大会上讨论落实。",
        ],
    ),
    (
        "开学第一课：讲述{symbol}的故事",
        "spiritual",
        ["开学第一课", "校史教育"],
        [
            "新学期第一天，党支部书记为全校师生讲述了学校的“{brand}”品牌故事。从{root}讲起，"
            "一张张老照片把大家带回了学校创办之初。",
            "“{slogan}。”课堂最后，全体师生齐声诵读品牌誓言。不少新入职的教师说，这堂课让他们对"
            "学校有了更深的认同。",
        ],
    ),
    (
        "青年教师与党员导师结对仪式举行",
        "behavioural",
        ["青蓝结对", "青年教师"],
        [
            "学校举行新一轮“青蓝结对”仪式，九位入职三年以内的青年教师与党员导师签订结对协议。"
            "导师将在备课、上课、班级管理和师德修养等方面进行为期一年的指导。",
            "去年结对的青年教师中，已有三人在区级教学比赛中获奖，两人递交了入党申请书。",
        ],
    ),
    (
        "党支部开展师德师风专题学习",
        "spiritual",
        ["师德师风", "理论学习"],
        [
            "党支部组织全体教职工开展师德师风专题学习，围绕教师职业行为准则进行交流讨论。",
            "学习中，几位老教师分享了自己几十年如一日坚守讲台的经历。大家表示，要以身边榜样为镜，"
            "把对学生的爱落实在每一天的细节中。",
        ],
    ),
    (
        "“{symbol}小先锋”评选结果揭晓",
        "behavioural",
        ["学生榜样", "少先队"],
        [
            "经过班级推荐、年级评议和全校公示，本学期二十名“{symbol}小先锋”评选结果揭晓。",
            "这些同学中，有坚持每天为班级整理图书角的，有主动帮助同学补习功课的，也有在社区志愿"
            "服务中表现突出的。学校将把他们的事迹制成展板，在文化长廊展出。",
        ],
    ),
    (
        "智慧党建平台上线，党员学习有了新阵地",
        "institutional",
        ["智慧党建", "互联网+党建"],
        [
            "学校“{brand}”线上专栏本月正式上线。党员可以在手机上查看学习资料、提交学习心得，"
            "支部也能及时了解每位党员的学习情况。",
            "上线一个月，专栏已发布学习材料二十余篇，党员提交心得一百多条。下一步，学校还将开放"
            "家长浏览入口，让更多人了解学校的党建工作。",
        ],
    ),
    (
        "党员家访月：走进每一个需要帮助的家庭",
        "behavioural",
        ["家访", "关爱学生"],
        [
            "十一月是学校的“党员家访月”。党员教师分组走访了学习困难、家庭经济困难和留守儿童家庭"
            "共六十余户。",
            "每一次家访都留下了记录和跟进措施。一位家长说：“老师专门跑来家里，孩子感觉被重视了，"
            "这学期学习劲头明显足了。”",
        ],
    ),
    (
        "校园党建文化墙换上新内容",
        "material",
        ["党建文化", "文化墙"],
        [
            "教学楼一楼的党建文化墙完成了本学期的更新，新增了“党员风采”“支部动态”两个栏目。",
            "这次更新由学生美术社团参与设计，以{symbol}为主色调，既庄重又充满朝气。",
        ],
    ),
]

# One report per activity type slug: (title, tags, place, participants, paragraphs).
ACTIVITIES = {
    "essay-contest": (
        "“我心中的{brand}”主题征文比赛颁奖",
        ["征文", "品牌宣传"],
        "学校报告厅",
        120,
        [
            "历时一个月的“我心中的{brand}”主题征文比赛结束，共收到师生作品二百余篇。",
            "获奖作品将汇编成册，并在学校党建专栏陆续刊发。",
        ],
    ),
    "speech-contest": (
        "青年教师“讲好育人故事”演讲比赛",
        ["演讲", "青年教师"],
        "学校报告厅",
        90,
        [
            "十四位青年教师登台讲述自己与学生之间的故事，真挚的讲述多次赢得掌声。",
            "比赛评出一等奖两名，优秀的演讲视频将在家长会上播放。",
        ],
    ),
    "reading-club": (
        "党员读书会：共读一本教育经典",
        ["读书会", "理论学习"],
        "图书馆",
        35,
        [
            "党员读书会本期共读一本教育经典著作，五位党员教师分享了阅读体会。",
            "大家结合自己的课堂谈收获，约定下期继续围绕“因材施教”展开讨论。",
        ],
    ),
    "symposium": (
        "退休老党员座谈会：听老同志讲校史",
        ["座谈会", "校史教育"],
        "党员活动室",
        28,
        [
            "学校邀请八位退休老党员回校座谈，讲述{root}背后的故事。",
            "年轻党员认真记录，座谈内容将整理进学校校史读本。",
        ],
    ),
    "thematic-meeting": (
        "“双减”背景下作业设计专题会",
        ["专题会", "双减"],
        "会议室",
        60,
        [
            "党支部牵头召开作业设计专题会，各学科党员骨干分享分层作业的做法。",
            "会议形成了作业设计指南初稿，将在下周起在各年级试行。",
        ],
    ),
    "concert": (
        "“红歌唱响新时代”师生合唱音乐会",
        ["合唱", "红色文化"],
        "学校礼堂",
        400,
        [
            "十六个班级和教师合唱团依次登台，用歌声表达对党和祖国的热爱。",
            "音乐会最后，全场师生共同唱响《没有共产党就没有新中国》。",
        ],
    ),
    "knowledge-contest": (
        "党史知识竞赛：以赛促学",
        ["知识竞赛", "党史学习教育"],
        "学校报告厅",
        150,
        [
            "六支教工代表队围绕党史、教育法规和学校发展史展开角逐。",
            "必答、抢答、风险题环节环环相扣，现场气氛热烈。",
        ],
    ),
    "themed-party-day": (
        "主题党日：重温入党誓词",
        ["主题党日", "党性教育"],
        "党员活动室",
        45,
        [
            "在本月主题党日活动中，全体党员面向党旗重温入党誓词。",
            "随后，党员们交流了各自的岗位承诺，并在承诺墙上签名。",
        ],
    ),
    "volunteering": (
        "党员志愿服务队走进社区",
        ["志愿服务", "社区共建"],
        "学校周边社区",
        30,
        [
            "党员志愿服务队走进学校周边社区，为居民开展家庭教育咨询和课业辅导。",
            "志愿服务将每月开展一次，学校已与社区签订共建协议。",
        ],
    ),
}

CASE = {
    "title": "以“{brand}”品牌带动学校整体发展",
    "tags": ["典型案例", "品牌建设"],
    "summary": "{school}以“{brand}”为抓手，把党建工作与教育教学深度融合的实践。",
    "background": "<p>几年前，学校党建工作存在与业务工作“两张皮”的问题：活动不少，"
    "但教师参与热情不高，学生和家长感受不深。</p>",
    "practice": "<p>党支部从{root}中提炼出“{brand}”品牌，围绕{symbol}的形象设计了一套"
    "看得见、能参与的做法：党员示范岗、青蓝结对、主题党日进课堂、学生“小先锋”评选。"
    "每项做法都有负责人、有时间表、有记录。</p>",
    "results": "<p>三年来，学校教师在各级教学比赛中获奖人数明显增加，家长满意度持续提高，"
    "两名青年教师递交了入党申请书。品牌做法在区内交流推广。</p>",
    "lessons": "<p>品牌要从学校自己的历史里长出来，要让普通教师和学生看得见、摸得着；"
    "制度化的记录是品牌能够持续下去的关键。</p>",
    "honours": "区级党建工作优秀案例\n市级文明校园",
}

# The demo's staff by username: each account's 姓名, whole and in Chinese order.
STAFF_NAMES = {
    "meiling-editor": "王晓燕",
    "meiling-moderator": "李红",
    "xuanwu-curator": "陈思远",
    "xuanwu-manager": "周立新",
    "xuanwu-committee": "吴文华",
    "xuanwu-auditor": "赵敏",
    "nanjing-curator": "孙建国",
    "nanjing-committee": "钱卫东",
}

# Annual plans (年度方案): each school's own focus for the year, its two headline goals and
# what its Party branch promises. Schools missing here have not published this year's plan
# yet, which the curators' dashboards flag.
PLANS = {
    "meiling": {
        "focus": "“红梅讲堂”和党员示范岗",
        "first_goal": "开设“红梅讲堂”十讲，每位党员教师至少主讲一次",
        "second_goal": "党员教师结对帮扶学习困难学生不少于四十名",
        "promise": "不让一名学生在学习上掉队",
    },
    "qingliangshan": {
        "focus": "清廉学校建设和“清风课堂”",
        "first_goal": "每个班级每学期召开两次“清风润苗”廉洁教育主题班会",
        "second_goal": "在校门旁老石碑一带建成“清风廊”，每月向家长开放一次",
        "promise": "不收受家长礼品礼金，不参与有偿补课",
    },
    "shicheng": {
        "focus": "党员教师“砥柱工程”和毕业年级攻坚",
        "first_goal": "党员教师担任毕业班班主任或备课组长不少于十五人",
        "second_goal": "整理编印校史读本《烽火中的课堂》，在校史课上使用",
        "promise": "最难带的班级党员先上，最重的担子党员先挑",
    },
    "pingjiang": {
        "focus": "老街红色资源进课堂",
        "first_goal": "与街口革命先辈旧居共建研学基地，全年开展研学活动八次",
        "second_goal": "编写“水巷红韵”校本课程读本一册，在三至六年级开课",
        "promise": "每一次研学都有党员教师全程带队、全程讲解",
    },
    "fengqiao": {
        "focus": "“长明灯”自习室党员值守和住校生关爱",
        "first_goal": "党员教师每人每周在“长明灯”自习室值守不少于一次",
        "second_goal": "为每一名住校生配备一名成长导师，每月谈心一次",
        "promise": "住校生有困难，第一时间找得到党员老师",
    },
    "taihu": {
        "focus": "护湖志愿服务和生态文明教育",
        "first_goal": "组织“小小护湖员”沿湖巡护和水质观察活动十次以上",
        "second_goal": "与湖边三个村社区党组织签订共建协议，联合开展护湖宣传",
        "promise": "护湖行动党员教师带头参加，风雨不误",
    },
    "dongshan": {
        "focus": "橘园劳动教育和乡土课程",
        "first_goal": "每个班级认养一棵橘树，开展春剪、夏护、秋收、冬养四季劳动",
        "second_goal": "秋季举办橘园丰收节，邀请家长和村民代表参加",
        "promise": "每一名学生都有劳动岗位，每一次劳动都有党员教师指导",
    },
    "yunhe": {
        "focus": "运河文化研学和“红舟”少年宣讲团",
        "first_goal": "“红舟”少年宣讲团走进码头社区和船工之家宣讲十二场",
        "second_goal": "建成船工子弟学堂校史陈列室，向周边学校开放",
        "promise": "宣讲团每一篇讲稿都由党员教师逐字把关",
    },
    "wenchang": {
        "focus": "学生业余党校和“星火”读书小组",
        "first_goal": "“星火”读书小组覆盖每个年级，每月共读一本书",
        "second_goal": "推荐优秀学生参加业余党校学习不少于三十人",
        "promise": "每一位有志向的青年学生都有党员教师引路",
    },
    "yucai": {
        "focus": "党员教师课后服务和青年教师培养",
        "first_goal": "党员教师每周承担课后服务辅导不少于两次",
        "second_goal": "通过青蓝结对培养区级以上骨干教师三名",
        "promise": "课后服务党员先上岗，青年教师成长党员来领路",
    },
}

# Last year's plans of two schools, with the focus they had then.
PAST_PLANS = {
    "meiling": {
        "focus": "党员教师成长档案和“红梅小先锋”评选",
        "first_goal": "为每一名党员教师建立成长档案，学期末公开交流一次",
        "second_goal": "每学期评选“红梅小先锋”二十名，事迹在文化长廊展出",
        "promise": "评选过程全程公开，结果在校内公示五天",
    },
    "yunhe": {
        "focus": "运河校史整理和党员家访",
        "first_goal": "走访二十位老船工及其后代，整理口述校史",
        "second_goal": "党员教师家访覆盖全部住在码头片区的学生家庭",
        "promise": "家访不给家庭添麻烦，不接受宴请",
    },
}

PLAN = {
    "title": "{school}{year}年“{brand}”党建品牌建设实施方案",
    "summary": "{year}年，{school}党支部以“{brand}”品牌为引领，重点抓好{focus}，"
    "把品牌建设落到每一堂课、每一位师生身上。",
    "plan": "<h3>一、总体思路</h3>"
    "<p>围绕“{slogan}”的品牌誓言，发挥{members}名党员教师的示范作用，把{symbol}"
    "{virtue}的品格融入教育教学和学校管理。本年度的重点是{focus}。</p>"
    "<h3>二、主要任务</h3>"
    "<ol><li>春季开学前，党支部把各项任务分解到人，每项任务由一名支委牵头，"
    "在教职工大会上公布。</li>"
    "<li>{first_goal}，由各党小组分头推进，每月在党建专栏报道进展。</li>"
    "<li>{second_goal}，秋季学期中召开一次师生和家长座谈会，听取意见。</li>"
    "<li>年末对照年度目标逐项总结，整理年度台账，并向全体师生通报。</li></ol>"
    "<h3>三、保障措施</h3>"
    "<p>党支部每月召开一次品牌建设推进会，把任务完成情况纳入党员民主评议；"
    "所需经费列入学校年度预算，活动资料由专人及时归档。</p>",
    "goals": "<ul><li>{first_goal}。</li><li>{second_goal}。</li>"
    "<li>校园党建专栏全年更新不少于二十四篇，每月至少报道一次品牌活动。</li>"
    "<li>师生和家长对学校党建工作的满意度达到百分之九十五以上。</li></ul>",
    "commitment": "{school}党支部向全校师生和家长承诺：全体党员教师亮身份、作表率，"
    "{promise}。方案落实情况每学期公布一次，欢迎大家监督。",
}
