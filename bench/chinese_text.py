"""Generated Chinese text for the benchmarks: sentences of school party-building work.

Every phrase was written for this project; sentences are drawn from them at random, so a
benchmark can make as much realistic text as it needs without shipping a corpus.
"""

SUBJECTS = [
    "党支部",
    "党员教师",
    "全体党员",
    "青年教师",
    "少先队员",
    "团员青年",
    "班主任",
    "学生代表",
    "家长志愿者",
    "退休老党员",
    "教研组",
    "年级组",
    "校党委",
    "支部委员",
]
ACTIONS = [
    "开展了",
    "组织了",
    "参加了",
    "举办了",
    "认真学习了",
    "深入推进了",
    "集中观看了",
    "共同策划了",
]
OBJECTS = [
    "主题党日活动",
    "读书会",
    "党史学习教育",
    "三会一课",
    "师德师风专题学习",
    "志愿服务",
    "知识竞赛",
    "演讲比赛",
    "征文比赛",
    "座谈会",
    "红色研学",
    "校园文化建设",
    "家访活动",
    "党员示范课",
    "青蓝结对",
    "专题会",
    "合唱比赛",
    "劳动实践",
    "安全教育",
    "心理健康讲座",
]
DETAILS = [
    "围绕立德树人根本任务",
    "结合学校办学特色",
    "在校园文化长廊前",
    "利用课后服务时间",
    "通过线上线下相结合的方式",
    "邀请社区党员共同参与",
    "按照年度工作计划",
    "聚焦课堂教学质量",
]
RESULTS = [
    "大家纷纷表示收获很大",
    "进一步增强了党员意识",
    "营造了良好的育人氛围",
    "受到师生和家长的一致好评",
    "形成了可推广的经验做法",
    "激发了学生的学习热情",
]
RARE = [
    "航模社团",
    "非遗剪纸",
    "古琴雅集",
    "湿地研学",
    "昆曲进校园",
    "围棋联赛",
    "紫砂陶艺",
    "龙舟竞渡",
    "评弹欣赏",
    "篆刻体验",
]
SCHOOL_NAMES = [
    "实验小学",
    "第一中学",
    "外国语学校",
    "育英小学",
    "附属中学",
    "师范附小",
    "新城小学",
]

TAGS = [
    "党员示范岗",
    "主题党日",
    "三会一课",
    "红色研学",
    "读书会",
    "志愿服务",
    "师德师风",
    "青蓝结对",
    "家校共育",
    "劳动教育",
    "党史学习",
    "课程思政",
    "校园文化",
    "少先队",
    "共青团",
    "清廉学校",
]


def paragraph(rng, rare_rate):
    sentences = []
    for _ in range(rng.randint(4, 8)):
        sentence = (
            f"{rng.choice(DETAILS)}，{rng.choice(SUBJECTS)}{rng.choice(ACTIONS)}"
            f"{rng.choice(OBJECTS)}，{rng.choice(RESULTS)}。"
        )
        if rng.random() < rare_rate:
            sentence = f"学校还开设了{rng.choice(RARE)}课程。" + sentence
        sentences.append(sentence)
    return "".join(sentences)
