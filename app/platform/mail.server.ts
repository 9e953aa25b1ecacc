import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { renderEmail, type EmailTemplate } from "../../emails";
import { getEnv } from "./env.server";
import { enqueueJob, enqueueJobs } from "~/platform/jobs/queue.server";
import type { prisma } from "~/platform/db/db.server";

export const MAIL_QUEUE = "mail";

export type MailJobPayload = EmailTemplate & { to: string };

/** Queues an email in the caller's transaction; the mail worker sends it, with retries. */
export function queueEmail(client: Pick<typeof prisma, "job">, to: string, email: EmailTemplate, dedupeKey?: string) {
  const payload: MailJobPayload = { to, ...email };
  return enqueueJob(client, { queue: MAIL_QUEUE, payload: payload as never, dedupeKey });
}

/** Queues several emails in one statement, each sent at most once for its dedupe key. */
export function queueEmails(client: Pick<typeof prisma, "job">, emails: { to: string; email: EmailTemplate; dedupeKey: string }[]) {
  return enqueueJobs(
    client,
    emails.map(({ to, email, dedupeKey }) => ({ queue: MAIL_QUEUE, payload: { to, ...email } satisfies MailJobPayload as never, dedupeKey })),
  );
}

let transporter: Transporter | undefined;

function getTransporter(): Transporter {
  const { SMTP_URL } = getEnv();
  transporter ??= SMTP_URL
    ? nodemailer.createTransport(SMTP_URL)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return transporter;
}

/** Sends one queued email. Message-ID comes from the job, so a retry is recognisably the same message. */
export async function deliverEmail(jobId: string, payload: MailJobPayload) {
  const env = getEnv();
  const rendered = await renderEmail(payload);
  const info = await getTransporter().sendMail({
    from: env.MAIL_FROM,
    to: payload.to,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    messageId: `<${jobId}@placement-exchange>`,
    list: rendered.unsubscribeUrl ? { unsubscribe: rendered.unsubscribeUrl } : undefined,
  });
  if (!env.SMTP_URL) {
    const dir = path.resolve(env.OUTBOX_DIR);
    await mkdir(dir, { recursive: true });
    const safeTo = payload.to.replace(/[^a-z0-9@._-]/gi, "_");
    await writeFile(path.join(dir, `${new Date().toISOString().replace(/[:.]/g, "-")}-${safeTo}-${jobId}.eml`), info.message as Buffer);
  }
}

export function resetTransporter() {
  transporter?.close();
  transporter = undefined;
}
