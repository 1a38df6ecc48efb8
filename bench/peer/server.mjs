// The peer of the diplograph benchmark: the same graph served by
// @neo4j/graphql 7 over plain node:http (no framework overhead), written the
// way the library's documentation recommends: @node types with @relationship
// fields whose edge properties are a @relationshipProperties type, *Connection
// fields for edges with properties and counts, and @cypher for what the
// generated API cannot express (bilateral facts, variable-length
// neighbourhoods, full-text search across names and evidence, custom ingest).
//
// Environment: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE, PORT.
import http from "node:http";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";
import { graphql } from "graphql";

const fact = `@relationship(direction: OUT, properties: "Fact"`;

// Outgoing facts of an actor (Country or Organization), one field per predicate.
const actorFacts = `
  memberOf: [Organization!]! ${fact}, type: "MEMBER_OF")
  partyTo: [Agreement!]! ${fact}, type: "PARTY_TO")
  partnerIn: [Project!]! ${fact}, type: "PARTNER_IN")
  hosts: [Process!]! ${fact}, type: "HOSTS")
  mediates: [Process!]! ${fact}, type: "MEDIATES")
  participatesIn: [Entity!]! ${fact}, type: "PARTICIPATES_IN")
  cooperatesWith: [Entity!]! ${fact}, type: "COOPERATES_WITH")
  investsIn: [Entity!]! ${fact}, type: "INVESTS_IN")
  exportsTo: [Entity!]! ${fact}, type: "EXPORTS_TO")
  inConflictWith: [Entity!]! ${fact}, type: "IN_CONFLICT_WITH")
  sanctions: [Entity!]! ${fact}, type: "SANCTIONS")`;

const entityFields = `
  id: ID!
  name: String
  aliases: [String!]
  kind: String`;

const rels = "MEMBER_OF|PARTY_TO|PARTNER_IN|HOSTS|MEDIATES|PARTICIPATES_IN|CONCERNS|COOPERATES_WITH|INVESTS_IN|IN_SECTOR|LOCATED_IN|PART_OF|EXPORTS_TO|IN_CONFLICT_WITH|SANCTIONS";

export const typeDefs = `#graphql
interface Entity {${entityFields}
}

type Fact @relationshipProperties {
  key: String
  origin: String
  modality: String
  confidence: Float
  evidence: [String!]
  documents: [String!]
  evidence_count: Int
  role: String
}

type Country implements Entity @node(labels: ["Country", "Entity"]) {${entityFields}${actorFacts}
  locatedIn: [Region!]! ${fact}, type: "LOCATED_IN")
}

type Organization implements Entity @node(labels: ["Organization", "Entity"]) {${entityFields}${actorFacts}
  partOf: [Organization!]! ${fact}, type: "PART_OF")
}

type Region implements Entity @node(labels: ["Region", "Entity"]) {${entityFields}
}
type Sector implements Entity @node(labels: ["Sector", "Entity"]) {${entityFields}
}
type Agreement implements Entity @node(labels: ["Agreement", "Entity"]) {${entityFields}
}
type Project implements Entity @node(labels: ["Project", "Entity"]) {${entityFields}
}
type Process implements Entity @node(labels: ["Process", "Entity"]) {${entityFields}
}

type BilateralFact {
  key: String!
  subject: ID!
  predicate: String!
  object: ID!
  modality: String
  evidence: [String!]!
}

type SearchHit {
  score: Float!
  "The entity whose name matched, or null for a sentence hit."
  entity: ID
  "The sentence id that matched, or null for an entity hit."
  sentence: ID
  "Entities the matching sentence mentions."
  mentions: [ID!]!
}

type Query {
  "All facts between two actors, either direction, with their evidence sentences."
  bilateral(a: ID!, b: ID!): [BilateralFact!]!
    @cypher(
      statement: """
      MATCH (x:Entity {id: $a})-[r:${rels}]-(y:Entity {id: $b})
      CALL (r) {
        UNWIND r.evidence AS sid
        MATCH (s:Sentence {id: sid})
        RETURN collect(s.text) AS texts
      }
      RETURN {key: r.key, subject: startNode(r).id, predicate: type(r), object: endNode(r).id,
              modality: r.modality, evidence: texts} AS fact
      """
      columnName: "fact"
    )
  "Entities within two memberships of an entity (variable length: Cypher)."
  neighbors(id: ID!): [Entity!]!
    @cypher(
      statement: """
      MATCH (o:Entity {id: $id})-[:MEMBER_OF*1..2]-(n:Entity)
      WHERE n <> o
      RETURN DISTINCT n
      """
      columnName: "n"
    )
  "Full-text search over names and aliases and over evidence sentences, best score first."
  search(query: String!, first: Int!): [SearchHit!]!
    @cypher(
      statement: """
      CALL () {
        CALL db.index.fulltext.queryNodes('entity_names', $query, {limit: $first}) YIELD node, score
        RETURN score, node.id AS entity, null AS sentence, [] AS mentions
        UNION ALL
        CALL db.index.fulltext.queryNodes('sentence_text', $query, {limit: $first}) YIELD node, score
        RETURN score, null AS entity, node.id AS sentence,
               COLLECT { MATCH (node)-[:MENTIONS]->(m:Entity) RETURN m.id ORDER BY m.id } AS mentions
      }
      WITH score, entity, sentence, mentions ORDER BY score DESC, coalesce(entity, sentence) LIMIT $first
      RETURN {score: score, entity: entity, sentence: sentence, mentions: mentions} AS hit
      """
      columnName: "hit"
    )
}

input IngestFact {
  key: String!
  subject: ID!
  object: ID!
  modality: String!
  confidence: Float!
  sentence: String!
}
input IngestSentence {
  id: ID!
  text: String!
  start: Int!
  end: Int!
  mentions: [ID!]!
}

type Mutation {
  "Writes one already-extracted document: the document, its sentences and its facts (MERGEd on key)."
  ingestDocument(id: ID!, title: String!, sentences: [IngestSentence!]!, facts: [IngestFact!]!): ID
    @cypher(
      statement: """
      MERGE (d:Document {id: $id}) SET d.title = $title
      WITH d
      CALL (d) {
        UNWIND $sentences AS s
        MERGE (x:Sentence {id: s.id})
        SET x.document = d.id, x.text = s.text, x.start = s.start, x.end = s.end
        MERGE (x)-[:IN_DOCUMENT]->(d)
        WITH x, s UNWIND s.mentions AS m
        MATCH (e:Entity {id: m})
        MERGE (x)-[:MENTIONS]->(e)
      }
      CALL (d) {
        UNWIND $facts AS f
        MATCH (a:Entity {id: f.subject}), (b:Entity {id: f.object})
        MERGE (a)-[r:COOPERATES_WITH {key: f.key}]->(b)
        ON CREATE SET r.origin = 'claim', r.modality = f.modality, r.confidence = f.confidence,
                      r.evidence = [f.sentence], r.documents = [d.id], r.evidence_count = 1
        ON MATCH SET r.confidence = CASE WHEN f.confidence > r.confidence THEN f.confidence ELSE r.confidence END,
                     r.evidence = CASE WHEN f.sentence IN r.evidence THEN r.evidence ELSE r.evidence + f.sentence END,
                     r.documents = CASE WHEN d.id IN r.documents THEN r.documents ELSE r.documents + d.id END,
                     r.evidence_count = size(r.evidence)
      }
      RETURN d.id AS id
      """
      columnName: "id"
    )
}
`;

async function main() {
  const driver = neo4j.driver(
    process.env.NEO4J_URI ?? "bolt://127.0.0.1:7687",
    neo4j.auth.basic(process.env.NEO4J_USER ?? "neo4j", process.env.NEO4J_PASSWORD ?? ""),
  );
  const database = process.env.NEO4J_DATABASE ?? "neo4j";
  const lib = new Neo4jGraphQL({ typeDefs, driver });
  const schema = await lib.getSchema();
  const port = Number(process.env.PORT ?? 4000);

  const server = http.createServer((req, res) => {
    if (req.method === "GET" && req.url === "/health") {
      res.writeHead(200).end("ok");
      return;
    }
    if (req.method !== "POST") {
      res.writeHead(405).end();
      return;
    }
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", async () => {
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        res.writeHead(400, { "content-type": "application/json" }).end('{"errors":[{"message":"bad JSON"}]}');
        return;
      }
      const result = await graphql({
        schema,
        source: body.query,
        variableValues: body.variables,
        operationName: body.operationName,
        contextValue: { sessionConfig: { database } },
      });
      const out = JSON.stringify(result);
      res.writeHead(200, { "content-type": "application/json" }).end(out);
    });
  });
  server.keepAliveTimeout = 65000;
  server.listen(port, "127.0.0.1", () => console.log(`peer listening on http://127.0.0.1:${port}/graphql`));
  const stop = async () => {
    server.close();
    await driver.close();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
