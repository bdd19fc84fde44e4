// How the issue-view screens tell a failed load: the sidecar out of reach (wait and retry), the
// issue unknown to it, or anything else with the sidecar's own message.
import { Button, SectionMessage, Stack, Text } from '@forge/react';
import type { ResolverError } from '../ui-contract';
import { useTexts } from './i18n';

export function SidecarProblem({ error, onRetry }: { error: ResolverError; onRetry: () => void }) {
  const { t } = useTexts();
  const unreachable = error.code === 'unreachable' || error.code === 'bridge';
  return (
    <Stack space="space.100">
      <SectionMessage
        appearance={unreachable ? 'warning' : 'error'}
        title={unreachable ? t('common.unreachable.title') : t('common.failed.title')}
      >
        <Text>{unreachable ? t('common.unreachable.body') : error.message}</Text>
        {unreachable ? <Text>{error.message}</Text> : null}
      </SectionMessage>
      <Button onClick={onRetry}>{t('common.retry')}</Button>
    </Stack>
  );
}
