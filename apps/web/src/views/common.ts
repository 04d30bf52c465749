import type { Organ } from '../api';

export interface ViewProps {
  organId: string;
  asOf: string;
  organs: Organ[];
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
