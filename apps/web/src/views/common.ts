import type { Me, Organ } from '../api';

export interface ViewProps {
  organId: string;
  asOf: string;
  /** As known at a recorded instant (the header's "as recorded at"), when chosen. */
  knownAt?: string;
  organs: Organ[];
  /** Who is signed in (the page registry gives it): a viewer sees counts, others the people too. */
  me?: Me;
  /** Opens another page (the person file of a finding's subject). */
  go?: (view: string, params?: Record<string, string>) => void;
}

/** The colours of the dashboard's series (Ant Design's palette); red marks what is over a limit. */
export const COLORS = {
  primary: '#1677ff',
  muted: '#bfbfbf',
  ok: '#52c41a',
  warn: '#faad14',
  over: '#ff4d4f',
};

export const organName = (organs: readonly Organ[], id: string) => organs.find((o) => o.organ_id === id)?.name ?? id;
