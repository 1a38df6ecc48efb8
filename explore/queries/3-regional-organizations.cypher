// The organizations that tie the region together
// Organizations with at least two member or participant countries that the documents speak of, with each membership's role (from documents and from the gazetteer).
MATCH (c:Country)-[:MEMBER_OF|PARTICIPATES_IN]->(o:Organization)
  WHERE EXISTS { (:Sentence)-[:MENTIONS]->(c) }
WITH o, collect(DISTINCT c) AS countries
  WHERE size(countries) >= 2
MATCH p = (c:Country)-[:MEMBER_OF|PARTICIPATES_IN]->(o)
  WHERE c IN countries
RETURN p
