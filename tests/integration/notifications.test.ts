import { io as connectSocket, type Socket } from "socket.io-client";
import { afterAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/accounts/session.server";
import { prisma } from "~/platform/db/db.server";
import { bookOffer, transitionAllocation } from "~/marketplace/allocations.server";
import { sendDigests } from "~/notifications/digest.server";
import { setPreferences } from "~/notifications/inbox.server";
import { raiseNotification, unsubscribePath } from "~/notifications/notify.server";
import { action as inboxAction, loader as inboxLoader } from "~/routes/notifications._index";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "~/routes/notifications.unsubscribe";
import { useTestDatabase } from "../helpers/database";
import { usePortalServer } from "../helpers/portal";
import { buildRequest, createOrganisation, createRegion, createUser, settle, signInAs, testContext } from "../helpers/fixtures";
import { createOffer, createRequest } from "../helpers/marketplace";
import { usePortalMailWithWorker } from "../helpers/smtp";

const database = useTestDatabase();
const { smtp, worker } = usePortalMailWithWorker();
const server = usePortalServer(database);
const sockets: Socket[] = [];

afterAll(async () => {
  sockets.forEach((socket) => socket.close());
});

const asSession = (user: object) => user as SessionUser;

async function market() {
  const region = await createRegion();
  const otherRegion = await createRegion();
  const trust = await createOrganisation({ regionId: region.id });
  const otherTrust = await createOrganisation({ regionId: region.id });
  const university = await createOrganisation({ kind: "UNIVERSITY", regionId: region.id });
  const educators = await Promise.all([1, 2].map(() => createUser("EDUCATOR", { organisationId: trust.id })));
  const otherEducator = await createUser("EDUCATOR", { organisationId: otherTrust.id });
  const lead = await createUser("UNIVERSITY", { organisationId: university.id });
  const colleague = await createUser("UNIVERSITY", { organisationId: university.id });
  const student = await createUser("STUDENT", { organisationId: university.id });
  const facilitator = await createUser("FACILITATOR", { regionId: region.id });
  const farFacilitator = await createUser("FACILITATOR", { regionId: otherRegion.id });
  const offer = await createOffer(trust.id, { slots: 3 });
  const request = await createRequest(university.id, { students: 2 });
  return { educators, otherEducator, lead, colleague, student, facilitator, farFacilitator, offer, request };
}

const recipientsOf = async (kind: string) =>
  (await prisma.notification.findMany({ where: { kind }, select: { userId: true } })).map((row) => row.userId).sort();

describe("who hears about what", () => {
  it("a booking tells the provider's educators, not the booker or other providers, and emails them once", async () => {
    await prisma.notification.deleteMany();
    const m = await market();
    const allocation = await bookOffer(asSession(m.lead), { offerId: m.offer.id, requestId: m.request.id, students: 2 });
    expect(await recipientsOf("allocation-proposed")).toEqual(m.educators.map((e) => e.id).sort());
    await worker.drain();
    const mails = smtp.messages.filter((mail) => mail.subject?.includes("asks for 2 places"));
    expect(mails.map((mail) => (mail.to && "text" in mail.to ? mail.to.text : "")).sort()).toEqual(m.educators.map((e) => e.email).sort());
    expect(mails[0].text).toContain(`http://portal.test/allocations/${allocation.id}`);
    expect(JSON.stringify(mails[0].headers.get("list"))).toContain("http://portal.test/notifications/unsubscribe?");
    await worker.drain();
    expect(smtp.messages.filter((mail) => mail.subject?.includes("asks for 2 places"))).toHaveLength(2);
  });

  it("a decline reaches the university and the region's facilitators with the reason", async () => {
    await prisma.notification.deleteMany();
    const m = await market();
    const allocation = await bookOffer(asSession(m.lead), { offerId: m.offer.id, requestId: m.request.id, students: 1 });
    await transitionAllocation(asSession(m.educators[0]), { allocationId: allocation.id, to: "DECLINED", reason: "Ward closure" });
    expect(await recipientsOf("allocation-declined")).toEqual([m.lead.id, m.colleague.id, m.facilitator.id].sort());
    const note = await prisma.notification.findFirstOrThrow({ where: { kind: "allocation-declined", userId: m.facilitator.id } });
    expect(note.body).toContain("Ward closure");
    expect(note.link).toBe(`/allocations/${allocation.id}`);
  });

  it("students named: the provider and the named students hear, nobody else", async () => {
    await prisma.notification.deleteMany();
    const m = await market();
    const allocation = await bookOffer(asSession(m.lead), { offerId: m.offer.id, requestId: m.request.id, students: 1 });
    await transitionAllocation(asSession(m.educators[0]), { allocationId: allocation.id, to: "CONFIRMED" });
    await transitionAllocation(asSession(m.lead), { allocationId: allocation.id, to: "ACCEPTED" });
    await transitionAllocation(asSession(m.lead), { allocationId: allocation.id, to: "STUDENTS_NAMED", studentIds: [m.student.id] });
    expect(await recipientsOf("students-named")).toEqual([...m.educators.map((e) => e.id), m.student.id].sort());
    expect(await recipientsOf("allocation-confirmed")).toEqual([m.lead.id, m.colleague.id].sort());
  });

  it("raising the same event twice notifies nobody twice", async () => {
    const m = await market();
    const event = { kind: "matching-run-finished" as const, eventKey: "run:dup", title: "Run finished", body: "x", link: "/", audience: { users: [m.facilitator.id] } };
    const first = await prisma.$transaction((tx) => raiseNotification(tx, event));
    const second = await prisma.$transaction((tx) => raiseNotification(tx, event));
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(0);
    expect(await prisma.notification.count({ where: { eventKey: "run:dup" } })).toBe(1);
  });
});

describe("preferences", () => {
  it("off means nothing, in-app means no email, digest means one email a day listing them", async () => {
    await prisma.notification.deleteMany();
    const m = await market();
    await setPreferences(m.educators[0].id, { "allocation-proposed": "OFF" });
    await setPreferences(m.educators[1].id, { "allocation-proposed": "DIGEST" });
    await bookOffer(asSession(m.lead), { offerId: m.offer.id, requestId: m.request.id, students: 1 });
    expect(await recipientsOf("allocation-proposed")).toEqual([m.educators[1].id]);
    await worker.drain();
    expect(smtp.messages).toHaveLength(0);
    expect(await sendDigests(new Date())).toBe(1);
    await worker.drain();
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0].subject).toBe("Placement Exchange: 1 update today");
    expect(smtp.messages[0].text).toContain("asks for 1 place");
    expect(await sendDigests(new Date())).toBe(0);
  });

  it("an email's unsubscribe link needs a valid signature and then stops that kind of email", async () => {
    const m = await market();
    const path = unsubscribePath(m.lead.id, "allocation-confirmed");
    const page = await settle(() => unsubscribeLoader({ request: buildRequest(path), params: {}, context: testContext }));
    expect(page.status).toBe(200);
    const forged = path.replace(/sig=[^&]+/, "sig=forged");
    expect((await settle(() => unsubscribeLoader({ request: buildRequest(forged), params: {}, context: testContext }))).status).toBe(400);
    const params = Object.fromEntries(new URL(`http://x${path}`).searchParams);
    const done = await settle(() => unsubscribeAction({ request: buildRequest("/notifications/unsubscribe", { form: params }), params: {}, context: testContext }));
    expect(done.data).toEqual({ done: true });
    expect(await prisma.notificationPreference.findUnique({ where: { userId_kind: { userId: m.lead.id, kind: "allocation-confirmed" } } })).toMatchObject({ channel: "IN_APP" });
  });
});

describe("notification centre", () => {
  it("lists one's own notifications, marks them read, and ignores other people's ids", async () => {
    const m = await market();
    await bookOffer(asSession(m.lead), { offerId: m.offer.id, requestId: m.request.id, students: 1 });
    const mine = await signInAs(m.educators[0]);
    const list = await settle(() => inboxLoader({ request: buildRequest("/notifications?show=unread", { as: mine }), params: {}, context: testContext }));
    const data = list.data as { notifications: { id: string }[]; unreadCount: number };
    expect(data.unreadCount).toBe(1);
    const othersId = (await prisma.notification.findFirstOrThrow({ where: { userId: m.educators[1].id } })).id;
    const sneaky = await settle(() => inboxAction({ request: buildRequest("/notifications", { as: mine, form: { intent: "mark-read", id: othersId } }), params: {}, context: testContext }));
    expect(sneaky.data).toEqual({ marked: 0 });
    const marked = await settle(() => inboxAction({ request: buildRequest("/notifications", { as: mine, form: { intent: "mark-all-read" } }), params: {}, context: testContext }));
    expect(marked.data).toEqual({ marked: 1 });
    expect(await prisma.notification.count({ where: { userId: m.educators[1].id, readAt: null } })).toBe(1);
  });
});

describe("live delivery over socket.io", () => {
  function connect(cookie: string) {
    const socket = connectSocket(server.base, { transports: ["websocket"], extraHeaders: { Cookie: cookie, Origin: server.base }, reconnection: false });
    sockets.push(socket);
    return new Promise<Socket>((resolve, reject) => {
      socket.on("welcome", () => resolve(socket));
      socket.on("connect_error", reject);
    });
  }

  it("pushes a new notification with the unread count to every tab of the recipient, and to nobody else", async () => {
    const m = await market();
    const tabOne = await connect((await signInAs(m.educators[0])).cookie);
    const tabTwo = await connect((await signInAs(m.educators[0])).cookie);
    const bystander = await connect((await signInAs(m.otherEducator)).cookie);
    const received: Record<string, { unreadCount: number; title: string }[]> = { one: [], two: [], bystander: [] };
    tabOne.on("notification", (n) => received.one.push(n));
    tabTwo.on("notification", (n) => received.two.push(n));
    bystander.on("notification", (n) => received.bystander.push(n));
    const before = await prisma.notification.count({ where: { userId: m.educators[0].id, readAt: null } });
    await bookOffer(asSession(m.lead), { offerId: m.offer.id, requestId: m.request.id, students: 1 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received.one).toHaveLength(1);
    expect(received.two).toHaveLength(1);
    expect(received.one[0].unreadCount).toBe(before + 1);
    expect(received.one[0].title).toContain("asks for 1 place");
    expect(received.bystander).toHaveLength(0);
  });
});
