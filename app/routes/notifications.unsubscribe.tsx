import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { readFormData } from "~/accounts/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormMessage } from "~/components/forms";
import { isNotificationKind, NOTIFICATION_KINDS } from "~/notifications/notification-kinds";
import { unsubscribe } from "~/notifications/inbox.server";
import { verifyUnsubscribe } from "~/notifications/notify.server";

function readLink(values: { get(name: string): FormDataEntryValue | string | null }) {
  const user = String(values.get("user") ?? "");
  const kind = String(values.get("kind") ?? "");
  const sig = String(values.get("sig") ?? "");
  const topic = kind === "digest" || isNotificationKind(kind) ? kind : null;
  if (!topic || !user || !verifyUnsubscribe(user, kind, sig)) return null;
  return { user, topic, sig };
}

function topicLabel(topic: string) {
  return topic === "digest" ? "the daily digest" : `“${NOTIFICATION_KINDS[topic as keyof typeof NOTIFICATION_KINDS].label}”`;
}

/** The link in every email: a page to confirm (mail scanners follow links; only a click unsubscribes). */
export async function loader({ request }: LoaderFunctionArgs) {
  const link = readLink(new URL(request.url).searchParams);
  if (!link) return data({ link: null, label: null }, { status: 400 });
  return { link, label: topicLabel(link.topic) };
}

export async function action({ request }: ActionFunctionArgs) {
  const link = readLink(await readFormData(request));
  if (!link) return data({ done: false }, { status: 400 });
  return { done: await unsubscribe(link.user, link.topic as Parameters<typeof unsubscribe>[1]) };
}

export default function Unsubscribe() {
  const { link, label } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (!link) {
    return (
      <div className="card max-w-xl">
        <h1>This link does not work</h1>
        <p className="mb-4">It may have been copied incompletely. You can choose which emails you get on your preferences page.</p>
        <Link to="/notifications/preferences">Notification preferences</Link>
      </div>
    );
  }
  return (
    <div className="card max-w-xl">
      <h1>Stop these emails</h1>
      {result?.done ? (
        <FormMessage tone="success">Done: you will no longer get emails for {label}. You still see them in the portal.</FormMessage>
      ) : (
        <Form method="post">
          <input type="hidden" name="user" value={link.user} />
          <input type="hidden" name="kind" value={link.topic} />
          <input type="hidden" name="sig" value={link.sig} />
          <p className="mb-4">Stop emails for {label}? You will still see these notifications in the portal.</p>
          <button type="submit" className="btn">
            Stop these emails
          </button>
        </Form>
      )}
      <p className="mt-4">
        <Link to="/notifications/preferences">All notification preferences</Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Stop emails · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
