import { imposeFine, recordFinePayment, revokeFine } from '@auxledger/domain';
import { yearOfDay } from './calendar';
import { type Context, operatorFor, pad } from './context';
import { accepted } from './simulation';

/**
 * Art. 44: now and then a county-level organ fines someone for making,
 * selling, buying, holding or using auxiliary uniforms or insignia — always
 * with confiscation, within the article's ranges; most pay, a few fines are
 * set aside on reconsideration.
 */
export function scheduleFines(ctx: Context, perYear: number): void {
  const { sim } = ctx;
  const counties = ctx.world.activeCounties;
  if (counties.length === 0 || perYear <= 0) return;
  sim.at(sim.today + Math.max(1, Math.round(sim.rng.exponential(365 / perYear))), async () => {
    await fine(ctx);
    scheduleFines(ctx, perYear);
  });
}

async function fine(ctx: Context): Promise<void> {
  const { sim } = ctx;
  const { rng } = sim;
  const organ = rng.pick(ctx.world.activeCounties);
  if (!organ.registered) return;
  const conduct = rng.weighted({ HOLD: 40, USE: 25, BUY: 20, SELL: 10, MAKE: 5 });
  const makeOrSell = conduct === 'MAKE' || conduct === 'SELL';
  const illegalIncomeFen = makeOrSell ? rng.int(2, 50) * 100_00 : null;
  // MAKE / SELL: 3 to 5 times the illegal income; BUY / HOLD / USE: 500 to 1000 yuan.
  const amountFen = illegalIncomeFen !== null ? Math.round((illegalIncomeFen * rng.int(300, 500)) / 100 / 100) * 100 : rng.int(10, 20) * 50_00;
  const fineId = `fine-${pad(ctx.next('fine'), 6)}`;
  const year = yearOfDay(sim.today);
  const actor = operatorFor(ctx, organ);
  const outcome = await sim.issue(
    imposeFine,
    {
      fineId,
      decidingOrganId: organ.id,
      partyKey: `party-${rng.hex8()}${rng.hex8()}`,
      decisionNumber: `${organ.name.slice(0, 4)}公（治）行罚决字〔${year}〕${ctx.next(`fine-decision-${organ.id}`)}号`,
      conduct,
      item: rng.chance(0.7) ? 'UNIFORM' : 'INSIGNIA',
      confiscated: true,
      amountFen,
      illegalIncomeFen,
    },
    actor,
  );
  if (!accepted(outcome)) return;
  const fate = rng.weighted({ paid: 85, revoked: 5, unpaid: 10 });
  if (fate === 'paid') {
    sim.at(sim.today + rng.int(3, 15), async () => {
      await sim.issue(recordFinePayment, { fineId, amountFen, receiptRef: `R-${rng.hex8()}` }, actor);
    });
  } else if (fate === 'revoked') {
    sim.at(sim.today + rng.int(30, 90), async () => {
      await sim.issue(revokeFine, { fineId, reason: 'RECONSIDERATION', decisionRef: `行政复议决定〔${yearOfDay(sim.today)}〕${ctx.next('reconsideration')}号` }, actor);
    });
  }
}
