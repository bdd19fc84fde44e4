import { Text } from '@forge/react';

export function SettingsApp() {
  return <Text>Settings are coming.</Text>;
}
