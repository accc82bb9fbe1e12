/**
 * A form over a record that others may change while it is open (another tab, a sync). The form
 * remembers the version it started from; when a newer one arrives, fields the agent has not
 * touched follow it, and fields both sides changed become a conflict for the agent to settle.
 * A save refused as stale (the newer version had not reached this page yet) lands in the same
 * conflict. See utils/db/revision.ts.
 */
import { useEffect, useState } from 'react';
import { changedFields, followLive } from '../db/revision';

export interface LiveConflict<F, R> {
  theirs: F;
  revision: R;
  fields: (keyof F)[];
  /** The agent chose to merge by hand: theirs stays on screen for reference until saved. */
  merging: boolean;
}

const sameRevision = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function useLiveForm<F extends object, R>(stored: F, revision: R) {
  const [form, setForm] = useState(stored);
  const [base, setBase] = useState({ form: stored, revision });
  const [conflict, setConflict] = useState<LiveConflict<F, R> | null>(null);
  const [followed, setFollowed] = useState(false);

  const meet = (theirs: F, theirRevision: R, refused: boolean) => {
    const { form: next, conflicts } = followLive(base.form, form, theirs);
    setFollowed(changedFields(form, next).length > 0);
    setForm(next);
    if (conflicts.length || refused)
      setConflict({
        theirs,
        revision: theirRevision,
        fields: refused ? changedFields(next, theirs) : conflicts,
        merging: false,
      });
    else {
      setBase({ form: theirs, revision: theirRevision });
      setConflict(null);
    }
  };

  useEffect(() => {
    if (sameRevision(revision, base.revision) || (conflict && sameRevision(revision, conflict.revision))) return;
    meet(stored, revision, false);
    // Only a new revision of the record matters here; the form's own state is read as it is now.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [JSON.stringify(revision)]);

  return {
    form,
    /** The agent typed: the "followed" hint is about what others changed, so it goes. */
    setForm(next: F) {
      setFollowed(false);
      setForm(next);
    },
    /** The revision a save states. */
    base: base.revision,
    conflict,
    followed,
    /** The background refused the save as stale and sent the stored version. */
    refused(theirs: F, theirRevision: R) {
      meet(theirs, theirRevision, true);
    },
    /** 保留我的: the form stays; its save now starts from their revision. Returns that revision. */
    keepMine(): R {
      const c = conflict!;
      setBase({ form: c.theirs, revision: c.revision });
      setConflict(null);
      return c.revision;
    },
    /** 采用对方的: the form shows their version. */
    takeTheirs() {
      const c = conflict!;
      setForm(c.theirs);
      setBase({ form: c.theirs, revision: c.revision });
      setConflict(null);
    },
    /** 手动合并: the form keeps mine, theirs stays listed until the next save. */
    merge() {
      const c = conflict!;
      setBase({ form: c.theirs, revision: c.revision });
      setConflict({ ...c, merging: true });
    },
    /** After a save the background confirmed: a merge reference has done its job. */
    saved() {
      if (conflict?.merging) setConflict(null);
    },
  };
}
