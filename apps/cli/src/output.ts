import type { Writable } from 'node:stream';
import { SingleBar } from 'cli-progress';

/** Where a command writes: its answer on `out`, problems and progress on `err`. */
export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Draw progress bars (stderr is a terminal), or not (tests, pipes). */
  progress: boolean;
  /** The real standard output, for commands that stream with backpressure (`audit export`); without it they write through `out`. */
  stdout?: Writable;
  /** Colours (standard output is a terminal and NO_COLOR is not set); none when absent. */
  colour?: boolean;
}

export interface Progress {
  /** Counts `n` more units done. */
  advance(n?: number): void;
  stop(): void;
}

/**
 * A cli-progress bar on stderr, only when `io.progress`; otherwise it does
 * nothing. Without a known total the bar shows the running count.
 */
export function progressBar(io: Output, label: string, total?: number): Progress {
  if (!io.progress) return { advance: () => undefined, stop: () => undefined };
  const bar = new SingleBar({ format: `${label} |{bar}| {value}${total === undefined ? '' : '/{total}'}`, stream: process.stderr, clearOnComplete: false });
  let done = 0;
  bar.start(total ?? 0, 0);
  return {
    advance(n = 1) {
      done += n;
      if (total === undefined) bar.setTotal(done);
      bar.update(done);
    },
    stop: () => bar.stop(),
  };
}

/**
 * `auxledger … | head -1`: once the reader has closed the pipe, every write
 * fails with EPIPE — Node's default is an unhandled 'error' and a stack
 * trace. Installed once for every command (`main.ts`): the first EPIPE on
 * standard output or error ends the process at once and quietly, with the
 * exit code decided so far (0 unless a problem was already found) — the
 * reader wanted no more, which is no failure of the command.
 */
export function endQuietlyOnBrokenPipe(streams: NodeJS.WriteStream[], exit: (code: number) => void = (code) => process.exit(code)): void {
  let ended = false;
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      if (ended) return;
      ended = true;
      exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    });
  }
}
