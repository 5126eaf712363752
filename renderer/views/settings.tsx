import { AsyncView } from '../components/async-view';
import { useInvoke } from '../hooks/use-invoke';
import { SettingsForm } from './settings/settings-form';

/** Settings: notifications, staleness warning, theme, start at login, and the lock wait. */
export function SettingsView() {
  const config = useInvoke('config.get', {});
  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <AsyncView value={config} retry={config.reload}>
        {(data) => <SettingsForm initial={data.settings} />}
      </AsyncView>
    </section>
  );
}
