// Range indexes for the properties queries filter on.

CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);
CREATE INDEX entity_reference IF NOT EXISTS FOR (n:Entity) ON (n.reference);
CREATE INDEX document_published_at IF NOT EXISTS FOR (n:Document) ON (n.published_at);
CREATE INDEX sentence_document IF NOT EXISTS FOR (n:Sentence) ON (n.document);
CREATE INDEX member_of_origin_modality IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() ON (r.origin, r.modality);
CREATE INDEX party_to_origin_modality IF NOT EXISTS FOR ()-[r:PARTY_TO]-() ON (r.origin, r.modality);
CREATE INDEX partner_in_origin_modality IF NOT EXISTS FOR ()-[r:PARTNER_IN]-() ON (r.origin, r.modality);
CREATE INDEX hosts_origin_modality IF NOT EXISTS FOR ()-[r:HOSTS]-() ON (r.origin, r.modality);
CREATE INDEX mediates_origin_modality IF NOT EXISTS FOR ()-[r:MEDIATES]-() ON (r.origin, r.modality);
CREATE INDEX participates_in_origin_modality IF NOT EXISTS FOR ()-[r:PARTICIPATES_IN]-() ON (r.origin, r.modality);
CREATE INDEX concerns_origin_modality IF NOT EXISTS FOR ()-[r:CONCERNS]-() ON (r.origin, r.modality);
CREATE INDEX cooperates_with_origin_modality IF NOT EXISTS FOR ()-[r:COOPERATES_WITH]-() ON (r.origin, r.modality);
CREATE INDEX invests_in_origin_modality IF NOT EXISTS FOR ()-[r:INVESTS_IN]-() ON (r.origin, r.modality);
CREATE INDEX in_sector_origin_modality IF NOT EXISTS FOR ()-[r:IN_SECTOR]-() ON (r.origin, r.modality);
CREATE INDEX located_in_origin_modality IF NOT EXISTS FOR ()-[r:LOCATED_IN]-() ON (r.origin, r.modality);
CREATE INDEX part_of_origin_modality IF NOT EXISTS FOR ()-[r:PART_OF]-() ON (r.origin, r.modality);
CREATE INDEX exports_to_origin_modality IF NOT EXISTS FOR ()-[r:EXPORTS_TO]-() ON (r.origin, r.modality);
CREATE INDEX in_conflict_with_origin_modality IF NOT EXISTS FOR ()-[r:IN_CONFLICT_WITH]-() ON (r.origin, r.modality);
CREATE INDEX sanctions_origin_modality IF NOT EXISTS FOR ()-[r:SANCTIONS]-() ON (r.origin, r.modality);
