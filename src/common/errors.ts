/**
 * Domain errors: thrown by services and pure code without knowing about HTTP. The problem filter
 * maps them to RFC 9457 responses; `status` is the HTTP status they stand for.
 */

/** One bad input field, named by its dotted path (`capabilities.mesh`, `containers.app.port`). */
export interface FieldError {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly errors?: readonly FieldError[],
  ) {
    super(detail);
    this.name = new.target.name;
  }
}

export class BadRequestError extends DomainError {
  constructor(detail: string, errors?: readonly FieldError[]) {
    super(400, 'Bad Request', detail, errors);
  }
}

export class NotFoundError extends DomainError {
  constructor(detail: string) {
    super(404, 'Not Found', detail);
  }
}

export class PayloadTooLargeError extends DomainError {
  constructor(detail: string) {
    super(413, 'Payload Too Large', detail);
  }
}

export class UnprocessableError extends DomainError {
  constructor(detail: string, errors?: readonly FieldError[]) {
    super(422, 'Unprocessable Content', detail, errors);
  }
}

/** The service cannot take the request now; the client should retry after `retryAfterSeconds`. */
export class ServiceUnavailableError extends DomainError {
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super(503, 'Service Unavailable', detail);
  }
}

/** nginx's 499: the client left before the answer; nobody reads it, the status is for the logs. */
export class ClientClosedRequestError extends DomainError {
  constructor() {
    super(499, 'Client Closed Request', 'The client closed the connection before the answer.');
  }
}

export class UnauthorizedError extends DomainError {
  constructor(detail = 'A valid credential is required.') {
    super(401, 'Unauthorized', detail);
  }
}

/** The path exists but not for this method; `allow` lists the methods it has (the Allow header). */
export class MethodNotAllowedError extends DomainError {
  constructor(readonly allow: readonly string[]) {
    super(405, 'Method Not Allowed', `This path answers ${allow.join(', ')} only.`);
  }
}

/** No representation the route serves matches the request's Accept header. */
export class NotAcceptableError extends DomainError {
  constructor(readonly served: readonly string[]) {
    super(406, 'Not Acceptable', `This operation serves ${served.join(', ')} only.`);
  }
}
