import type { ErrorCatalog } from '../../lib/error-catalog.ts'

/** Error codes of the surveys module (status + zh-CN + en-US); merged into the app's table by lib/module-errors.ts. */
export const surveyErrors = {
  survey_question_invalid: {
    status: 400,
    'zh-CN': '题目“{question}”设置有误：{reason}',
    'en-US': 'Question "{question}" is not valid: {reason}',
  },
  survey_branch_invalid: {
    status: 400,
    'zh-CN':
      '题目“{question}”的显示条件引用了“{ref}”：只能引用它前面的单选或多选题及其选项，请调整题目顺序或条件',
    'en-US':
      'Question "{question}" is shown depending on "{ref}": a condition may only refer to an earlier single or multiple choice question and its options; reorder the questions or change the condition',
  },
  survey_audience_invalid: {
    status: 400,
    'zh-CN': '调查对象设置有误：{reason}',
    'en-US': 'The audience is not valid: {reason}',
  },
  survey_has_responses: {
    status: 409,
    'zh-CN': '问卷已有答卷，题目不能再修改；如需调整请另建问卷',
    'en-US':
      'The survey already has responses, so its questions can no longer change; create a new survey instead',
  },
  survey_not_open: {
    status: 409,
    'zh-CN': '问卷{state}，不能作答',
    'en-US': 'The survey {state}; answers are not accepted',
  },
  survey_already_answered: {
    status: 409,
    'zh-CN': '您已提交过这份问卷，每人（每台设备）只能作答一次',
    'en-US': 'You have already answered this survey; one response per person (or device)',
  },
  survey_login_required: {
    status: 401,
    'zh-CN': '这是实名问卷，请先登录再作答',
    'en-US': 'This survey is not anonymous: please log in to answer it',
  },
  survey_not_in_audience: {
    status: 403,
    'zh-CN': '您不在这份问卷的调查对象范围内',
    'en-US': 'You are not in the audience of this survey',
  },
  survey_unknown_question: {
    status: 400,
    'zh-CN': '问卷中没有题目“{question}”',
    'en-US': 'The survey has no question "{question}"',
  },
  survey_answer_invalid: {
    status: 400,
    'zh-CN': '第{index}题“{question}”的回答不符合要求：{reason}',
    'en-US': 'The answer to question {index} "{question}" does not fit: {reason}',
  },
  survey_answer_hidden: {
    status: 400,
    'zh-CN': '第{index}题“{question}”按您前面的回答不需要作答，请删去该题的回答',
    'en-US': 'Question {index} "{question}" is not shown for your earlier answers; remove its answer',
  },
  survey_answer_required: {
    status: 400,
    'zh-CN': '第{index}题“{question}”为必答题，请作答',
    'en-US': 'Question {index} "{question}" is required; please answer it',
  },
  survey_question_not_analysable: {
    status: 400,
    'zh-CN': '题目“{question}”不能做此项分析：{reason}',
    'en-US': 'Question "{question}" cannot be analysed this way: {reason}',
  },
  project_finding_invalid: {
    status: 400,
    'zh-CN': '调研发现有误：{reason}',
    'en-US': 'A finding is not valid: {reason}',
  },
  project_unknown_offering: {
    status: 400,
    'zh-CN': '找不到服务项目 {id}（三张清单中的条目）',
    'en-US': 'Offering {id} (from the three lists) does not exist',
  },
  project_unknown_event: {
    status: 400,
    'zh-CN': '找不到活动 {id}（活动与党课中的条目）',
    'en-US': 'Event {id} (from events and lectures) does not exist',
  },
  qr_audio_invalid: {
    status: 400,
    'zh-CN': '文件内容不是可识别的音频：只接受 MP3、AAC、M4A、OGG、WAV 或 WebM 音频文件',
    'en-US':
      'The file is not recognisable audio: only MP3, AAC, M4A, OGG, WAV or WebM audio files are accepted',
  },
  qr_audio_too_large: {
    status: 413,
    'zh-CN': '音频文件过大：最大 {limit}',
    'en-US': 'The audio file is too large: at most {limit}',
  },
  qr_not_audio_item: {
    status: 409,
    'zh-CN': '这是文字内容，不能上传音频',
    'en-US': 'This is a text item; audio cannot be uploaded to it',
  },
} as const satisfies ErrorCatalog
