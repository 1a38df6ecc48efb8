// The documents and what was read from each
// Each document with its sentences and the entities they mention; the facts between those entities appear with them.
MATCH p = (d:Document)<-[:IN_DOCUMENT]-(s:Sentence)-[:MENTIONS]->(e:Entity)
RETURN p
