import { jiraError } from './jira-client.js';

describe('jiraError', () => {
  it("joins Jira's messages and keeps the per-field ones by field id", () => {
    const error = jiraError(400, {
      errorMessages: ['The issue type is not valid for this project.'],
      errors: { customfield_10050: 'Parts to replace is required.' },
    });
    expect(error).toEqual({
      status: 400,
      message:
        'The issue type is not valid for this project.; customfield_10050: Parts to replace is required.',
      fieldErrors: { customfield_10050: 'Parts to replace is required.' },
    });
  });

  it('falls back to the body text or the status when Jira sends no JSON', () => {
    expect(jiraError(502, '<html>Bad gateway</html>').message).toBe('<html>Bad gateway</html>');
    expect(jiraError(503, undefined).message).toBe('HTTP 503');
  });
});
