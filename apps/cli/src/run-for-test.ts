import { run } from './main';

/** For specs: runs the CLI in process and collects what it printed. */
export async function runCli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (t) => (out += t), err: (t) => (err += t), progress: false });
  return { code, out, err };
}
