/** Word lists the demo composes names from. Invented combinations; any likeness to a real firm is chance. */
export const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split(
    '',
  )
export const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉力斌宇浩凯佳慧晨欣怡婷雪琳颖鑫博睿哲宁嘉诚思远志轩子涵梓雨晓逸然'.split(
    '',
  )
export const FIRM_PREFIX = [
  '东方',
  '美谷',
  '贤城',
  '奉浦',
  '海湾',
  '申江',
  '浦南',
  '金海',
  '南桥',
  '博润',
  '瑞昇',
  '恒泰',
  '华研',
  '启明',
  '卓越',
  '嘉禾',
  '汇智',
  '新程',
  '远景',
  '万象',
  '同创',
  '康源',
  '科睿',
  '中联',
  '星河',
  '悦享',
  '青禾',
  '鼎信',
  '弘毅',
  '锦程',
]
export const INDUSTRIES = [
  { name: '生物医药', suffix: '生物科技有限公司' },
  { name: '化妆品', suffix: '化妆品有限公司' },
  { name: '软件信息', suffix: '信息技术有限公司' },
  { name: '智能制造', suffix: '智能装备有限公司' },
  { name: '商务服务', suffix: '企业管理咨询有限公司' },
  { name: '金融', suffix: '投资管理有限公司' },
  { name: '文化创意', suffix: '文化传播有限公司' },
  { name: '物业管理', suffix: '物业管理有限公司' },
  { name: '贸易', suffix: '贸易有限公司' },
  { name: '餐饮', suffix: '餐饮管理有限公司' },
] as const
export const SOCIAL_ORG_SUFFIX = [
  '公益服务中心',
  '社工服务社',
  '志愿者协会',
  '文体活动中心',
  '养老服务中心',
  '青少年发展中心',
  '环保中心',
  '艺术工作室',
]
export const EDUCATION = ['大专', '本科', '本科', '本科', '硕士研究生', '硕士研究生', '博士研究生', '高中']
