import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser, requireUserForm } from "~/accounts/guards.server";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { formatDateTime } from "~/vocabulary/labels";
import { CATEGORY_LABELS, isNotificationKind, NOTIFICATION_KINDS } from "~/notifications/notification-kinds";
import { countUnread, InboxFiltersSchema, listNotifications, markRead } from "~/notifications/inbox.server";
import { emitToRoom } from "~/platform/realtime/realtime.server";
import { userRoom } from "~/platform/realtime/rooms";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const filters = InboxFiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { ...(await listNotifications(user.id, filters)), filters };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  const intent = form.get("intent");
  const ids = form.getAll("id").filter((id): id is string => typeof id === "string" && id.length < 40);
  if (intent !== "mark-all-read" && !(intent === "mark-read" && ids.length > 0)) return data({ marked: 0 }, { status: 400 });
  const marked = await markRead(user.id, intent === "mark-all-read" ? "all" : ids);
  // Other open tabs update their bell too.
  emitToRoom(userRoom(user.id), "unread-count", { unreadCount: await countUnread(user.id) });
  return { marked };
}

export default function Notifications() {
  const { notifications, window, unreadCount, filters } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Notifications"
        caption={`${unreadCount} unread`}
        actions={
          <>
            <Link to="/notifications/preferences" className="btn-secondary">
              Email preferences
            </Link>
            {unreadCount > 0 && (
              <Form method="post">
                <CsrfInput />
                <button type="submit" name="intent" value="mark-all-read" className="btn">
                  Mark all as read
                </button>
              </Form>
            )}
          </>
        }
      />
      <Form method="get" className="card mb-6 flex flex-wrap items-end gap-4" aria-label="Filter notifications">
        <div>
          <label htmlFor="show" className="field-label">
            Show
          </label>
          <select id="show" name="show" defaultValue={filters.show} className="field-input">
            <option value="all">All</option>
            <option value="unread">Unread only</option>
          </select>
        </div>
        <div>
          <label htmlFor="category" className="field-label">
            About
          </label>
          <select id="category" name="category" defaultValue={filters.category ?? ""} className="field-input">
            <option value="">Everything</option>
            {Object.entries(CATEGORY_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn">
          Apply
        </button>
      </Form>
      {notifications.length === 0 ? (
        <p className="card">Nothing here yet.</p>
      ) : (
        <ul className="grid gap-3" aria-label="Notifications, newest first">
          {notifications.map((notification) => (
            <li key={notification.id} className={`card flex flex-wrap items-start justify-between gap-4 ${notification.readAt ? "" : "border-l-8 border-l-nhs-blue"}`}>
              <div className="max-w-3xl">
                <p className="text-sm text-nhs-grey-1">
                  {notification.readAt ? "Read" : <strong className="text-nhs-blue">Unread</strong>} ·{" "}
                  {isNotificationKind(notification.kind) ? CATEGORY_LABELS[NOTIFICATION_KINDS[notification.kind].category] : "Notice"} ·{" "}
                  <time dateTime={String(notification.createdAt)}>
                    {formatDateTime(notification.createdAt)}
                  </time>
                </p>
                <h2 className="mb-1 text-lg">
                  <Link to={notification.link}>{notification.title}</Link>
                </h2>
                <p>{notification.body}</p>
              </div>
              {!notification.readAt && (
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="id" value={notification.id} />
                  <button type="submit" name="intent" value="mark-read" className="btn-secondary">
                    Mark as read<span className="sr-only">: {notification.title}</span>
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
      <Pagination window={window} pathname="/notifications" filters={filters} label="Notification pages" noun="notification" />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Notifications · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
