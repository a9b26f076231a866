/**
 * Returns an emjpm command line to suggest for a profile, such as
 * `emjpm --profile cabinet config get port`. The `--profile` option is left out for the
 * `default` profile.
 */
export function profileCommand(profileName: string, command: string): string {
  const profile = profileName === 'default' ? '' : ` --profile ${profileName}`;
  return `emjpm${profile} ${command}`;
}

/** Returns the login command to suggest for a profile, with `flags` appended when given. */
export function loginCommand(profileName: string, flags = ''): string {
  return profileCommand(profileName, flags ? `login ${flags}` : 'login');
}
