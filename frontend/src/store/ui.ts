import { create } from 'zustand';

/** Overlays of the page: the model's description card and the keyboard shortcuts. */
export interface UiState {
  /** null: shown when the current model's card was never dismissed */
  cardOpen: boolean | null;
  shortcutsOpen: boolean;
}

export const useUi = create<UiState>(() => ({ cardOpen: null, shortcutsOpen: false }));

const DISMISSED = 'happysim.card.dismissed.v1.';

/** Whether the user closed this model's description card before (then it opens on demand only). */
export function cardDismissed(scenario: string): boolean {
  try {
    return typeof localStorage !== 'undefined' && localStorage.getItem(DISMISSED + scenario) === '1';
  } catch {
    return false;
  }
}

export function dismissCard(scenario: string): void {
  try {
    localStorage.setItem(DISMISSED + scenario, '1');
  } catch {
    /* private mode: it shows again next time */
  }
  useUi.setState({ cardOpen: false });
}
