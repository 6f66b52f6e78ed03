import { accountErrors } from '../modules/accounts/errors.ts'
import { censusErrors } from '../modules/census/errors.ts'
import { enterpriseErrors } from '../modules/enterprise/errors.ts'
import { eventErrors } from '../modules/events/errors.ts'
import { exchangeErrors } from '../modules/exchange/errors.ts'
import { notificationErrors } from '../modules/notifications/errors.ts'
import { operationsErrors } from '../modules/operations/errors.ts'
import { orglifeErrors } from '../modules/orglife/errors.ts'
import { registryErrors } from '../modules/registry/errors.ts'
import { surveyErrors } from '../modules/surveys/errors.ts'
import { volunteerErrors } from '../modules/volunteers/errors.ts'
import { wasteErrors } from '../modules/waste/errors.ts'

/** Every module's own error catalogue, one object; lib/messages.test.ts checks no code is defined twice. */
export const MODULE_ERROR_CATALOGUES = {
  accountErrors,
  registryErrors,
  exchangeErrors,
  wasteErrors,
  eventErrors,
  volunteerErrors,
  surveyErrors,
  enterpriseErrors,
  orglifeErrors,
  notificationErrors,
  operationsErrors,
  censusErrors,
}

export const MODULE_ERRORS = {
  ...accountErrors,
  ...registryErrors,
  ...exchangeErrors,
  ...wasteErrors,
  ...eventErrors,
  ...volunteerErrors,
  ...surveyErrors,
  ...enterpriseErrors,
  ...orglifeErrors,
  ...notificationErrors,
  ...operationsErrors,
  ...censusErrors,
}
