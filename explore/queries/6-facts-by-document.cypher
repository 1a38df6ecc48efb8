// What was read from each document, as a table
// One row per document: its title and source, and the facts read from it (subject, type, object, modality, how many sentences support it).
MATCH (d:Document)
OPTIONAL MATCH (a:Entity)-[r]->(b:Entity)
  WHERE d.id IN coalesce(r.documents, [])
WITH d, a, r, b ORDER BY type(r), a.name, b.name
RETURN d.title AS title, d.source AS source, d.id AS id,
  count(r) AS facts,
  collect(a.name + ' ' + type(r) + ' ' + b.name + ' (' + r.modality + ', ' + r.evidence_count + ' sentences)') AS read
ORDER BY title
