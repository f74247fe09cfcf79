import { useEffect } from 'react';
import { clearError, useInputErrors } from '../store/inputs';

/**
 * The message beside an input whose text cannot be used (see store/inputs). An input whose text lives in the component
 * loses it when the component goes (a tab switch): its message goes too, unless `keep` (the text is kept in a store).
 */
export function FieldError({ id, keep = false }: { id: string; keep?: boolean }) {
  const message = useInputErrors((s) => s.errors[id]);
  useEffect(() => (keep ? undefined : () => clearError(id)), [id, keep]);
  if (!message) return null;
  return <span className="field-error" role="alert" data-testid={`error-${id}`}>{message}</span>;
}

/** Whether an input currently shows a message (for its red outline). */
export function useHasError(id: string): boolean {
  return useInputErrors((s) => id in s.errors);
}
