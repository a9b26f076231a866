import { readConfigFile, writeConfigFile } from './config-file.js';
import { withLockFile } from './lock-file.js';
import { configFilePath } from './paths.js';

import type { ProfileSettings } from './settings.js';

/**
 * Applies `change` to one profile's stored settings and rewrites the config file. The profile is
 * created when missing. Holds a lock so two commands editing the file at once lose no change.
 */
export async function updateProfileSettings(
  env: NodeJS.ProcessEnv,
  profileName: string,
  change: (settings: ProfileSettings) => ProfileSettings,
): Promise<ProfileSettings> {
  const path = configFilePath(env);
  return withLockFile(
    `${path}.lock`,
    async () => {
      const config = await readConfigFile(path);
      const updated = change({ ...config.profiles[profileName] });
      config.profiles[profileName] = updated;
      await writeConfigFile(path, config);
      return updated;
    },
    { timeoutMs: 10_000 },
  );
}
