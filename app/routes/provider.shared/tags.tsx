// Not a route: the status and band tags of the provider pages. Each says its meaning in words,
// so colour is never the only signal.
import type { AllocationStatusName } from "~/marketplace/allocation-rules";
import { ALLOCATION_STATUS_LABELS } from "~/marketplace/allocation-rules";
import { FAIR_SHARE_BAND_LABELS, type FairShareBand } from "~/fair-share/fair-share";
import { OFFER_LIST_STATUS_LABELS, type OfferListStatus } from "~/marketplace/offer-form";

const TONES = {
  grey: "border-nhs-grey-1 bg-nhs-grey-5 text-nhs-text",
  green: "border-nhs-green bg-[#e6f2ea] text-[#00401e]",
  blue: "border-nhs-blue bg-[#e6eff8] text-nhs-dark-blue",
  amber: "border-[#b07d00] bg-[#fff4d6] text-[#5c4100]",
  red: "border-nhs-red bg-[#fbe9e7] text-[#6b140e]",
} as const;
type Tone = keyof typeof TONES;

function Tag({ tone, children }: { tone: Tone; children: React.ReactNode }) {
  return <span className={`inline-block whitespace-nowrap border px-2 py-0.5 text-sm font-bold ${TONES[tone]}`}>{children}</span>;
}

const OFFER_TONES: Record<OfferListStatus, Tone> = { draft: "grey", published: "green", filled: "blue", withdrawn: "red" };

export function OfferStatusTag({ status }: { status: OfferListStatus }) {
  return <Tag tone={OFFER_TONES[status]}>{OFFER_LIST_STATUS_LABELS[status]}</Tag>;
}

const ALLOCATION_TONES: Record<AllocationStatusName, Tone> = {
  PROPOSED: "amber",
  CONFIRMED: "blue",
  ACCEPTED: "blue",
  STUDENTS_NAMED: "green",
  COMPLETED: "grey",
  DECLINED: "red",
  CANCELLED: "red",
};

export function AllocationStatusTag({ status }: { status: AllocationStatusName }) {
  return <Tag tone={ALLOCATION_TONES[status]}>{ALLOCATION_STATUS_LABELS[status]}</Tag>;
}

const BAND_TONES: Record<FairShareBand, Tone> = { red: "red", amber: "amber", green: "green" };

/** The band in words ("Below fair share"), or a dash when there is no ratio to band. */
export function BandTag({ band }: { band: FairShareBand | null }) {
  if (!band) return <span className="text-nhs-grey-1">No fair share to compare</span>;
  return <Tag tone={BAND_TONES[band]}>{FAIR_SHARE_BAND_LABELS[band]}</Tag>;
}
