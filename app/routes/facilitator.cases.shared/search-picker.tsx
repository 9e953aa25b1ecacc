import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { CaseLinkOption, CaseLinkType } from "~/cases/case-rules";
import { plural } from "~/vocabulary/labels";

interface SearchAnswer {
  q: string;
  options: CaseLinkOption[];
}

/**
 * Pick an offer or allocation by name: a search field narrows a plain select, so the keyboard and
 * screen readers work as they do with any select. The page's own first matches are there before
 * any search (and without scripts); the search asks the server, which shows only the case's region.
 */
export function SearchPicker({
  caseId,
  type,
  id,
  name,
  label,
  noun,
  searchHint,
  initial,
  optional = false,
  invalid = false,
}: {
  caseId: string;
  type: CaseLinkType;
  id: string;
  name: string;
  label: string;
  noun: string;
  searchHint: string;
  initial: CaseLinkOption[];
  optional?: boolean;
  invalid?: boolean;
}) {
  const fetcher = useFetcher<SearchAnswer>();
  const [query, setQuery] = useState("");
  const searched = useRef(false);
  const [selected, setSelected] = useState<CaseLinkOption | null>(optional ? null : (initial[0] ?? null));
  const { load } = fetcher;

  useEffect(() => {
    if (!searched.current) return;
    const timer = setTimeout(() => load(`/facilitator/cases/${caseId}/search?${new URLSearchParams({ type, q: query })}`), 250);
    return () => clearTimeout(timer);
  }, [query, caseId, type, load]);

  const found = searched.current && fetcher.data && "options" in fetcher.data ? fetcher.data.options : initial;
  // The chosen one stays choosable while another search is shown.
  const options = selected && !found.some((option) => option.id === selected.id) ? [selected, ...found] : found;
  const value = selected?.id ?? (optional ? "" : (options[0]?.id ?? ""));
  const busy = fetcher.state !== "idle";
  const status = busy ? "Searching…" : query.trim() === "" ? `${plural(found.length, noun)} shown: type to search` : `${plural(found.length, noun)} found for “${query.trim()}”`;

  return (
    <div className="grid min-w-0 gap-1">
      <label htmlFor={`${id}-search`} className="field-label">
        Search {noun}s
      </label>
      <input
        id={`${id}-search`}
        type="search"
        value={query}
        autoComplete="off"
        aria-controls={id}
        aria-describedby={`${id}-hint ${id}-status`}
        className="field-input"
        onChange={(event) => {
          searched.current = true;
          setQuery(event.target.value);
        }}
        // Enter searches; it must not send the form before a choice is made.
        onKeyDown={(event) => {
          if (event.key === "Enter") event.preventDefault();
        }}
      />
      <p id={`${id}-hint`} className="text-sm">
        {searchHint}
      </p>
      <p id={`${id}-status`} role="status" aria-live="polite" className="text-sm">
        {status}
      </p>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <select
        id={id}
        name={name}
        value={value}
        className="field-input w-full max-w-full"
        aria-invalid={invalid || undefined}
        onChange={(event) => setSelected(options.find((option) => option.id === event.target.value) ?? null)}
      >
        {optional && <option value="">None</option>}
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
