// YouTrack's workflow module, as far as the paid-work guard uses it (declared after the documented
// API: https://www.jetbrains.com/help/youtrack/devportal/v1-Workflow.html).

declare module '@jetbrains/youtrack-scripting-api/workflow' {
  /**
   * Refuses the current change when `condition` is false: YouTrack rolls every change of the
   * transaction back and shows `message` to the user.
   */
  export function check(condition: boolean, message: string): void;
}
