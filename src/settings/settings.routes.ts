import { STAFF_ROLES } from '../domain.js';
import type { Api } from '../http/api.js';
import { SettingsPatch, SettingsView } from './settings.schema.js';
import type { SettingsService } from './settings.service.js';

export function settingsRoutes(api: Api, settings: SettingsService): void {
  const tag = 'settings';
  api.route(
    {
      method: 'get',
      path: '/settings',
      summary: 'Score weights and answer deadlines',
      tag,
      operationId: 'getSettings',
      roles: STAFF_ROLES,
      response: SettingsView,
    },
    () => settings.get(),
  );
  api.route(
    {
      method: 'patch',
      path: '/settings',
      summary: 'Change score weights or answer deadlines',
      tag,
      operationId: 'updateSettings',
      roles: ['admin'],
      body: SettingsPatch,
      response: SettingsView,
    },
    ({ body }) => settings.update(body),
  );
}
