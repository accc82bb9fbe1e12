/** A one-line status or message. `tone` picks the colour; `role` makes screen readers announce it. */
export function Notice({ tone, children, testId }: { tone: 'info' | 'ok' | 'warn' | 'error'; children: React.ReactNode; testId?: string }) {
  return (
    <div className={`notice notice-${tone}`} role={tone === 'error' || tone === 'warn' ? 'alert' : 'status'} data-testid={testId}>
      {children}
    </div>
  );
}
