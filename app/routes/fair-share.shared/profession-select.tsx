import { PROFESSION_LABELS, PROFESSIONS, type ProfessionCode } from "~/vocabulary/roles";

/** The profession picker of the fair-share pages: every profession, marking those without figures for the year. */
export function FairShareProfessionSelect({ profession, professions }: { profession: ProfessionCode; professions: readonly string[] }) {
  return (
    <div>
      <label htmlFor="profession" className="field-label">
        Profession
      </label>
      <select id="profession" name="profession" defaultValue={profession} className="field-input">
        {PROFESSIONS.map((code) => (
          <option key={code} value={code}>
            {PROFESSION_LABELS[code]}
            {professions.includes(code) ? "" : " (no figures)"}
          </option>
        ))}
      </select>
    </div>
  );
}
