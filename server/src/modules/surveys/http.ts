import { ErrorBody } from '@tongxin/contracts'

/** The error responses every surveys route may give. */
export const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }
