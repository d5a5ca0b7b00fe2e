import type { ReactNode } from 'react';

/** The title block of a console screen. `testId` is relied on by the browser tests (landing-<role>). */
export function PageHeader({ title, intro, testId, actions }: { title: string; intro?: string; testId?: string; actions?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <h1 data-testid={testId}>{title}</h1>
        {intro && <p className="muted">{intro}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}
