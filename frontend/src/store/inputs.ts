import { create } from 'zustand';

/**
 * The inline messages of the inputs, by input id: an input whose text cannot be used shows why beside itself, and the
 * message goes when its text becomes usable or the user does anything else that works (the next valid action) — so
 * an old message never sits beside a new situation.
 */
export interface InputErrors {
  errors: Record<string, string>;
}

export const useInputErrors = create<InputErrors>(() => ({ errors: {} }));

export function showError(id: string, message: string): void {
  useInputErrors.setState((s) => ({ errors: { ...s.errors, [id]: message } }));
}

export function clearError(id: string): void {
  if (!(id in useInputErrors.getState().errors)) return;
  useInputErrors.setState((s) => {
    const { [id]: _gone, ...rest } = s.errors;
    return { errors: rest };
  });
}

/** A valid action happened: every message is stale now. */
export function clearAllErrors(): void {
  if (Object.keys(useInputErrors.getState().errors).length) useInputErrors.setState({ errors: {} });
}

/**
 * What an input does with a check: while its text is usable, no message (a message goes as soon as the text is fixed);
 * on submit, the message if it is not, else the value and every stale message cleared.
 */
export function submitChecked<T>(id: string, checked: { ok: true; value: T } | { ok: false; message: string }): T | undefined {
  if (!checked.ok) {
    showError(id, checked.message);
    return undefined;
  }
  clearAllErrors();
  return checked.value;
}

/**
 * Re-checks an input as the user types: a message it shows goes once the text is usable, and says what is wrong with
 * the new text while it is not (a message never quotes text that is gone); none appears while typing otherwise.
 */
export function recheck(id: string, checked: { ok: true } | { ok: false; message: string }): void {
  if (!(id in useInputErrors.getState().errors)) return;
  if (checked.ok) clearError(id);
  else showError(id, checked.message);
}
