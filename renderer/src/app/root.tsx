// The page's root: connects to the API, then shows the projects, or the open project.
import { useEffect, useState } from 'react';
import type { FilterbankApi } from '../../../electron/contract/api-client.ts';
import type { AppInfo } from '../../../electron/contract/api-responses.ts';
import { ProjectScreen } from '../project/project-screen.tsx';
import { ProjectsScreen } from '../screens/projects-screen.tsx';
import { obtainApi } from './api.ts';
import { ApiContext } from './api-context.ts';
import { errorMessage } from './error-message.ts';

type Connection = { state: 'connecting' } | { state: 'failed'; message: string } | { state: 'ready'; api: FilterbankApi; info: AppInfo };

export function Root() {
  const [connection, setConnection] = useState<Connection>({ state: 'connecting' });
  const [project, setProject] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    obtainApi()
      .then(async (api) => ({ api, info: await api.app.info({}) }))
      .then(
        ({ api, info }) => !cancelled && setConnection({ state: 'ready', api, info }),
        (error: unknown) => !cancelled && setConnection({ state: 'failed', message: errorMessage(error) }),
      );
    return () => {
      cancelled = true;
    };
  }, []);

  if (connection.state === 'connecting') return <p className="status" role="status">Connecting to Filterbank…</p>;
  if (connection.state === 'failed') {
    return (
      <p className="status error" role="alert">
        Filterbank could not start: {connection.message}
      </p>
    );
  }
  return (
    <ApiContext.Provider value={connection.api}>
      <header className="app-header">
        <h1>
          <button type="button" className="link" onClick={() => setProject(null)}>
            Filterbank
          </button>
        </h1>
        <span className="muted" data-testid="app-mode">
          {connection.info.mode === 'browser' ? 'browser mode' : 'desktop'} · {connection.info.version}
        </span>
      </header>
      <main>
        {project === null ? (
          <ProjectsScreen projectsFolder={connection.info.projectsFolder} onOpen={setProject} />
        ) : (
          <ProjectScreen key={project} project={project} canPickFolders={connection.info.mode === 'desktop'} />
        )}
      </main>
    </ApiContext.Provider>
  );
}
