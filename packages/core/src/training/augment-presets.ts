import type { AugmentOptions } from '@fashion-lab/data';
import type { AugmentName } from '../config.js';

/** What each augmentation name does to a training batch (false: nothing). */
export const AUGMENT_PRESETS: Readonly<Record<AugmentName, Readonly<AugmentOptions> | false>> = {
  off: false,
  flip: { flip: true, maxShift: 0, erase: false },
  full: { flip: true, maxShift: 2, erase: true },
};

const DESCRIPTIONS: Readonly<Record<AugmentName, string>> = {
  off: 'not augmented',
  flip: 'augmented (flips)',
  full: 'augmented (flips, shifts, erasing)',
};

/** How run headers and summaries say what augmentation a run trains with. */
export function describeAugment(name: AugmentName): string {
  return DESCRIPTIONS[name];
}
