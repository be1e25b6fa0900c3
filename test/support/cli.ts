/** Runs the real `enlace` command as a child process, as `npm start` does. */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

export type Served = {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** Sends `signal` (SIGTERM by default) and resolves with the exit code, or the signal's name if one ended it. */
  stop(signal?: NodeJS.Signals): Promise<number | NodeJS.Signals | null>;
};

/** `enlace serve` as it starts: its output so far, a wait for a line, and how it ended. */
export type Spawned = {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the first match of `pattern` in the output; rejects if the process ends first. */
  waitFor(pattern: RegExp, ms?: number): Promise<RegExpMatchArray>;
  /** The exit code, or the signal's name if one ended the process. */
  exited: Promise<number | NodeJS.Signals | null>;
};

export function spawnServe(env: Record<string, string>): Spawned {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/enlace.js'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  return {
    child,
    output: () => output,
    exited,
    waitFor: (pattern, ms = 60_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = output.match(pattern);
          if (!match) return;
          done();
          resolve(match);
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`${pattern} not printed within ${ms} ms:\n${output}`));
        }, ms);
        const ended = (code: number | null) => {
          done();
          reject(new Error(`the server exited with ${code} before printing ${pattern}:\n${output}`));
        };
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
          child.off('exit', ended);
        };
        listeners.add(check);
        child.once('exit', ended);
        check();
        if (child.exitCode !== null || child.signalCode !== null) ended(child.exitCode);
      }),
  };
}

export async function serveCli(env: Record<string, string>): Promise<Served> {
  const spawned = spawnServe(env);
  const match = await spawned.waitFor(/"url":"(http:\/\/[^"]+)","msg":"Enlace is serving"/);
  return {
    url: match[1] as string,
    child: spawned.child,
    output: spawned.output,
    stop: (signal = 'SIGTERM') => {
      spawned.child.kill(signal);
      return spawned.exited;
    },
  };
}

export type CliResult = { code: number | null; stdout: string; stderr: string };

/**
 * Runs `enlace <args>` to the end, as a user would from a shell. The database
 * is the one `env` names: a DATABASE_URL of the caller's shell is not inherited.
 */
export function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  const { DATABASE_URL: _inherited, ...inherited } = process.env;
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/enlace.js'), ...args], {
    cwd: ROOT,
    env: { ...inherited, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export type NpmStarted = {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** How npm ended: its exit code, or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/**
 * `npm start` exactly as a user types it, in its own process group (as a
 * terminal runs it, so that a test can send Ctrl-C's SIGINT to the group).
 */
export function npmStart(env: Record<string, string>): Promise<NpmStarted> {
  const { DATABASE_URL: _inherited, ...inherited } = process.env;
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { ...inherited, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', npm_config_update_notifier: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not serve:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/"url":"(http:\/\/[^"]+)","msg":"Enlace is serving"/);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ url: match[1], child, output: () => output, exited });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`npm start ended (${code ?? signal}) before serving:\n${output}`));
    });
  });
}

export type ProcessInfo = { pid: number; started: string; command: string };

function readProcess(pid: number): (ProcessInfo & { ppid: number; state: string }) | null {
  let stat: string;
  let command: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
  } catch {
    return null;
  }
  // After "pid (name) ": state, ppid, … and the start time, 22nd field of the line.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { pid, ppid: Number(fields[1]), state: fields[0] ?? '', started: fields[19] ?? '', command };
}

/** A process and all its descendants, as they are now (Linux /proc). */
export function processTree(root: number): ProcessInfo[] {
  const all = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProcess(Number(name)))
    .filter((p) => p !== null);
  const tree: ProcessInfo[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const pid = pending.pop() as number;
    const found = all.find((p) => p.pid === pid);
    if (found) tree.push({ pid: found.pid, started: found.started, command: found.command });
    for (const child of all) if (child.ppid === pid) pending.push(child.pid);
  }
  return tree;
}

/** Whether this very process still runs (not a zombie, not a new process that got the same PID). */
export function stillRunning(p: ProcessInfo): boolean {
  const now = readProcess(p.pid);
  return now !== null && now.started === p.started && now.state !== 'Z';
}

/** Waits until every process listed has ended; fails with the ones left after `ms`. */
export async function waitUntilEnded(processes: ProcessInfo[], ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const left = processes.filter(stillRunning);
    if (left.length === 0) return;
    if (Date.now() > deadline)
      throw new Error(`still running after ${ms} ms: ${left.map((p) => `${p.pid} ${p.command}`).join('; ')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
