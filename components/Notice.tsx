/**
 * A one-line status or message. `tone` picks the colour; `role` makes screen readers announce it.
 * `errors`, when given, are listed under the message (one item each, as text).
 */
export function Notice({
  tone,
  children,
  testId,
  errors,
}: {
  tone: 'info' | 'ok' | 'warn' | 'error';
  children: React.ReactNode;
  testId?: string;
  errors?: readonly string[];
}) {
  return (
    <div
      className={`notice notice-${tone}`}
      role={tone === 'error' || tone === 'warn' ? 'alert' : 'status'}
      data-testid={testId}
    >
      {children}
      {errors && (
        <ul className="errors">
          {errors.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
