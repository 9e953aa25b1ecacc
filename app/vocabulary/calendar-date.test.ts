import { describe, expect, it } from "vitest";
import { calendarDateField, isCalendarDate, optionalCalendarDateField, readDateRange } from "./calendar-date";

describe("calendar dates", () => {
  it("accepts real days within the bounds", () => {
    expect(isCalendarDate("2027-01-04")).toBe(true);
    expect(isCalendarDate("2028-02-29")).toBe(true);
  });

  it("refuses impossible and absurd days", () => {
    for (const text of ["9999-99-99", "0000-01-01", "0000-00-00", "2026-13-01", "2027-02-29", "2026-04-31", "1900-01-01", "9999-12-31", "2027-1-4", "04/01/2027", ""]) {
      expect(isCalendarDate(text), text).toBe(false);
    }
  });

  it("gives form fields their messages", () => {
    expect(calendarDateField("Enter the due date").safeParse("").error?.issues[0]?.message).toBe("Enter the due date");
    expect(calendarDateField("Enter the due date").safeParse("0000-00-00").success).toBe(false);
    expect(optionalCalendarDateField().parse("")).toBeUndefined();
    expect(optionalCalendarDateField().safeParse("2026-13-01").success).toBe(false);
  });

  it("reads a filter's range and says what is wrong with it", () => {
    expect(readDateRange("2027-01-01", "2027-03-31")).toEqual({ from: "2027-01-01", to: "2027-03-31", errors: {} });
    expect(readDateRange(undefined, "")).toEqual({ errors: {} });
    const impossible = readDateRange("9999-99-99", "0000-01-01");
    expect(impossible.from).toBeUndefined();
    expect(impossible.to).toBeUndefined();
    expect(impossible.errors.from).toMatch(/real date/);
    expect(impossible.errors.to).toMatch(/real date/);
    const backwards = readDateRange("2027-03-31", "2027-01-01");
    expect(backwards.from).toBe("2027-03-31");
    expect(backwards.errors.to).toBe("The end date must be on or after the start date");
  });
});
