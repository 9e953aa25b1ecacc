import { deliverEmail, MAIL_QUEUE, type MailJobPayload } from "~/mail/mail.server";
import type { JobHandler } from "./worker.server";

/** Every queue this portal runs, and what runs it. */
export const jobHandlers: Record<string, JobHandler> = {
  [MAIL_QUEUE]: (job) => deliverEmail(job.id, job.payload as unknown as MailJobPayload),
};
