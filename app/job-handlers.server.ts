import { PASSWORD_RESET_QUEUE, sendPasswordReset, type PasswordResetJobPayload } from "~/accounts/password-reset.server";
import { SIGN_IN_UNLOCK_QUEUE, type SignInUnlockJobPayload } from "~/accounts/sign-in.server";
import { sendSignInUnlock } from "~/accounts/sign-in-unlock.server";
import { CASE_SCAN_QUEUE, REGION_CASE_SCAN_QUEUE, runCaseScan, runRegionCaseScan, scheduleNextCaseScan } from "~/cases/case-scan.server";
import { FUNDING_SCAN_QUEUE, runFundingScan, scheduleNextFundingScan } from "~/funding/funding-scan.server";
import { deliverEmail, MAIL_QUEUE, type MailJobPayload } from "~/platform/mail.server";
import { MATCHING_QUEUE, runMatchingJob } from "~/matching/runs.server";
import { CAPACITY_CHECKS_QUEUE, runCapacityChecks, scheduleNextCapacityChecks } from "~/notifications/capacity-checks.server";
import { DIGEST_QUEUE, scheduleNextDigest, sendDigests } from "~/notifications/digest.server";
import { HOURS_CHECKS_QUEUE, runHoursChecks, scheduleNextHoursChecks } from "~/practice-hours/hours-checks.server";
import { QUALITY_CHECKS_QUEUE, runQualityChecks, scheduleNextQualityChecks } from "~/quality/quality-checks.server";
import type { JobHandler } from "./platform/jobs/worker.server";

/** Every queue this portal runs, and what runs it. Each daily job schedules its next run when it has run. */
export const jobHandlers: Record<string, JobHandler> = {
  [MAIL_QUEUE]: (job) => deliverEmail(job.id, job.payload as unknown as MailJobPayload),
  [PASSWORD_RESET_QUEUE]: (job) => sendPasswordReset(job.payload as unknown as PasswordResetJobPayload),
  [SIGN_IN_UNLOCK_QUEUE]: (job) => sendSignInUnlock(job.payload as unknown as SignInUnlockJobPayload),
  [MATCHING_QUEUE]: runMatchingJob,
  [CAPACITY_CHECKS_QUEUE]: async () => {
    const raised = await runCapacityChecks();
    await scheduleNextCapacityChecks();
    return { raised };
  },
  [DIGEST_QUEUE]: async () => {
    const sent = await sendDigests();
    await scheduleNextDigest();
    return { digestsQueued: sent };
  },
  [QUALITY_CHECKS_QUEUE]: async () => {
    const raised = await runQualityChecks();
    await scheduleNextQualityChecks();
    return { raised };
  },
  [HOURS_CHECKS_QUEUE]: async () => {
    const { waiting, atRisk } = await runHoursChecks();
    await scheduleNextHoursChecks();
    return { timesheetsChased: waiting, atRiskRaised: atRisk };
  },
  [CASE_SCAN_QUEUE]: async () => {
    const { unmet, red, changes } = await runCaseScan();
    await scheduleNextCaseScan();
    return { unmetCasesRaised: unmet, belowFairShareCasesRaised: red, changes };
  },
  // A one-off: it schedules nothing after it.
  [REGION_CASE_SCAN_QUEUE]: (job) => runRegionCaseScan(job.payload),
  [FUNDING_SCAN_QUEUE]: async () => {
    const { notified, cases } = await runFundingScan();
    await scheduleNextFundingScan();
    return { notified, fundingCasesRaised: cases };
  },
};

/** Work that must exist for the portal to run: recurring jobs are scheduled once across nodes. */
export async function scheduleRecurringJobs() {
  await scheduleNextDigest();
  await scheduleNextCapacityChecks();
  await scheduleNextCaseScan();
  await scheduleNextQualityChecks();
  await scheduleNextFundingScan();
  await scheduleNextHoursChecks();
}
