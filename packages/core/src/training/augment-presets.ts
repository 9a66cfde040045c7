import { DEFAULT_AUGMENT, type AugmentOptions } from '@fashion-lab/data';
import type { AugmentName, TrainConfig } from '@fashion-lab/run';

/** What each augmentation name does to a training batch (false: nothing). */
export const AUGMENT_PRESETS: Readonly<Record<AugmentName, Readonly<AugmentOptions> | false>> = {
  off: false,
  flip: { flip: true, maxShift: 0, erase: false },
  // The data package's default: flips, shifts up to 2 pixels, erasing.
  full: DEFAULT_AUGMENT,
};

const DESCRIPTIONS: Readonly<Record<Exclude<AugmentName, 'off'>, string>> = {
  flip: 'augmented (flips)',
  full: 'augmented (flips, shifts, erasing)',
};

/**
 * How run headers and summaries say which augmentation a run uses, in training and when predicting:
 * a phrase for each that is on, none for 'off'.
 */
export function describeAugmentation(config: Pick<TrainConfig, 'augment' | 'tta'>): string[] {
  return [
    ...(config.augment !== 'off' ? [DESCRIPTIONS[config.augment]] : []),
    ...(config.tta === 'flip' ? ['test-time flips'] : []),
  ];
}
