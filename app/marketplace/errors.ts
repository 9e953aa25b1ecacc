/** An expected refusal: routes turn it into a 4xx with this message next to the field. */
export class MarketplaceError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
