import { ALLOCATION_STATUS_LABELS, type AllocationStatusName } from "~/marketplace/allocation-rules";
import { REQUEST_STATUS_LABELS, type RequestStatusName } from "~/marketplace/request-form";

// Text first, colour second: the label alone says the status (WCAG 1.4.1).
const REQUEST_TAG_CLASSES: Record<RequestStatusName, string> = {
  OPEN: "border-nhs-blue bg-[#e8f1f8] text-nhs-dark-blue",
  PARTLY_ALLOCATED: "border-nhs-amber bg-[#fff4d6] text-[#613400]",
  FULLY_ALLOCATED: "border-nhs-green bg-[#cce5d8] text-[#00401e]",
  CANCELLED: "border-nhs-grey-1 bg-nhs-grey-4 text-nhs-text",
};

const ALLOCATION_TAG_CLASSES: Record<AllocationStatusName, string> = {
  PROPOSED: "border-nhs-blue bg-[#e8f1f8] text-nhs-dark-blue",
  CONFIRMED: "border-nhs-amber bg-[#fff4d6] text-[#613400]",
  ACCEPTED: "border-nhs-amber bg-[#fff4d6] text-[#613400]",
  STUDENTS_NAMED: "border-nhs-green bg-[#cce5d8] text-[#00401e]",
  COMPLETED: "border-nhs-green bg-[#cce5d8] text-[#00401e]",
  DECLINED: "border-nhs-red bg-[#f7e4e1] text-[#6b140e]",
  CANCELLED: "border-nhs-grey-1 bg-nhs-grey-4 text-nhs-text",
};

const TAG = "inline-block whitespace-nowrap border px-2 py-0.5 text-sm font-bold";

export function RequestStatusTag({ status }: { status: RequestStatusName }) {
  return <strong className={`${TAG} ${REQUEST_TAG_CLASSES[status]}`}>{REQUEST_STATUS_LABELS[status]}</strong>;
}

export function AllocationStatusTag({ status }: { status: AllocationStatusName }) {
  return <strong className={`${TAG} ${ALLOCATION_TAG_CLASSES[status]}`}>{ALLOCATION_STATUS_LABELS[status]}</strong>;
}
