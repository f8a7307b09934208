import { SiteHeader } from '../app/SiteHeader';
import { JoinForm } from './JoinForm';

/** Where a join link lands: the code is filled in, the name is all that is left. */
export function JoinPage({ code }: { code?: string }) {
  return (
    <>
      <SiteHeader />
      <main id="main" className="page page-narrow">
        <div className="panel join-panel">
          <h1>Join a drill</h1>
          <p className="muted">You will claim a role in the lobby once you are in. Nothing you do here touches real systems.</p>
          <JoinForm initialCode={code} autoFocusName={!!code} />
        </div>
      </main>
    </>
  );
}
