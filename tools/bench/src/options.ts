/** The command line: `npm run bench -- [--quick] [--scenario <name>[,<name>]] [--duration <s>] [--out <dir>]`. */

export const SCENARIOS = ['floor', 'seed', 'spread', 'open', 'mixed', 'overload', 'burst', 'history'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface Options {
  quick: boolean;
  scenarios: ScenarioName[];
  durationSeconds?: number;
  out?: string;
}

export function parseOptions(argv: readonly string[]): Options {
  const options: Options = { quick: false, scenarios: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--quick') options.quick = true;
    else if (arg === '--scenario') {
      for (const name of value().split(',')) {
        if (!(SCENARIOS as readonly string[]).includes(name)) throw new Error(`unknown scenario ${name}; one of ${SCENARIOS.join(', ')}`);
        options.scenarios.push(name as ScenarioName);
      }
    } else if (arg === '--duration') {
      const seconds = Number(value());
      if (!Number.isFinite(seconds) || seconds <= 0) throw new Error('--duration takes a number of seconds > 0');
      options.durationSeconds = seconds;
    } else if (arg === '--out') options.out = value();
    else throw new Error(`unknown option ${arg}`);
  }
  if (options.scenarios.length === 0) options.scenarios = [...SCENARIOS];
  // In the order of SCENARIOS, each once: the floor first, so every ratio can be taken.
  options.scenarios = SCENARIOS.filter((s) => options.scenarios.includes(s));
  return options;
}
