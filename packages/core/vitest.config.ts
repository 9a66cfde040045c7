import { fashionLabTestConfig } from '../../vitest.shared.ts';

// Training tests use both cores on their own; running files side by side only slows them down.
export default fashionLabTestConfig({ fileParallelism: false, testTimeout: 60_000 });
