import type { SupervisionModelName } from "~/vocabulary/labels";
import type { ProfessionCode } from "~/vocabulary/roles";

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

/** The same terms as a read on the driver (`queryRows`) returns them, the dates as UTC midnights. */
export interface OfferTermsRow {
  id: string;
  profession: ProfessionCode;
  specialty: string | null;
  startDate: Date;
  endDate: Date;
  slots: number;
  slotsTaken: number;
  supervisionModel: SupervisionModelName;
  yearsOfStudy: number[];
}
