/** Details an {@link IdxFormatError} may carry beyond its message. */
export interface IdxFormatErrorDetails {
  expected?: number | string;
  actual?: number | string;
}

/**
 * A file that is not a well-formed IDX file of the kind expected. The message always starts with
 * the file's name and says what is wrong, e.g. "x.gz: expected 60008 bytes, got 4096 (truncated)".
 */
export class IdxFormatError extends Error {
  override readonly name = 'IdxFormatError';
  /** The file (path or name) the defect was found in. */
  readonly file: string;
  /** What the format requires at the defect, where one value says it. */
  readonly expected: number | string | undefined;
  /** What the file holds instead. */
  readonly actual: number | string | undefined;

  constructor(
    file: string,
    defect: string,
    details: IdxFormatErrorDetails = {},
    options?: ErrorOptions,
  ) {
    super(`${file}: ${defect}`, options);
    this.file = file;
    this.expected = details.expected;
    this.actual = details.actual;
  }
}
