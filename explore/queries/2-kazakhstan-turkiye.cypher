// Kazakhstan and Türkiye, with the evidence
// The facts between KZ and TR, and the agreements, projects, processes and organizations both are tied to; each fact with the sentences it was read from (Sentence -IN_DOCUMENT-> Document).
MATCH p = (:Country {id: 'KZ'})-[r]-(:Country {id: 'TR'})
OPTIONAL MATCH e = (s:Sentence)-[:IN_DOCUMENT]->(:Document)
  WHERE s.id IN coalesce(r.evidence, [])
RETURN p, collect(e) AS evidence
UNION
MATCH p = (:Country {id: 'KZ'})-[ra]->(x:Entity)<-[rb]-(:Country {id: 'TR'})
  WHERE x:Agreement OR x:Project OR x:Process OR x:Organization
OPTIONAL MATCH e = (s:Sentence)-[:IN_DOCUMENT]->(:Document)
  WHERE s.id IN coalesce(ra.evidence, []) + coalesce(rb.evidence, [])
RETURN p, collect(e) AS evidence
