import { describe, expect, it } from "vitest";
import {
  auditStatus,
  checkAuditDates,
  countFlags,
  defaultExpiry,
  FeedbackFormSchema,
  isOverdue,
  providerFeedbackView,
  siteFlags,
  sortWorstFirst,
  type FeedbackResponse,
  type QualityFlag,
  type SiteQualityInput,
} from "./quality-rules";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const now = new Date("2026-11-25T14:00:00Z");
const settings = { auditWarningDays: 60, feedbackThreshold: 3 };

function responses(n: number, overall = 4): (FeedbackResponse & { studentId: string; studentName: string; allocationId: string })[] {
  return Array.from({ length: n }, (_, i) => ({
    overall,
    induction: 3,
    supervision: 5,
    learning: 4,
    comments: `Comment ${i}`,
    createdAt: new Date(Date.UTC(2026, 5, i + 1)),
    studentId: `student-secret-${i}`,
    studentName: `Alice Secret ${i}`,
    allocationId: `allocation-secret-${i}`,
  }));
}

describe("audit dates", () => {
  it("defaults expiry to 24 months after the audit", () => {
    expect(defaultExpiry(day("2026-03-15")).toISOString().slice(0, 10)).toBe("2028-03-15");
  });
  it("refuses an audit in the future and an expiry not after the audit", () => {
    expect(checkAuditDates(day("2026-11-26"), day("2028-11-26"), now)).toEqual({ field: "auditedOn", message: "The audit date cannot be in the future" });
    expect(checkAuditDates(day("2026-11-25"), day("2028-11-25"), now)).toBeNull();
    expect(checkAuditDates(day("2026-01-01"), day("2026-01-01"), now)?.field).toBe("expiresOn");
  });
  it("is valid, expiring within the warning days, or expired", () => {
    expect(auditStatus(day("2027-06-01"), now, 60)).toBe("valid");
    expect(auditStatus(day("2027-01-24"), now, 60)).toBe("expiring");
    expect(auditStatus(day("2027-01-25"), now, 60)).toBe("valid");
    expect(auditStatus(day("2026-11-25"), now, 60)).toBe("expiring");
    expect(auditStatus(day("2026-11-24"), now, 60)).toBe("expired");
  });
  it("counts an action overdue only when past due and not done", () => {
    expect(isOverdue({ dueOn: day("2026-11-24"), completedOn: null }, now)).toBe(true);
    expect(isOverdue({ dueOn: day("2026-11-25"), completedOn: null }, now)).toBe(false);
    expect(isOverdue({ dueOn: day("2026-11-01"), completedOn: day("2026-11-20") }, now)).toBe(false);
  });
});

describe("feedback form", () => {
  it("takes ratings from 1 to 5 only", () => {
    expect(FeedbackFormSchema.safeParse({ overall: "5", induction: "1", supervision: "3", learning: "4" }).success).toBe(true);
    expect(FeedbackFormSchema.safeParse({ overall: "6", induction: "1", supervision: "3", learning: "4" }).success).toBe(false);
    expect(FeedbackFormSchema.safeParse({ overall: "0", induction: "1", supervision: "3", learning: "4" }).success).toBe(false);
    expect(FeedbackFormSchema.safeParse({ overall: "2.5", induction: "1", supervision: "3", learning: "4" }).success).toBe(false);
    expect(FeedbackFormSchema.safeParse({ overall: "5", induction: "1", supervision: "3", learning: "4", comments: "x".repeat(2001) }).success).toBe(false);
  });
});

describe("what a provider sees of feedback", () => {
  it("hides everything under 3 responses", () => {
    const view = providerFeedbackView(responses(2));
    expect(view).toEqual({ shown: false, count: 2, message: "Not enough responses yet to show without identifying students (2 of 3)" });
    expect(JSON.stringify(view)).not.toContain("Comment");
  });
  it("shows averages and comments from 3 responses, newest first, without names or ids", () => {
    const view = providerFeedbackView(responses(3));
    expect(view.shown).toBe(true);
    if (!view.shown) return;
    expect(view.averages).toEqual({ overall: 4, induction: 3, supervision: 5, learning: 4 });
    expect(view.comments.map((c) => c.text)).toEqual(["Comment 2", "Comment 1", "Comment 0"]);
    const json = JSON.stringify(view);
    expect(json).not.toMatch(/secret/i);
    expect(json).not.toContain("allocation");
    expect(json).not.toContain("student");
  });
});

describe("quality flags", () => {
  const base: SiteQualityInput = { siteId: "s1", siteName: "Site", latestAudit: { id: "a1", expiresOn: day("2028-01-01") }, overdueActions: 0, feedbackCount: 0, averageOverall: null };
  it("flags nothing for a healthy site", () => {
    expect(siteFlags(base, now, settings)).toEqual([]);
  });
  it("flags no audit, expired, expiring and overdue actions", () => {
    expect(siteFlags({ ...base, latestAudit: null }, now, settings)).toEqual(["no-audit"]);
    expect(siteFlags({ ...base, latestAudit: { id: "a", expiresOn: day("2026-11-01") } }, now, settings)).toEqual(["audit-expired"]);
    expect(siteFlags({ ...base, latestAudit: { id: "a", expiresOn: day("2026-12-20") } }, now, settings)).toEqual(["audit-expiring"]);
    expect(siteFlags({ ...base, overdueActions: 2 }, now, settings)).toEqual(["actions-overdue"]);
  });
  it("flags low feedback only with at least 3 responses", () => {
    expect(siteFlags({ ...base, feedbackCount: 2, averageOverall: 1 }, now, settings)).toEqual([]);
    expect(siteFlags({ ...base, feedbackCount: 3, averageOverall: 2.9 }, now, settings)).toEqual(["feedback-low"]);
    expect(siteFlags({ ...base, feedbackCount: 3, averageOverall: 3 }, now, settings)).toEqual([]);
  });
  it("sorts worst first and counts", () => {
    const sorted = sortWorstFirst<{ name: string; flags: { flag: QualityFlag }[] }>([
      { name: "A", flags: [{ flag: "audit-expiring" }] },
      { name: "B", flags: [] },
      { name: "C", flags: [{ flag: "audit-expired" }, { flag: "feedback-low" }] },
      { name: "D", flags: [{ flag: "no-audit" }] },
    ]);
    expect(sorted.map((p) => p.name)).toEqual(["C", "D", "A", "B"]);
    expect(countFlags(sorted.flatMap((p) => p.flags))["audit-expired"]).toBe(1);
  });
});
