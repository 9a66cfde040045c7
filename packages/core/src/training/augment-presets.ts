import { DEFAULT_AUGMENT, type AugmentOptions } from '@fashion-lab/data';
import type { AugmentName } from '../config.js';

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

/** How run headers and summaries say what augmentation a run trains with (they omit 'off'). */
export function describeAugment(name: Exclude<AugmentName, 'off'>): string {
  return DESCRIPTIONS[name];
}
