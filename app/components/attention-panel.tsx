import { Link } from "@remix-run/react";
import { formatNumber } from "~/vocabulary/labels";

export interface AttentionItem {
  title: string;
  count: number;
  /** What the count means, in words: students behind it, how many are overdue. */
  detail?: string;
  to: string;
  linkLabel: string;
  /** Something the reader has to act on (amber while the count is above nought); otherwise a figure to keep in view. */
  action?: boolean;
}

/** "Needs your attention": each role's home leads with counts of what waits for it, each linked to where to act. */
export function AttentionPanel({ items, children }: { items: AttentionItem[]; children?: React.ReactNode }) {
  return (
    <section aria-labelledby="attention-heading" className="mb-8">
      <h2 id="attention-heading">Needs your attention</h2>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="attention">
        {items.map((item) => (
          <li key={item.title} className={`card ${item.action && item.count > 0 ? "border-l-8 border-l-nhs-amber" : ""}`}>
            <h3 className="text-base">{item.title}</h3>
            <p className="text-4xl font-bold" data-testid="attention-count">
              {formatNumber(item.count)}
            </p>
            {item.detail && <p className="text-sm">{item.detail}</p>}
            <p className="mt-2">
              <Link to={item.to}>{item.linkLabel}</Link>
            </p>
          </li>
        ))}
      </ul>
      {children}
    </section>
  );
}
