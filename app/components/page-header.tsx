import type { ReactNode } from "react";

export function PageHeader({ title, caption, actions }: { title: string; caption?: string; actions?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        {caption && <span className="block text-lg text-nhs-grey-1">{caption}</span>}
        <h1 className="mb-0">{title}</h1>
      </div>
      {actions && <div className="flex gap-3">{actions}</div>}
    </div>
  );
}
