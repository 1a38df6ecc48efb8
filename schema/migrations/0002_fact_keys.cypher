// A fact is one relationship MERGEd on its key (a hash of subject, predicate,
// object, modality, origin and identity properties). The uniqueness constraint
// gives the range index the MERGE seeks on and keeps two concurrent loads of
// the same fact from creating two relationships.

CREATE CONSTRAINT member_of_key IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT party_to_key IF NOT EXISTS FOR ()-[r:PARTY_TO]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT partner_in_key IF NOT EXISTS FOR ()-[r:PARTNER_IN]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT hosts_key IF NOT EXISTS FOR ()-[r:HOSTS]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT mediates_key IF NOT EXISTS FOR ()-[r:MEDIATES]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT participates_in_key IF NOT EXISTS FOR ()-[r:PARTICIPATES_IN]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT concerns_key IF NOT EXISTS FOR ()-[r:CONCERNS]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT cooperates_with_key IF NOT EXISTS FOR ()-[r:COOPERATES_WITH]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT invests_in_key IF NOT EXISTS FOR ()-[r:INVESTS_IN]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT in_sector_key IF NOT EXISTS FOR ()-[r:IN_SECTOR]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT located_in_key IF NOT EXISTS FOR ()-[r:LOCATED_IN]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT part_of_key IF NOT EXISTS FOR ()-[r:PART_OF]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT exports_to_key IF NOT EXISTS FOR ()-[r:EXPORTS_TO]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT in_conflict_with_key IF NOT EXISTS FOR ()-[r:IN_CONFLICT_WITH]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT sanctions_key IF NOT EXISTS FOR ()-[r:SANCTIONS]-() REQUIRE r.key IS UNIQUE;
