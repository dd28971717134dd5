import type { ErrorInfo } from '../../../core/api/envelope.ts';

/** An API error in place: what went wrong, where, and what to do. */
export function ErrorMessage({ error }: { error: unknown }) {
  const info = asInfo(error);
  return (
    <div className="error-message" role="alert">
      <div className="error-text">{info.message}</div>
      {info.where && <div className="error-where">at {info.where}</div>}
      {info.hint && <div className="error-hint">{info.hint}</div>}
    </div>
  );
}

function asInfo(error: unknown): Partial<ErrorInfo> & { message: string } {
  if (error && typeof error === 'object' && 'message' in error) {
    const { message, where, hint } = error as Partial<ErrorInfo>;
    return { message: String(message), where, hint };
  }
  return { message: String(error) };
}
