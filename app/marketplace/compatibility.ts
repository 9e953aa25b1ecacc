/** The hard rules that let an offer take a request's students, in words when it cannot. */
export function offerAcceptsRequest(
  offer: { profession: string; startDate: Date; endDate: Date; yearsOfStudy: number[] },
  request: { profession: string; startDate: Date; endDate: Date; yearOfStudy: number },
): string | null {
  if (offer.profession !== request.profession) return "The offer is for a different profession";
  if (offer.startDate > request.startDate || offer.endDate < request.endDate) {
    return "The offer's dates do not cover the placement block";
  }
  if (offer.yearsOfStudy.length > 0 && !offer.yearsOfStudy.includes(request.yearOfStudy)) {
    return `The offer does not take year ${request.yearOfStudy} students`;
  }
  return null;
}
