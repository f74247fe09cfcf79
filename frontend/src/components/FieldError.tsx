import { useInputErrors } from '../store/inputs';

/** The message beside an input whose text cannot be used (see store/inputs). */
export function FieldError({ id }: { id: string }) {
  const message = useInputErrors((s) => s.errors[id]);
  if (!message) return null;
  return <span className="field-error" role="alert" data-testid={`error-${id}`}>{message}</span>;
}

/** Whether an input currently shows a message (for its red outline). */
export function useHasError(id: string): boolean {
  return useInputErrors((s) => id in s.errors);
}
