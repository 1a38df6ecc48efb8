// Kazakhstan's neighbourhood
// Everything Kazakhstan is directly tied to, from documents (origin "claim", with evidence) and from the gazetteer (origin "reference"), and the other parties of its agreements, projects and processes.
MATCH (kz:Country {id: 'KZ'})-[r]-(n:Entity)
OPTIONAL MATCH (n)<-[r2]-(party:Entity)
  WHERE (n:Agreement OR n:Project OR n:Process) AND party <> kz
RETURN kz, r, n, r2, party
