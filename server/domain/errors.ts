/** Domain errors: thrown by services and repositories, mapped to HTTP by one middleware (server/http/error-handler.ts). */
export class DomainError extends Error {
  readonly status: number = 500;
  readonly code: string = 'internal';
  constructor(
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  override readonly status = 400;
  override readonly code = 'invalid';
}
export class UnauthenticatedError extends DomainError {
  override readonly status = 401;
  override readonly code = 'unauthenticated';
}
export class ForbiddenError extends DomainError {
  override readonly status = 403;
  override readonly code = 'forbidden';
}
export class NotFoundError extends DomainError {
  override readonly status = 404;
  override readonly code = 'not_found';
}
export class ConflictError extends DomainError {
  override readonly status = 409;
  override readonly code = 'conflict';
}
export class TooManyRequestsError extends DomainError {
  override readonly status = 429;
  override readonly code = 'too_many_requests';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
/** A service this request needs (Twilio, Redis) did not answer: nothing was changed; try again. */
export class UnavailableError extends DomainError {
  override readonly status = 503;
  override readonly code = 'unavailable';
}
