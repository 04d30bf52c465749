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
