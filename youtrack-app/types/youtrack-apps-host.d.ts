// The widget side of YouTrack apps: the YTApp object YouTrack injects into a widget's frame and the
// Host API it returns (https://www.jetbrains.com/help/youtrack/devportal/apps-host-api.html), as far
// as this app's widgets use it.

interface YouTrackHost {
  /** Calls one of the app's HTTP handlers: `backend/<path>`; `scope: true` passes the widget's entity. */
  fetchApp(
    path: string,
    options: { method?: 'GET' | 'POST'; body?: unknown; scope?: boolean },
  ): Promise<unknown>;
}

declare const YTApp: {
  register(): Promise<YouTrackHost>;
  /** The entity the widget is shown for (the issue), or null. */
  readonly entity: { readonly id: string; readonly type: string } | null;
};
