import { parseEnv } from '@econtract/server-kit';
import { z } from 'zod';

/** Where uploaded files' bytes are kept (see README): documents' own settings, parsed with zod like the common ones. */
export const uploadEnvSchema = z
  .object({
    /** `postgres` (default): in `documents.stored_file`. `filesystem`: one file per upload under FILE_STORAGE_DIR. */
    FILE_STORAGE: z.enum(['postgres', 'filesystem']).default('postgres'),
    FILE_STORAGE_DIR: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.FILE_STORAGE === 'filesystem' && !env.FILE_STORAGE_DIR)
      ctx.addIssue({ code: 'custom', path: ['FILE_STORAGE_DIR'], message: 'must be set when FILE_STORAGE=filesystem' });
  });
export type UploadEnv = z.infer<typeof uploadEnvSchema>;

export const loadUploadEnv = (source: Record<string, string | undefined> = process.env): UploadEnv => parseEnv(uploadEnvSchema, source);

let settings: UploadEnv | undefined;
/** Parsed once per process; the subgraph parses them at start-up (see `httpRoutes`), so bad ones stop it. */
export const uploadSettings = (): UploadEnv => (settings ??= loadUploadEnv());
