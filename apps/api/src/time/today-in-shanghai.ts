import type { Clock } from '@auxledger/application';

const SHANGHAI_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** "Today" for commands (the default effective date) and queries (the default `asOf`): the calendar day in China (UTC+8). */
export const todayInShanghai = (clock: Clock): string => SHANGHAI_DAY.format(clock.now());
