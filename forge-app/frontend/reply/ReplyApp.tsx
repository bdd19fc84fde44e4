import { Text } from '@forge/react';

export function ReplyApp() {
  return <Text>Reply templates are coming.</Text>;
}
