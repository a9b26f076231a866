/**
 * Returns the login command to suggest for a profile, such as `emjpm --profile cabinet login`.
 * The `--profile` option is left out for the `default` profile. `flags` are appended.
 */
export function loginCommand(profileName: string, flags = ''): string {
  const profile = profileName === 'default' ? '' : ` --profile ${profileName}`;
  return `emjpm${profile} login${flags ? ` ${flags}` : ''}`;
}
