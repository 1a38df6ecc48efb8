// What people decided, as a table
// The audit trail of curation, newest first: who confirmed, rejected, added or merged what, when, why, and whether it was undone. Decisions are Review nodes beside the machine's reading, never edits of it.
MATCH (v:Review)
RETURN v.at AS at, v.by AS by, v.action AS action,
  coalesce(v.subject + ' ' + v.predicate + ' ' + v.object, v.merged + ' into ' + v.keep) AS what,
  v.note AS note, v.undone_at IS NOT NULL AS undone
ORDER BY at DESC
LIMIT 100
