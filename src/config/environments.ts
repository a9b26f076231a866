/** API and web-app bases of one eMJPM environment, without trailing slashes. */
export interface EnvironmentHosts {
  apiUrl: string;
  appUrl: string;
}

/** The two environments eMJPM runs. Editors get a separate client id and secret for each. */
export const environments = {
  test: {
    apiUrl: 'https://api-apitest-emjpm.dev2.fabrique.social.gouv.fr',
    appUrl: 'https://apitest-emjpm.dev2.fabrique.social.gouv.fr',
  },
  production: {
    apiUrl: 'https://api-emjpm.fabrique.social.gouv.fr',
    appUrl: 'https://emjpm.fabrique.social.gouv.fr',
  },
} as const satisfies Record<string, EnvironmentHosts>;

export type EnvironmentName = keyof typeof environments;

/** Values of the `env` setting: a named environment, or `custom` for explicit `apiUrl`/`appUrl`. */
export const environmentSettings = ['production', 'test', 'custom'] as const;

export type EnvironmentSetting = (typeof environmentSettings)[number];

export const defaultEnvironment: EnvironmentName = 'production';

export function isEnvironmentName(value: string): value is EnvironmentName {
  return Object.hasOwn(environments, value);
}
