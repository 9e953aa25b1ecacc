/** The fields that describe what an offer is: every list and page that shows an offer selects these. */
export const OFFER_TERMS_SELECT = {
  id: true,
  profession: true,
  specialty: true,
  startDate: true,
  endDate: true,
  slots: true,
  slotsTaken: true,
  supervisionModel: true,
  yearsOfStudy: true,
} as const;
