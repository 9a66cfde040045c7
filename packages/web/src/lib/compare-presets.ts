/** The fields of a run a compare preset needs. */
export interface PresetCandidate {
  id: string;
  experiment: string | null;
  model: string;
  optimizer: string;
  status: string;
  createdAt: string;
}

/** A one-click selection of runs on the compare page. */
export interface ComparePreset {
  label: string;
  description: string;
  runIds: string[];
}

/** The seed study's two questions: which optimizer (dense net), and which model (Adam). */
const PRESETS: { label: string; description: string; members: [string, string][] }[] = [
  {
    label: 'Seed study: optimizers',
    description: 'dense net with SGD, RMSProp, Adam and Nadam',
    members: [
      ['dense', 'sgd'],
      ['dense', 'rmsprop'],
      ['dense', 'adam'],
      ['dense', 'nadam'],
    ],
  },
  {
    label: 'Seed study: models',
    description: 'dense, CNN and regularized CNN, all with Adam',
    members: [
      ['dense', 'adam'],
      ['cnn', 'adam'],
      ['cnn-regularized', 'adam'],
    ],
  },
];

/**
 * The seed-study presets, taken from the newest `seed-study*` experiment (so two studies never
 * mix); without one, from the newest run of each (model, optimizer). Presets that would hold
 * fewer than two runs are left out.
 */
export function seedStudyPresets(runs: readonly PresetCandidate[]): ComparePreset[] {
  const newestFirst = [...runs].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  const study = newestFirst.find((run) => run.experiment?.startsWith('seed-study'))?.experiment;
  const pool =
    study === undefined ? newestFirst : newestFirst.filter((run) => run.experiment === study);
  const presets: ComparePreset[] = [];
  for (const preset of PRESETS) {
    const runIds = preset.members.flatMap(([model, optimizer]) => {
      const match =
        pool.find(
          (r) => r.model === model && r.optimizer === optimizer && r.status === 'completed',
        ) ?? pool.find((r) => r.model === model && r.optimizer === optimizer);
      return match === undefined ? [] : [match.id];
    });
    if (runIds.length >= 2) {
      presets.push({
        label: preset.label,
        description: study === undefined ? preset.description : `${preset.description} (${study})`,
        runIds,
      });
    }
  }
  return presets;
}

/** Reads the selected run ids from `?runs=a,b` or `?runs=a&runs=b`, dropping duplicates. */
export function selectedRunIds(value: string | string[] | undefined): string[] {
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return [
    ...new Set(
      values
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
}
