import { create } from 'zustand';
import type { LogLevel } from '../api/types';

/**
 * What the user is looking at in the logs — the Event Log's filters and search, its mode, the Sim Log's filters, the
 * Internal toggle — kept out of the components so that it survives their unmounting (a tab switch) and a reload (it
 * is mirrored in the URL, see lib/urlState) and can be shared as a link.
 */
export interface EventForm {
  types: string[];
  entity: string;
  /** free text and `name=value` field filters, as typed */
  search: string;
  /** times as typed, in the display unit */
  tMin: string;
  tMax: string;
}

export interface LogForm {
  level: LogLevel;
  logger: string;
  search: string;
}

export interface FiltersState {
  events: EventForm;
  eventsMode: 'live' | 'history';
  /** internal plumbing events (queue hand-overs, source ticks) shown everywhere: logs, lifelines, upcoming */
  showInternal: boolean;
  logs: LogForm;
  logsMode: 'live' | 'history';
  /** the request whose lifeline is open in the Event Log (its request_id) */
  follow: string | null;
  /** bumped to ask the Event Log to put the cursor in its search box */
  focusSearch: number;
}

export const NO_EVENT_FILTER: EventForm = { types: [], entity: '', search: '', tMin: '', tMax: '' };
export const NO_LOG_FILTER: LogForm = { level: 'DEBUG', logger: '', search: '' };

export const initialFilters: FiltersState = {
  events: NO_EVENT_FILTER,
  eventsMode: 'live',
  showInternal: false,
  logs: NO_LOG_FILTER,
  logsMode: 'live',
  follow: null,
  focusSearch: 0,
};

export const useFilters = create<FiltersState>(() => ({ ...initialFilters }));

export function setEventForm(events: EventForm): void {
  useFilters.setState({ events });
}

/** Opens a request's lifeline in the Event Log. */
export function followRequest(requestId: string | number | null): void {
  useFilters.setState({ follow: requestId === null ? null : String(requestId) });
}
