import { focusFirstField, SiteHeader } from '../app/SiteHeader';
import { ContinueAs, JoinForm, seatForCode } from './JoinForm';

/**
 * Where a join link lands: the code is filled in, the name is all that is left. A browser that already holds a seat
 * in that drill is asked first whether to continue as that person (the usual case: someone opened the link again).
 */
export function JoinPage({ code }: { code?: string }) {
  const existing = code ? seatForCode(code) : undefined;
  return (
    <>
      <SiteHeader skipTo={existing ? undefined : { href: '#join-form', label: 'Skip to the join form', onClick: focusFirstField('#join-form') }} />
      <main id="main" className="page page-narrow">
        <div className="panel join-panel">
          <h1>Join a drill</h1>
          {existing ? (
            <>
              <ContinueAs drillId={existing.drillId} name={existing.seat.name} autoFocus />
              <details className="join-other">
                <summary>Join as someone else</summary>
                <p className="muted small">This browser would then sit as a new participant; {existing.seat.name}’s seat stays
                  in the drill (the facilitator can merge or remove it).</p>
                <JoinForm initialCode={code} id="join-form" offerContinue={false} />
              </details>
            </>
          ) : (
            <>
              <p className="muted">You will claim a role in the lobby once you are in. Nothing you do here touches real systems.</p>
              <JoinForm initialCode={code} autoFocusName={!!code} id="join-form" />
            </>
          )}
        </div>
      </main>
    </>
  );
}
