import type { ReactNode } from "react";

/**
 * A wide table that scrolls sideways on a small screen. The wrapper is focusable and labelled
 * so keyboard users can scroll it too (WCAG 2.1.1, 1.4.10). It is positioned so that visually
 * hidden (absolutely positioned) text in far columns is clipped with the table instead of
 * widening the page.
 */
export function ScrollTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className="relative mb-6 max-w-full overflow-x-auto">
      {children}
    </div>
  );
}
