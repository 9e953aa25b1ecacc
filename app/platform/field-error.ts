/**
 * An expected refusal of a submitted form, shown next to its field (or above the form when
 * there is no field). Domain functions throw it; routes turn it into a 4xx form reply.
 */
export class FieldError extends Error {
  constructor(
    message: string,
    readonly field?: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = "FieldError";
  }
}
