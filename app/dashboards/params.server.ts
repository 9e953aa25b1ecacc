import { optionalParam } from "~/platform/form-fields";
import { z } from "zod";
import { currentAcademicYear } from "~/vocabulary/academic-year";
import { PROFESSIONS } from "~/vocabulary/roles";

const DashboardParamsSchema = z.object({
  year: optionalParam(z.coerce.number().int().min(2000).max(2100)),
  profession: optionalParam(z.enum(PROFESSIONS)),
});

/** The academic year (default: this one) and profession from the URL; bad values fall back to defaults. */
export function readDashboardParams(request: Request) {
  const params = DashboardParamsSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const thisYear = currentAcademicYear();
  const year = params.year ?? thisYear;
  const years = [...new Set([thisYear - 3, thisYear - 2, thisYear - 1, thisYear, thisYear + 1, thisYear + 2, year])].sort((a, b) => a - b);
  return { year, years, profession: params.profession ?? null };
}
