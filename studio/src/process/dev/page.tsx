import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { createRoot } from 'react-dom/client';
import { MemoryRouter, Route, Routes } from 'react-router';
import { RequireSession } from '../../identity/RequireSession';
import { SessionProvider } from '../../identity/session';
import { FlowchartPage } from '../FlowchartPage';

// FlowchartPage against a running server before it is registered in the shell:
// `STUDIO_BACKEND=http://127.0.0.1:3000 npx vite --config studio/vite.config.mts`, sign in on
// the studio, then /src/process/dev/page.html?item=<item id>. Not part of the build.

const item = new URLSearchParams(location.search).get('item') ?? '';

createRoot(document.getElementById('root')!).render(
  <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#c62f2f' } }}>
    <AntApp>
      <MemoryRouter initialEntries={[`/catalog/${item}/flowchart`]}>
        <SessionProvider>
          <Routes>
            <Route
              path="/catalog/:id/flowchart"
              element={
                <RequireSession>
                  <FlowchartPage />
                </RequireSession>
              }
            />
            <Route path="*" element={<p>已离开流程图页面</p>} />
          </Routes>
        </SessionProvider>
      </MemoryRouter>
    </AntApp>
  </ConfigProvider>,
);
