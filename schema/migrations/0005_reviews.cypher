// Curation: what people decided about the machine's reading, kept beside it.
// Review nodes are the audit trail (one per decision: CONFIRMED, REJECTED,
// ADDED, MERGED, never deleted); a Verdict node is the standing decision on
// one fact, found by the fact's key; a Redirect sends an id merged away to
// the id it was merged into; DocumentText keeps a document's normalised text
// (for adding facts from its sentences and for exporting gold files).

CREATE CONSTRAINT review_id IF NOT EXISTS FOR (n:Review) REQUIRE n.id IS UNIQUE;
CREATE INDEX review_fact IF NOT EXISTS FOR (n:Review) ON (n.fact);
CREATE INDEX review_document IF NOT EXISTS FOR (n:Review) ON (n.document);
CREATE INDEX review_at IF NOT EXISTS FOR (n:Review) ON (n.at);
CREATE CONSTRAINT verdict_fact IF NOT EXISTS FOR (n:Verdict) REQUIRE n.fact IS UNIQUE;
CREATE INDEX verdict_subject IF NOT EXISTS FOR (n:Verdict) ON (n.subject);
CREATE INDEX verdict_object IF NOT EXISTS FOR (n:Verdict) ON (n.object);
CREATE CONSTRAINT redirect_id IF NOT EXISTS FOR (n:Redirect) REQUIRE n.id IS UNIQUE;
CREATE INDEX redirect_to IF NOT EXISTS FOR (n:Redirect) ON (n.to);
CREATE CONSTRAINT document_text_id IF NOT EXISTS FOR (n:DocumentText) REQUIRE n.document IS UNIQUE;
