import { z } from 'zod';

/**
 * zod compiles fast parsers with `new Function` after probing whether it may; under a Content-Security-Policy
 * without 'unsafe-eval' that probe is reported as a violation even though zod then does without. The studio and
 * its worker import this first, before any schema is defined, so zod never probes.
 */
z.config({ jitless: true });
