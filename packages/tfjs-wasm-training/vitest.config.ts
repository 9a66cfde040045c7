import { fashionLabTestConfig } from '../../vitest.shared.ts';

// Kernel tests compare against the slow cpu backend and use both cores; files in turn are faster.
export default fashionLabTestConfig({ fileParallelism: false, testTimeout: 60_000 });
