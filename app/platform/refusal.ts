/** The 4xx statuses an expected refusal answers with. */
export type RefusalStatus = 400 | 403 | 404 | 409 | 410 | 413 | 422 | 429;

/**
 * An expected refusal: the rules said no, and the person can be told why. Routes answer it with a
 * 4xx, the message shown next to `field` (or above the form when there is none). Anything thrown
 * that is not a Refusal is a fault and becomes a 500.
 */
export class Refusal extends Error {
  constructor(
    readonly status: RefusalStatus,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "Refusal";
  }
}
