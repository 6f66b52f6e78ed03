/** Request and response schemas of the surveys API: questionnaires, responses, analysis, service projects, QR content. */
import Type, { type Static } from 'typebox'
import { Nullable } from './common.ts'

export const SURVEY_QUESTION_TYPES = ['single', 'multiple', 'rating', 'ranking', 'number', 'text'] as const
export type SurveyQuestionType = (typeof SURVEY_QUESTION_TYPES)[number]
/** Respondent attributes the cross-tabs group by. */
export const RESPONDENT_ATTRIBUTES = ['area', 'building', 'age_band', 'unit_kind'] as const
export type RespondentAttribute = (typeof RESPONDENT_ATTRIBUTES)[number]
export const SURVEY_AUDIENCE_KINDS = ['area_workers', 'area_residents', 'buildings', 'orgs'] as const
export const SURVEY_AGE_BANDS = ['under_25', '25_34', '35_44', '45_59', '60_plus'] as const

const Key = Type.String({ pattern: '^[a-z0-9_]{1,32}$' })

export const SurveyQuestionOption = Type.Object(
  { key: Key, label: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
)

export const SurveyQuestion = Type.Object(
  {
    key: Key,
    type: Type.Enum([...SURVEY_QUESTION_TYPES]),
    title: Type.String({ minLength: 1, maxLength: 300 }),
    required: Type.Boolean(),
    /** single, multiple, ranking: the choices (2–30). */
    options: Type.Optional(Type.Array(SurveyQuestionOption, { maxItems: 30 })),
    /** multiple: at most this many ticks. */
    maxChoices: Type.Optional(Type.Integer({ minimum: 1, maximum: 30 })),
    /** rating: 1..scale (3–10). */
    scale: Type.Optional(Type.Integer({ minimum: 3, maximum: 10 })),
    /** number: inclusive bounds. */
    min: Type.Optional(Type.Number()),
    max: Type.Optional(Type.Number()),
    /** Show this question only if an EARLIER single/multiple question was answered with one of these options. */
    showIf: Type.Optional(
      Type.Object(
        { question: Key, anyOf: Type.Array(Key, { minItems: 1, maxItems: 30 }) },
        { additionalProperties: false },
      ),
    ),
    /**
     * A single-choice question that asks a respondent attribute (anonymous surveys): its answer's option key
     * is what the cross-tab groups by (area code, building id, age band, unit kind).
     */
    attribute: Type.Optional(Type.Enum([...RESPONDENT_ATTRIBUTES])),
  },
  { additionalProperties: false },
)
export type SurveyQuestion = Static<typeof SurveyQuestion>

export const SurveyInput = Type.Object(
  {
    areaCode: Type.String({ maxLength: 12 }),
    title: Type.String({ minLength: 2, maxLength: 120 }),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    anonymous: Type.Boolean(),
    audience: Type.Object(
      {
        kind: Type.Enum([...SURVEY_AUDIENCE_KINDS]),
        /** buildings / orgs: their ids. */
        ids: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 500 })),
      },
      { additionalProperties: false },
    ),
    questions: Type.Array(SurveyQuestion, { minItems: 1, maxItems: 100 }),
    opensAt: Type.String({ format: 'date-time' }),
    closesAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
)
export type SurveyInput = Static<typeof SurveyInput>

export const SurveyUpdate = Type.Object(
  { ...SurveyInput.properties, version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
)
export type SurveyUpdate = Static<typeof SurveyUpdate>

export const SURVEY_STATES = ['scheduled', 'open', 'closed'] as const

export const Survey = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  areaCode: Type.String(),
  areaName: Type.String(),
  title: Type.String(),
  description: Type.String(),
  anonymous: Type.Boolean(),
  audience: Type.Object({ kind: Type.Enum([...SURVEY_AUDIENCE_KINDS]), ids: Type.Array(Type.Integer()) }),
  questions: Type.Array(SurveyQuestion),
  opensAt: Type.String(),
  closesAt: Type.String(),
  state: Type.Enum([...SURVEY_STATES]),
  responses: Type.Integer(),
  version: Type.Integer(),
})
export type Survey = Static<typeof Survey>

export const SurveySummary = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  areaCode: Type.String(),
  areaName: Type.String(),
  title: Type.String(),
  anonymous: Type.Boolean(),
  opensAt: Type.String(),
  closesAt: Type.String(),
  state: Type.Enum([...SURVEY_STATES]),
  responses: Type.Integer(),
})
export type SurveySummary = Static<typeof SurveySummary>

/** What the answering page gets: the questionnaire, whether it is open, and whether this person/device answered. */
export const SurveyForm = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  description: Type.String(),
  anonymous: Type.Boolean(),
  state: Type.Enum([...SURVEY_STATES]),
  closesAt: Type.String(),
  /** Empty for an identified survey asked for without signing in. */
  questions: Type.Array(SurveyQuestion),
  answered: Type.Boolean(),
  loginRequired: Type.Boolean(),
})
export type SurveyForm = Static<typeof SurveyForm>

export const SurveyAnswerValue = Type.Union([
  Type.String({ maxLength: 2000 }),
  Type.Number(),
  Type.Array(Type.String({ maxLength: 32 }), { maxItems: 30 }),
])
export const SurveyResponseInput = Type.Object(
  { answers: Type.Record(Type.String({ maxLength: 32 }), SurveyAnswerValue) },
  { additionalProperties: false },
)
export type SurveyResponseInput = Static<typeof SurveyResponseInput>

// ---- analysis ----

export const SurveyOptionCount = Type.Object({
  key: Type.String(),
  label: Type.String(),
  count: Type.Integer(),
  /** count / respondents who answered the question (multiple choice: of respondents, not of ticks). */
  share: Type.Number(),
})

export const SurveyQuestionAnalysis = Type.Object({
  key: Type.String(),
  type: Type.Enum([...SURVEY_QUESTION_TYPES]),
  title: Type.String(),
  /** Respondents who answered this question. */
  answered: Type.Integer(),
  options: Type.Array(SurveyOptionCount),
  /** rating / number: the mean of the answers (null when nobody answered). */
  average: Nullable(Type.Number()),
  /** rating: how many gave each score 1..scale. */
  distribution: Type.Array(Type.Integer()),
  /** ranking: mean position per option (1 = first); lower is preferred. */
  meanRank: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), mean: Type.Number() })),
})
export type SurveyQuestionAnalysis = Static<typeof SurveyQuestionAnalysis>

export const SurveyAnalysis = Type.Object({
  surveyId: Type.Integer(),
  title: Type.String(),
  respondents: Type.Integer(),
  questions: Type.Array(SurveyQuestionAnalysis),
})
export type SurveyAnalysis = Static<typeof SurveyAnalysis>

export const SurveyCrossTabQuery = Type.Object(
  { question: Key, by: Type.Enum([...RESPONDENT_ATTRIBUTES]) },
  { additionalProperties: false },
)

/** Rows: the groups of the attribute; columns: the options of the question; cells: respondents. */
export const SurveyCrossTab = Type.Object({
  question: Type.String(),
  by: Type.Enum([...RESPONDENT_ATTRIBUTES]),
  columns: Type.Array(Type.Object({ key: Type.String(), label: Type.String() })),
  rows: Type.Array(
    Type.Object({
      key: Type.String(),
      label: Type.String(),
      /** Respondents of this group who answered the question. */
      respondents: Type.Integer(),
      counts: Type.Array(Type.Integer()),
      shares: Type.Array(Type.Number()),
    }),
  ),
})
export type SurveyCrossTab = Static<typeof SurveyCrossTab>

export const SurveyThemesQuery = Type.Object(
  { question: Key, top: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 15 })) },
  { additionalProperties: false },
)
export const SurveyThemes = Type.Object({
  question: Type.String(),
  answered: Type.Integer(),
  terms: Type.Array(
    Type.Object({
      term: Type.String(),
      /** Answers that contain the term (each answer counted once). */
      count: Type.Integer(),
      answers: Type.Array(Type.String()),
    }),
  ),
})
export type SurveyThemes = Static<typeof SurveyThemes>

// ---- service projects ----

export const SERVICE_PROJECT_STATUSES = ['planned', 'running', 'finished'] as const

export const ProjectFindingInput = Type.Object(
  {
    surveyId: Type.Integer({ minimum: 1 }),
    questionKey: Key,
    optionKey: Type.Optional(Nullable(Key)),
    theme: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 30 }))),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
)
export type ProjectFindingInput = Static<typeof ProjectFindingInput>

export const ServiceProjectInput = Type.Object(
  {
    areaCode: Type.String({ maxLength: 12 }),
    name: Type.String({ minLength: 2, maxLength: 80 }),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    status: Type.Optional(Type.Enum([...SERVICE_PROJECT_STATUSES])),
    findings: Type.Array(ProjectFindingInput, { maxItems: 50 }),
    offeringIds: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 100 }),
    eventIds: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 200 }),
  },
  { additionalProperties: false },
)
export type ServiceProjectInput = Static<typeof ServiceProjectInput>

export const ServiceProjectUpdate = Type.Object(
  { ...ServiceProjectInput.properties, version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
)
export type ServiceProjectUpdate = Static<typeof ServiceProjectUpdate>

/** Ratings collected at a session (on paper); how many took part comes from the linked events' attendance. */
export const ProjectResultInput = Type.Object(
  {
    heldOn: Type.String({ format: 'date' }),
    title: Type.String({ minLength: 1, maxLength: 120 }),
    ratingAvg: Type.Optional(Nullable(Type.Number({ minimum: 1, maximum: 5 }))),
    ratingCount: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
  },
  { additionalProperties: false },
)
export type ProjectResultInput = Static<typeof ProjectResultInput>

export const ProjectFinding = Type.Object({
  id: Type.Integer(),
  surveyId: Type.Integer(),
  surveyTitle: Type.String(),
  questionKey: Type.String(),
  questionTitle: Type.String(),
  optionKey: Nullable(Type.String()),
  optionLabel: Nullable(Type.String()),
  theme: Nullable(Type.String()),
  note: Type.String(),
  /** The evidence now: respondents who chose the option / whose answer has the theme, of those who answered. */
  count: Nullable(Type.Integer()),
  answered: Nullable(Type.Integer()),
})

export const ProjectResult = Type.Object({
  id: Type.Integer(),
  heldOn: Type.String(),
  title: Type.String(),
  ratingAvg: Nullable(Type.Number()),
  ratingCount: Type.Integer(),
})

export const ServiceProject = Type.Object({
  id: Type.Integer(),
  areaCode: Type.String(),
  areaName: Type.String(),
  name: Type.String(),
  description: Type.String(),
  status: Type.Enum([...SERVICE_PROJECT_STATUSES]),
  version: Type.Integer(),
  findings: Type.Array(ProjectFinding),
  offerings: Type.Array(
    Type.Object({ id: Type.Integer(), name: Type.String(), providerName: Type.String() }),
  ),
  /** Event ids as recorded (the events module's table gets a foreign key in a later migration). */
  eventIds: Type.Array(Type.Integer()),
  results: Type.Array(ProjectResult),
  /** Computed from linked rows, never typed: changing the data moves them. */
  totals: Type.Object({
    /** Linked events that took place: not cancelled and over. */
    eventsHeld: Type.Integer(),
    /** Attendance (check-ins) at those events. */
    participants: Type.Integer(),
    /** Plays of the project's content items. */
    plays: Type.Integer(),
    /** Responses to the surveys its findings cite. */
    responses: Type.Integer(),
    /** Rated sessions, and their mean rating weighted by the number of ratings of each. */
    ratedSessions: Type.Integer(),
    ratingAvg: Nullable(Type.Number()),
  }),
  contents: Type.Array(
    Type.Object({ id: Type.Integer(), slug: Type.String(), title: Type.String(), plays: Type.Integer() }),
  ),
})
export type ServiceProject = Static<typeof ServiceProject>

export const ServiceProjectSummary = Type.Object({
  id: Type.Integer(),
  areaCode: Type.String(),
  areaName: Type.String(),
  name: Type.String(),
  status: Type.Enum([...SERVICE_PROJECT_STATUSES]),
  findings: Type.Integer(),
  /** Computed as in ServiceProject.totals. */
  eventsHeld: Type.Integer(),
  participants: Type.Integer(),
  plays: Type.Integer(),
})
export type ServiceProjectSummary = Static<typeof ServiceProjectSummary>

// ---- content by QR ----

export const QR_CONTENT_KINDS = ['audio', 'text'] as const
export const QR_AUDIO_TYPES = ['audio/mpeg', 'audio/mp4', 'audio/ogg', 'audio/wav'] as const

export const QrContentInput = Type.Object(
  {
    areaCode: Type.String({ maxLength: 12 }),
    projectId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    kind: Type.Enum([...QR_CONTENT_KINDS]),
    title: Type.String({ minLength: 1, maxLength: 120 }),
    body: Type.Optional(Type.String({ maxLength: 20000 })),
  },
  { additionalProperties: false },
)
export type QrContentInput = Static<typeof QrContentInput>

export const QrContent = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  areaCode: Type.String(),
  projectId: Nullable(Type.Integer()),
  kind: Type.Enum([...QR_CONTENT_KINDS]),
  title: Type.String(),
  body: Type.String(),
  audioType: Nullable(Type.String()),
  audioBytes: Nullable(Type.Integer()),
  plays: Type.Integer(),
})
export type QrContent = Static<typeof QrContent>

export const PublicQrContent = Type.Object({
  slug: Type.String(),
  kind: Type.Enum([...QR_CONTENT_KINDS]),
  title: Type.String(),
  body: Type.String(),
  hasAudio: Type.Boolean(),
  plays: Type.Integer(),
})
export type PublicQrContent = Static<typeof PublicQrContent>

export const SurveySlugParams = Type.Object(
  { slug: Type.String({ pattern: '^[A-Za-z0-9_-]{8,32}$' }) },
  { additionalProperties: false },
)
