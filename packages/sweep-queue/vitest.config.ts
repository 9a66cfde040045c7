import { fashionLabTestConfig } from '../../vitest.shared.ts';

export default fashionLabTestConfig();
