import type { ReactNode } from "react";

/**
 * A wide table that scrolls sideways on a small screen. The wrapper is focusable and labelled
 * so keyboard users can scroll it too (WCAG 2.1.1, 1.4.10).
 */
export function ScrollTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className="mb-6 overflow-x-auto">
      {children}
    </div>
  );
}
