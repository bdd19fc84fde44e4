// Forge entry point. The Forge CLI resolves every `handler: index.<name>` in manifest.yml to this
// file, so it only re-exports the handlers built in forge-app/.
export {
  availabilityResolver,
  issueViewResolver,
  paidWorkValidator,
  projectPageResolver,
  replyResolver,
  reportResolver,
  routeResolver,
  settingsResolver,
} from '../forge-app/index.js';
