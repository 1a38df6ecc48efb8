// Claims that disagree with the reference data
// Memberships read from documents that the gazetteer contradicts: another current role (Iran "an SCO observer" while the gazetteer says member), a denied membership the gazetteer holds, or a membership of an organization whose members the gazetteer lists completely and which it lacks. Shown with the reference facts and the sentences behind each claim.
MATCH (a:Entity)-[c:MEMBER_OF]->(o:Organization)
  WHERE c.origin = 'claim' AND c.modality IN ['asserted', 'reported', 'negated']
OPTIONAL MATCH (a)-[ref:MEMBER_OF]->(o)
  WHERE ref.origin = 'reference' AND ref.until IS NULL
WITH a, c, o, collect(ref) AS refs
WITH a, c, o, refs,
  any(x IN refs WHERE c.role IS NULL OR x.role = c.role
    OR (c.role IN ['member', 'founding_member'] AND x.role IN ['member', 'founding_member'])) AS agrees
  WHERE (c.modality = 'negated' AND agrees)
    OR (c.modality <> 'negated' AND size(refs) > 0 AND NOT agrees)
    OR (c.modality <> 'negated' AND size(refs) = 0 AND coalesce(o.members_complete, false))
OPTIONAL MATCH e = (s:Sentence)-[:IN_DOCUMENT]->(:Document)
  WHERE s.id IN c.evidence
RETURN a, c, o, refs, collect(e) AS evidence
