import { ErrorBody } from '@tongxin/contracts'

/** Error responses every enterprise route may give (422: a rule that does not validate). */
export const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  422: ErrorBody,
}
export const tags = ['enterprise']
