import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Run as this user (root only: PostgreSQL refuses to run as root). */
  user?: string;
  /** The signal that stops it quickly and cleanly (PostgreSQL: SIGINT, "fast shutdown"). */
  stopSignal?: NodeJS.Signals;
}

export interface Managed {
  name: string;
  child: ChildProcess;
  stopSignal: NodeJS.Signals;
  exited: Promise<number | null>;
  running: boolean;
  /** How it was started, so it can be started again the same way. */
  spec: { command: string; args: string[]; options: SpawnOptions };
}

interface PidRecord {
  name: string;
  pid: number;
}

/**
 * Starts processes in their own process groups, logs each to `<logDir>/<name>.log`, and
 * stops them all (children included) in reverse start order. A pid file lets a later
 * `stack down` clean up after a launcher that was killed outright.
 */
export class Supervisor {
  private readonly managed: Managed[] = [];
  private readonly pidFile: string;

  constructor(
    private readonly logDir: string,
    runDir: string,
  ) {
    mkdirSync(logDir, { recursive: true });
    mkdirSync(runDir, { recursive: true });
    this.pidFile = join(runDir, 'pids.json');
  }

  logFile(name: string): string {
    return join(this.logDir, `${name}.log`);
  }

  start(name: string, command: string, args: string[], options: SpawnOptions = {}): Managed {
    const managed = this.spawn(name, command, args, options);
    this.managed.push(managed);
    this.savePids();
    return managed;
  }

  /** The process of that name (the latest, if it was restarted). */
  get(name: string): Managed {
    const found = [...this.managed].reverse().find((m) => m.name === name);
    if (!found) throw new Error(`no process named ${name}`);
    return found;
  }

  /** Kills a process outright (SIGKILL to its group), as a crash would. */
  async kill(name: string): Promise<void> {
    const managed = this.get(name);
    if (managed.running && managed.child.pid !== undefined) signalGroup(managed.child.pid, 'SIGKILL');
    await managed.exited;
  }

  /** Freezes (SIGSTOP) or thaws (SIGCONT) a process: it keeps its sockets but answers nothing. */
  freeze(name: string, frozen: boolean): void {
    const managed = this.get(name);
    if (managed.child.pid !== undefined) signalGroup(managed.child.pid, frozen ? 'SIGSTOP' : 'SIGCONT');
  }

  /** Starts a stopped or killed process again, the same way as the first time. */
  restart(name: string): Managed {
    const old = this.get(name);
    if (old.running) throw new Error(`${name} is still running`);
    const fresh = this.spawn(name, old.spec.command, old.spec.args, old.spec.options);
    this.managed[this.managed.indexOf(old)] = fresh;
    this.savePids();
    return fresh;
  }

  private spawn(name: string, command: string, args: string[], options: SpawnOptions): Managed {
    const log = openSync(this.logFile(name), 'a');
    const [file, argv] = options.user && process.getuid?.() === 0 ? ['runuser', ['-u', options.user, '--', command, ...args]] : [command, args];
    const child = spawn(file, argv, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', log, log],
      detached: true, // its own process group: stopping it stops what it started
    });
    closeSync(log);
    const managed: Managed = {
      name,
      child,
      stopSignal: options.stopSignal ?? 'SIGTERM',
      running: true,
      spec: { command, args, options },
      exited: new Promise((resolve) => {
        child.once('exit', (code) => {
          managed.running = false;
          resolve(code);
        });
        child.once('error', () => {
          managed.running = false;
          resolve(null);
        });
      }),
    };
    return managed;
  }

  get processes(): readonly Managed[] {
    return this.managed;
  }

  /** Stops one process group: its stop signal, then SIGKILL after `graceMs`. */
  async stop(managed: Managed, graceMs = 10_000): Promise<void> {
    if (!managed.running || managed.child.pid === undefined) return;
    signalGroup(managed.child.pid, 'SIGCONT'); // a frozen process cannot act on its stop signal
    signalGroup(managed.child.pid, managed.stopSignal);
    const timer = setTimeout(() => managed.child.pid !== undefined && signalGroup(managed.child.pid, 'SIGKILL'), graceMs);
    await managed.exited;
    clearTimeout(timer);
  }

  /** Stops everything, last started first, in `waves` (each wave stopped together). */
  async stopAll(waves: string[][] = []): Promise<void> {
    const remaining = [...this.managed].reverse();
    for (const wave of waves) {
      await Promise.all(remaining.filter((m) => wave.includes(m.name)).map((m) => this.stop(m)));
    }
    await Promise.all(remaining.map((m) => this.stop(m)));
    rmSync(this.pidFile, { force: true });
  }

  private savePids(): void {
    const records: PidRecord[] = this.managed.filter((m) => m.child.pid).map((m) => ({ name: m.name, pid: m.child.pid! }));
    writeFileSync(this.pidFile, JSON.stringify(records, null, 2));
  }

  /** Processes a previous launcher left behind (it was killed before it could stop them). */
  static leftovers(runDir: string): PidRecord[] {
    const file = join(runDir, 'pids.json');
    if (!existsSync(file)) return [];
    const records = JSON.parse(readFileSync(file, 'utf8')) as PidRecord[];
    return records.filter((r) => isAlive(r.pid));
  }

  static async killLeftovers(runDir: string): Promise<number> {
    const alive = Supervisor.leftovers(runDir);
    for (const record of alive) signalGroup(record.pid, 'SIGKILL');
    rmSync(join(runDir, 'pids.json'), { force: true });
    return alive.length;
  }
}

export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The last lines of a log, to show why something did not come up. */
export function tail(file: string, lines = 15): string {
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}
