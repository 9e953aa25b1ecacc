import { useEffect, useMemo, useRef, useState } from "react";

/**
 * Which rows of a list page are ticked for a bulk action. The checkboxes belong to the bulk form by
 * its id (the `form` attribute), so they can sit in table rows next to each row's own forms.
 */
export function useBulkSelection(ids: readonly string[]) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const key = ids.join(",");
  // After an action the page reloads its rows: forget ticks on rows that are no longer listed.
  useEffect(() => {
    const listed = new Set(key.split(","));
    setSelected((current) => new Set([...current].filter((id) => listed.has(id))));
  }, [key]);
  return useMemo(
    () => ({
      ids,
      selected,
      count: selected.size,
      all: ids.length > 0 && ids.every((id) => selected.has(id)),
      some: ids.some((id) => selected.has(id)),
      toggle: (id: string) =>
        setSelected((current) => {
          const next = new Set(current);
          if (next.has(id)) next.delete(id);
          else next.add(id);
          return next;
        }),
      setAll: (on: boolean) => setSelected(on ? new Set(ids) : new Set()),
      clear: () => setSelected(new Set()),
    }),
    [ids, selected],
  );
}

export type BulkSelection = ReturnType<typeof useBulkSelection>;

export function SelectAllCheckbox({ selection, label }: { selection: BulkSelection; label: string }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = selection.some && !selection.all;
  }, [selection.some, selection.all]);
  if (selection.ids.length === 0) return null;
  return (
    <input
      ref={ref}
      type="checkbox"
      aria-label={label}
      checked={selection.all}
      onChange={(event) => selection.setAll(event.currentTarget.checked)}
      className="h-6 w-6 cursor-pointer"
    />
  );
}

export function SelectRowCheckbox({ selection, id, form, label }: { selection: BulkSelection; id: string; form: string; label: string }) {
  return (
    <input
      type="checkbox"
      form={form}
      name="allocationIds"
      value={id}
      aria-label={label}
      checked={selection.selected.has(id)}
      onChange={() => selection.toggle(id)}
      className="h-6 w-6 cursor-pointer"
    />
  );
}
