import { afterAll, beforeAll, beforeEach } from "vitest";
import { jobHandlers } from "~/job-handlers.server";
import { startWorker } from "~/platform/jobs/worker.server";
import { resetEnv } from "~/platform/env.server";
import { resetTransporter } from "~/platform/mail.server";
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

/** A real SMTP listener that keeps what it receives, parsed. */
export async function startSmtpListener(port = 0) {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          messages.push(parsed);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actualPort = (server.server.address() as AddressInfo).port;
  return {
    port: actualPort,
    url: `smtp://127.0.0.1:${actualPort}`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function firstLink(mail: ParsedMail, pathPrefix: string): string {
  const match = new RegExp(`https?://[^\\s"<]+${pathPrefix}[a-z2-7]+`).exec(mail.text ?? "");
  if (!match) throw new Error(`No ${pathPrefix} link in: ${mail.text}`);
  return match[0];
}

/**
 * For a test file: a real SMTP listener that the portal's mail goes to (SMTP_URL), with links
 * built on http://portal.test, started before the file's tests and stopped after them.
 */
export function usePortalMailListener() {
  let listener: Awaited<ReturnType<typeof startSmtpListener>> | undefined;
  beforeAll(async () => {
    listener = await startSmtpListener();
    process.env.SMTP_URL = listener.url;
    process.env.APP_URL = "http://portal.test";
    resetEnv();
    resetTransporter();
  });
  afterAll(async () => {
    await listener?.close();
    delete process.env.SMTP_URL;
    delete process.env.APP_URL;
    resetEnv();
    resetTransporter();
  });
  return {
    get messages() {
      return listener!.messages;
    },
    /** Stops the listener, as an SMTP server that is down; `restart` brings it back on the same port. */
    async stop() {
      await listener!.close();
    },
    async restart() {
      listener = await startSmtpListener(listener!.port);
      resetTransporter();
    },
  };
}

/**
 * For a test file whose mail goes through the job queue: the portal's mail listener and a worker
 * the tests run by hand, with the queue drained and the inbox emptied before each test.
 */
export function usePortalMailWithWorker() {
  const smtp = usePortalMailListener();
  const worker = startWorker(jobHandlers, { autoStart: false });
  beforeEach(async () => {
    await worker.drain();
    smtp.messages.length = 0;
  });
  return { smtp, worker };
}
