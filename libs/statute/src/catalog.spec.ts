import { readSharedFile, SHARED_DIR } from '../scripts/regulation-source';
import { citedText } from './articles';
import { RULES_2024 } from './rule-sets/2024';
import type { AnyRule } from './rule';

const SOURCE = 'statute/rule-catalog.md';
const catalog = readSharedFile(SOURCE);
const when = catalog === null ? it.skip : it;
if (catalog === null) {
  console.warn(`SKIPPED: catalog coverage is not checked: ${SOURCE} does not exist under ${SHARED_DIR}`);
}

interface CatalogRow {
  readonly id: string;
  readonly articles: readonly number[];
}

/** Rows of the catalog's rule tables: `| ID | article | rule |`; `DISQ-1..8` expands to DISQ-1 … DISQ-8. */
function parseCatalog(markdown: string): CatalogRow[] {
  const rows: CatalogRow[] = [];
  for (const line of markdown.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const [, idCell, articleCell] = cells;
    if (!idCell || !articleCell || !/^[A-Z][A-Z0-9-]*(\.\.\d+)?$/.test(idCell)) continue;
    // Article numbers of this law: integers not after ¶, (, – or "Art. " (those are paragraphs, items or other laws).
    const articles = [...articleCell.replace(/\(and [^)]*\)/g, '').matchAll(/(^|[\s,])(\d+)/g)].map((m) => Number(m[2]));
    const range = /^(.*-)(\d+)\.\.(\d+)$/.exec(idCell);
    if (range) {
      for (let n = Number(range[2]); n <= Number(range[3]); n += 1) rows.push({ id: `${range[1]}${n}`, articles });
    } else rows.push({ id: idCell, articles });
  }
  return rows;
}

const rules: Readonly<Record<string, AnyRule>> = RULES_2024;

describe('every rule id of the catalog is in the 2024 rule set', () => {
  const rows = catalog === null ? [] : parseCatalog(catalog);

  when('the catalog parses to its rule ids (59, with DISQ-1..8 expanded)', () => {
    expect(rows.map((r) => r.id)).toContain('DISQ-8');
    expect(rows.map((r) => r.id)).toContain('FINE-BUY-HOLD');
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    expect(rows).toHaveLength(59);
  });

  when('each catalog id is implemented or recorded-only with a reason', () => {
    const missing = rows.filter((r) => !rules[r.id]).map((r) => r.id);
    expect(missing).toEqual([]);
    for (const row of rows) {
      const rule = rules[row.id];
      if (rule?.kind === 'RECORDED') expect(rule.reason.zh.length * rule.reason.en.length).toBeGreaterThan(0);
      if (rule?.kind === 'CHECK') expect(typeof rule.check).toBe('function');
    }
  });

  when('the rule set holds no id the catalog does not know, except rules that state their reading', () => {
    const known = new Set(rows.map((r) => r.id));
    expect(Object.values(rules).filter((r) => !known.has(r.id) && !(r.reading?.zh.trim() && r.reading.en.trim())).map((r) => r.id)).toEqual([]);
  });

  when("each rule's first citation is an article the catalog row names", () => {
    const wrong = rows.filter((r) => {
      const first = rules[r.id]?.citations[0];
      return first?.law === 'NMG-AUX' && !r.articles.includes(first.article);
    });
    expect(wrong.map((r) => `${r.id}: ${rules[r.id]?.citations[0]?.article} not in ${r.articles.join(',')}`)).toEqual([]);
  });
});

describe('every citation of every rule points at text that exists', () => {
  it.each(Object.values(rules).flatMap((r) => r.citations.filter((c) => c.law === 'NMG-AUX').map((c) => [r.id, c] as const)))('%s cites %j', (_id, c) => {
    expect(citedText(c)).not.toBeNull();
  });
});

describe('recorded-only rules say why and what is recorded', () => {
  const recorded = Object.values(rules).filter((r) => r.kind === 'RECORDED');
  it('ELIG-POLITICAL is the one recorded-only rule', () => {
    expect(recorded.map((r) => r.id)).toEqual(['ELIG-POLITICAL']);
  });
  it.each(recorded.map((r) => [r.id, r] as const))('%s', (_id, r) => {
    expect(r.kind === 'RECORDED' && r.records.length).toBeGreaterThan(0);
  });
});

describe('the catalog parser', () => {
  it('expands ranges and reads article columns', () => {
    expect(parseCatalog('| DISQ-1..3 | 23 (1)–(8) | x |\n| CONTRACT-PROBATION | 24 (and 劳动合同法 Art. 19) | y |\n| id | article | rule |')).toEqual([
      { id: 'DISQ-1', articles: [23] },
      { id: 'DISQ-2', articles: [23] },
      { id: 'DISQ-3', articles: [23] },
      { id: 'CONTRACT-PROBATION', articles: [24] },
    ]);
  });
});
