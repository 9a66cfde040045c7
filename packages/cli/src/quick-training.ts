import { DEFAULT_QUICK } from '@fashion-lab/run';

/**
 * What `train --quick` means: a complete run of the default model in about 2 minutes on 2 cores
 * (a study's `--quick` uses the smaller DEFAULT_QUICK per run, as it trains six models).
 */
export const QUICK_TRAINING = { limit: 2 * DEFAULT_QUICK.limit, epochs: DEFAULT_QUICK.epochs + 1 };
