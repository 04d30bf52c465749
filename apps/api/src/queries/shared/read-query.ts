import { Query } from '@nestjs/cqrs';
import type { Clock } from '@auxledger/application';
import type { Principal } from '../../auth/principal';

const SHANGHAI_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** "Today" for the read side, as for commands: the calendar day in Asia/Shanghai. */
export const todayInShanghai = (clock: Clock): string => SHANGHAI_DAY.format(clock.now());

/** A query on the bus: who asks, and what (the request's parameters, validated). */
export abstract class ReadQuery<P, R> extends Query<R> {
  constructor(
    readonly params: P,
    readonly principal: Principal,
  ) {
    super();
  }
}

/** Every answer says which projection position it reflects: at least every event up to it. */
export interface Positioned {
  asOfPosition: number;
}
