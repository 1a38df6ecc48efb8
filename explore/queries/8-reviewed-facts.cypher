// Reviewed facts with their verdicts
// Each fact people confirmed (green), added (green, its relationship of origin "person") or rejected (red) with its two ends, and the verdict beside it. Rejected facts are hidden from the API's lists unless includeRejected is set; here they stay visible, marked.
MATCH (c:Verdict)
MATCH (s:Entity {id: c.subject})-[r {key: c.fact}]->(o:Entity {id: c.object})
RETURN s, r, o, c
LIMIT 100
