import { Option } from 'commander';

/** How a flag takes its value: never, always, or only when the next argument is not a flag. */
export type FlagTakes = 'switch' | 'value' | 'optional-value';

/**
 * A commander option that remembers its help term as our tables write it (`--epochs N`,
 * `--augment [NAME]`): commander's own flags syntax cannot hold placeholders with commas or
 * brackets such as `PATIENCE[,no-restore]`.
 */
export class FlagOption extends Option {
  constructor(
    readonly term: string,
    flags: string,
    description: string,
  ) {
    super(flags, description);
  }
}

/** A commander option for `flag`, whose value (if it takes one) is shown in help as `valueName`. */
export function flagOption(
  flag: `--${string}`,
  takes: FlagTakes,
  valueName: string,
  description: string,
): FlagOption {
  switch (takes) {
    case 'switch':
      return new FlagOption(flag, flag, description);
    case 'value':
      return new FlagOption(`${flag} ${valueName}`, `${flag} <value>`, description);
    case 'optional-value':
      return new FlagOption(`${flag} [${valueName}]`, `${flag} [value]`, description);
  }
}
