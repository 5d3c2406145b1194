/**
 * Every error code Relais returns, in one place. `docs/errors.md` documents each one; a test fails
 * when the two disagree. `excType` is the Frappe exception class name a Frappe client expects in
 * `exc_type`; `status` follows Frappe's HTTP status for that class where one exists.
 */
export const ERROR_CATALOGUE = {
  BAD_JSON: { status: 400, excType: 'ValidationError' },
  BAD_REQUEST: { status: 400, excType: 'ValidationError' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, excType: 'ValidationError' },
  PAYLOAD_TOO_LARGE: { status: 413, excType: 'RequestEntityTooLarge' },
  NOT_AUTHENTICATED: { status: 401, excType: 'AuthenticationError' },
  INVALID_CREDENTIALS: { status: 401, excType: 'AuthenticationError' },
  PERMISSION_DENIED: { status: 403, excType: 'PermissionError' },
  NOT_FOUND: { status: 404, excType: 'DoesNotExistError' },
  METHOD_NOT_FOUND: { status: 404, excType: 'DoesNotExistError' },
  DOCTYPE_NOT_FOUND: { status: 404, excType: 'DoesNotExistError' },
  DOCUMENT_NOT_FOUND: { status: 404, excType: 'DoesNotExistError' },
  CHILD_DOCTYPE_NOT_ADDRESSABLE: { status: 417, excType: 'ValidationError' },
  UNKNOWN_FIELD: { status: 417, excType: 'ValidationError' },
  INVALID_VALUE: { status: 417, excType: 'ValidationError' },
  MANDATORY_MISSING: { status: 417, excType: 'MandatoryError' },
  INVALID_SELECT_OPTION: { status: 417, excType: 'ValidationError' },
  INVALID_NAME: { status: 417, excType: 'InvalidNameError' },
  DUPLICATE_NAME: { status: 409, excType: 'DuplicateEntryError' },
  UNIQUE_VIOLATION: { status: 409, excType: 'UniqueValidationError' },
  LINK_NOT_FOUND: { status: 417, excType: 'LinkValidationError' },
  LINK_EXISTS: { status: 417, excType: 'LinkExistsError' },
  NOT_SUBMITTABLE: { status: 417, excType: 'ValidationError' },
  INVALID_DOCSTATUS: { status: 417, excType: 'DocstatusTransitionError' },
  UPDATE_AFTER_SUBMIT: { status: 417, excType: 'UpdateAfterSubmitError' },
  DOCUMENT_CANCELLED: { status: 417, excType: 'UpdateAfterSubmitError' },
  TIMESTAMP_MISMATCH: { status: 417, excType: 'TimestampMismatchError' },
  INVALID_FILTER: { status: 417, excType: 'DataError' },
  INVALID_FIELD_NAME: { status: 417, excType: 'DataError' },
  INVALID_ORDER_BY: { status: 417, excType: 'DataError' },
  INVALID_PAGING: { status: 417, excType: 'DataError' },
  INVALID_DOCTYPE_DEFINITION: { status: 417, excType: 'ValidationError' },
  CORE_DOCTYPE_READ_ONLY: { status: 403, excType: 'PermissionError' },
  DOCTYPE_HAS_DOCUMENTS: { status: 417, excType: 'LinkExistsError' },
  WEBHOOK_BODY_INVALID: { status: 417, excType: 'ValidationError' },
  DELIVERY_STATE_CONFLICT: { status: 409, excType: 'ValidationError' },
  INTERNAL_ERROR: { status: 500, excType: 'Exception' },
} as const satisfies Record<string, { status: number; excType: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;
