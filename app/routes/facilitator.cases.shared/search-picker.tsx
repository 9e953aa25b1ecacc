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
  const [query, setQuery] = useState("");
  const searched = useRef(false);
  const [answer, setAnswer] = useState<SearchAnswer | null>(null);
  // The query the last finished search was for: until it catches up with what is typed, the list is stale.
  const [settledQuery, setSettledQuery] = useState("");
  const [selected, setSelected] = useState<CaseLinkOption | null>(optional ? null : (initial[0] ?? null));

  // A plain request to the JSON route, not a Remix fetcher: a fetcher aimed at a route the browser has
  // not seen yet makes Remix discover and patch its route tree, and doing that while one of the page's
  // forms is being sent could leave the case page without its forms.
  useEffect(() => {
    if (!searched.current) return;
    const aborted = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/facilitator/cases/${caseId}/search?${new URLSearchParams({ type, q: query })}`, {
          signal: aborted.signal,
          headers: { Accept: "application/json" },
        });
        const body = (await response.json()) as SearchAnswer | { error: string };
        if (!aborted.signal.aborted) setAnswer("options" in body ? body : null);
      } catch {
        // Aborted by the next keystroke, or the network failed: the page's own first matches stay.
      } finally {
        if (!aborted.signal.aborted) setSettledQuery(query);
      }
    }, 250);
    return () => {
      aborted.abort();
      clearTimeout(timer);
    };
  }, [query, caseId, type]);

  const found = searched.current && answer ? answer.options : initial;
  // The chosen one stays choosable while another search is shown.
  const options = selected && !found.some((option) => option.id === selected.id) ? [selected, ...found] : found;
  const value = selected?.id ?? (optional ? "" : (options[0]?.id ?? ""));
  const busy = searched.current && settledQuery !== query;
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
        className="field-input min-w-0"
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
